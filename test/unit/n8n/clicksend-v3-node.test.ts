import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ClickSendApi } from '../../../credentials/ClickSendApi.credentials';
import { ClickSendV3Client } from '../../../gateways/clicksend-v3';
import { FetchTransport } from '../../../gateways/transport';
import { ClickSend } from '../../../nodes/ClickSend/ClickSend.node';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { DEMO_CREDENTIALS } from '../../../sandbox/config';
import { authenticatedFetch, executeContext, NODE } from './fakes';

/**
 * The ClickSend node (version 2) on REST API v3 against the sandbox, over real HTTP through the ClickSend
 * credential's own authenticate: Return All pages through ClickSend's lists, Limit asks for one page,
 * and the API parameter decides which API a custom operation calls.
 */
let sandbox: Sandbox;
const SENT = 130;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, timeFactor: 0.001, clicksendThrottleMs: 0 });
	const client = new ClickSendV3Client({
		credentials: { username: DEMO_CREDENTIALS.clicksend.username, key: DEMO_CREDENTIALS.clicksend.key, baseUrl: sandbox.url },
		transport: new FetchTransport({ provider: 'clicksend-v3', timeoutMs: 10_000 }),
	});
	// More than one page of 100: one request of 130 recipients.
	const to = Array.from({ length: SENT }, (_, index) => `+614000${String(10_000 + index)}`);
	const outcomes = await client.send({ to, text: 'Paging test' });
	expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
});
afterAll(async () => await sandbox.close());

const node = new ClickSend();

function v2Node(items: IDataObject[], continueOnFail = false): { context: IExecuteFunctions; requests: Array<{ options: { url: string } }> } {
	const data = { username: DEMO_CREDENTIALS.clicksend.username, apiKey: DEMO_CREDENTIALS.clicksend.key, baseUrl: sandbox.url };
	const { context, requests } = executeContext({ items, credentials: data, continueOnFail, server: authenticatedFetch(new ClickSendApi().authenticate as never, data) });
	const getNode = context.getNode.bind(context);
	Object.assign(context, { getNode: () => ({ ...getNode(), typeVersion: 2 }) });
	return { context, requests: requests as never };
}

describe('ClickSend node v2 on REST API v3', () => {
	test('Return All reads every page of the history', async () => {
		const { context, requests } = v2Node([{ api: 'clicksend-v3', resource: 'message', operation: 'getHistory', returnAll: true }]);
		const [items] = await node.customOperations.message.getHistory.call(context);
		expect(items.filter((item) => item.json.text === 'Paging test')).toHaveLength(SENT);
		expect(requests.length).toBeGreaterThanOrEqual(2);
		for (const request of requests) expect(request.options.url).toMatch(/\/v3\/sms\/history\?/);
	});

	test('Limit asks for one page of that size', async () => {
		const { context, requests } = v2Node([{ api: 'clicksend-v3', resource: 'message', operation: 'getHistory', returnAll: false, limit: 7 }]);
		const [items] = await node.customOperations.message.getHistory.call(context);
		expect(items).toHaveLength(7);
		expect(requests).toHaveLength(1);
		expect(requests[0].options.url).toMatch(/limit=7/);
	});

	test('the same operation on HTTP API v2 calls history.php', async () => {
		const { context, requests } = v2Node([{ api: 'clicksend', resource: 'message', operation: 'getHistory' }]);
		await node.customOperations.message.getHistory.call(context);
		expect(requests.map((request) => request.options.url)).toEqual([expect.stringMatching(/\/http\/v2\/history\.php/)]);
	});

	test('an operation only REST API v3 has, on HTTP API v2, is refused naming the operation', async () => {
		const { context, requests } = v2Node([{ api: 'clicksend', resource: 'message', operation: 'cancelAll' }]);
		await expect(node.customOperations.message.cancelAll.call(context)).rejects.toThrow(/operation/);
		expect(requests).toHaveLength(0);
	});

	test('the ClickSend key never appears in a v3 URL', async () => {
		const { context, requests } = v2Node([{ api: 'clicksend-v3', resource: 'account', operation: 'getBalance' }]);
		const [[balance]] = await node.customOperations.account.getBalance.call(context);
		expect(balance.json).toMatchObject({ provider: 'clicksend-v3' });
		for (const request of requests) expect(request.options.url).not.toContain(DEMO_CREDENTIALS.clicksend.key);
	});
});

test('a version-1 node is on HTTP API v2 whatever its parameters say', async () => {
	const data = { username: DEMO_CREDENTIALS.clicksend.username, apiKey: DEMO_CREDENTIALS.clicksend.key, baseUrl: sandbox.url };
	const { context, requests } = executeContext({
		items: [{ api: 'clicksend-v3', resource: 'account', operation: 'getBalance' }],
		credentials: data,
		server: authenticatedFetch(new ClickSendApi().authenticate as never, data),
	});
	expect(NODE.typeVersion).toBe(1);
	await node.customOperations.account.getBalance.call(context);
	expect(requests.map((request) => request.options.url)).toEqual([expect.stringMatching(/\/http\/v2\/balance\.php/)]);
});
