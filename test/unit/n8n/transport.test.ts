import { NodeApiError, type IExecuteFunctions, type IHttpRequestOptions } from 'n8n-workflow';

import { GatewayError } from '../../../gateways/errors';
import { N8nTransport, toHttpResponse } from '../../../nodes/shared/N8nTransport';
import { fullResponse, NODE } from './fakes';

function contextWith(helper: (type: string, options: IHttpRequestOptions) => Promise<unknown>): IExecuteFunctions {
	return { helpers: { httpRequestWithAuthentication: helper } } as unknown as IExecuteFunctions;
}

describe('N8nTransport', () => {
	test('asks n8n for the full text response of every status, with the credential type', async () => {
		const seen: Array<[string, IHttpRequestOptions]> = [];
		const transport = new N8nTransport(
			contextWith(async (type, options) => {
				seen.push([type, options]);
				return fullResponse(429, 'slow down', { 'Retry-After': '2', 'Set-Cookie': ['a=1', 'b=2'] });
			}),
			'clickSendApi',
			'clicksend',
		);
		const response = await transport.send({ method: 'POST', url: 'http://gw/x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
		expect(response).toEqual({ status: 429, headers: { 'retry-after': '2', 'set-cookie': 'a=1, b=2' }, body: 'slow down' });
		expect(seen[0][0]).toBe('clickSendApi');
		expect(seen[0][1]).toMatchObject({
			method: 'POST',
			url: 'http://gw/x',
			body: 'a=1',
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		});
	});

	test('a refused connection wrapped by n8n becomes NETWORK with delivery "no" and no request details', async () => {
		const axiosLike = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9 body=password=secret'), { code: 'ECONNREFUSED' });
		const wrapped = new NodeApiError(NODE, axiosLike as never);
		const transport = new N8nTransport(contextWith(async () => Promise.reject(wrapped)), 'clickatellHttpApi', 'clickatell-http');
		const error = (await transport.send({ method: 'POST', url: 'http://gw', headers: {} }).catch((thrown: unknown) => thrown)) as GatewayError;
		expect(error).toBeInstanceOf(GatewayError);
		expect(error).toMatchObject({ code: 'NETWORK', delivery: 'no', retryable: true, provider: 'clickatell-http' });
		expect(error.message).not.toContain('secret');
	});

	test('a connection reset after sending is NETWORK with delivery "unknown" (never retried)', async () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const transport = new N8nTransport(contextWith(async () => Promise.reject(reset)), 'clickSendApi', 'clicksend');
		const error = (await transport.send({ method: 'POST', url: 'http://gw', headers: {} }).catch((thrown: unknown) => thrown)) as GatewayError;
		expect(error).toMatchObject({ code: 'NETWORK', delivery: 'unknown', retryable: false });
	});

	test('toHttpResponse keeps text bodies and turns an already parsed body back into its JSON text', () => {
		expect(toHttpResponse(fullResponse(200, 'Credit: 5')).body).toBe('Credit: 5');
		expect(toHttpResponse({ statusCode: 200, headers: {}, body: { data: { balance: 1 } }, statusMessage: '' } as never).body).toBe('{"data":{"balance":1}}');
	});
});
