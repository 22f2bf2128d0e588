import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ClickatellTrigger } from '../../../nodes/ClickatellTrigger/ClickatellTrigger.node';
import { fakeWebhookContext, JSON_TYPE, SECRET, TOKEN_CREDENTIALS } from './fake-webhook';

/**
 * The Clickatell Trigger set to the Portal (version 3's default): one URL reads a One API envelope (several
 * events become several items of one execution) and a Platform SMS API callback, each by its own shape.
 * Payloads from ../shared/specs/clickatell-platform-api.md (§5.1 Platform status, §6.5 One API, S14-S16).
 */
const trigger = new ClickatellTrigger();
const URL_WITH_TOKEN = `/webhook/6f1c0a52/webhook?token=${SECRET}`;

async function post(body: object, parameters: IDataObject = {}) {
	const { context, response } = fakeWebhookContext({
		credentials: TOKEN_CREDENTIALS,
		url: URL_WITH_TOKEN,
		method: 'POST',
		headers: JSON_TYPE,
		body: JSON.stringify(body),
		parameters: { api: 'clickatell-portal', ...parameters },
	});
	const result = (await trigger.webhook.call(context)) as { workflowData?: INodeExecutionData[][]; webhookResponse?: unknown };
	return { result, response, items: (result.workflowData?.[0] ?? []).map((item) => item.json) };
}

const statusUpdate = (messageId: string, statusCode: number, status: string) => ({
	channel: 'sms',
	timestamp: 1506607698860,
	statusCode,
	status,
	messageId,
	clientMessageId: `ref-${messageId.slice(0, 4)}`,
});

const envelope = (event: object) => ({ integrationId: 'fa8090815f05d5ed015f0b5b56080cd2', integrationName: 'My integration', event });

const moText = {
	channel: 'sms',
	messageId: '3a89680503414383af44dcd0e4e5f184',
	relatedMessageId: 'd33eef0838a121f71069a4cc8d55c19e',
	from: '2799900001',
	to: '2799900002',
	timestamp: 1506607698000,
	content: 'Yes, see you then',
	charset: 'UTF-8',
	sms: { network: 'Network ID' },
};

describe('Clickatell Trigger (Portal): One API callbacks', () => {
	it('emits every event of a batch as its own item of one execution', async () => {
		const { items } = await post(
			envelope({ messageStatusUpdate: [statusUpdate('77fb29998253415fa5d66971d519d362', 5, 'DEVICE_ACK'), statusUpdate('88ac29998253415fa5d66971d519d363', 4, 'SENT_TO_SUPPLIER')] }),
		);
		expect(items.map((item) => [item.type, item.provider, item.messageId])).toEqual([
			['message.status', 'clickatell-one', '77fb29998253415fa5d66971d519d362'],
			['message.status', 'clickatell-one', '88ac29998253415fa5d66971d519d363'],
		]);
		expect(items[0]).toMatchObject({ state: 'delivered', clientReference: 'ref-77fb' });
	});

	it('keeps only the kinds the node emits; a batch with none of them starts nothing (200)', async () => {
		const mixed = envelope({ messageStatusUpdate: [statusUpdate('77fb29998253415fa5d66971d519d362', 5, 'DEVICE_ACK')], moText: [moText] });
		const inboundOnly = await post(mixed, { events: ['inbound'] });
		expect(inboundOnly.items).toHaveLength(1);
		expect(inboundOnly.items[0]).toMatchObject({ type: 'message.inbound', provider: 'clickatell-one', text: 'Yes, see you then', inReplyTo: 'd33eef0838a121f71069a4cc8d55c19e' });
		const none = await post(envelope({ moText: [moText] }), { events: ['status'] });
		expect(none.result.workflowData).toBeUndefined();
		expect(none.result.webhookResponse).toBe('OK');
	});

	it('filters status updates by state, per event', async () => {
		const { items } = await post(
			envelope({ messageStatusUpdate: [statusUpdate('77fb29998253415fa5d66971d519d362', 5, 'DEVICE_ACK'), statusUpdate('88ac29998253415fa5d66971d519d363', 4, 'SENT_TO_SUPPLIER')] }),
			{ statusFilter: ['delivered'] },
		);
		expect(items.map((item) => item.messageId)).toEqual(['77fb29998253415fa5d66971d519d362']);
	});
});

describe('Clickatell Trigger (Portal): Platform SMS API callbacks on the same URL', () => {
	it('reads a flat status callback as the Platform SMS API and keeps the integration key out of the item', async () => {
		const { items } = await post({
			integrationName: 'My integration',
			apiKey: 'secret-portal-key',
			messageId: 'af750c2dc53e4e4c88c39b3b48756d3a',
			clientMessageId: 'order-42',
			to: '27999000001',
			from: '27999000100',
			statusCode: 4,
			status: 'RECEIVED_BY_RECIPIENT',
			timestamp: '1506607698000',
		});
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ type: 'message.status', provider: 'clickatell-platform', messageId: 'af750c2dc53e4e4c88c39b3b48756d3a', clientReference: 'order-42' });
		expect(JSON.stringify(items[0])).not.toContain('secret-portal-key');
	});

	it('answers 400 to parameters that are no Portal callback, and 401 without the secret', async () => {
		const { response } = await post({ hello: 'world' });
		expect(response.status).toBe(400);
		const { context, response: unauthorized } = fakeWebhookContext({
			credentials: TOKEN_CREDENTIALS,
			url: '/webhook/6f1c0a52/webhook',
			method: 'POST',
			headers: JSON_TYPE,
			body: JSON.stringify(envelope({ moText: [moText] })),
			parameters: { api: 'clickatell-portal' },
		});
		await trigger.webhook.call(context);
		expect(unauthorized.status).toBe(401);
	});
});
