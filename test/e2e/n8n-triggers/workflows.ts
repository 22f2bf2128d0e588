import { randomUUID } from 'node:crypto';
import { nodeType, type CredentialFixture } from '../n8n/harness';

/** The shared secret the sandbox puts on every callback and the triggers' credential expects. */
export const CALLBACK_SECRET = 'e2e-callback-secret-0123456789';

export const CREDENTIALS = {
	webhookToken: { id: 'gkTrgCredToken01', name: 'Webhook secret (query token)' },
	webhookBasic: { id: 'gkTrgCredBasic01', name: 'Webhook secret (basic auth)' },
	clickSendPoll: { id: 'gkTrgCredPoll001', name: 'ClickSend poll account (sandbox)' },
};

/** The sandbox's user name for basic-auth callbacks (sandbox/callbacks.ts CALLBACK_BASIC_USER). */
export const SANDBOX_BASIC_USER = 'sandbox';

export function credentialFixtures(sandboxUrl: string): CredentialFixture[] {
	return [
		{ ...CREDENTIALS.webhookToken, type: 'smsWebhookAuthApi', data: { secret: CALLBACK_SECRET, queryParameter: 'token', user: '' } },
		{ ...CREDENTIALS.webhookBasic, type: 'smsWebhookAuthApi', data: { secret: CALLBACK_SECRET, queryParameter: 'token', user: SANDBOX_BASIC_USER } },
		{ ...CREDENTIALS.clickSendPoll, type: 'clickSendApi', data: { username: 'poller', apiKey: 'poller-key', baseUrl: sandboxUrl } },
	];
}

export interface TriggerWorkflow {
	id: string;
	/** The trigger's webhookId: its production URL is `${n8n}/webhook/<webhookId>/webhook`. */
	webhookId: string;
	json: object;
}

/** A workflow: the trigger, then an HTTP Request node that POSTs each item to the test's recorder. */
function workflow(
	id: string,
	name: string,
	trigger: { type: string; parameters: object; credentials: object },
	recordUrl: string,
): TriggerWorkflow {
	const webhookId = randomUUID();
	const json = {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Trigger',
				type: nodeType(trigger.type),
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: trigger.parameters,
				credentials: trigger.credentials,
			},
			{
				id: randomUUID(),
				name: 'Record',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [260, 0],
				parameters: {
					method: 'POST',
					url: recordUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { Trigger: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
	};
	return { id, webhookId, json };
}

export function triggerWorkflows(record: (channel: string) => string): Record<'clickatellHttp' | 'clickatellRest' | 'clickSendPush' | 'clickSendPoll', TriggerWorkflow> {
	const token = { smsWebhookAuthApi: CREDENTIALS.webhookToken };
	return {
		clickatellHttp: workflow(
			'gkTrgCtHttp00001',
			'E2E Clickatell HTTP trigger (query token, all events)',
			{ type: 'clickatellTrigger', parameters: { api: 'clickatell-http', events: ['inbound', 'status'], verification: 'token' }, credentials: token },
			record('clickatell-http'),
		),
		clickatellRest: workflow(
			'gkTrgCtRest00001',
			'E2E Clickatell REST trigger (basic auth, delivered statuses only)',
			{
				type: 'clickatellTrigger',
				parameters: { api: 'clickatell-rest', events: ['status'], statusFilter: ['delivered'], verification: 'basic' },
				credentials: { smsWebhookAuthApi: CREDENTIALS.webhookBasic },
			},
			record('clickatell-rest'),
		),
		clickSendPush: workflow(
			'gkTrgCsPush00001',
			'E2E ClickSend push trigger (query token)',
			{ type: 'clickSendTrigger', parameters: { events: ['inbound', 'status'], verification: 'token' }, credentials: token },
			record('clicksend-push'),
		),
		clickSendPoll: workflow(
			'gkTrgCsPoll00001',
			'E2E ClickSend polling trigger',
			{
				type: 'clickSendPollingTrigger',
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, events: ['inbound', 'status'] },
				credentials: { clickSendApi: CREDENTIALS.clickSendPoll },
			},
			record('clicksend-poll'),
		),
	};
}
