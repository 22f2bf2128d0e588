import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ClickSendTrigger } from '../../../nodes/ClickSendTrigger/ClickSendTrigger.node';
import { basic, FORM, form, fakeWebhookContext, JSON_TYPE, SECRET, TOKEN_CREDENTIALS, type FakeCallback } from './fake-webhook';

const trigger = new ClickSendTrigger();
const PATH = '/webhook/9d0e3b7a/webhook';

async function call(request: FakeCallback) {
	const { context, response } = fakeWebhookContext({ credentials: TOKEN_CREDENTIALS, ...request });
	const result = await trigger.webhook.call(context);
	return { result, response };
}

function onlyItem(result: { workflowData?: INodeExecutionData[][] }): IDataObject {
	expect(result.workflowData).toHaveLength(1);
	expect(result.workflowData![0]).toHaveLength(1);
	return result.workflowData![0][0].json;
}

/** The reply push of the v2 spec ("Incoming SMS/Reply Options", option 4). */
const REPLY = {
	from: '+61411111111',
	message: 'Yes, see you at 5',
	originalmessage: 'Can you make it today?',
	originalmessageid: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78',
	originalsenderid: '+61400000000',
	customstring: 'booking-42',
	username: 'testuser101',
};

/** The delivery-report push of the v2 spec ("Delivery Reports", PUSH). */
const RECEIPT = {
	messageid: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78',
	status: 'Delivered',
	status_code: '201',
	customstring: 'booking-42',
	username: 'testuser101',
};

describe('ClickSend Trigger: replies', () => {
	it('emits an inbound event from a form POST', async () => {
		const { result, response } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: form(REPLY) });
		const item = onlyItem(result);
		expect(item).toMatchObject({
			type: 'message.inbound',
			provider: 'clicksend',
			from: '+61411111111',
			to: '+61400000000',
			text: 'Yes, see you at 5',
			clientReference: 'booking-42',
			inReplyTo: REPLY.originalmessageid,
			state: 'received',
		});
		expect(item.raw).toEqual(REPLY);
		expect(response.status).toBeNull();
	});

	it('keeps UTF-8 text, spaces and line breaks exactly', async () => {
		const text = '  Ja, gerne! 😀\nBis später  ';
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: form({ ...REPLY, message: text }) });
		expect(onlyItem(result).text).toBe(text);
	});

	it('reads a JSON push with v3 field names', async () => {
		const body = JSON.stringify({
			from: '+61422222222',
			body: 'Stop',
			message_id: 'B1C2D3',
			original_message_id: 'A1A2A3',
			custom_string: 'c-9',
			timestamp: '1700000000',
		});
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, headers: JSON_TYPE, body });
		expect(onlyItem(result)).toMatchObject({
			type: 'message.inbound',
			messageId: 'B1C2D3',
			text: 'Stop',
			inReplyTo: 'A1A2A3',
			clientReference: 'c-9',
			timestamp: '2023-11-14T22:13:20.000Z',
		});
	});

	it('reads a reply sent as a GET query', async () => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}&${form(REPLY)}` });
		expect(onlyItem(result).text).toBe(REPLY.message);
	});
});

describe('ClickSend Trigger: delivery reports', () => {
	it.each([
		['Delivered', '201', 'delivered', true, false],
		['Undelivered', '301', 'failed', true, true],
		['Undelivered', '300', 'failed', false, true],
		['Sent', '200', 'sent', false, false],
	])('status %s / %s becomes state %s', async (status, code, state, final, error) => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: form({ ...RECEIPT, status, status_code: code }) });
		expect(onlyItem(result)).toMatchObject({
			type: 'message.status',
			provider: 'clicksend',
			messageId: RECEIPT.messageid,
			clientReference: 'booking-42',
			state,
			final,
			error,
			providerCode: code,
		});
	});

	it('reads a receipt with only a status code', async () => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: form({ messageid: 'M1', status_code: '201' }) });
		expect(onlyItem(result)).toMatchObject({ messageId: 'M1', state: 'delivered' });
	});

	it('emits only the selected states', async () => {
		const parameters = { events: ['status'], statusFilter: ['failed'] };
		const delivered = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: form(RECEIPT), parameters });
		expect(delivered.result).toEqual({ webhookResponse: 'OK' });
		const failed = await call({
			url: `${PATH}?token=${SECRET}`,
			headers: FORM,
			body: form({ ...RECEIPT, status: 'Undelivered', status_code: '301' }),
			parameters,
		});
		expect(onlyItem(failed.result).state).toBe('failed');
	});

	it('answers 200 without an execution for replies when only delivery reports are selected', async () => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: form(REPLY), parameters: { events: ['status'] } });
		expect(result).toEqual({ webhookResponse: 'OK' });
	});
});

describe('ClickSend Trigger: verification and malformed pushes', () => {
	it.each([
		['no token', PATH],
		['a wrong token', `${PATH}?token=abc`],
		['the token in the body instead of the URL', PATH, { ...REPLY, token: SECRET }],
	])('answers 401 for %s', async (_label, url, body: Record<string, string> = REPLY) => {
		const { result, response } = await call({ url, headers: FORM, body: form(body) });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.status).toBe(401);
	});

	it('accepts basic auth from a user:secret@ URL', async () => {
		const credentials = { smsWebhookAuthApi: { secret: SECRET, queryParameter: 'token', user: '' } };
		const { result } = await call({
			url: PATH,
			headers: { ...FORM, ...basic('any-user', SECRET) },
			body: form(RECEIPT),
			credentials,
			parameters: { verification: 'basic' },
		});
		expect(onlyItem(result).messageId).toBe(RECEIPT.messageid);
	});

	it.each([
		['a receipt with a status code that is not a number', form({ ...RECEIPT, status_code: 'OK' }), /status_code/],
		['a receipt without a status', form({ messageid: 'M1', customstring: 'x' }), /neither/],
		['a reply without a sender', form({ message: 'hello', originalmessageid: 'A' }), /neither/],
		['a form body with nothing in it', '', /neither/],
	])('answers 400 for %s', async (_label, body, reason) => {
		const { result, response } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.status).toBe(400);
		expect(response.body).toMatch(reason);
		expect(response.body).toMatch(/ClickSend|status_code/);
	});

	it('answers 400 for a push whose timestamp is not unix time', async () => {
		const { response } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: form({ ...RECEIPT, timestamp: '2024-01-01 10:00:00' }) });
		expect(response.status).toBe(400);
		expect(response.body).toMatch(/timestamp/);
	});
});
