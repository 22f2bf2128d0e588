import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ClickatellTrigger } from '../../../nodes/ClickatellTrigger/ClickatellTrigger.node';
import { basic, FORM, form, fakeWebhookContext, JSON_TYPE, SECRET, TOKEN_CREDENTIALS, type FakeCallback } from './fake-webhook';

const trigger = new ClickatellTrigger();
const PATH = '/webhook/6f1c0a52/webhook';

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

/** The legacy HTTP API's status callback parameters (spec `callback`). */
const STATUS = {
	api_id: '3375012',
	apiMsgId: '996411ad91fa211e7d17bc873aa4a41d',
	cliMsgId: 'order-1001',
	timestamp: '1218007814',
	to: '279995631564',
	from: '27833001171',
	status: '004',
	charge: '0.300000',
};

/** An inbound (MO) callback as Clickatell's two-way guide shows it: local GMT+2 time, ISO-8859-1 text. */
const INBOUND = {
	api_id: '3375012',
	moMsgId: 'b2aee337abd962489b123fda9c3480fa',
	from: '279991235642',
	to: '27123456789',
	timestamp: '2008-08-06 09:43:50',
	text: 'Hello World',
	charset: 'ISO-8859-1',
};

describe('Clickatell Trigger: status callbacks', () => {
	it('emits one status event from a GET callback with the token in the query', async () => {
		const { result, response } = await call({ url: `${PATH}?token=${SECRET}&${form(STATUS)}` });
		const item = onlyItem(result);
		expect(item).toMatchObject({
			type: 'message.status',
			provider: 'clickatell-http',
			messageId: STATUS.apiMsgId,
			clientReference: 'order-1001',
			to: STATUS.to,
			from: STATUS.from,
			state: 'delivered',
			final: true,
			error: false,
			providerCode: '004',
			providerDescription: 'Received by recipient',
			charge: 0.3,
			timestamp: '2008-08-06T07:30:14.000Z',
		});
		// The token authenticated the call; it must not travel on in the workflow data.
		expect(item.raw).toEqual(STATUS);
		expect(JSON.stringify(item)).not.toContain(SECRET);
		// n8n answers (200 'OK' from the webhook description), the node wrote nothing itself.
		expect(response.status).toBeNull();
	});

	it('reads a form POST, with the token in the query string', async () => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: form({ ...STATUS, status: '007' }) });
		expect(onlyItem(result)).toMatchObject({ messageId: STATUS.apiMsgId, state: 'failed', error: true, providerCode: '007' });
	});

	it('reads a REST JSON callback wrapped in data and names the REST provider', async () => {
		const body = JSON.stringify({
			data: {
				apiId: '3375012',
				apiMessageId: 'a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1',
				clientMessageId: 'rest-7',
				timestamp: 1434377826,
				to: '2799900001',
				from: '2799900002',
				charge: 1,
				messageStatus: '003',
			},
		});
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, headers: JSON_TYPE, body, parameters: { api: 'clickatell-rest' } });
		expect(onlyItem(result)).toMatchObject({
			type: 'message.status',
			provider: 'clickatell-rest',
			messageId: 'a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1',
			clientReference: 'rest-7',
			state: 'sent',
			providerCode: '003',
			charge: 1,
			timestamp: '2015-06-15T14:17:06.000Z',
		});
	});

	it('reads a JSON body sent without a content type', async () => {
		const body = JSON.stringify({ apiMsgId: 'x1', status: '4' });
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, body });
		expect(onlyItem(result)).toMatchObject({ messageId: 'x1', providerCode: '004', state: 'delivered' });
	});

	// Every code of the spec's status table, with the state its description implies.
	const EXPECTED_STATES: Array<[string, string, boolean, boolean]> = [
		['001', 'unknown', false, false],
		['002', 'queued', false, false],
		['003', 'sent', false, false],
		['004', 'delivered', true, false],
		['005', 'failed', true, true],
		['006', 'cancelled', true, false],
		['007', 'failed', true, true],
		['008', 'accepted', false, false],
		['009', 'failed', true, true],
		['010', 'expired', true, true],
		['011', 'scheduled', false, false],
		['012', 'failed', true, true],
		['014', 'failed', true, true],
	];
	it.each(EXPECTED_STATES)('status %s becomes state %s', async (code, state, final, error) => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}&${form({ ...STATUS, status: code })}` });
		expect(onlyItem(result)).toMatchObject({ providerCode: code, state, final, error });
	});

	it('keeps an undocumented status code as state unknown instead of guessing', async () => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}&${form({ ...STATUS, status: '013' })}` });
		expect(onlyItem(result)).toMatchObject({ providerCode: '013', state: 'unknown' });
	});
});

describe('Clickatell Trigger: inbound messages', () => {
	it('emits an inbound event from a GET callback, reading the zone-less time as GMT+2', async () => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}&${form(INBOUND)}` });
		expect(onlyItem(result)).toMatchObject({
			type: 'message.inbound',
			provider: 'clickatell-http',
			messageId: INBOUND.moMsgId,
			from: INBOUND.from,
			to: INBOUND.to,
			text: 'Hello World',
			state: 'received',
			timestamp: '2008-08-06T07:43:50.000Z',
		});
	});

	it('decodes ISO-8859-1 bytes in a GET query (which a UTF-8 decoder would turn into U+FFFD)', async () => {
		const query = `moMsgId=m1&from=2799&to=2711&text=caf%E9+cr%E8me+%A3&charset=ISO-8859-1`;
		const { result } = await call({ url: `${PATH}?token=${SECRET}&${query}` });
		expect(onlyItem(result).text).toBe('café crème £');
	});

	it('decodes ISO-8859-1 bytes in a form POST that declares the charset', async () => {
		const body = Buffer.from('moMsgId=m2&from=2799&text=Gr%FC%DFe&charset=ISO-8859-1', 'latin1');
		const { result } = await call({
			url: `${PATH}?token=${SECRET}`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=ISO-8859-1' },
			body,
		});
		expect(onlyItem(result).text).toBe('Grüße');
	});

	it('decodes UCS-2 hex text (charset UTF-16BE)', async () => {
		const text = Buffer.from('Привет 👋', 'utf16le').swap16().toString('hex').toUpperCase();
		const { result } = await call({ url: `${PATH}?token=${SECRET}&moMsgId=m3&from=2799&text=${text}&charset=UTF-16BE` });
		expect(onlyItem(result).text).toBe('Привет 👋');
	});

	it('reads UTF-8 text from a form POST without a declared charset', async () => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: form({ ...INBOUND, text: 'Ça va? ✓', charset: '' }) });
		expect(onlyItem(result).text).toBe('Ça va? ✓');
	});

	it('reads an inbound JSON body', async () => {
		const body = JSON.stringify({ moMsgId: 'm4', from: '2799', to: '2711', text: 'Yes please', timestamp: '1700000000' });
		const { result } = await call({ url: `${PATH}?token=${SECRET}`, headers: JSON_TYPE, body, parameters: { api: 'clickatell-rest' } });
		expect(onlyItem(result)).toMatchObject({ provider: 'clickatell-rest', messageId: 'm4', text: 'Yes please', timestamp: '2023-11-14T22:13:20.000Z' });
	});

	it('reads the body even when n8n has not read it yet', async () => {
		const { context } = fakeWebhookContext({
			credentials: TOKEN_CREDENTIALS,
			url: `${PATH}?token=${SECRET}`,
			headers: FORM,
			body: form(INBOUND),
			bodyNotYetRead: true,
		});
		const result = await trigger.webhook.call(context);
		expect(onlyItem(result).messageId).toBe(INBOUND.moMsgId);
	});
});

describe('Clickatell Trigger: verification', () => {
	it.each([
		['no token', `${PATH}?${form(STATUS)}`],
		['a wrong token', `${PATH}?token=wrong-token-0123456789&${form(STATUS)}`],
		['the token with different case', `${PATH}?token=${SECRET.toUpperCase()}&${form(STATUS)}`],
		['the token under another name', `${PATH}?secret=${SECRET}&${form(STATUS)}`],
		['the token twice', `${PATH}?token=${SECRET}&token=${SECRET}&${form(STATUS)}`],
		['the token as an array (token[])', `${PATH}?token[]=${SECRET}&${form(STATUS)}`],
		['the token as an encoded array (token%5B%5D)', `${PATH}?token%5B%5D=${SECRET}&${form(STATUS)}`],
		['a query of 16,000 repeats of one key and no token', `${PATH}?${'a&'.repeat(16_000)}`],
	])('answers 401 and starts nothing for %s', async (_label, url) => {
		const { result, response } = await call({ url });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.status).toBe(401);
		expect(response.body).toBe('Unauthorized');
	});

	it('checks the token before it looks at the body: a malformed body without the token is 401, not 400', async () => {
		const { response } = await call({ url: PATH, headers: JSON_TYPE, body: '{not json' });
		expect(response.status).toBe(401);
	});

	it('reads no body before the secret is verified', async () => {
		const { context, response, rawBodyReads } = fakeWebhookContext({ credentials: TOKEN_CREDENTIALS, url: PATH, headers: FORM, body: form(STATUS), bodyNotYetRead: true });
		await trigger.webhook.call(context);
		expect(response.status).toBe(401);
		expect(rawBodyReads()).toBe(0);
	});

	it('uses the query parameter name from the credential', async () => {
		const credentials = { smsWebhookAuthApi: { secret: SECRET, queryParameter: 'sig', user: '' } };
		const ok = await call({ url: `${PATH}?sig=${SECRET}&${form(STATUS)}`, credentials });
		expect(onlyItem(ok.result).raw).toEqual(STATUS);
		const wrongName = await call({ url: `${PATH}?token=${SECRET}&${form(STATUS)}`, credentials });
		expect(wrongName.response.status).toBe(401);
	});

	describe('basic auth', () => {
		const credentials = { smsWebhookAuthApi: { secret: SECRET, queryParameter: 'token', user: 'clickatell' } };
		const parameters = { verification: 'basic' };

		it('accepts the right user and password', async () => {
			const { result } = await call({ url: `${PATH}?${form(STATUS)}`, headers: basic('clickatell', SECRET), credentials, parameters });
			expect(onlyItem(result).messageId).toBe(STATUS.apiMsgId);
		});

		it.each([
			['no Authorization header', {}],
			['a wrong password', basic('clickatell', 'nope-nope-nope-nope')],
			['a wrong user name', basic('someone', SECRET)],
			['a bearer token', { Authorization: `Bearer ${SECRET}` }],
		])('answers 401 with a Basic challenge for %s', async (_label, headers) => {
			const { result, response } = await call({ url: `${PATH}?${form(STATUS)}`, headers, credentials, parameters });
			expect(result.workflowData).toBeUndefined();
			expect(response.status).toBe(401);
			expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
		});

		it('does not accept the secret as a query token in basic mode', async () => {
			const { response } = await call({ url: `${PATH}?token=${SECRET}&${form(STATUS)}`, credentials, parameters });
			expect(response.status).toBe(401);
		});
	});

	it('accepts any caller when verification is None, without needing a credential', async () => {
		const { result } = await call({ url: `${PATH}?${form(STATUS)}`, credentials: {}, parameters: { verification: 'none' } });
		expect(onlyItem(result).messageId).toBe(STATUS.apiMsgId);
	});

	it('fails the execution (never opens the door) when the credential has an empty secret', async () => {
		const credentials = { smsWebhookAuthApi: { secret: '', queryParameter: 'token', user: '' } };
		await expect(call({ url: `${PATH}?token=&${form(STATUS)}`, credentials })).rejects.toBeInstanceOf(NodeOperationError);
	});
});

describe('Clickatell Trigger: malformed callbacks get 400 and start nothing', () => {
	it.each([
		['a status callback without a message id', { url: `${PATH}?token=${SECRET}&${form({ status: '004', to: '2799' })}` }, /apiMsgId|neither/],
		['a status that is not a code', { url: `${PATH}?token=${SECRET}&apiMsgId=a1&status=DELIVERED` }, /not a Clickatell status code/],
		['a charge that is not a number', { url: `${PATH}?token=${SECRET}&${form({ ...STATUS, charge: 'lots' })}` }, /charge|not a number/],
		['a timestamp that is not a time', { url: `${PATH}?token=${SECRET}&${form({ ...STATUS, timestamp: 'yesterday' })}` }, /timestamp/],
		['no parameters at all', { url: `${PATH}?token=${SECRET}` }, /neither/],
		['an inbound message without a sender', { url: `${PATH}?token=${SECRET}&moMsgId=m1&text=hi` }, /from/],
		['UCS-2 text with a broken surrogate pair', { url: `${PATH}?token=${SECRET}&moMsgId=m1&from=27&text=D83D0041&charset=UCS2` }, /surrogate/],
		['an unsupported charset', { url: `${PATH}?token=${SECRET}&moMsgId=m1&from=27&text=hi&charset=EBCDIC` }, /charset|character set/],
		['JSON that does not parse', { url: `${PATH}?token=${SECRET}`, headers: JSON_TYPE, body: '{"apiMsgId": ' }, /JSON/],
		['a JSON array', { url: `${PATH}?token=${SECRET}`, headers: JSON_TYPE, body: '[{"apiMsgId":"a"}]' }, /array/],
		['an XML body', { url: `${PATH}?token=${SECRET}`, headers: { 'Content-Type': 'application/xml' }, body: '<callback/>' }, /content type/],
		['a multipart body', { url: `${PATH}?token=${SECRET}`, headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: '--x--' }, /multipart/],
		['JSON nested 5,000 levels deep', { url: `${PATH}?token=${SECRET}`, headers: JSON_TYPE, body: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` }, /nested deeper than 16/],
		['a form of 16,000 repeats of one key', { url: `${PATH}?token=${SECRET}`, headers: FORM, body: 'a&'.repeat(16_000) }, /more than 256 fields/],
		['a query of 16,000 repeats of one key', { url: `${PATH}?token=${SECRET}&${'a&'.repeat(16_000)}` }, /query has more than 256 fields/],
	] as Array<[string, FakeCallback, RegExp]>)('%s', async (_label, request, reason) => {
		const { result, response } = await call(request);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.status).toBe(400);
		expect(response.body).toMatch(/^Bad Request: /);
		expect(response.body).toMatch(reason);
		expect(response.body).not.toContain(SECRET);
	});
});

describe('Clickatell Trigger: a body too large for a callback', () => {
	it('answers 413 without parsing it, and starts nothing', async () => {
		const { result, response } = await call({ url: `${PATH}?token=${SECRET}`, headers: FORM, body: `text=${'x'.repeat(70_000)}&${form(STATUS)}` });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.status).toBe(413);
		expect(response.body).toMatch(/^Payload Too Large: the callback body has 7\d{4} bytes, more than 65536$/);
	});
});

describe('Clickatell Trigger: event and state filters', () => {
	it('answers 200 without an execution for an event type it is not set to emit', async () => {
		const { result, response } = await call({ url: `${PATH}?token=${SECRET}&${form(STATUS)}`, parameters: { events: ['inbound'] } });
		expect(result).toEqual({ webhookResponse: 'OK' });
		expect(response.status).toBeNull();
	});

	it('emits inbound messages when only inbound is selected', async () => {
		const { result } = await call({ url: `${PATH}?token=${SECRET}&${form(INBOUND)}`, parameters: { events: ['inbound'] } });
		expect(onlyItem(result).type).toBe('message.inbound');
	});

	it('emits only the selected states and answers 200 for the others', async () => {
		const parameters = { events: ['status'], statusFilter: ['delivered', 'failed'] };
		const delivered = await call({ url: `${PATH}?token=${SECRET}&${form({ ...STATUS, status: '004' })}`, parameters });
		expect(onlyItem(delivered.result).state).toBe('delivered');
		const failed = await call({ url: `${PATH}?token=${SECRET}&${form({ ...STATUS, status: '009' })}`, parameters });
		expect(onlyItem(failed.result).state).toBe('failed');
		const sent = await call({ url: `${PATH}?token=${SECRET}&${form({ ...STATUS, status: '003' })}`, parameters });
		expect(sent.result).toEqual({ webhookResponse: 'OK' });
	});

	it('does not apply the state filter to inbound messages', async () => {
		const parameters = { statusFilter: ['delivered'] };
		const { result } = await call({ url: `${PATH}?token=${SECRET}&${form(INBOUND)}`, parameters });
		expect(onlyItem(result).state).toBe('received');
	});
});

describe('Clickatell Trigger: description', () => {
	it('takes GET and POST on one path and answers OK itself once the execution is registered', () => {
		const hooks = trigger.description.webhooks!;
		expect(hooks.map((hook) => [hook.name, hook.httpMethod, hook.path])).toEqual([
			['default', 'POST', 'webhook'],
			['setup', 'GET', 'webhook'],
		]);
		for (const hook of hooks) expect(hook).toMatchObject({ responseMode: 'onReceived', responseData: 'OK' });
	});

	it('asks for the verification credential only when verification is on, and tests it locally', () => {
		expect(trigger.description.credentials).toEqual([
			{ name: 'smsWebhookAuthApi', required: true, displayOptions: { show: { verification: ['token', 'basic'] } }, testedBy: 'smsWebhookAuthTest' },
		]);
		expect(typeof trigger.methods.credentialTest.smsWebhookAuthTest).toBe('function');
	});
});
