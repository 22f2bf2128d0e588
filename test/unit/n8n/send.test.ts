/**
 * The Send custom operation of both nodes, run against the in-process sandbox through N8nTransport
 * and the credentials' own `authenticate`, with a fake n8n execution context.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type IHttpRequestOptions } from 'n8n-workflow';

import { ClickatellHttpApi } from '../../../credentials/ClickatellHttpApi.credentials';
import { ClickatellRestApi } from '../../../credentials/ClickatellRestApi.credentials';
import { ClickSendApi } from '../../../credentials/ClickSendApi.credentials';
import { sendMessages as clickatellSend } from '../../../nodes/Clickatell/GenericFunctions';
import { sendMessages as clickSendSend } from '../../../nodes/ClickSend/GenericFunctions';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { authenticatedFetch, executeContext, formOf } from './fakes';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, timeFactor: 0.001, clicksendThrottleMs: 0 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const restBearer = async (data: IDataObject, options: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
	// The generic authenticate of ClickatellRestApi, resolved the way n8n resolves its expression.
	expect(new ClickatellRestApi().authenticate.properties.headers).toEqual({ Authorization: '=Bearer {{$credentials.authToken.trim()}}' });
	return { ...options, headers: { ...options.headers, Authorization: `Bearer ${String(data.authToken).trim()}` } };
};

function httpApi(authMode: 'session' | 'perRequest', items: IDataObject[], continueOnFail = false) {
	const data = { apiId: '3500001', username: 'demo', password: 'demo-password', authMode, baseUrl: sandbox.url };
	return executeContext({
		items: items.map((item) => ({ authentication: 'clickatellHttpApi', ...item })),
		credentials: data,
		continueOnFail,
		server: authenticatedFetch(new ClickatellHttpApi().authenticate as never, data),
	});
}

function messagesSent(): Array<{ to: string; text: string; provider: string }> {
	return [...sandbox.state.messages.values()] as unknown as Array<{ to: string; text: string; provider: string }>;
}

describe('Clickatell HTTP send', () => {
	test('items sharing a text share a request; one output item per recipient, paired with its item', async () => {
		const { context, requests } = httpApi('session', [
			{ to: '27999100001, 27999100002', text: 'Same text' },
			{ to: '27999100003', text: 'Same text' },
			{ to: ['27999100004'], text: 'Ünïcödé ✓' },
		]);
		const [output] = await clickatellSend.call(context);
		expect(output.map((item) => [item.json.to, item.pairedItem])).toEqual([
			['27999100001', { item: 0 }],
			['27999100002', { item: 0 }],
			['27999100003', { item: 1 }],
			['27999100004', { item: 2 }],
		]);
		expect(output[3].json).toMatchObject({ encoding: 'UCS-2', parts: 1 });
		expect(output[0].json).toMatchObject({ type: 'message.sent', encoding: 'GSM-7', parts: 1 });
		// Session mode: one auth for the execution, then two sendmsg requests (two distinct texts).
		const commands = requests.map((request) => new URL(request.options.url as string).pathname);
		expect(commands.filter((path) => path === '/http/auth')).toHaveLength(1);
		expect(commands.filter((path) => path === '/http/sendmsg')).toHaveLength(2);
		expect(requests.every((request) => request.credentialType === 'clickatellHttpApi')).toBe(true);
		const sendBodies = requests.filter((request) => String(request.options.url).endsWith('/http/sendmsg')).map(formOf);
		// Session requests carry the session id, never the password.
		expect(sendBodies.every((form) => form.has('session_id') && !form.has('password'))).toBe(true);
		expect(messagesSent()).toHaveLength(4);
	});

	test('per-request mode sends api_id, user and password with each call and opens no session', async () => {
		const { context, requests } = httpApi('perRequest', [{ to: '27999100001', text: 'Hi' }]);
		await clickatellSend.call(context);
		expect(requests).toHaveLength(1);
		const form = formOf(requests[0]);
		expect([form.get('api_id'), form.get('user'), form.get('password'), form.has('session_id')]).toEqual(['3500001', 'demo', 'demo-password', false]);
	});

	test('Continue On Fail: an invalid number and a refused number are error items; the rest is sent', async () => {
		const { context } = httpApi('session', [{ to: '27999100001, 0821234567, 9991140000', text: 'Mixed' }, { to: '27999100002', text: 'Mixed' }], true);
		const [output] = await clickatellSend.call(context);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ type: 'message.sent', to: '27999100001' });
		expect(output[1].json).toMatchObject({ provider: 'local', providerCode: 'INVALID_INPUT', field: 'to', to: '0821234567', delivery: 'no' });
		expect(String(output[1].json.error)).toMatch(/national number/);
		expect(output[2].json).toMatchObject({ provider: 'clickatell-http', providerCode: '114', providerText: 'Cannot route message', to: '9991140000' });
		expect(output[3].json).toMatchObject({ type: 'message.sent', to: '27999100002' });
		expect(messagesSent().map((message) => message.to).sort()).toEqual(['27999100001', '27999100002']);
	});

	test('without Continue On Fail the first failed recipient stops the node and says how many were accepted', async () => {
		const { context } = httpApi('session', [{ to: '27999100001, 9991140000', text: 'Mixed' }]);
		const error = await clickatellSend.call(context).then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('Clickatell HTTP API error 114: Cannot route message (recipient 9991140000)');
		expect((error as NodeApiError).description).toContain('1 of 2 recipients were accepted and 1 failed');
	});

	test('without Continue On Fail an invalid number stops the node before anything is sent', async () => {
		const { context, requests } = httpApi('perRequest', [{ to: '27999100001', text: 'A' }, { to: '27999100002, 12', text: 'B' }]);
		await expect(clickatellSend.call(context)).rejects.toThrow(/'to': '12' has 2 digits/);
		expect(requests).toHaveLength(0);
		expect(messagesSent()).toHaveLength(0);
	});

	test('a bad option fails its item before anything is sent, naming the field', async () => {
		const { context, requests } = httpApi('session', [{ to: '27999100001', text: 'Hi', options: { maxParts: 9 } }]);
		const error = await clickatellSend.call(context).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/'options\.maxParts'/);
		expect(requests).toHaveLength(0);
	});

	test('an option the HTTP API lacks is refused for that item only (Continue On Fail)', async () => {
		const { context } = httpApi('session', [{ to: '27999100001', text: 'A', options: { bypassDnc: true } }, { to: '27999100002', text: 'B' }], true);
		const [output] = await clickatellSend.call(context);
		expect(output[0]).toMatchObject({ json: { field: 'options.bypassDnc' }, pairedItem: { item: 0 } });
		expect(String(output[0].json.error)).toContain('not supported by the Clickatell HTTP API');
		expect(output[1].json).toMatchObject({ type: 'message.sent', to: '27999100002' });
	});

	test('an empty text or recipient list names the field', async () => {
		for (const [item, field] of [
			[{ to: '27999100001', text: '  ' }, 'text'],
			[{ to: ' , ', text: 'Hi' }, 'to'],
			[{ to: '27999100001', text: 'Hi', options: { scheduledAt: 'tomorrow-ish' } }, 'options.scheduledAt'],
		] as const) {
			const { context } = httpApi('session', [item]);
			await expect(clickatellSend.call(context)).rejects.toThrow(new RegExp(`'${field.replace('.', '\\.')}'`));
		}
	});

	test('a 503 is retried (nothing was processed) and the message goes out once', async () => {
		sandbox.faults.add({ kind: '503', api: 'clickatell-http', route: 'sendmsg', count: 1 });
		const { context, requests } = httpApi('perRequest', [{ to: '27999100009', text: 'Retry me' }]);
		const [output] = await clickatellSend.call(context);
		expect(output).toHaveLength(1);
		expect(output[0].json.type).toBe('message.sent');
		expect(requests.filter((request) => String(request.options.url).endsWith('/http/sendmsg'))).toHaveLength(2);
		expect(messagesSent()).toHaveLength(1);
	});
});

describe('Clickatell REST send', () => {
	test('sends through the REST client with the Bearer header added by the credential', async () => {
		const data = { authToken: ' demo-rest-token ', baseUrl: sandbox.url };
		const { context, requests } = executeContext({
			items: [{ authentication: 'clickatellRestApi', to: '27999100001, 27999100002', text: 'REST', options: { bypassDnc: true, clientReference: 'ref1' } }],
			credentials: data,
			server: authenticatedFetch(restBearer, data),
		});
		const [output] = await clickatellSend.call(context);
		expect(output.map((item) => item.json.provider)).toEqual(['clickatell-rest', 'clickatell-rest']);
		expect(requests).toHaveLength(1);
		expect(JSON.parse(String(requests[0].options.body))).toMatchObject({ to: ['27999100001', '27999100002'], bypassDNCCheck: 1, clientMessageId: 'ref1' });
	});
});

describe('ClickSend send', () => {
	test('sends with username and key in the form and reports each recipient', async () => {
		const data = { username: 'demo', apiKey: 'demo-key', baseUrl: sandbox.url };
		const { context, requests } = executeContext({
			items: [
				{ to: ['+61411111111', '+61400000001'], text: 'Hello', options: { from: 'Shop', clientReference: 'c1' } },
				{ to: '+61400000002', text: 'Hello', options: { from: 'Shop', clientReference: 'c1' } },
			],
			credentials: data,
			server: authenticatedFetch(new ClickSendApi().authenticate as never, data),
		});
		const [output] = await clickSendSend.call(context);
		expect(output.map((item) => [item.json.to, item.pairedItem])).toEqual([
			['+61411111111', { item: 0 }],
			['+61400000001', { item: 0 }],
			['+61400000002', { item: 1 }],
		]);
		expect(requests).toHaveLength(1);
		const form = formOf(requests[0]);
		expect(form.get('to')).toBe('+61411111111,+61400000001,+61400000002');
		expect([form.get('username'), form.get('key')]).toEqual(['demo', 'demo-key']);
	});
});

describe('bulk sending settings', () => {
	test('a bad setting is refused naming the field, before anything is sent', async () => {
		const { context, requests } = httpApi('perRequest', [{ to: '27999100001', text: 'Hi', sending: { parallelRequests: 0 } }]);
		await expect(clickatellSend.call(context)).rejects.toThrow(/'sending\.parallelRequests'/);
		expect(requests).toHaveLength(0);
	});

	test.each([1, 3])('at most %i send requests are in flight (Parallel Requests)', async (parallel) => {
		const data = { apiId: '3500001', username: 'demo', password: 'demo-password', authMode: 'perRequest', baseUrl: sandbox.url };
		const send = authenticatedFetch(new ClickatellHttpApi().authenticate as never, data);
		let inFlight = 0;
		let most = 0;
		const texts = ['A', 'B', 'C', 'D', 'E', 'F'];
		const { context, requests } = executeContext({
			items: texts.map((text, index) => ({ authentication: 'clickatellHttpApi', to: `2799910000${index}`, text, sending: { parallelRequests: parallel } })),
			credentials: data,
			server: async (request) => {
				inFlight++;
				most = Math.max(most, inFlight);
				await new Promise((wait) => setTimeout(wait, 20));
				try {
					return await send(request);
				} finally {
					inFlight--;
				}
			},
		});
		const [output] = await clickatellSend.call(context);
		expect(output.map((item) => item.json.text)).toEqual(texts);
		expect(requests).toHaveLength(6);
		expect(most).toBe(parallel);
	});
});
