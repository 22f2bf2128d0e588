import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { Clickatell } from '../../../nodes/Clickatell/Clickatell.node';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { DEMO_CREDENTIALS } from '../../../sandbox/config';
import { authenticatedFetch, executeContext } from './fakes';

/**
 * The Clickatell node (version 2) on the Portal APIs against the sandbox, over real HTTP: the operations
 * PORTAL_OPERATIONS confirms, the credential's Integration Type, and errors as items with Clickatell's code.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, timeFactor: 0.001 });
});
afterAll(async () => await sandbox.close());

const node = new Clickatell();
const KEY = DEMO_CREDENTIALS.clickatellPortal.apiKey;

/** What n8n's generic authenticate of the Portal credential does: the key, bare, in Authorization. */
const portalHeader = async (data: IDataObject, options: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
	...options,
	headers: { ...options.headers, Authorization: String(data.apiKey).trim() },
});

function portalNode(items: IDataObject[], credentials: IDataObject = {}, continueOnFail = false) {
	const data = { apiKey: KEY, integrationType: 'rest', baseUrl: sandbox.url, ...credentials };
	const { context, requests } = executeContext({ items, credentials: data, continueOnFail, server: authenticatedFetch(portalHeader, data) });
	const getNode = context.getNode.bind(context);
	Object.assign(context, { getNode: () => ({ ...getNode(), typeVersion: 2 }) });
	return { context: context as IExecuteFunctions, requests };
}

describe('Clickatell node v2 on the Portal', () => {
	test('One API: one POST /v1/message for a list, then the status of each message', async () => {
		const send = portalNode([{ api: 'clickatell-one', resource: 'message', operation: 'send', to: '27999123456, 27999123457', text: 'Hi' }]);
		const [sent] = await node.customOperations.message.send.call(send.context);
		expect(sent.map((item) => [item.json.provider, item.json.to])).toEqual([
			['clickatell-one', '27999123456'],
			['clickatell-one', '27999123457'],
		]);
		expect(send.requests.map((request) => `${request.options.method} ${new URL(request.options.url).pathname}`)).toEqual(['POST /v1/message']);
		const status = portalNode(sent.map((item) => ({ api: 'clickatell-one', resource: 'message', operation: 'getStatus', messageId: item.json.messageId })));
		const [statuses] = await node.customOperations.message.getStatus.call(status.context);
		expect(statuses.map((item) => item.json.messageId)).toEqual(sent.map((item) => item.json.messageId));
		for (const request of [...send.requests, ...status.requests]) expect(request.options.url).not.toContain(KEY);
	});

	test('Platform SMS API: send and balance; a REST integration sends a list in one POST /messages', async () => {
		const send = portalNode([{ api: 'clickatell-platform', resource: 'message', operation: 'send', to: '27999123458, 27999123459', text: 'Hi', options: { validityMinutes: 60 } }]);
		const [sent] = await node.customOperations.message.send.call(send.context);
		expect(sent.map((item) => item.json.provider)).toEqual(['clickatell-platform', 'clickatell-platform']);
		expect(send.requests.map((request) => `${request.options.method} ${new URL(request.options.url).pathname}`)).toEqual(['POST /messages']);
		const balance = portalNode([{ api: 'clickatell-platform', resource: 'account', operation: 'getBalance' }]);
		const [[item]] = await node.customOperations.account.getBalance.call(balance.context);
		expect(item.json).toMatchObject({ provider: 'clickatell-platform', currency: 'ZAR' });
	});

	test('an HTTP integration sends one GET /messages/http/send per number', async () => {
		const send = portalNode([{ api: 'clickatell-platform', resource: 'message', operation: 'send', to: '27999123460, 27999123461', text: 'Hi' }], { integrationType: 'http' });
		const [sent] = await node.customOperations.message.send.call(send.context);
		expect(sent.map((item) => item.json.to)).toEqual(['27999123460', '27999123461']);
		expect(send.requests.map((request) => `${request.options.method} ${new URL(request.options.url).pathname}`)).toEqual(['GET /messages/http/send', 'GET /messages/http/send']);
	});

	test("a wrong key: with Continue On Fail, one error item per recipient with Clickatell's code, nothing echoing the key", async () => {
		const send = portalNode([{ api: 'clickatell-one', resource: 'message', operation: 'send', to: '27999123462', text: 'Hi' }], { apiKey: 'wrong-portal-key-0123' }, true);
		const [items] = await node.customOperations.message.send.call(send.context);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ provider: 'clickatell-one', to: '27999123462', certainlyNotSent: true });
		expect(typeof items[0].json.providerCode).toBe('string');
		expect(JSON.stringify(items[0].json)).not.toContain('wrong-portal-key-0123');
	});

	test('an operation the Portal API lacks (edited by hand) is an error item naming the operation, without a request', async () => {
		const lookup = portalNode([{ api: 'clickatell-one', resource: 'account', operation: 'getBalance' }], {}, true);
		const [[item]] = await node.customOperations.account.getBalance.call(lookup.context);
		expect(item.json).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'operation' });
		expect(lookup.requests).toHaveLength(0);
	});
});
