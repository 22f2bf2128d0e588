/**
 * The triggers on the providers' current APIs in a real n8n 2.41.1 (issue 14), with the sandbox pushing:
 * - ClickSend Trigger v3 with Register Webhook Automatically: its automation rules exist at ClickSend (the
 *   sandbox's REST v3) once the workflow is active, carry the trigger's URL with its secret, deliver an
 *   inbound message and a delivery receipt as executions, and are gone once the workflow is deactivated;
 * - Clickatell Trigger v3 on the Portal: the sandbox's Platform SMS API and One API status callbacks become
 *   executions, and a One API callback carrying two events is one execution with two items.
 * Needs `npm run build` first (the tarball is packed from dist/).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ClickatellOneClient, ClickatellPlatformClient } from '../../../gateways/clickatell-portal';
import { ClickSendV3Client } from '../../../gateways/clicksend-v3';
import { FetchTransport } from '../../../gateways/transport';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { DEMO_CREDENTIALS } from '../../../sandbox/config';
import { eventually } from '../eventually';
import { ensureN8n, freePort, N8nHome, nodeType, packPackage, setupOwner, type RestSession, type RunningN8n } from '../n8n/harness';
import { workflowJson } from '../n8n/workflow-json';
import { Recorder } from './recorder';
import { CALLBACK_SECRET } from './workflows';

const MINUTE = 60_000;

const CREDENTIALS = {
	webhookToken: { id: 'gkCurTrgToken001', name: 'Webhook secret (query token)' },
	clickSend: { id: 'gkCurTrgCs000001', name: 'ClickSend (sandbox)' },
	portal: { id: 'gkCurTrgPortal01', name: 'Clickatell Portal (sandbox)' },
};

interface Flow {
	id: string;
	webhookId: string;
	json: object;
}

/** The trigger (version 3, what a new node gets), then an HTTP Request node that POSTs each item to the recorder. */
function flow(id: string, name: string, type: string, parameters: object, credentials: object, recordUrl: string): Flow {
	const webhookId = randomUUID();
	const trigger = { id: randomUUID(), name: 'Trigger', type: nodeType(type), typeVersion: 3, position: [0, 0], webhookId, parameters, credentials };
	const record = {
		id: randomUUID(),
		name: 'Record',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [260, 0],
		parameters: { method: 'POST', url: recordUrl, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
	};
	return { id, webhookId, json: workflowJson(id, name, [trigger, record], { Trigger: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } }) };
}

let scratch: string;
let home: N8nHome;
let n8n: RunningN8n;
let n8nPort: number;
let sandbox: Sandbox;
const recorder = new Recorder();
let clickSendFlow: Flow;
let portalFlow: Flow;

let session: RestSession | undefined;
/** n8n's internal REST API as the owner (set up once per user folder, on first use). */
async function rest(): Promise<RestSession> {
	session ??= await setupOwner(n8n);
	return session;
}

function hookUrl(target: Flow): string {
	return `http://127.0.0.1:${n8nPort}/webhook/${target.webhookId}/webhook`;
}

function executionCount(workflowId: string): number {
	const result = spawnSync('sqlite3', [join(home.dir, '.n8n', 'database.sqlite'), `SELECT COUNT(*) FROM execution_entity WHERE workflowId = '${workflowId}';`], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
	return Number(result.stdout.trim());
}

const clickSendApi = () =>
	new ClickSendV3Client({
		credentials: { username: DEMO_CREDENTIALS.clicksend.username, key: DEMO_CREDENTIALS.clicksend.key, baseUrl: sandbox.url },
		transport: new FetchTransport({ provider: 'clicksend-v3', timeoutMs: 10_000 }),
	});

const portal = { apiKey: DEMO_CREDENTIALS.clickatellPortal.apiKey, baseUrl: '' };

beforeAll(async () => {
	scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-current-triggers-'));
	const install = ensureN8n();
	const tarball = packPackage(scratch);
	await recorder.start();
	n8nPort = await freePort();
	const token = { smsWebhookAuthApi: CREDENTIALS.webhookToken };
	clickSendFlow = flow(
		'gkCurTrgCsV3Reg1',
		'E2E ClickSend Trigger v3 (registers its automation rules)',
		'clickSendTrigger',
		{ api: 'clicksend-v3', registerWebhook: true, events: ['inbound', 'status'], verification: 'token' },
		{ ...token, clickSendApi: CREDENTIALS.clickSend },
		recorder.url('clicksend-v3'),
	);
	portalFlow = flow(
		'gkCurTrgPortal01',
		'E2E Clickatell Trigger v3 (Portal)',
		'clickatellTrigger',
		{ api: 'clickatell-portal', events: ['inbound', 'status'], verification: 'token' },
		token,
		recorder.url('portal'),
	);
	sandbox = await startSandbox({
		callbackSecret: CALLBACK_SECRET,
		timeFactor: 0.01,
		lifecycle: { sentAfterMs: 1_000, deliveredAfterMs: 2_000 },
		accounts: [
			{
				id: DEMO_CREDENTIALS.clickatellPortal.accountId,
				provider: 'clickatell-platform',
				statusCallbackUrl: hookUrl(portalFlow),
				inboundUrl: hookUrl(portalFlow),
				callbackFormat: 'json',
				callbackAuth: 'token',
			},
		],
	});
	portal.baseUrl = sandbox.url;
	home = await N8nHome.create(install, { tarball });
	await home.importCredentials([
		{ ...CREDENTIALS.webhookToken, type: 'smsWebhookAuthApi', data: { secret: CALLBACK_SECRET, queryParameter: 'token', user: '' } },
		{ ...CREDENTIALS.clickSend, type: 'clickSendApi', data: { username: DEMO_CREDENTIALS.clicksend.username, apiKey: DEMO_CREDENTIALS.clicksend.key, baseUrl: sandbox.url } },
		{ ...CREDENTIALS.portal, type: 'clickatellPortalApi', data: { apiKey: DEMO_CREDENTIALS.clickatellPortal.apiKey, integrationType: 'rest', baseUrl: sandbox.url } },
	]);
	await home.importWorkflows([clickSendFlow.json, portalFlow.json]);
	for (const target of [clickSendFlow, portalFlow]) await home.publishWorkflow(target.id);
	n8n = await home.start({ port: n8nPort });
	for (const target of [clickSendFlow, portalFlow]) {
		await eventually(
			`the webhook of ${target.id} to be registered`,
			async () => ((await fetch(hookUrl(target), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status === 401 ? true : undefined),
			90_000,
		);
	}
}, 12 * MINUTE);

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
	await recorder.stop();
	home?.remove();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('ClickSend Trigger v3: automation rules', () => {
	test('activation created one inbound rule (JSON push) and one receipt rule, both calling the trigger with its secret', async () => {
		const api = clickSendApi();
		const expected = `${hookUrl(clickSendFlow)}?token=${CALLBACK_SECRET}`;
		// The webhook answers as soon as n8n routes it; the rules are created by the activation around it.
		const { inbound, receipts } = await eventually('both rules to exist', async () => {
			const lists = { inbound: (await api.listInboundRules()).rules, receipts: (await api.listReceiptRules()).rules };
			return lists.inbound.length > 0 && lists.receipts.length > 0 ? lists : undefined;
		}, 30_000);
		expect(inbound.map((rule) => [rule.url, rule.webhookType, rule.enabled])).toEqual([[expected, 'json', true]]);
		expect(receipts.map((rule) => [rule.url, rule.enabled])).toEqual([[expected, true]]);
		expect(inbound[0].ruleName).toContain('E2E ClickSend Trigger v3');
	});

	test('an inbound message and a delivery receipt arrive through the rules as executions', async () => {
		const inject = await fetch(`${sandbox.url}/sandbox/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ provider: 'clicksend', account: DEMO_CREDENTIALS.clicksend.accountId, from: '+61411110001', text: 'Hello through the v3 rule' }),
		});
		expect(inject.status).toBeLessThan(300);
		const [sent] = await clickSendApi().send({ to: ['+61400000777'], text: 'Receipt me through the v3 rule' });
		if (!sent.ok) throw new Error(`the v3 send failed: ${sent.error.message}`);
		const items = recorder.items('clicksend-v3');
		await eventually('the inbound push and the delivery receipt to be recorded', async () => {
			const inbound = items.find((item) => item.type === 'message.inbound' && item.text === 'Hello through the v3 rule');
			const receipt = items.find((item) => item.type === 'message.status' && item.messageId === sent.event.messageId && item.final === true);
			return inbound && receipt ? true : undefined;
		}, 60_000);
		for (const item of items) expect(item.provider).toBe('clicksend-v3');
	});

	test('deactivating the workflow deletes both rules', async () => {
		try {
			await (await rest()).call('POST', `/workflows/${clickSendFlow.id}/deactivate`, {});
		} catch (error) {
			throw new Error(`${(error as Error).message}\n${n8n.logs().split('\n').slice(-30).join('\n')}`);
		}
		const api = clickSendApi();
		await eventually('the rules to be deleted', async () => {
			const left = (await api.listInboundRules()).rules.length + (await api.listReceiptRules()).rules.length;
			return left === 0 ? true : undefined;
		}, 30_000);
	});
});

describe('Clickatell Trigger v3 on the Portal', () => {
	// First: no Portal message has been sent yet, so no other callback can add an execution meanwhile.
	test('a One API callback carrying two events is one execution with two items', async () => {
		const before = executionCount(portalFlow.id);
		const items = recorder.items('portal');
		const ids = ['0a1b2c3d4e5f60718293a4b5c6d7e8f9', '1a1b2c3d4e5f60718293a4b5c6d7e8f9'];
		const batch = {
			integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
			integrationName: 'Demo integration',
			event: {
				messageStatusUpdate: ids.map((messageId) => ({ channel: 'sms', timestamp: Date.now(), statusCode: 5, status: 'DEVICE_ACK', messageId })),
			},
		};
		const response = await fetch(`${hookUrl(portalFlow)}?token=${CALLBACK_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
		expect(response.status).toBe(200);
		await eventually('both events to be recorded', async () => (ids.every((id) => items.some((item) => item.messageId === id)) ? true : undefined), 30_000);
		expect(executionCount(portalFlow.id) - before).toBe(1);
		for (const id of ids) expect(items.find((item) => item.messageId === id)).toMatchObject({ provider: 'clickatell-one', state: 'delivered' });
	});
	test('Platform SMS API and One API status callbacks become executions naming their API', async () => {
		const transport = () => new FetchTransport({ provider: 'clickatell-platform', timeoutMs: 10_000 });
		const [platform] = await new ClickatellPlatformClient({ credentials: portal, transport: transport() }).send({ to: ['27999123470'], text: 'Track me (Platform)' });
		const [one] = await new ClickatellOneClient({ credentials: portal, transport: transport() }).send({ to: ['27999123471'], text: 'Track me (One API)' });
		if (!platform.ok || !one.ok) throw new Error('a Portal send failed');
		const items = recorder.items('portal');
		await eventually('a final status of each message to be recorded', async () => {
			const final = (id: string | null) => items.some((item) => item.type === 'message.status' && item.messageId === id && item.final === true);
			return final(platform.event.messageId) && final(one.event.messageId) ? true : undefined;
		}, 60_000);
		expect(items.find((item) => item.messageId === platform.event.messageId)?.provider).toBe('clickatell-platform');
		expect(items.find((item) => item.messageId === one.event.messageId)?.provider).toBe('clickatell-one');
	});

});

describe('Clickatell Portal API credential in n8n', () => {
	const test_ = async (apiKey: string) =>
		await (await rest()).call<{ status: string; message: string }>('POST', '/credentials/test', {
			// The editor's "Test" sends the credential as typed; n8n checks the id is one the user may use.
			credentials: { ...CREDENTIALS.portal, type: 'clickatellPortalApi', data: { apiKey, integrationType: 'rest', baseUrl: sandbox.url } },
		});

	test("n8n's credential test reads the balance with a good key", async () => {
		expect(await test_(DEMO_CREDENTIALS.clickatellPortal.apiKey)).toEqual({ status: 'OK', message: expect.stringMatching(/^Connection successful \(balance: [\d.]+ ZAR\)$/) });
	});

	test("a wrong key fails with Clickatell's own message, which does not echo the key", async () => {
		const result = await test_('not-the-portal-key-0123');
		expect(result.status).toBe('Error');
		expect(result.message.length).toBeGreaterThan(5);
		expect(result.message).not.toContain('not-the-portal-key-0123');
	});
});

