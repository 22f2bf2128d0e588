/**
 * Workflows and sandbox accounts of the queue-mode test and benchmark.
 *
 * Send workflows start with n8n's Webhook node, so a send is an ordinary production execution: the
 * webhook processor takes the call and puts the execution on the queue, and a worker runs it. The
 * call's body carries the recipients as one comma-separated `to` (one item, many recipients: the node
 * plans the multi-recipient requests) and the text; each call is one execution.
 * The callback side reuses the trigger workflows of the trigger e2e test (trigger -> HTTP Request to
 * a recorder), so a callback that became a trigger execution is one recorded item.
 */
import { randomUUID } from 'node:crypto';
import type { AccountPatch } from '../../../sandbox/config';
import { nodeType, type CredentialFixture } from '../n8n/harness';
import { webhookNode, workflowJson } from '../n8n/workflow-json';
import { CALLBACK_SECRET, credentialFixtures as triggerCredentials, triggerWorkflows, type TriggerWorkflow } from '../n8n-triggers/workflows';

export { CALLBACK_SECRET };

export type Api = 'clickatell-http' | 'clickatell-rest' | 'clicksend';
export const APIS: readonly Api[] = ['clickatell-http', 'clickatell-rest', 'clicksend'];

/** Sandbox accounts that hold the credit for many 10,000-message runs; callback URLs are set by the caller. */
export const SEND_ACCOUNTS = {
	'clickatell-http': { id: 'q-http', provider: 'clickatell-http', apiId: '3500301', user: 'queue', password: 'queue-password', balance: 10_000_000 },
	'clickatell-rest': { id: 'q-rest', provider: 'clickatell-rest', apiId: '3500302', token: 'queue-rest-token', balance: 10_000_000 },
	clicksend: { id: 'q-cs', provider: 'clicksend', username: 'queue', key: 'queue-key', balance: 10_000_000 },
} as const satisfies Record<Api, AccountPatch>;

const CREDENTIAL_IDS: Record<Api, { id: string; name: string; type: string }> = {
	'clickatell-http': { id: 'gkQueCredHttp001', name: 'Queue: Clickatell HTTP (sandbox)', type: 'clickatellHttpApi' },
	'clickatell-rest': { id: 'gkQueCredRest001', name: 'Queue: Clickatell REST (sandbox)', type: 'clickatellRestApi' },
	clicksend: { id: 'gkQueCredCs00001', name: 'Queue: ClickSend (sandbox)', type: 'clickSendApi' },
};

/** The send credentials (pointed at the sandbox) and the triggers' credentials. */
export function credentialFixtures(sandboxUrl: string): CredentialFixture[] {
	const http = SEND_ACCOUNTS['clickatell-http'];
	const rest = SEND_ACCOUNTS['clickatell-rest'];
	const cs = SEND_ACCOUNTS.clicksend;
	return [
		{
			...CREDENTIAL_IDS['clickatell-http'],
			// Per request: no session to open per execution (the session mode is covered by the other e2e tests).
			data: { apiId: http.apiId, username: http.user, password: http.password, authMode: 'perRequest', baseUrl: sandboxUrl },
		},
		{ ...CREDENTIAL_IDS['clickatell-rest'], data: { authToken: rest.token, baseUrl: sandboxUrl } },
		{ ...CREDENTIAL_IDS.clicksend, data: { username: cs.username, apiKey: cs.key, baseUrl: sandboxUrl } },
		...triggerCredentials(sandboxUrl),
	];
}

export interface SendWorkflow {
	id: string;
	api: Api;
	/** The Webhook node's path: the send starts with POST ${webhook processor}/webhook/<path>. */
	path: string;
	json: object;
}

const SEND_IDS: Record<Api, string> = { 'clickatell-http': 'gkQueSendHttp001', 'clickatell-rest': 'gkQueSendRest001', clicksend: 'gkQueSendCs00001' };

/** Webhook -> Send (one node of ours), Continue On Fail so every recipient gives an item. */
export function sendWorkflow(api: Api): SendWorkflow {
	const path = `queue-send-${api}`;
	const credential = CREDENTIAL_IDS[api];
	const isClickatell = api !== 'clicksend';
	const send = {
		id: randomUUID(),
		name: 'Send',
		type: nodeType(isClickatell ? 'clickatell' : 'clickSend'),
		typeVersion: 1,
		position: [260, 0],
		onError: 'continueRegularOutput',
		parameters: {
			...(isClickatell ? { authentication: credential.type } : {}),
			resource: 'message',
			operation: 'send',
			to: '={{ $json.body.to }}',
			text: '={{ $json.body.text }}',
			// Clickatell's callback level (2 = final statuses) when the call asks for it; ClickSend pushes
			// delivery reports for every message of an account that has a URL.
			options: isClickatell ? { callback: '={{ $json.body.callback ?? 0 }}' } : {},
			sending: { parallelRequests: 4 },
		},
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
	const json = workflowJson(
		SEND_IDS[api],
		`Queue e2e: send through ${api}`,
		[webhookNode({ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }), send],
		{ Webhook: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
	);
	return { id: SEND_IDS[api], api, path, json };
}

export type Triggers = ReturnType<typeof triggerWorkflows>;
export { triggerWorkflows, type TriggerWorkflow };

/** A trigger's production URL on a given n8n base URL (the webhook processor's). */
export function triggerUrl(base: string, flow: TriggerWorkflow): string {
	return `${base}/webhook/${flow.webhookId}/webhook`;
}

/** The number of recipient `index` (0-based) of an API: disjoint ranges, so the sandbox can tell them apart. */
export function recipient(api: Api, index: number): string {
	const serial = String(index).padStart(6, '0');
	if (api === 'clickatell-http') return `4477001${serial}`;
	if (api === 'clickatell-rest') return `4477002${serial}`;
	return `+4477003${serial}`;
}
