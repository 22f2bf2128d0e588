/**
 * The providers' current APIs end to end in a real n8n 2.41.1 (issue 14): the Clickatell node's Portal
 * APIs (One API, Platform SMS API) and the ClickSend node's REST API v3, run with `n8n execute` against
 * the sandbox; saved version-1 nodes still on their old API; bad input as Continue-On-Fail error items
 * naming the field. The example workflows of examples/n8n are the ones run here (test/e2e/n8n/workflows
 * holds identical copies). Needs `npm run build` first.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../../../sandbox';
import { DEMO_CREDENTIALS } from '../../../sandbox/config';
import { credentialFixtures, requestDelta, sandboxMessages, sandboxStats, workflowFixtures } from './fixtures';
import { ensureN8n, excerpt, N8nHome, nodeItems, nodeOutput, nodeType, packPackage, type ExecutionResult } from './harness';
import { workflowJson } from './workflow-json';

jest.setTimeout(180_000);

const WORKFLOWS = {
	clickSendV3: 'gkWfCsV3Ops00001',
	oneApi: 'gkWfCtOneOps0001',
	platform: 'gkWfCtPlatOps001',
	savedV1: 'gkWfCurSavedV101',
	badInput: 'gkWfCurBadInput1',
};

const PORTAL = { clickatellPortalApi: { id: 'gkCredCtPortal01', name: 'Clickatell Portal (sandbox)' } };
const CLICKSEND = { clickSendApi: { id: 'gkCredClickSend1', name: 'ClickSend (sandbox)' } };
const HTTP = { clickatellHttpApi: { id: 'gkCredCtHttpSes1', name: 'Clickatell HTTP (sandbox, session)' } };

function smsNode(name: string, type: string, typeVersion: number, parameters: object, credentials: object, extra: object = {}) {
	return { id: randomUUID(), name, type: nodeType(type), typeVersion, position: [0, 0], parameters, credentials, ...extra };
}

const manual = () => ({ id: randomUUID(), name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });

/** Every node hangs off Run, so an empty output cannot stop another node from running. */
function fanOut(id: string, name: string, nodes: Array<{ name: string }>) {
	const run = manual();
	return workflowJson(id, name, [run, ...nodes], { Run: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] } });
}

/**
 * Nodes as a workflow saved before version 2 stores them: typeVersion 1 and no API parameter, so n8n
 * fills in version 1's defaults (Clickatell: Authentication = HTTP API; ClickSend: HTTP API v2).
 */
const savedV1 = fanOut(WORKFLOWS.savedV1, 'Saved version-1 nodes', [
	smsNode('Clickatell v1', 'clickatell', 1, { resource: 'message', operation: 'send', to: '27999123460', text: 'Saved v1 Clickatell' }, HTTP),
	smsNode('ClickSend v1', 'clickSend', 1, { resource: 'message', operation: 'send', to: '+61400000160', text: 'Saved v1 ClickSend' }, CLICKSEND),
]);

const CONTINUE = { onError: 'continueRegularOutput' };
const badInput = fanOut(WORKFLOWS.badInput, 'Bad input on the current APIs (Continue On Fail)', [
	smsNode('One API Send', 'clickatell', 2, { api: 'clickatell-one', resource: 'message', operation: 'send', to: '27999123461, not-a-number', text: 'One good, one bad' }, PORTAL, CONTINUE),
	smsNode('One API Status', 'clickatell', 2, { api: 'clickatell-one', resource: 'message', operation: 'getStatus', messageId: 'not an id!' }, PORTAL, CONTINUE),
	smsNode(
		'Platform Send',
		'clickatell',
		2,
		{ api: 'clickatell-platform', resource: 'message', operation: 'send', to: '27999123462', text: 'Too late', options: { scheduledAt: '2001-01-01T00:00:00Z' } },
		PORTAL,
		CONTINUE,
	),
	smsNode('v3 Report', 'clickSend', 2, { api: 'clicksend-v3', resource: 'deliveryReport', operation: 'getReport', messageId: 'not an id!' }, CLICKSEND, CONTINUE),
	smsNode('v3 Replies', 'clickSend', 2, { api: 'clicksend-v3', resource: 'inbound', operation: 'getReplies', limit: 500 }, CLICKSEND, CONTINUE),
	smsNode('v3 Send', 'clickSend', 2, { api: 'clicksend-v3', resource: 'message', operation: 'send', to: '+61400000161, 12', text: 'One good, one bad' }, CLICKSEND, CONTINUE),
]);

let sandbox: Sandbox;
let home: N8nHome;
let scratch: string;

beforeAll(async () => {
	const install = ensureN8n();
	scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-current-apis-'));
	const tarball = packPackage(scratch);
	sandbox = await startSandbox({ port: 0, quiet: true, timeFactor: 0.001, lifecycle: { sentAfterMs: 0, deliveredAfterMs: 0 } });
	home = await N8nHome.create(install, { tarball });
	await home.importCredentials(credentialFixtures(sandbox.url).filter((credential) => ['gkCredCtPortal01', 'gkCredClickSend1', 'gkCredCtHttpSes1'].includes(credential.id)));
	const examples = workflowFixtures().filter((workflow) => [WORKFLOWS.clickSendV3, WORKFLOWS.oneApi, WORKFLOWS.platform].includes(workflow.id));
	expect(examples).toHaveLength(3);
	await home.importWorkflows([...examples, savedV1, badInput]);
}, 15 * 60_000);

afterAll(async () => {
	await sandbox?.close();
	home?.remove();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const SECRETS = [DEMO_CREDENTIALS.clickatellPortal.apiKey, DEMO_CREDENTIALS.clicksend.key, DEMO_CREDENTIALS.clickatellHttp.password];

async function run(workflowId: string): Promise<ExecutionResult> {
	const result = await home.execute(workflowId);
	// No key or password may appear in an output item, an error or a log line.
	const output = `${result.stdout}\n${result.stderr}`;
	for (const secret of SECRETS) expect(output.includes(secret) ? `leaked ${secret}` : 'no secret').toBe('no secret');
	return result;
}

function expectSuccess(result: ExecutionResult): void {
	if (!result.ok) throw new Error(`workflow failed:\n${excerpt(result, 80)}`);
}

type Json = Record<string, unknown>;

function expectSent(items: Json[], provider: string, to: string[]): void {
	expect(items.map((item) => item.to)).toEqual(to);
	for (const item of items) {
		expect(item).toMatchObject({ type: 'message.sent', provider, error: false });
		expect(typeof item.messageId).toBe('string');
	}
}

describe('Clickatell One API (Portal)', () => {
	test('send to a list and the status of each message', async () => {
		const before = await sandboxStats(sandbox.url);
		const result = await run(WORKFLOWS.oneApi);
		expectSuccess(result);
		const sent = nodeItems(result, 'Send');
		expectSent(sent, 'clickatell-one', ['27999123456', '27999123457']);
		expect(sent[0]).toMatchObject({ clientReference: 'oneE2e1', encoding: 'GSM-7', parts: 1 });
		const status = nodeOutput(result, 'Get Status');
		expect(status.map((item) => item.json.messageId)).toEqual(sent.map((item) => item.messageId));
		expect(status.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of status) expect(item.json).toMatchObject({ type: 'message.status', provider: 'clickatell-one' });
		// Both recipients in one POST /v1/message (the bulk planner), one status request each.
		const delta = requestDelta(before, await sandboxStats(sandbox.url));
		const routes = Object.keys(delta).filter((route) => route.startsWith('clickatell-one'));
		expect(routes.length).toBeGreaterThan(0);
		const stored = await sandboxMessages(sandbox.url, { clientReference: 'oneE2e1' });
		expect(stored.map((message) => message.to).sort()).toEqual(['27999123456', '27999123457']);
	});
});

describe('Clickatell Platform SMS API (Portal)', () => {
	test('a scheduled send with validity, and the balance', async () => {
		const result = await run(WORKFLOWS.platform);
		expectSuccess(result);
		const [sent] = nodeItems(result, 'Send');
		expect(sent).toMatchObject({ type: 'message.sent', provider: 'clickatell-platform', to: '27999123456', clientReference: 'platE2e1' });
		const [stored] = await sandboxMessages(sandbox.url, { clientReference: 'platE2e1' });
		expect(stored.scheduledFor).not.toBeNull();
		const [balance] = nodeItems(result, 'Get Balance');
		expect(balance).toMatchObject({ provider: 'clickatell-platform', currency: 'ZAR' });
		expect(typeof balance.balance).toBe('number');
	});
});

describe('ClickSend REST API v3', () => {
	/** The first message the example sent (ClickSend throttles the same text to the same number, so it runs once). */
	let firstSent: Json | undefined;

	test('every operation runs against the sandbox', async () => {
		const result = await run(WORKFLOWS.clickSendV3);
		expectSuccess(result);
		const sent = nodeItems(result, 'Send');
		firstSent = sent[0];
		expectSent(sent, 'clicksend-v3', ['+61400000123', '+61411111111']);
		expect(sent[0]).toMatchObject({ clientReference: 'csv3-e2e-1', from: 'Gatewaykit' });

		const [price] = nodeItems(result, 'Get Price Estimate');
		expect(price).toMatchObject({ provider: 'clicksend-v3' });
		expect(price.totalPrice).toBeGreaterThan(0);
		expect((price.messages as Json[]).map((message) => message.to)).toEqual(['+61400000123', '+61411111111']);

		const [report] = nodeItems(result, 'Get Report');
		expect(report).toMatchObject({ provider: 'clicksend-v3', messageId: sent[0].messageId, type: 'message.status' });
		// +61411111111 is one of ClickSend's free test numbers, which are never delivered: only the first has a receipt.
		const reports = nodeItems(result, 'Get Reports');
		expect(reports.map((item) => item.messageId)).toContain(sent[0].messageId);
		expect(reports.map((item) => item.messageId)).not.toContain(sent[1].messageId);

		const history = nodeItems(result, 'Get History');
		expect(history.map((item) => item.messageId)).toEqual(expect.arrayContaining(sent.map((item) => item.messageId)));
		for (const item of history) expect(item.provider).toBe('clicksend-v3');

		// Cancel one scheduled message, then every scheduled one (the two of 'Send Two Scheduled').
		const [scheduled] = nodeItems(result, 'Send Scheduled');
		const [cancelled] = nodeItems(result, 'Cancel');
		expect(cancelled).toMatchObject({ messageId: scheduled.messageId, state: 'cancelled' });
		const [all] = nodeItems(result, 'Cancel All');
		expect(all).toEqual({ provider: 'clicksend-v3', cancelled: 2 });
		const [balance] = nodeItems(result, 'Get Balance');
		expect(balance).toMatchObject({ provider: 'clicksend-v3' });
		expect(typeof balance.balance).toBe('number');
	});

	test('a reply is pulled from the inbox and found as the reply to the message it answers', async () => {
		const sent = firstSent;
		if (!sent) throw new Error('the example workflow did not send (see the test before)');
		const response = await fetch(`${sandbox.url}/sandbox/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ provider: 'clicksend', account: DEMO_CREDENTIALS.clicksend.accountId, from: '+61400000123', text: 'Yes please', replyTo: sent.messageId }),
		});
		if (!response.ok) throw new Error(`inbound injection: HTTP ${response.status} ${await response.text()}`);
		// The message id is known only now: the workflow that looks it up is imported with it.
		const id = 'gkWfCurReplyTo01';
		await home.importWorkflows([
			fanOut(id, 'ClickSend v3 replies', [
				smsNode('Inbox', 'clickSend', 2, { api: 'clicksend-v3', resource: 'inbound', operation: 'getReplies', returnAll: true }, CLICKSEND),
				smsNode('Replies To', 'clickSend', 2, { api: 'clicksend-v3', resource: 'inbound', operation: 'getReplyTo', messageId: sent.messageId }, CLICKSEND),
			]),
		]);
		const pulled = await run(id);
		expectSuccess(pulled);
		const isReply = (item: Json) => item.type === 'message.inbound' && item.provider === 'clicksend-v3' && item.text === 'Yes please';
		expect(nodeItems(pulled, 'Inbox').some(isReply)).toBe(true);
		const replies = nodeItems(pulled, 'Replies To');
		expect(replies).toHaveLength(1);
		expect(replies[0]).toMatchObject({ text: 'Yes please', from: '+61400000123', inReplyTo: sent.messageId });
	});
});

describe('saved version-1 nodes keep their API', () => {
	test('Clickatell v1 sends over the HTTP API and ClickSend v1 over HTTP API v2', async () => {
		const before = await sandboxStats(sandbox.url);
		const result = await run(WORKFLOWS.savedV1);
		expectSuccess(result);
		expectSent(nodeItems(result, 'Clickatell v1'), 'clickatell-http', ['27999123460']);
		expectSent(nodeItems(result, 'ClickSend v1'), 'clicksend', ['+61400000160']);
		const delta = requestDelta(before, await sandboxStats(sandbox.url));
		expect(delta['clickatell-http sendmsg']).toBe(1);
		expect(Object.keys(delta).some((route) => route.startsWith('clickatell-one') || route.startsWith('clicksend-v3'))).toBe(false);
	});
});

describe('bad input with Continue On Fail', () => {
	let result: ExecutionResult;
	beforeAll(async () => {
		result = await run(WORKFLOWS.badInput);
	});

	test('a bad recipient is an error item naming the field; the good one is sent', () => {
		expectSuccess(result);
		const one = nodeItems(result, 'One API Send');
		expect(one[0]).toMatchObject({ type: 'message.sent', provider: 'clickatell-one', to: '27999123461' });
		expect(one[1]).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'to', to: 'not-a-number', certainlyNotSent: true });
		const v3 = nodeItems(result, 'v3 Send');
		expect(v3[0]).toMatchObject({ type: 'message.sent', provider: 'clicksend-v3', to: '+61400000161' });
		expect(v3[1]).toMatchObject({ providerCode: 'INVALID_INPUT', to: '12', certainlyNotSent: true });
		expect(String(v3[1].field)).toMatch(/^to/);
	});

	test('lookups and options refused before any request name their field', () => {
		expect(nodeItems(result, 'One API Status')[0]).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'messageId' });
		expect(nodeItems(result, 'Platform Send')[0]).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'options.scheduledAt' });
		expect(nodeItems(result, 'v3 Report')[0]).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'messageId' });
		expect(nodeItems(result, 'v3 Replies')[0]).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'limit' });
	});
});
