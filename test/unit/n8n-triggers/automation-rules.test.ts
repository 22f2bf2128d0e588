import type { IDataObject, IHookFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { ClickSendApi } from '../../../credentials/ClickSendApi.credentials';
import { ClickSendV3Client } from '../../../gateways/clicksend-v3';
import { FetchTransport } from '../../../gateways/transport';
import { ClickSendTrigger } from '../../../nodes/ClickSendTrigger/ClickSendTrigger.node';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { DEMO_CREDENTIALS } from '../../../sandbox/config';
import { authenticatedFetch } from '../n8n/fakes';
import { SECRET, TOKEN_CREDENTIALS } from './fake-webhook';

/**
 * The ClickSend Trigger v3's webhook lifecycle against the sandbox's REST v3 automation rules, over real
 * HTTP through the ClickSend credential's own `authenticate` (as n8n's httpRequestWithAuthentication does).
 */
const hooks = new ClickSendTrigger().webhookMethods.default;
const PRODUCTION = 'https://n8n.example.com/webhook/0b6f4f3a/webhook';
const TEST = 'https://n8n.example.com/webhook-test/0b6f4f3a/webhook';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(async () => {
	// No rule survives from one test to the next.
	for (const rule of (await api().listInboundRules()).rules) await api().deleteInboundRule(rule.id);
	for (const rule of (await api().listReceiptRules()).rules) await api().deleteReceiptRule(rule.id);
});

const api = () =>
	new ClickSendV3Client({
		credentials: { username: DEMO_CREDENTIALS.clicksend.username, key: DEMO_CREDENTIALS.clicksend.key, baseUrl: sandbox.url },
		transport: new FetchTransport({ provider: 'clicksend-v3', timeoutMs: 5_000 }),
	});

function hookContext(options: { url?: string; parameters?: IDataObject; staticData?: IDataObject; secret?: IDataObject } = {}): { context: IHookFunctions; staticData: IDataObject } {
	const staticData = options.staticData ?? {};
	const parameters: IDataObject = { api: 'clicksend-v3', registerWebhook: true, events: ['inbound', 'status'], statusFilter: [], verification: 'token', ...options.parameters };
	const clickSend = { username: DEMO_CREDENTIALS.clicksend.username, apiKey: DEMO_CREDENTIALS.clicksend.key, baseUrl: sandbox.url };
	const credentials: Record<string, IDataObject> = { ...TOKEN_CREDENTIALS, ...(options.secret ? { smsWebhookAuthApi: options.secret } : {}), clickSendApi: clickSend };
	const send = authenticatedFetch(new ClickSendApi().authenticate as never, clickSend);
	const context = {
		getNode: () => ({ id: 'n1', name: 'ClickSend Trigger', type: 'clickSendTrigger', typeVersion: 3, position: [0, 0], parameters }),
		getWorkflow: () => ({ id: 'w1', name: 'Replies', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async (name: string) => credentials[name],
		getNodeWebhookUrl: () => options.url ?? PRODUCTION,
		getWorkflowStaticData: () => staticData,
		helpers: { httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => await send(request) },
	};
	return { context: context as unknown as IHookFunctions, staticData };
}

const run = async (fn: (this: IHookFunctions) => Promise<boolean>, context: IHookFunctions) => await fn.call(context);

describe('ClickSend Trigger v3: automation rules', () => {
	test('create registers both rules with the secret in the URL; checkExists finds them; delete removes them', async () => {
		const { context, staticData } = hookContext();
		expect(await run(hooks.checkExists, context)).toBe(false);
		expect(await run(hooks.create, context)).toBe(true);
		const inbound = (await api().listInboundRules()).rules;
		const receipts = (await api().listReceiptRules()).rules;
		expect(inbound.map((rule) => [rule.url, rule.webhookType, rule.ruleName])).toEqual([[`${PRODUCTION}?token=${SECRET}`, 'json', 'n8n: Replies (ClickSend Trigger)']]);
		expect(receipts.map((rule) => rule.url)).toEqual([`${PRODUCTION}?token=${SECRET}`]);
		// Only ids are kept: the secret is not written to the workflow's static data.
		expect(JSON.stringify(staticData)).not.toContain(SECRET);
		expect(await run(hooks.checkExists, context)).toBe(true);
		expect(await run(hooks.delete, context)).toBe(true);
		expect((await api().listInboundRules()).rules).toEqual([]);
		expect((await api().listReceiptRules()).rules).toEqual([]);
		expect(await run(hooks.checkExists, context)).toBe(false);
	});

	test('only the rules for the events the trigger emits', async () => {
		const { context } = hookContext({ parameters: { events: ['inbound'] } });
		await run(hooks.create, context);
		expect((await api().listInboundRules()).rules).toHaveLength(1);
		expect((await api().listReceiptRules()).rules).toHaveLength(0);
	});

	test('a rule deleted at ClickSend is noticed and replaced, without leaving a duplicate', async () => {
		const { context, staticData } = hookContext();
		await run(hooks.create, context);
		const [rule] = (await api().listInboundRules()).rules;
		await api().deleteInboundRule(rule.id);
		expect(await run(hooks.checkExists, context)).toBe(false);
		await run(hooks.create, context);
		expect((await api().listInboundRules()).rules).toHaveLength(1);
		expect((await api().listReceiptRules()).rules).toHaveLength(1);
		expect(await run(hooks.checkExists, hookContext({ staticData }).context)).toBe(true);
	});

	test("listening for a test event registers the editor's test URL and never touches the production rules", async () => {
		const staticData: IDataObject = {};
		await run(hooks.create, hookContext({ staticData }).context);
		const test = hookContext({ url: TEST, staticData }).context;
		expect(await run(hooks.checkExists, test)).toBe(false);
		await run(hooks.create, test);
		expect((await api().listInboundRules()).rules.map((rule) => rule.url).sort()).toEqual([`${PRODUCTION}?token=${SECRET}`, `${TEST}?token=${SECRET}`].sort());
		await run(hooks.delete, test);
		expect((await api().listInboundRules()).rules.map((rule) => rule.url)).toEqual([`${PRODUCTION}?token=${SECRET}`]);
		expect(await run(hooks.checkExists, hookContext({ staticData }).context)).toBe(true);
	});

	test('a trigger that does not register (switch off, or HTTP API v2) makes no request to ClickSend', async () => {
		for (const parameters of [{ registerWebhook: false }, { api: 'clicksend' }]) {
			const { context } = hookContext({ parameters });
			(context.helpers as unknown as { httpRequestWithAuthentication: () => never }).httpRequestWithAuthentication = () => {
				throw new Error('no request expected');
			};
			expect(await run(hooks.checkExists, context)).toBe(false);
			expect(await run(hooks.create, context)).toBe(true);
			expect(await run(hooks.delete, context)).toBe(true);
		}
	});

	test('with Basic Auth verification the registered URL carries user and secret', async () => {
		const { context } = hookContext({ parameters: { verification: 'basic', events: ['status'] }, secret: { secret: SECRET, user: 'clicksend', queryParameter: 'token' } });
		await run(hooks.create, context);
		expect((await api().listReceiptRules()).rules.map((rule) => rule.url)).toEqual([`https://clicksend:${SECRET}@n8n.example.com/webhook/0b6f4f3a/webhook`]);
		expect(await run(hooks.checkExists, context)).toBe(true);
	});

	test('a secret too short to protect the URL refuses activation before any rule is created', async () => {
		const { context } = hookContext({ secret: { secret: 'short', user: '', queryParameter: 'token' } });
		await expect(run(hooks.checkExists, context)).rejects.toThrow(/at least 16/);
		expect((await api().listInboundRules()).rules).toEqual([]);
	});
});

