/**
 * End to end in a real n8n 2.41.1: the built package is packed, installed into a fresh user folder
 * the way users install it, and the workflows in ./workflows run with `n8n execute` against the
 * sandbox. Needs `npm run build` first (`npm test` does it). The first run installs n8n (~4 minutes).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../../../sandbox';
import { eventually } from '../eventually';
import {
	credentialFixtures,
	NO_CREDIT_ACCOUNTS,
	requestDelta,
	ROOMY_DEMO_ACCOUNTS,
	sandboxMessages,
	sandboxStats,
	workflowFixtures,
} from './fixtures';
import {
	ensureN8n,
	excerpt,
	N8nHome,
	nodeError,
	nodeItems,
	nodeOutput,
	nodeType,
	packPackage,
	setupOwner,
	type CredentialFixture,
	type ExecutionResult,
	type RestSession,
	type RunningN8n,
} from './harness';
import { webhookNode, workflowJson } from './workflow-json';

jest.setTimeout(120_000);

/**
 * Webhook -> Clickatell REST Send, stopping on the first failure (no Continue On Fail) and without the
 * node's own retries, so a refused request fails the execution for a retry from the executions list.
 * Clickatell takes the same request twice (ClickSend would refuse a repeated text for a few seconds,
 * which would hide a second send).
 */
const retryWorkflow = (() => {
	const path = 'e2e-retry-from-list';
	const send = {
		id: '5d0f3c4e-7a51-4e07-9a55-0c1b2f6a9e31',
		name: 'Send',
		type: nodeType('clickatell'),
		typeVersion: 1,
		position: [260, 0],
		parameters: {
			authentication: 'clickatellRestApi',
			resource: 'message',
			operation: 'send',
			to: '={{ $json.body.to }}',
			text: '={{ $json.body.text }}',
			sending: { parallelRequests: 1, maxRetries: 0 },
		},
		credentials: { clickatellRestApi: { id: 'gkCredCtRest0001', name: 'Clickatell REST (sandbox)' } },
	};
	const id = 'gkWfRetryList001';
	const json = workflowJson(id, 'E2E: retry from the executions list', [webhookNode({ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }), send], {
		Webhook: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
	});
	return { id, path, json };
})();

let sandbox: Sandbox;
let home: N8nHome;
let scratch: string;

beforeAll(async () => {
	// Fails (does not skip) with instructions when the pinned n8n cannot be installed.
	const install = ensureN8n();
	scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-e2e-'));
	const tarball = packPackage(scratch);
	sandbox = await startSandbox({
		port: 0,
		quiet: true,
		timeFactor: 0.001,
		lifecycle: { sentAfterMs: 0, deliveredAfterMs: 0 },
		accounts: [...NO_CREDIT_ACCOUNTS, ...ROOMY_DEMO_ACCOUNTS],
	});
	home = await N8nHome.create(install, { tarball });
	await home.importCredentials([...credentialFixtures(sandbox.url), ...closedPortCredentials(await closedPortUrl())]);
	await home.importWorkflows(workflowFixtures());
}, 15 * 60_000);

afterAll(async () => {
	await sandbox?.close();
	home?.remove();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A local port nothing listens on (taken from the OS, then released): connecting to it is refused. */
async function closedPortUrl(): Promise<string> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}

/** The demo accounts' credentials pointed at a closed port (failure-lookups-*.json): every request fails to connect. */
function closedPortCredentials(baseUrl: string): CredentialFixture[] {
	const byId = new Map(credentialFixtures(baseUrl).map((fixture) => [fixture.id, fixture]));
	const copy = (from: string, id: string, name: string): CredentialFixture => {
		const fixture = byId.get(from) as CredentialFixture;
		return { ...fixture, id, name, data: { ...fixture.data, baseUrl } };
	};
	return [
		copy('gkCredCtHttpSes1', 'gkCredCtHttpOff1', 'Clickatell HTTP (closed port)'),
		copy('gkCredCtRest0001', 'gkCredCtRestOff1', 'Clickatell REST (closed port)'),
		copy('gkCredClickSend1', 'gkCredCsOff00001', 'ClickSend (closed port)'),
	];
}

async function run(workflowId: string): Promise<ExecutionResult> {
	const result = await home.execute(workflowId);
	// GATEWAYKIT_E2E_DUMP=<folder>: keep every execution's JSON there, for debugging a failure.
	const dump = process.env.GATEWAYKIT_E2E_DUMP;
	if (dump) writeFileSync(join(dump, `${workflowId}.json`), JSON.stringify(result.execution, null, 1));
	// No password, token or key may appear in an output item, an error or a log line.
	const output = `${result.stdout}\n${result.stderr}`;
	for (const secret of SECRETS) expect(output.includes(secret) ? `leaked ${secret}` : 'no secret').toBe('no secret');
	return result;
}

const SECRETS = credentialFixtures('http://unused')
	.map((credential) => credential.data.password ?? credential.data.authToken ?? credential.data.apiKey)
	.filter((secret): secret is string => typeof secret === 'string');

function expectSuccess(result: ExecutionResult): void {
	if (!result.ok) throw new Error(`workflow failed:\n${excerpt(result, 80)}`);
}

type Json = Record<string, unknown>;

function expectSentEvents(items: Json[], provider: string): void {
	for (const item of items) {
		expect(item).toMatchObject({ type: 'message.sent', provider, error: false });
		expect(typeof item.messageId).toBe('string');
		expect(['GSM-7', 'UCS-2']).toContain(item.encoding);
		expect(item.parts).toBeGreaterThanOrEqual(1);
		expect(item.raw).toEqual(expect.any(Object));
	}
}

/** Normalized fields come first and the provider's raw fields last (the gateways event model). */
function expectEventKeyOrder(item: Json): void {
	const keys = Object.keys(item);
	expect(keys.slice(0, 3)).toEqual(['type', 'provider', 'messageId']);
	expect(keys[keys.length - 1]).toBe('raw');
}

describe('Clickatell HTTP API', () => {
	test('every operation runs in n8n against the sandbox', async () => {
		const before = await sandboxStats(sandbox.url);
		const result = await run('gkWfCtHttpOps001');
		expectSuccess(result);

		// Send (session mode): one item per recipient of the comma list, paired to the one input item.
		const sent = nodeOutput(result, 'Send (Session)');
		expect(sent).toHaveLength(2);
		expect(sent.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		const sentJson = sent.map((item) => item.json);
		expectSentEvents(sentJson, 'clickatell-http');
		expectEventKeyOrder(sentJson[0]);
		expect(sentJson.map((item) => item.to)).toEqual(['27999123456', '27999123457']);
		// Unicode on Auto: the check mark is not GSM-7, so the text goes out as UCS-2 in one part.
		expect(sentJson[0]).toMatchObject({ encoding: 'UCS-2', parts: 1, clientReference: 'httpE2e1', text: 'Grüße from n8n ✓' });
		const stored = await sandboxMessages(sandbox.url, { clientReference: 'httpE2e1' });
		expect(stored.map((message) => message.to).sort()).toEqual(['27999123456', '27999123457']);
		expect(stored[0]).toMatchObject({ text: 'Grüße from n8n ✓', encoding: 'UCS-2' });
		expect(stored[0].scheduledFor).not.toBeNull();

		// Status, charge and stop chain on $json.messageId, one item each, paired to their inputs.
		const ids = sentJson.map((item) => item.messageId);
		const status = nodeOutput(result, 'Get Status');
		expect(status.map((item) => item.json.messageId)).toEqual(ids);
		expect(status.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(status[0].json).toMatchObject({ type: 'message.status', providerCode: '011', state: 'scheduled' });
		const charge = nodeItems(result, 'Get Charge');
		expect(charge.map((item) => item.messageId)).toEqual(ids);
		expect(charge[0].charge).toBeGreaterThan(0);
		const stopped = nodeItems(result, 'Stop');
		expect(stopped.map((item) => item.messageId)).toEqual(ids);
		for (const item of stopped) expect(item).toMatchObject({ state: 'cancelled', providerCode: '006', final: true });
		const afterStop = await sandboxMessages(sandbox.url, { clientReference: 'httpE2e1' });
		expect(afterStop.map((message) => message.status)).toEqual(['006', '006']);

		// Per-request credentials, recipients from an array expression, every option typed.
		const perRequest = nodeItems(result, 'Send (Per Request)');
		expect(perRequest.map((item) => item.to)).toEqual(['27999123458', '27999123459']);
		expect(perRequest[0]).toMatchObject({ from: '27999000001', encoding: 'GSM-7', parts: 1 });
		const [flash] = await sandboxMessages(sandbox.url, { to: '27999123458' });
		// The legacy API reads non-Unicode text as Windows-1252 bytes (€ is 0x80; gateways/clickatell-http/
		// text-rule.ts): the sandbox decodes it as the gateway does and gets the text back, nothing replaced.
		expect(flash).toMatchObject({ text: 'Plain GSM text with an extension char: €', encoding: 'GSM-7' });
		expect(flash.replacedCharacters).toBeUndefined();
		expect(flash.options).toMatchObject({
			messageType: 'SMS_FLASH',
			mo: true,
			escalate: true,
			queue: 1,
			validityMinutes: 120,
			maxCredits: 2,
			requiredFeatures: 1,
		});

		// Balance, voucher (+100 credits), coverage.
		const [balance] = nodeItems(result, 'Get Balance');
		const [redeemed] = nodeItems(result, 'Redeem Voucher');
		const [after] = nodeItems(result, 'Balance After Voucher');
		expect(redeemed).toMatchObject({ provider: 'clickatell-http', redeemed: true, value: '100' });
		expect(Number(after.balance) - Number(balance.balance)).toBeCloseTo(100, 6);
		expect(nodeItems(result, 'Check Coverage')[0]).toMatchObject({ destination: '27999123456', routable: true, minimumCharge: 0.8 });

		// Session mode: the send authenticated once for the execution; lookups authenticate per request.
		const delta = requestDelta(before, await sandboxStats(sandbox.url));
		expect(delta['clickatell-http auth']).toBe(1);
		expect(delta['clickatell-http sendmsg']).toBe(2);
	});

	test('an expired session (ERR: 003) is renewed once and nothing is sent twice', async () => {
		const fault = await fetch(`${sandbox.url}/sandbox/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ kind: 'session-expiry', api: 'clickatell-http', route: 'sendmsg', count: 1 }),
		});
		expect(fault.ok).toBe(true);
		const before = await sandboxStats(sandbox.url);
		const result = await run('gkWfCtHttpRenew1');
		expectSuccess(result);
		expect(nodeItems(result, 'Send').map((item) => item.to)).toEqual(['27999200001', '27999200002', '27999200003']);
		const delta = requestDelta(before, await sandboxStats(sandbox.url));
		// auth, sendmsg -> ERR: 003, auth again, sendmsg repeated once.
		expect(delta['clickatell-http auth']).toBe(2);
		expect(delta['clickatell-http sendmsg']).toBe(2);
		const messages = (await sandboxMessages(sandbox.url, { provider: 'clickatell-http' })).filter((message) => message.text === 'Renewal test');
		expect(messages).toHaveLength(3);
	});
});

describe('Clickatell REST API', () => {
	test('every operation runs in n8n against the sandbox', async () => {
		const result = await run('gkWfCtRestOps001');
		expectSuccess(result);
		const [sent] = nodeItems(result, 'Send');
		expectSentEvents([sent], 'clickatell-rest');
		expect(sent).toMatchObject({ to: '27999123456', clientReference: 'restE2e1', encoding: 'GSM-7', parts: 1 });
		expect(sent.state).toBe('scheduled');
		const [stored] = await sandboxMessages(sandbox.url, { clientReference: 'restE2e1' });
		// The date picker value arrived as scheduledDeliveryTime (the sandbox scales delays by its timeFactor).
		expect(stored.scheduledFor).not.toBeNull();
		expect(stored.options).toMatchObject({ bypassDNCCheck: true, validityPeriod: 90 });

		const [status] = nodeItems(result, 'Get Status');
		expect(status).toMatchObject({ type: 'message.status', provider: 'clickatell-rest', messageId: sent.messageId, state: 'scheduled' });
		const [stopped] = nodeItems(result, 'Stop');
		expect(stopped).toMatchObject({ messageId: sent.messageId, state: 'cancelled', providerCode: '006' });
		const [afterStop] = await sandboxMessages(sandbox.url, { clientReference: 'restE2e1' });
		expect(afterStop.status).toBe('006');

		const [balance] = nodeItems(result, 'Get Balance');
		expect(balance).toMatchObject({ provider: 'clickatell-rest' });
		expect(typeof balance.balance).toBe('number');
		expect(nodeItems(result, 'Check Coverage')[0]).toMatchObject({ provider: 'clickatell-rest', destination: '27999123456', routable: true });
	});
});

describe('ClickSend', () => {
	test('every operation runs in n8n against the sandbox', async () => {
		const injected = await fetch(`${sandbox.url}/sandbox/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ provider: 'clicksend', from: '+61411111111', text: 'Yes please' }),
		});
		expect(injected.ok).toBe(true);
		const result = await run('gkWfCsOps0000001');
		expectSuccess(result);

		const sent = nodeOutput(result, 'Send');
		expect(sent).toHaveLength(2);
		expectSentEvents(sent.map((item) => item.json), 'clicksend');
		expect(sent.map((item) => item.json.to)).toEqual(['+61400000123', '+61411111111']);
		expect(sent[0].json).toMatchObject({ clientReference: 'cs-e2e-1', from: 'Gatewaykit' });

		// Delivery reports: the ordinary number gets one (the documented test number never does).
		const reports = nodeItems(result, 'Get Reports');
		expect(reports.map((report) => report.messageId)).toContain(sent[0].json.messageId);
		expect(reports.find((report) => report.messageId === sent[0].json.messageId)).toMatchObject({ type: 'message.status', provider: 'clicksend', state: 'delivered' });

		const replies = nodeItems(result, 'Get Replies');
		expect(replies).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'message.inbound', from: '+61411111111', text: 'Yes please' })]));

		const history = nodeItems(result, 'Get History');
		expect(history.map((item) => item.messageId)).toEqual(expect.arrayContaining(sent.map((item) => item.json.messageId)));

		const [balance] = nodeItems(result, 'Get Balance');
		expect(balance).toMatchObject({ provider: 'clicksend' });
		expect(Number(balance.balance)).toBeLessThan(100_000);
	});
});

describe('1,000-item send', () => {
	const cases = [
		{ workflow: 'gkWfBulkCtHttp01', provider: 'clickatell-http', route: 'clickatell-http sendmsg', limit: 600 },
		{ workflow: 'gkWfBulkCtRest01', provider: 'clickatell-rest', route: 'clickatell-rest POST /rest/message', limit: 500 },
		{ workflow: 'gkWfBulkCs000001', provider: 'clicksend', route: 'clicksend send.php', limit: 1000 },
	];
	test.each(cases)('$provider: 700 + 300 items sharing two texts arrive in ceil(n/limit) requests per text', async ({ workflow, provider, route, limit }) => {
		const before = await sandboxStats(sandbox.url);
		const result = await run(workflow);
		expectSuccess(result);
		const output = nodeOutput(result, 'Send');
		expect(output).toHaveLength(1000);
		// One output item per input item, in order, each paired with the item that asked for it.
		output.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		expect(output.every((item) => item.json.type === 'message.sent' && item.json.provider === provider)).toBe(true);
		expect(new Set(output.map((item) => item.json.messageId)).size).toBe(1000);

		const delta = requestDelta(before, await sandboxStats(sandbox.url));
		const expected = Math.ceil(700 / limit) + Math.ceil(300 / limit);
		expect(delta[route]).toBeLessThanOrEqual(expected);
		expect(delta[route]).toBeGreaterThan(0);
		const stored = await sandboxMessages(sandbox.url, { provider });
		expect(stored.filter((message) => message.text === 'Bulk text A')).toHaveLength(700);
		expect(stored.filter((message) => message.text === 'Bulk text B')).toHaveLength(300);
		console.log(`${provider}: 1000 items -> ${delta[route]} send requests (limit ${limit}; bound ${expected})`);
	});
});

describe('failures', () => {
	test('bad credentials: with Continue On Fail, every node yields an error item with the provider code and text', async () => {
		const result = await run('gkWfFailCredCont');
		expectSuccess(result);
		// Lookups' error items carry the same structured fields as Send's (issue 11 item 5).
		const [httpBalance] = nodeItems(result, 'HTTP Balance');
		expect(httpBalance).toMatchObject({ provider: 'clickatell-http', providerCode: '001', providerText: 'Authentication failed', retryable: false });
		expect(httpBalance.hint).toEqual(expect.any(String));
		const [httpSend] = nodeItems(result, 'HTTP Send');
		expect(httpSend).toMatchObject({ provider: 'clickatell-http', providerCode: '001', to: '27999123456' });
		expect(String(httpSend.error)).toContain('Authentication failed');
		const [restBalance] = nodeItems(result, 'REST Balance');
		expect(restBalance).toMatchObject({ provider: 'clickatell-rest', providerCode: '001', httpStatus: 401, retryable: false });
		const [restSend] = nodeItems(result, 'REST Send');
		expect(restSend).toMatchObject({ provider: 'clickatell-rest', providerCode: '001', httpStatus: 401 });
		const [csBalance] = nodeItems(result, 'ClickSend Balance');
		expect(csBalance).toMatchObject({ provider: 'clicksend', providerCode: '2022', retryable: false });
		const [csSend] = nodeItems(result, 'ClickSend Send');
		expect(csSend).toMatchObject({ provider: 'clicksend', providerCode: '2022' });
		const secrets = ['not-the-password', 'not-the-token', 'not-the-key'];
		for (const secret of secrets) expect(result.stdout).not.toContain(secret);
	});

	test.each([
		['gkWfFailCredHttp', /001.*Authentication failed|Authentication failed/],
		['gkWfFailCredRest', /001/],
		['gkWfFailCredCs01', /2022/],
	])('bad credentials without Continue On Fail stop %s with the provider error', async (workflow, pattern) => {
		const result = await run(workflow);
		expect(result.ok).toBe(false);
		const error = nodeError(result, 'Get Balance');
		expect(error).toBeDefined();
		expect(`${error?.message} ${error?.description ?? ''}`).toMatch(pattern);
	});

	test('invalid numbers: the valid recipient is sent, each invalid one is an error item', async () => {
		const result = await run('gkWfFailNumCont1');
		expectSuccess(result);
		for (const node of ['HTTP Send', 'REST Send']) {
			const items = nodeItems(result, node);
			expect(items).toHaveLength(3);
			expect(items[0]).toMatchObject({ type: 'message.sent', to: '27999123456' });
			// Rejected locally, naming the field; nothing sent for it.
			expect(items[1]).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'to', to: 'not-a-number' });
			// Refused by the gateway: Clickatell 114 Cannot route message.
			expect(items[2]).toMatchObject({ providerCode: '114' });
			expect(String(items[2].error)).toContain('Cannot route message');
		}
		const clicksend = nodeItems(result, 'ClickSend Send');
		expect(clicksend).toHaveLength(3);
		expect(clicksend[0]).toMatchObject({ type: 'message.sent' });
		expect(clicksend[1]).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'to' });
		expect(clicksend[2]).toMatchObject({ provider: 'clicksend', providerCode: '2015' });
		const [coverage] = nodeItems(result, 'HTTP Coverage');
		expect(coverage).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'number', certainlyNotSent: true });
	});

	test('an invalid number without Continue On Fail stops with an error naming the field', async () => {
		const result = await run('gkWfFailNumStop1');
		expect(result.ok).toBe(false);
		const error = nodeError(result, 'Send');
		expect(error?.message).toMatch(/'to'.*national number/);
	});

	// Issue 11 item 5: lookups' input errors and network failures carry the fields Send's error items do,
	// where n8n's declarative routing gave only { error: message }.
	test('lookups with bad input or a closed port: with Continue On Fail, error items with the structured fields', async () => {
		const result = await run('gkWfFailLookCont');
		expectSuccess(result);
		const fields = ['error', 'provider', 'providerCode', 'providerText', 'hint', 'retryable', 'delivery', 'certainlyNotSent'];
		const inputErrors = [
			['HTTP Status Bad ID', 'messageId'],
			['REST Stop Bad ID', 'messageId'],
			['HTTP Coverage Bad Number', 'number'],
			['HTTP Voucher Bad Code', 'voucher'],
			['ClickSend Replies Bad Filter', 'filters.messageId'],
		];
		for (const [node, field] of inputErrors) {
			const output = nodeOutput(result, node);
			expect({ node, count: output.length }).toEqual({ node, count: 1 });
			expect(output[0].pairedItem).toEqual({ item: 0 });
			const item = output[0].json;
			for (const name of fields) expect({ node, has: name in item }).toEqual({ node, has: true });
			expect(item).toMatchObject({ provider: 'local', providerCode: 'INVALID_INPUT', field, retryable: false, certainlyNotSent: true });
			expect(String(item.error)).toContain(`'${field}'`);
		}
		const networkFailures = [
			['HTTP Balance Closed Port', 'clickatell-http'],
			['REST Status Closed Port', 'clickatell-rest'],
			['ClickSend History Closed Port', 'clicksend'],
		];
		for (const [node, provider] of networkFailures) {
			const [item] = nodeItems(result, node);
			for (const name of fields) expect({ node, has: name in item }).toEqual({ node, has: true });
			// Refused connections never reached a gateway: certainly not sent, safe to retry.
			expect(item).toMatchObject({ provider, providerCode: 'NETWORK', providerText: 'connection failed (ECONNREFUSED)', retryable: true, certainlyNotSent: true });
		}
	});

	test('a lookup against a closed port without Continue On Fail stops with a node error carrying the same fields', async () => {
		const result = await run('gkWfFailLookStop');
		expect(result.ok).toBe(false);
		const error = nodeError(result, 'Get Status');
		// n8n's NodeApiError words a refused connection its own way; the fields to branch on are in context.
		expect(error?.message).toMatch(/refused the connection/);
		expect(error?.context).toMatchObject({ provider: 'clickatell-rest', providerCode: 'NETWORK', retryable: true, certainlyNotSent: true });
	});

	test('no credit: with Continue On Fail each API yields its own error code', async () => {
		const result = await run('gkWfFailCreditCt');
		expectSuccess(result);
		expect(nodeItems(result, 'HTTP Send')[0]).toMatchObject({ provider: 'clickatell-http', providerCode: '301' });
		expect(nodeItems(result, 'REST Send')[0]).toMatchObject({ provider: 'clickatell-rest', providerCode: '301' });
		expect(nodeItems(result, 'ClickSend Send')[0]).toMatchObject({ provider: 'clicksend', providerCode: '2018' });
		expect(String(nodeItems(result, 'HTTP Send')[0].error)).toContain('No credit left');
	});

	test('no credit without Continue On Fail stops the workflow with the provider error', async () => {
		const result = await run('gkWfFailCreditSt');
		expect(result.ok).toBe(false);
		expect(nodeError(result, 'Send')?.message).toMatch(/301.*No credit left/);
	});
});

describe('the running n8n', () => {
	let server: RunningN8n | undefined;
	let rest: RestSession;

	beforeAll(async () => {
		// Imported and published before the server starts (the CLI and the server share one database).
		await home.importWorkflows([retryWorkflow.json]);
		await home.publishWorkflow(retryWorkflow.id);
		server = await home.start();
		rest = await setupOwner(server);
	}, 180_000);
	afterAll(async () => await server?.stop());

	describe('credential tests (the editor’s “Test” button)', () => {

		async function testCredential(id: string, data?: Record<string, unknown>): Promise<{ status: string; message: string }> {
			const fixture = credentialFixtures(sandbox.url).find((credential) => credential.id === id);
			if (!fixture) throw new Error(`no credential fixture ${id}`);
			return await rest.call('POST', '/credentials/test', { credentials: { id, name: fixture.name, type: fixture.type, data: data ?? fixture.data } });
		}

		test.each([
			['gkCredCtHttpSes1', /^Connection successful \(balance: [\d.]+ credits\)$/],
			['gkCredCtHttpPer1', /^Connection successful/],
			['gkCredCtRest0001', /^Connection successful/],
			['gkCredClickSend1', /^Connection successful \(balance: [\d.]+/],
		])('%s passes against the sandbox', async (id, message) => {
			const result = await testCredential(id);
			expect(result).toEqual({ status: 'OK', message: expect.stringMatching(message) });
		});

		test.each([
			['gkCredCtHttpBad1', 'Clickatell HTTP API error 001: Authentication failed'],
			['gkCredCtRestBad1', 'Clickatell REST API error 001: Authentication failed'],
			['gkCredCsBad00001', 'ClickSend error 2022: Invalid credentials'],
		])('%s fails with the provider’s own message', async (id, message) => {
			const result = await testCredential(id);
			expect(result).toEqual({ status: 'Error', message });
		});
	});

	describe('a retry from the executions list', () => {
		interface ExecutionSummary {
			id: string;
			status: string;
			retryOf?: string | null;
			/** The run data, on the answer to a retry. */
			data?: { resultData?: { runData?: Record<string, Array<{ error?: { errorResponse?: { providerCode?: string } } }>> } };
		}

		/** The provider code of the Send node's error in a retry's answer. */
		function sendErrorCode(execution: ExecutionSummary): string | undefined {
			return execution.data?.resultData?.runData?.Send?.at(-1)?.error?.errorResponse?.providerCode;
		}

		async function executionsOf(workflowId: string): Promise<ExecutionSummary[]> {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const page = await rest.call<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${filter}`);
			return page.results;
		}

		/** How often each recipient was accepted by the sandbox. */
		function acceptedTimes(recipients: string[]): Map<string, number> {
			const wanted = new Set(recipients.map((to) => to.replace(/^\+/, '')));
			const times = new Map<string, number>();
			for (const message of sandbox.state.messages.values()) {
				const to = String(message.to).replace(/^\+/, '');
				if (wanted.has(to)) times.set(to, (times.get(to) ?? 0) + 1);
			}
			return times;
		}

		test('sends what the failed execution did not send, and nothing it sent a second time', async () => {
			// 501 recipients: two Clickatell REST requests (its limit is 500), one at a time, no own retries.
			const recipients = Array.from({ length: 501 }, (_, index) => `2782${String(index).padStart(7, '0')}`);
			const fault = sandbox.faults.add({ kind: '503', api: 'clickatell-rest', route: 'POST /rest/message', count: 1 });
			// n8n answers 404 (and starts nothing) until it has registered the published workflow's webhook.
			const posted = await eventually('the webhook to be registered', async () => {
				const response = await fetch(`${(server as RunningN8n).baseUrl}/webhook/${retryWorkflow.path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ to: recipients.join(','), text: 'Retry from the executions list' }),
				});
				return response.status === 404 ? undefined : response.status;
			}, 60_000, 500);
			expect(posted).toBe(200);

			// The first request met the 503 (nothing sent), the second was accepted: the execution failed.
			const failed = await eventually('the failed execution', async () => (await executionsOf(retryWorkflow.id)).find((execution) => execution.status === 'error'), 60_000);
			expect(fault.hits).toBe(1);
			const afterFailure = acceptedTimes(recipients);
			expect([1, 500]).toContain(afterFailure.size);
			expect(Math.max(...afterFailure.values())).toBe(1);

			// The retry (a new execution ID, a copy of the failed run's data) sends only the refused request.
			const retried = await rest.call<ExecutionSummary>('POST', `/executions/${failed.id}/retry`, { loadWorkflow: false });
			expect(retried.id).not.toBe(failed.id);
			const afterRetry = acceptedTimes(recipients);
			expect(afterRetry.size).toBe(501);
			expect(Math.max(...afterRetry.values())).toBe(1);
			// The request the failed run had sent comes out ALREADY_ATTEMPTED, so the retry fails too.
			expect(retried.status).toBe('error');
			expect(sendErrorCode(retried)).toBe('ALREADY_ATTEMPTED');

			// A retry of the retry finds the same ledger: nothing goes out again.
			const again = await rest.call<ExecutionSummary>('POST', `/executions/${retried.id}/retry`, { loadWorkflow: false });
			expect(again.status).toBe('error');
			expect(sendErrorCode(again)).toBe('ALREADY_ATTEMPTED');
			expect(Math.max(...acceptedTimes(recipients).values())).toBe(1);
			expect(acceptedTimes(recipients).size).toBe(501);
		});
	});
});
