/**
 * The trigger nodes in a real n8n (the pinned 2.41.1, the package installed from its npm tarball), with
 * the sandbox pushing its callbacks to the n8n webhook URLs: messages are sent through the sandbox's
 * APIs, inbound messages injected through its control API, and each workflow hands what its trigger
 * emitted to a recorder (trigger -> HTTP Request). Executions are counted in n8n's database, so
 * "starts nothing" is checked where n8n records it.
 *
 * Needs `npm run build` first (the tarball is packed from dist/), like every e2e test of the package.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { ensureN8n, freePort, N8nHome, packPackage, type RunningN8n } from '../n8n/harness';
import { eventually, pause } from '../eventually';
import { Recorder } from './recorder';
import { CALLBACK_SECRET, credentialFixtures, SANDBOX_BASIC_USER, triggerWorkflows, type TriggerWorkflow } from './workflows';

const MINUTE = 60_000;

let scratch: string;
let home: N8nHome;
let n8n: RunningN8n;
let n8nPort: number;
let sandbox: Sandbox;
const recorder = new Recorder();
let flows: ReturnType<typeof triggerWorkflows>;

function hookUrl(flow: TriggerWorkflow, query = ''): string {
	return `http://127.0.0.1:${n8nPort}/webhook/${flow.webhookId}/webhook${query}`;
}

/** Executions n8n has recorded for a workflow (sqlite3 CLI on the home's database). */
function executionCount(workflowId: string): number {
	const result = spawnSync('sqlite3', [join(home.dir, '.n8n', 'database.sqlite'), `SELECT COUNT(*) FROM execution_entity WHERE workflowId = '${workflowId}';`], {
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
	return Number(result.stdout.trim());
}

async function sandboxJson(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
	const response = await fetch(`${sandbox.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
	const body = (await response.json()) as Record<string, unknown>;
	if (!response.ok) throw new Error(`sandbox ${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
	return body;
}

async function injectInbound(body: Record<string, unknown>): Promise<string> {
	return String((await sandboxJson('/sandbox/inbound', { method: 'POST', body: JSON.stringify(body) })).id);
}

/** The sandbox's record of the callbacks it pushed for a message: every attempt with its HTTP status. */
async function callbacksFor(messageId: string): Promise<Array<{ kind: string; state: string; attempts: Array<{ httpStatus: number | null }> }>> {
	const body = await sandboxJson(`/sandbox/callbacks?messageId=${encodeURIComponent(messageId)}`);
	return body.callbacks as Array<{ kind: string; state: string; attempts: Array<{ httpStatus: number | null }> }>;
}

async function clickatellHttpSend(account: { apiId: string; user: string; password: string }, to: string, text: string, reference: string, callback: number): Promise<string> {
	const params = new URLSearchParams({ api_id: account.apiId, user: account.user, password: account.password, to, text, climsgid: reference, callback: String(callback) });
	const response = await fetch(`${sandbox.url}/http/sendmsg`, { method: 'POST', body: params });
	const text_ = await response.text();
	const match = /^ID: (\w+)/.exec(text_.trim());
	if (!match) throw new Error(`sendmsg answered ${text_}`);
	return match[1];
}

async function clickSendSend(username: string, key: string, to: string, message: string, customstring: string): Promise<string> {
	const body = new URLSearchParams({ username, key, to, message, customstring });
	const response = await fetch(`${sandbox.url}/http/v2/send.php`, { method: 'POST', body });
	const xml = await response.text();
	const match = /<messageid>([^<]+)<\/messageid>/.exec(xml);
	if (!match) throw new Error(`send.php answered ${xml}`);
	return match[1];
}

/** Wait until the trigger answers for itself: 401 for a call without the secret (404 while n8n is still registering). */
async function waitForWebhook(flow: TriggerWorkflow): Promise<void> {
	await eventually(
		`the webhook of ${flow.id} to be registered`,
		async () => {
			const response = await fetch(hookUrl(flow), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			return response.status === 401 ? true : undefined;
		},
		90_000,
	);
}

beforeAll(async () => {
	scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-trigger-e2e-'));
	const install = ensureN8n();
	const tarball = packPackage(scratch);
	await recorder.start();
	n8nPort = await freePort();
	flows = triggerWorkflows((channel) => recorder.url(channel));
	const url = (flow: TriggerWorkflow) => `http://127.0.0.1:${n8nPort}/webhook/${flow.webhookId}/webhook`;
	sandbox = await startSandbox({
		callbackSecret: CALLBACK_SECRET,
		// Fast lifecycle; a failed push is retried after 1.2 s, 2.4 s ... instead of 2, 4 ... minutes.
		timeFactor: 0.01,
		lifecycle: { sentAfterMs: 20_000, deliveredAfterMs: 40_000 },
		accounts: [
			{ id: 'demo-http', provider: 'clickatell-http', statusCallbackUrl: url(flows.clickatellHttp), inboundUrl: url(flows.clickatellHttp), callbackFormat: 'get', callbackAuth: 'token' },
			{
				id: 'e2e-http-post',
				provider: 'clickatell-http',
				apiId: '3500077',
				user: 'poster',
				password: 'poster-password',
				balance: 100,
				statusCallbackUrl: url(flows.clickatellHttp),
				inboundUrl: url(flows.clickatellHttp),
				callbackFormat: 'post',
				callbackAuth: 'token',
			},
			{ id: 'demo-rest', provider: 'clickatell-rest', statusCallbackUrl: url(flows.clickatellRest), inboundUrl: url(flows.clickatellRest), callbackFormat: 'json', callbackAuth: 'basic' },
			{ id: 'demo-clicksend', provider: 'clicksend', statusCallbackUrl: url(flows.clickSendPush), inboundUrl: url(flows.clickSendPush), callbackAuth: 'token' },
			{ id: 'e2e-poll', provider: 'clicksend', username: 'poller', key: 'poller-key', balance: 50, virtualNumber: '+61400000099' },
		],
	});

	home = await N8nHome.create(install, { tarball });
	await home.importCredentials(credentialFixtures(sandbox.url));
	await home.importWorkflows(Object.values(flows).map((flow) => flow.json));
	for (const flow of Object.values(flows)) await home.publishWorkflow(flow.id);

	// Waiting for the poller before n8n even runs: the poll at activation must pick these up.
	await injectInbound({ provider: 'clicksend', account: 'e2e-poll', from: '+61491570001', text: 'Sent while n8n was down' });
	const polledMessage = await clickSendSend('poller', 'poller-key', '+61491570002', 'Poll me', 'poll-ref-1');
	await eventually('the poll account delivery report to be due', async () => ((await sandboxJson(`/sandbox/messages/${polledMessage}`)).status === '004' ? true : undefined));

	n8n = await home.start({ port: n8nPort });
	for (const flow of [flows.clickatellHttp, flows.clickatellRest, flows.clickSendPush]) await waitForWebhook(flow);
}, 12 * MINUTE);

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
	await recorder.stop();
	home?.remove();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
}, MINUTE);

describe('Clickatell Trigger in n8n', () => {
	it('emits the status updates of a message sent with callback level 7, pushed as GET with a query token', async () => {
		const executionsBefore = executionCount(flows.clickatellHttp.id);
		const id = await clickatellHttpSend({ apiId: '3500001', user: 'demo', password: 'demo-password' }, '27831234567', 'E2E status by GET', 'e2e-get-1', 7);
		const items = await eventually('two status items', () => {
			const mine = recorder.items('clickatell-http').filter((item) => item.messageId === id);
			return mine.length >= 2 ? mine : undefined;
		});
		expect(items.map((item) => [item.providerCode, item.state, item.final])).toEqual([
			['003', 'sent', false],
			['004', 'delivered', true],
		]);
		expect(items[1]).toMatchObject({ type: 'message.status', provider: 'clickatell-http', clientReference: 'e2e-get-1', to: '27831234567' });
		expect(JSON.stringify(items)).not.toContain(CALLBACK_SECRET);
		const pushes = await callbacksFor(id);
		expect(pushes.map((push) => [push.state, push.attempts.map((attempt) => attempt.httpStatus)])).toEqual([
			['delivered', [200]],
			['delivered', [200]],
		]);
		expect(executionCount(flows.clickatellHttp.id)).toBe(executionsBefore + 2);
	}, 2 * MINUTE);

	it('reads status callbacks pushed as a form POST', async () => {
		const id = await clickatellHttpSend({ apiId: '3500077', user: 'poster', password: 'poster-password' }, '9990070000', 'E2E status by POST', 'e2e-post-1', 7);
		const items = await eventually('the 003 and 007 statuses', () => {
			const mine = recorder.items('clickatell-http').filter((item) => item.messageId === id);
			return mine.length >= 2 ? mine : undefined;
		});
		expect(items.map((item) => [item.providerCode, item.state, item.error])).toEqual([
			['003', 'sent', false],
			['007', 'failed', true],
		]);
	}, 2 * MINUTE);

	it('emits inbound messages with their text decoded from the declared charset', async () => {
		const latin = await injectInbound({ provider: 'clickatell-http', from: '27821110001', text: 'Café crème, £5?' });
		const unicode = await injectInbound({ provider: 'clickatell-http', from: '27821110002', text: 'Привет ✓ 😀' });
		const items = await eventually('both inbound items', () => {
			const mine = recorder.items('clickatell-http').filter((item) => item.messageId === latin || item.messageId === unicode);
			return mine.length >= 2 ? mine : undefined;
		});
		const byId = new Map(items.map((item) => [item.messageId, item]));
		expect(byId.get(latin)).toMatchObject({ type: 'message.inbound', from: '27821110001', text: 'Café crème, £5?', state: 'received' });
		expect(byId.get(unicode)).toMatchObject({ type: 'message.inbound', from: '27821110002', text: 'Привет ✓ 😀' });
		expect((byId.get(unicode)!.raw as Record<string, unknown>).charset).toBe('UTF-16BE');
	}, 2 * MINUTE);

	it('reads REST JSON callbacks with basic auth and emits only the states it is set to', async () => {
		const executionsBefore = executionCount(flows.clickatellRest.id);
		const response = await fetch(`${sandbox.url}/rest/message`, {
			method: 'POST',
			headers: { authorization: 'Bearer demo-rest-token', 'x-version': '1', 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ text: 'E2E REST', to: ['27831239999'], callback: 7, clientMessageId: 'e2e-rest-1' }),
		});
		const body = (await response.json()) as { data: { message: Array<{ apiMessageId: string }> } };
		const id = body.data.message[0].apiMessageId;
		const item = await eventually('the delivered item', () => recorder.items('clickatell-rest').find((entry) => entry.messageId === id));
		expect(item).toMatchObject({ type: 'message.status', provider: 'clickatell-rest', state: 'delivered', providerCode: '004', clientReference: 'e2e-rest-1' });
		// The 003 callback was answered 200 (so Clickatell would not retry it) without starting anything.
		const pushes = await eventually('both pushes answered', async () => {
			const list = await callbacksFor(id);
			return list.length === 2 && list.every((push) => push.state === 'delivered') ? list : undefined;
		});
		expect(pushes.map((push) => push.attempts[0].httpStatus)).toEqual([200, 200]);
		// An inbound message is not among this trigger's events: 200, no execution either.
		const mo = await injectInbound({ provider: 'clickatell-rest', from: '27821110003', text: 'not for this trigger' });
		await eventually('the inbound push to be answered', async () => ((await callbacksFor(mo))[0]?.state === 'delivered' ? true : undefined));
		await pause(1000);
		expect(recorder.items('clickatell-rest').filter((entry) => entry.messageId === id)).toHaveLength(1);
		expect(executionCount(flows.clickatellRest.id)).toBe(executionsBefore + 1);
	}, 2 * MINUTE);
});

describe('ClickSend Trigger in n8n', () => {
	it('emits the delivery report push and the reply push of a message', async () => {
		const id = await clickSendSend('demo', 'demo-key', '+61491570110', 'E2E ClickSend: reply please', 'cs-ref-1');
		const report = await eventually('the delivery report', () => recorder.items('clicksend-push').find((item) => item.messageId === id));
		expect(report).toMatchObject({ type: 'message.status', provider: 'clicksend', state: 'delivered', providerCode: '201', clientReference: 'cs-ref-1' });
		await injectInbound({ provider: 'clicksend', replyTo: id, text: 'Ja, gerne! 😀' });
		const reply = await eventually('the reply', () => recorder.items('clicksend-push').find((item) => item.inReplyTo === id));
		expect(reply).toMatchObject({ type: 'message.inbound', from: '+61491570110', text: 'Ja, gerne! 😀', clientReference: 'cs-ref-1', state: 'received' });
	}, 2 * MINUTE);
});

describe('Requests that must start nothing', () => {
	const statusQuery = '&apiMsgId=abc123&status=004&to=2783&timestamp=1700000000';

	it.each([
		['no token', 401, () => hookUrl(flows.clickatellHttp, `?${statusQuery.slice(1)}`), {}],
		['a wrong token', 401, () => hookUrl(flows.clickatellHttp, `?token=wrong-secret-0123456789${statusQuery}`), {}],
		['the token as basic auth on a token trigger', 401, () => hookUrl(flows.clickatellHttp, `?${statusQuery.slice(1)}`), { authorization: `Basic ${Buffer.from(`x:${CALLBACK_SECRET}`).toString('base64')}` }],
		['no basic auth on the basic-auth trigger', 401, () => hookUrl(flows.clickatellRest, `?${statusQuery.slice(1)}`), {}],
		['a wrong basic-auth password', 401, () => hookUrl(flows.clickatellRest, `?${statusQuery.slice(1)}`), { authorization: `Basic ${Buffer.from(`${SANDBOX_BASIC_USER}:nope`).toString('base64')}` }],
		['a status callback without a message id', 400, () => hookUrl(flows.clickatellHttp, `?token=${CALLBACK_SECRET}&status=004&to=2783`), {}],
		['a status that is not a code', 400, () => hookUrl(flows.clickatellHttp, `?token=${CALLBACK_SECRET}&apiMsgId=a1&status=DELIVERED`), {}],
		['a ClickSend push that is neither a reply nor a report', 400, () => hookUrl(flows.clickSendPush, `?token=${CALLBACK_SECRET}&hello=world`), {}],
	] as Array<[string, number, () => string, Record<string, string>]>)('%s: HTTP %i and no execution', async (_label, status, url, headers) => {
		const before = Object.fromEntries(Object.values(flows).map((flow) => [flow.id, executionCount(flow.id)]));
		const recorded = recorder.total();
		const response = await fetch(url(), { method: 'GET', headers });
		expect(response.status).toBe(status);
		if (status === 401) expect(await response.text()).toBe('Unauthorized');
		if (status === 400) expect(await response.text()).toMatch(/^Bad Request: /);
		await pause(1500);
		expect(Object.fromEntries(Object.values(flows).map((flow) => [flow.id, executionCount(flow.id)]))).toEqual(before);
		expect(recorder.total()).toBe(recorded);
	}, MINUTE);

	it('a JSON body that does not parse is refused before the trigger runs (n8n answers 422) and starts nothing', async () => {
		const before = executionCount(flows.clickatellHttp.id);
		const response = await fetch(hookUrl(flows.clickatellHttp, `?token=${CALLBACK_SECRET}`), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"apiMsgId": ',
		});
		// n8n parses bodies declared as JSON before any trigger runs and refuses what does not parse.
		expect(response.status).toBe(422);
		await pause(1500);
		expect(executionCount(flows.clickatellHttp.id)).toBe(before);
	}, MINUTE);

	it('the same JSON without a JSON content type reaches the trigger, which answers 400', async () => {
		const before = executionCount(flows.clickatellHttp.id);
		const response = await fetch(hookUrl(flows.clickatellHttp, `?token=${CALLBACK_SECRET}`), {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: '{"apiMsgId": ',
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(/JSON/);
		await pause(1500);
		expect(executionCount(flows.clickatellHttp.id)).toBe(before);
	}, MINUTE);
});

describe('ClickSend Polling Trigger in n8n', () => {
	function polled(): Array<Record<string, unknown>> {
		return recorder.items('clicksend-poll');
	}

	it('emits what arrived while n8n was down, at activation', async () => {
		const items = await eventually('the reply and the report queued before start', () => (polled().length >= 2 ? polled() : undefined), 60_000);
		expect(items.map((item) => item.type).sort()).toEqual(['message.inbound', 'message.status']);
		expect(items.find((item) => item.type === 'message.inbound')).toMatchObject({ text: 'Sent while n8n was down', from: '+61491570001', provider: 'clicksend' });
		expect(items.find((item) => item.type === 'message.status')).toMatchObject({ clientReference: 'poll-ref-1', providerCode: '201' });
	}, 2 * MINUTE);

	it('emits a reply that arrives while it runs, on its schedule', async () => {
		await injectInbound({ provider: 'clicksend', account: 'e2e-poll', from: '+61491570003', text: 'Arrived while running' });
		const item = await eventually('the reply on the next minute poll', () => polled().find((entry) => entry.text === 'Arrived while running'), 2 * MINUTE);
		expect(item).toMatchObject({ type: 'message.inbound', from: '+61491570003' });
	}, 3 * MINUTE);

	it('survives a restart without duplicates or gaps', async () => {
		const before = polled().map((item) => `${item.type}:${String(item.text ?? item.messageId)}`);
		await n8n.stop();
		await injectInbound({ provider: 'clicksend', account: 'e2e-poll', from: '+61491570004', text: 'Arrived during the restart' });
		n8n = await home.start({ port: n8nPort });
		await eventually('the reply sent during the restart', () => polled().find((entry) => entry.text === 'Arrived during the restart'), 90_000);
		// Webhooks work again too.
		await waitForWebhook(flows.clickSendPush);
		await pause(2000);
		const after = polled().map((item) => `${item.type}:${String(item.text ?? item.messageId)}`);
		expect(after).toEqual([...before, 'message.inbound:Arrived during the restart']);
		expect(new Set(after).size).toBe(after.length);
	}, 4 * MINUTE);
});
