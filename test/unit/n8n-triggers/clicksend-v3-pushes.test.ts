import type { INodeExecutionData } from 'n8n-workflow';
import { ClickSendTrigger } from '../../../nodes/ClickSendTrigger/ClickSendTrigger.node';
import { INBOUND_PUSH_JSON } from '../clicksend-v3/fixtures';
import { FORM, form, fakeWebhookContext, JSON_TYPE, NODE, SECRET, TOKEN_CREDENTIALS, type FakeCallback } from './fake-webhook';

/**
 * The ClickSend Trigger on REST API v3 reads an automation rule's inbound push in each of its forms
 * (webhook_type json, post, get) as the same event, named 'clicksend-v3'. The push is ClickSend's own
 * JSON example (C8 in ../shared/specs/clicksend-rest-api-v3.md §7.3).
 */
const trigger = new ClickSendTrigger();
const PATH = '/webhook/0b6f4f3a/webhook';

/** The same push as ClickSend's form and query forms carry it: every value a string. */
const PUSH: Record<string, string> = Object.fromEntries(Object.entries(INBOUND_PUSH_JSON).map(([name, value]) => [name, String(value)]));

async function call(request: Omit<FakeCallback, 'parameters' | 'credentials'>) {
	const { context, response } = fakeWebhookContext({ credentials: TOKEN_CREDENTIALS, parameters: { api: 'clicksend-v3' }, ...request });
	// A version-3 trigger: versions 1 and 2 listen for HTTP API v2 pushes whatever `api` says.
	Object.assign(context, { getNode: () => ({ ...NODE, typeVersion: 3 }) });
	const result = (await trigger.webhook.call(context)) as { workflowData?: INodeExecutionData[][] };
	return { items: (result.workflowData?.[0] ?? []).map((item) => item.json), response };
}

describe('ClickSend Trigger (REST API v3): inbound pushes of an automation rule', () => {
	test.each([
		['json', { url: `${PATH}?token=${SECRET}`, method: 'POST', headers: JSON_TYPE, body: JSON.stringify(INBOUND_PUSH_JSON) }],
		['post', { url: `${PATH}?token=${SECRET}`, method: 'POST', headers: FORM, body: form(PUSH) }],
		['get', { url: `${PATH}?token=${SECRET}&${form(PUSH)}`, method: 'GET' }],
	] as const)('%s form', async (_form, request) => {
		const { items } = await call(request as FakeCallback);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			type: 'message.inbound',
			provider: 'clicksend-v3',
			messageId: '1F12D781-99C1-6D94-96FE-F5A311C8997D',
			from: '+61429912603',
			to: '+61477485926',
			text: 'trigger reply',
			inReplyTo: '1F12D717-947A-6FBC-BBFE-D14C2927CEEF',
		});
		// The token that authenticated the push is not part of the event.
		expect(JSON.stringify(items[0])).not.toContain(SECRET);
	});

	test('a push without the token gets 401 and starts nothing', async () => {
		const { items, response } = await call({ url: PATH, method: 'POST', headers: JSON_TYPE, body: JSON.stringify(PUSH) });
		expect(response.status).toBe(401);
		expect(items).toEqual([]);
	});

	test('a version-2 trigger keeps reading the same push as HTTP API v2', async () => {
		const { context } = fakeWebhookContext({ credentials: TOKEN_CREDENTIALS, url: `${PATH}?token=${SECRET}`, method: 'POST', headers: FORM, body: form(PUSH) });
		Object.assign(context, { getNode: () => ({ ...NODE, typeVersion: 2 }) });
		const result = (await trigger.webhook.call(context)) as { workflowData?: INodeExecutionData[][] };
		expect(result.workflowData?.[0][0].json).toMatchObject({ type: 'message.inbound', provider: 'clicksend' });
	});
});
