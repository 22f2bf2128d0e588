import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteSingleFunctions, type IHttpRequestOptions, type INodeExecutionData } from 'n8n-workflow';

import {
	httpCoverageNumberToBody,
	httpMessageIdToBody,
	readHttpBalance,
	readHttpCharge,
	readHttpCoverage,
	readHttpStatus,
	readHttpStop,
	readHttpVoucher,
	readRestBalance,
	readRestCoverage,
	readRestStatus,
	readRestStop,
	restCoverageNumberToPath,
	restMessageIdToPath,
	voucherToBody,
} from '../../../nodes/Clickatell/GenericFunctions';
import {
	fromEmailFilterToBody,
	messageIdFilterToBody,
	readBalance,
	readDeliveryReports,
	readHistory,
	readReplies,
} from '../../../nodes/ClickSend/GenericFunctions';
import { fullResponse, singleContext } from './fakes';

type PostReceive = (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: ReturnType<typeof fullResponse>) => Promise<INodeExecutionData[]>;
type PreSend = (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

const ID = '996411ad91fa211e7d17bc873aa4a41d';

async function read(fn: PostReceive, status: number, body: string, parameters: IDataObject = {}, itemIndex = 0, headers = {}) {
	return await fn.call(singleContext(parameters, itemIndex), [{ json: {} }], fullResponse(status, body, headers));
}

async function readError(fn: PostReceive, status: number, body: string, parameters: IDataObject = {}): Promise<NodeApiError | NodeOperationError> {
	try {
		await read(fn, status, body, parameters);
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the postReceive function to throw');
}

async function pre(fn: PreSend, parameters: IDataObject, options: IHttpRequestOptions = { url: '/x', method: 'POST', body: {} }) {
	return await fn.call(singleContext(parameters), options);
}

describe('Clickatell HTTP postReceive', () => {
	test('querymsg: a status event paired with the item that asked', async () => {
		const [item] = await read(readHttpStatus, 200, `ID: ${ID} Status: 004\n`, { messageId: ID }, 3);
		expect(item.pairedItem).toEqual({ item: 3 });
		expect(item.json).toMatchObject({
			type: 'message.status',
			provider: 'clickatell-http',
			messageId: ID,
			state: 'delivered',
			final: true,
			providerCode: '004',
			providerDescription: 'Received by recipient',
			raw: { ID, Status: '004' },
		});
		expect(Object.keys(item.json)[0]).toBe('type');
		expect(Object.keys(item.json).pop()).toBe('raw');
	});

	test('getmsgcharge and delmsg read their own answers', async () => {
		const [charge] = await read(readHttpCharge, 200, `ID: ${ID} Charge: 0.8 Status: 003`, { messageId: ID });
		expect(charge.json).toMatchObject({ charge: 0.8, providerCode: '003', state: 'sent' });
		const [stopped] = await read(readHttpStop, 200, `ID: ${ID} Status: 006`, { messageId: ID });
		expect(stopped.json).toMatchObject({ state: 'cancelled', providerCode: '006' });
	});

	// The real gateway's getmsgcharge form: Net::Clickatell 0.5 (CPAN, Christopherus Goo, HTTP API spec
	// 2.4.1) documents `apiMsgId: add8f5556c0d3d54bc94a4cd8800f01b4 charge: 0 status: 001`.
	test('getmsgcharge in the real gateway form (apiMsgId:, lower-case keys), and without the ID', async () => {
		const id = 'add8f5556c0d3d54bc94a4cd8800f01b4';
		const [charge] = await read(readHttpCharge, 200, `apiMsgId: ${id} charge: 0 status: 001`, { messageId: id });
		expect(charge.json).toMatchObject({ messageId: id, charge: 0, providerCode: '001' });
		const [bare] = await read(readHttpCharge, 200, 'charge: 0.33 status: 004', { messageId: id });
		expect(bare.json).toMatchObject({ messageId: id, charge: 0.33, providerCode: '004', state: 'delivered' });
	});

	test('an ERR: line on HTTP 200 becomes a NodeApiError with the provider code, text and hint', async () => {
		const error = await readError(readHttpBalance, 200, 'ERR: 001, Authentication failed');
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Clickatell HTTP API error 001: Authentication failed');
		expect(error.description).toMatch(/Check the API ID, username and password/);
		expect((error as NodeApiError).httpCode).toBeNull();
	});

	test('no credit, bad voucher: each keeps its own code', async () => {
		expect((await readError(readHttpStatus, 200, 'ERR: 301, No credit left')).message).toContain('301: No credit left');
		expect((await readError(readHttpVoucher, 200, 'ERR: 101, Invalid or missing parameters')).message).toContain('101');
	});

	test('an HTTP error status from a proxy is an error, never parsed as success', async () => {
		const error = await readError(readHttpBalance, 503, 'Service Unavailable', {});
		expect(error.message).toContain('HTTP_503');
		expect((error as NodeApiError).httpCode).toBe('503');
	});

	test('garbage is MALFORMED_RESPONSE, not a balance', async () => {
		const error = await readError(readHttpBalance, 200, '<html>maintenance</html>');
		expect(error.message).toContain('MALFORMED_RESPONSE');
	});

	test('balance, voucher and coverage', async () => {
		expect((await read(readHttpBalance, 200, 'Credit: 12.5'))[0].json).toEqual({ provider: 'clickatell-http', balance: 12.5, currency: null, raw: { Credit: '12.5' } });
		expect((await read(readHttpVoucher, 200, 'OK: 605'))[0].json).toMatchObject({ redeemed: true, value: '605' });
		const [coverage] = await read(readHttpCoverage, 200, 'OK: This prefix is currently supported. Charge: 0.8', { number: '+27 99 912 3456' });
		expect(coverage.json).toMatchObject({ destination: '27999123456', routable: true, minimumCharge: 0.8 });
	});
});

describe('Clickatell REST postReceive', () => {
	const json = { 'content-type': 'application/json' };

	test('status and stop events', async () => {
		const body = JSON.stringify({ data: { charge: 0.8, messageStatus: '003', description: 'Delivered to gateway', apiMessageId: ID } });
		const [status] = await read(readRestStatus, 200, body, { messageId: ID }, 0, json);
		expect(status.json).toMatchObject({ provider: 'clickatell-rest', messageId: ID, providerCode: '003', charge: 0.8 });
		const stop = JSON.stringify({ data: { messageStatus: '006', description: 'User cancelled message delivery', apiMessageId: ID } });
		expect((await read(readRestStop, 200, stop, { messageId: ID }, 0, json))[0].json).toMatchObject({ state: 'cancelled' });
	});

	test('a 401 error body keeps Clickatell code 001 and the HTTP status', async () => {
		const body = JSON.stringify({ error: { code: '001', description: 'Authentication failed', documentation: 'http://example.invalid/doc' } });
		const error = (await readError(readRestBalance, 401, body)) as NodeApiError;
		expect(error.message).toBe('Clickatell REST API error 001: Authentication failed');
		expect(error.httpCode).toBe('401');
	});

	test('balance and coverage', async () => {
		expect((await read(readRestBalance, 200, '{"data":{"balance":"300.50"}}', {}, 0, json))[0].json).toMatchObject({ balance: 300.5 });
		const body = JSON.stringify({ data: { routable: true, destination: '27999123456', minimumCharge: 0.8 } });
		expect((await read(readRestCoverage, 200, body, { number: '27999123456' }, 0, json))[0].json).toMatchObject({ routable: true, minimumCharge: 0.8 });
	});
});

describe('ClickSend postReceive', () => {
	const xml = (inner: string) => `<?xml version='1.0' encoding='UTF-8' ?>\n<xml>${inner}</xml>`;

	test('balance', async () => {
		const [item] = await read(readBalance, 200, xml('<result>0000</result><errortext>Success</errortext><balance>125.00</balance><type>Prepay</type><currency_symbol>$</currency_symbol>'));
		expect(item.json).toMatchObject({ provider: 'clicksend', balance: 125 });
	});

	test('result 2022 on HTTP 200 becomes a NodeApiError with ClickSend code and text', async () => {
		const error = await readError(readBalance, 200, xml('<result>2022</result><errortext>Invalid credentials</errortext>'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('ClickSend error 2022: Invalid credentials');
	});

	test('one item per record, all paired with the asking item', async () => {
		const body = xml(
			"<dlrs dlrcount='2'><dlr><messageid>A1</messageid><status>Delivered</status><status_code>201</status_code><customstring>x</customstring><username>u</username></dlr>" +
				'<dlr><messageid>B2</messageid><status>Undelivered</status><status_code>301</status_code><customstring></customstring><username>u</username></dlr></dlrs><result>0000</result><errortext>Success</errortext>',
		);
		const items = await read(readDeliveryReports, 200, body, {}, 2);
		expect(items.map((item) => item.json.messageId)).toEqual(['A1', 'B2']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 2 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ type: 'message.status', state: 'delivered', clientReference: 'x' });
		expect(items[1].json).toMatchObject({ state: 'failed', error: true });
		// The API username is never echoed into the output.
		expect(JSON.stringify(items)).not.toContain('<username>');
	});

	test('replies and history', async () => {
		const replies = xml(
			"<replies replycount='1'><reply><from>+61411111111</from><message>Yes</message><originalmessage>Hi?</originalmessage><originalmessageid>M1</originalmessageid><originalsenderid>+61400000000</originalsenderid><customstring></customstring><username>u</username></reply></replies><result>0000</result><errortext>Success</errortext>",
		);
		expect((await read(readReplies, 200, replies))[0].json).toMatchObject({ type: 'message.inbound', from: '+61411111111', text: 'Yes', inReplyTo: 'M1' });
		const history = xml(
			"<history historycount='1'><item><messageid>H1</messageid><direction>out</direction><date>1414291144</date><to>+61411111111</to><message>Test</message><status>Sent</status><senderid>Me</senderid><schedule></schedule><customstring></customstring><from_email></from_email><username>u</username></item><result>0000</result><errortext>Success</errortext></history>",
		);
		expect((await read(readHistory, 200, history))[0].json).toMatchObject({ messageId: 'H1', to: '+61411111111', text: 'Test' });
	});
});

describe('preSend functions', () => {
	test('message IDs go into the form (HTTP) or the path (REST) after checking', async () => {
		expect((await pre(httpMessageIdToBody, { messageId: `  ${ID} ` })).body).toEqual({ apimsgid: ID });
		expect((await pre(restMessageIdToPath, { messageId: ID }, { url: '/rest/message', method: 'GET' })).url).toBe(`/rest/message/${ID}`);
	});

	test('an ID that could change the URL path is refused, naming the field', async () => {
		await expect(pre(restMessageIdToPath, { messageId: '../account/balance' })).rejects.toThrow(NodeOperationError);
		await expect(pre(restMessageIdToPath, { messageId: '../account/balance' })).rejects.toThrow(/'messageId'/);
		await expect(pre(httpMessageIdToBody, { messageId: '' })).rejects.toThrow(/'messageId': is required/);
	});

	test('coverage numbers are normalized to international digits', async () => {
		expect((await pre(httpCoverageNumberToBody, { number: '+27 (0)82 123-4567' })).body).toEqual({ msisdn: '27821234567' });
		expect((await pre(restCoverageNumberToPath, { number: '+27 82 123 4567' })).url).toBe('/rest/coverage/27821234567');
		await expect(pre(httpCoverageNumberToBody, { number: '082 123 4567' })).rejects.toThrow(/'number'.*national number/);
	});

	test('vouchers must be one token', async () => {
		expect((await pre(voucherToBody, { voucher: ' SANDBOX-605 ' })).body).toEqual({ token: 'SANDBOX-605' });
		await expect(pre(voucherToBody, { voucher: 'two words' })).rejects.toThrow(/'voucher'/);
	});

	test('ClickSend filters are sent only when given, and checked', async () => {
		const untouched = { url: '/x', method: 'POST' as const, body: { a: 1 } };
		expect(await pre(messageIdFilterToBody, { filters: {} }, untouched)).toBe(untouched);
		expect((await pre(messageIdFilterToBody, { filters: { messageId: 'ABC-1' } })).body).toEqual({ messageid: 'ABC-1' });
		expect((await pre(fromEmailFilterToBody, { filters: { fromEmail: 'me@example.com' } })).body).toEqual({ from_email: 'me@example.com' });
		await expect(pre(fromEmailFilterToBody, { filters: { fromEmail: 'not an email' } })).rejects.toThrow(/'filters.fromEmail'/);
	});
});

// Issue 11 item 5: lookups' Continue-On-Fail items and thrown errors carry the fields Send's error items do.
describe('lookup errors a workflow can branch on', () => {
	async function readWithContinue(fn: PostReceive, status: number, body: string, parameters: IDataObject = {}, itemIndex = 0) {
		const context = { ...singleContext(parameters, itemIndex), continueOnFail: () => true } as unknown as IExecuteSingleFunctions;
		return await fn.call(context, [{ json: {} }], fullResponse(status, body));
	}

	test.each([
		['HTTP balance', readHttpBalance, 200, 'ERR: 301, No credit left', '301', 'No credit left'],
		['HTTP charge', readHttpCharge, 200, 'ERR: 103, Unknown API message ID', '103', 'Unknown API message ID'],
		['HTTP voucher', readHttpVoucher, 200, 'ERR: 101, Invalid or missing parameters', '101', 'Invalid or missing parameters'],
		['REST balance', readRestBalance, 401, '{"error":{"code":"001","description":"Authentication failed"}}', '001', 'Authentication failed'],
		['ClickSend balance', readBalance, 200, xmlBody('<result>2022</result><errortext>Invalid credentials</errortext>'), '2022', 'Invalid credentials'],
	] as const)('%s: the error item has providerCode, providerText, hint and retryable', async (_name, fn, status, body, code, text) => {
		const items = await readWithContinue(fn as PostReceive, status, body, { messageId: ID }, 4);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 4 });
		expect(items[0].json).toMatchObject({ providerCode: code, providerText: text, retryable: false });
		expect(typeof items[0].json.error).toBe('string');
		expect(items[0].json).toHaveProperty('hint');
		expect(items[0].json).toHaveProperty('certainlyNotSent');
	});

	test('a thrown lookup error carries the same fields in its context', async () => {
		const error = await readError(readHttpBalance, 200, 'ERR: 301, No credit left');
		expect(error.context).toMatchObject({ providerCode: '301', providerText: 'No credit left', retryable: false, provider: 'clickatell-http' });
		expect(error.context.hint).toEqual(expect.any(String));
	});
});

function xmlBody(inner: string): string {
	return `<?xml version='1.0' encoding='utf-8'?><xml>${inner}</xml>`;
}
