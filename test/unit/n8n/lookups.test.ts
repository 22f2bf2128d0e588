/**
 * The lookup operations of both nodes (custom operations on the gateways clients): output items against
 * the in-process sandbox through N8nTransport and the credentials' own `authenticate`, the providers'
 * error answers, and (issue 11 item 5) input errors and network failures reported with the fields
 * Send's error items carry, as Continue-On-Fail items and as thrown node errors.
 */
import { createServer } from 'node:net';

import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type INodeExecutionData } from 'n8n-workflow';

import { ClickatellHttpApi } from '../../../credentials/ClickatellHttpApi.credentials';
import { ClickSendApi } from '../../../credentials/ClickSendApi.credentials';
import { sendMessages as clickatellSend } from '../../../nodes/Clickatell/GenericFunctions';
import { checkCoverage, getBalance, getCharge, getStatus, redeemVoucher, stopMessage } from '../../../nodes/Clickatell/lookups';
import { getBalance as clickSendBalance, getDeliveryReports, getHistory, getReplies } from '../../../nodes/ClickSend/lookups';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { authenticatedFetch, executeContext, formOf, fullResponse, type FakeServer } from './fakes';

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

const ID = '996411ad91fa211e7d17bc873aa4a41d';
/** The fields every error item of Send carries (nodes/shared/errors.ts errorItemJson). */
const ERROR_FIELDS = ['error', 'provider', 'providerCode', 'providerText', 'hint', 'retryable', 'delivery', 'certainlyNotSent'];

let sandbox: Sandbox;
/** A local port nothing listens on: connecting to it is refused at once. */
let closedPortUrl: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, timeFactor: 0.001, clicksendThrottleMs: 0 });
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	closedPortUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => await sandbox.close());

const restBearer = async (data: IDataObject, options: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
	...options,
	headers: { ...options.headers, Authorization: `Bearer ${String(data.authToken).trim()}` },
});

interface Setup {
	items: IDataObject[];
	continueOnFail?: boolean;
	/** Default: the sandbox through the credential's authenticate. */
	server?: FakeServer;
	baseUrl?: string;
}

function httpApi({ items, continueOnFail, server, baseUrl }: Setup, authMode: 'session' | 'perRequest' = 'session') {
	const data = { apiId: '3500001', username: 'demo', password: 'demo-password', authMode, baseUrl: baseUrl ?? sandbox.url };
	return executeContext({
		items: items.map((item) => ({ authentication: 'clickatellHttpApi', ...item })),
		credentials: data,
		continueOnFail,
		server: server ?? authenticatedFetch(new ClickatellHttpApi().authenticate as never, data),
	});
}

function restApi({ items, continueOnFail, server, baseUrl }: Setup) {
	const data = { authToken: 'demo-rest-token', baseUrl: baseUrl ?? sandbox.url };
	return executeContext({
		items: items.map((item) => ({ authentication: 'clickatellRestApi', ...item })),
		credentials: data,
		continueOnFail,
		server: server ?? authenticatedFetch(restBearer, data),
	});
}

function clickSendApi({ items, continueOnFail, server, baseUrl }: Setup) {
	const data = { username: 'demo', apiKey: 'demo-key', baseUrl: baseUrl ?? sandbox.url };
	return executeContext({ items, credentials: data, continueOnFail, server: server ?? authenticatedFetch(new ClickSendApi().authenticate as never, data) });
}

/** A server that answers every request with this status and body. */
function answering(status: number, body: string, headers: IDataObject = {}): FakeServer {
	return () => fullResponse(status, body, headers);
}

async function thrown(run: Promise<unknown>): Promise<NodeApiError | NodeOperationError> {
	try {
		await run;
	} catch (error) {
		return error as NodeApiError | NodeOperationError;
	}
	throw new Error('expected the operation to throw');
}

function expectStructured(json: IDataObject): void {
	for (const field of ERROR_FIELDS) expect(Object.keys(json)).toContain(field);
	expect(typeof json.error).toBe('string');
}

async function sentIds(count: number): Promise<string[]> {
	const items = Array.from({ length: count }, (_, index) => ({ to: `2799910${String(index).padStart(4, '0')}`, text: 'Lookup me', options: { deliveryDelayMinutes: 60 } }));
	const { context } = httpApi({ items }, 'perRequest');
	const [output] = await clickatellSend.call(context);
	return output.map((item) => String(item.json.messageId));
}

describe('Clickatell HTTP lookups against the sandbox', () => {
	test('status, charge and stop: one event per item, paired, in input order, each authenticated per request', async () => {
		const ids = await sentIds(6);
		const { context, requests } = httpApi({ items: ids.map((messageId) => ({ messageId })) });
		const [status] = await getStatus.call(context);
		expect(status.map((item) => item.json.messageId)).toEqual(ids);
		expect(status.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(status[0].json).toMatchObject({ type: 'message.status', provider: 'clickatell-http', state: 'scheduled', providerCode: '011' });
		expect(Object.keys(status[0].json)[0]).toBe('type');
		expect(Object.keys(status[0].json).pop()).toBe('raw');
		// Session mode in the credential, yet no auth request: a lookup is one request with api_id + user + password.
		expect(requests.map((request) => new URL(String(request.options.url)).pathname)).toEqual(ids.map(() => '/http/querymsg'));
		expect(formOf(requests[0]).get('api_id')).toBe('3500001');
		expect(formOf(requests[0]).get('apimsgid')).toBe(ids[0]);

		const charge = (await getCharge.call(httpApi({ items: [{ messageId: ids[0] }] }).context))[0][0].json;
		expect(charge).toMatchObject({ messageId: ids[0], charge: expect.any(Number) });
		const stopped = (await stopMessage.call(httpApi({ items: [{ messageId: ` ${ids[1]} ` }] }).context))[0][0].json;
		expect(stopped).toMatchObject({ messageId: ids[1], state: 'cancelled', providerCode: '006', final: true });
	});

	test('balance, voucher and coverage', async () => {
		const [[balance]] = await getBalance.call(httpApi({ items: [{}] }).context);
		expect(balance.json).toMatchObject({ provider: 'clickatell-http', balance: expect.any(Number) });
		const [[voucher]] = await redeemVoucher.call(httpApi({ items: [{ voucher: ' SANDBOX-100 ' }] }).context);
		expect(voucher.json).toMatchObject({ provider: 'clickatell-http', redeemed: true, value: '100' });
		const { context, requests } = httpApi({ items: [{ number: '+27 99 912 3456' }] });
		const [[coverage]] = await checkCoverage.call(context);
		expect(coverage.json).toMatchObject({ provider: 'clickatell-http', destination: '27999123456', routable: true, minimumCharge: 0.8 });
		expect(formOf(requests[0]).get('msisdn')).toBe('27999123456');
	});
});

describe('Clickatell REST and ClickSend lookups against the sandbox', () => {
	test('REST balance, coverage and an unknown message', async () => {
		const [[balance]] = await getBalance.call(restApi({ items: [{}] }).context);
		expect(balance.json).toMatchObject({ provider: 'clickatell-rest', balance: expect.any(Number) });
		const { context, requests } = restApi({ items: [{ number: '27999123456' }] });
		const [[coverage]] = await checkCoverage.call(context);
		expect(coverage.json).toMatchObject({ provider: 'clickatell-rest', destination: '27999123456', routable: true });
		expect(String(requests[0].options.url)).toBe(`${sandbox.url}/rest/coverage/27999123456`);
		const [[unknown]] = await getStatus.call(restApi({ items: [{ messageId: ID }], continueOnFail: true }).context);
		expectStructured(unknown.json);
		expect(unknown.json).toMatchObject({ provider: 'clickatell-rest', retryable: false });
	});

	test('ClickSend balance, history, replies and reports: one item per record, all paired with the asking item', async () => {
		const [[balance]] = await clickSendBalance.call(clickSendApi({ items: [{}] }).context);
		expect(balance.json).toMatchObject({ provider: 'clicksend', balance: expect.any(Number) });
		for (const operation of [getHistory, getReplies, getDeliveryReports]) {
			const [output] = await operation.call(clickSendApi({ items: [{}, {}] }).context);
			for (const item of output) expect([{ item: 0 }, { item: 1 }]).toContainEqual(item.pairedItem);
		}
		const { context, requests } = clickSendApi({ items: [{ filters: { messageId: 'ABC-1' } }, { filters: { fromEmail: 'me@example.com' } }] });
		await getReplies.call(context);
		expect(formOf(requests[0]).get('messageid')).toBe('ABC-1');
		expect(formOf(requests[1]).has('messageid')).toBe(false);
		const history = clickSendApi({ items: [{ filters: { fromEmail: 'me@example.com' } }] });
		await getHistory.call(history.context);
		expect(formOf(history.requests[0]).get('from_email')).toBe('me@example.com');
	});
});

describe('provider error answers', () => {
	const xml = (inner: string) => `<?xml version='1.0' encoding='utf-8'?><xml>${inner}</xml>`;

	test.each([
		['HTTP balance', getBalance, httpApi, 200, 'ERR: 301, No credit left', '301', 'No credit left'],
		['HTTP charge', getCharge, httpApi, 200, 'ERR: 103, Unknown API message ID', '103', 'Unknown API message ID'],
		['HTTP voucher', redeemVoucher, httpApi, 200, 'ERR: 101, Invalid or missing parameters', '101', 'Invalid or missing parameters'],
		['REST balance', getBalance, restApi, 401, '{"error":{"code":"001","description":"Authentication failed"}}', '001', 'Authentication failed'],
		['ClickSend balance', clickSendBalance, clickSendApi, 200, xml('<result>2022</result><errortext>Invalid credentials</errortext>'), '2022', 'Invalid credentials'],
	] as const)('%s: the error item has the provider code and text, hint and retryable', async (_name, operation, api, status, body, code, text) => {
		const { context } = api({ items: [{}, { messageId: ID, voucher: 'V1' }], continueOnFail: true, server: answering(status, body) });
		const [output] = await (operation as Operation).call(context);
		expect(output).toHaveLength(2);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expectStructured(output[1].json);
		expect(output[1].json).toMatchObject({ providerCode: code, providerText: text, retryable: false });
	});

	test('without Continue On Fail: a NodeApiError whose context carries the same fields', async () => {
		const { context } = httpApi({ items: [{}], server: answering(200, 'ERR: 001, Authentication failed') });
		const error = await thrown(getBalance.call(context));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Clickatell HTTP API error 001: Authentication failed');
		expect(error.description).toMatch(/Check the API ID, username and password/);
		expect(error.context).toMatchObject({ provider: 'clickatell-http', providerCode: '001', providerText: 'Authentication failed', retryable: false });
		expect(error.context.hint).toEqual(expect.any(String));
	});

	test('an HTTP error status from a proxy is an error, never parsed as success; garbage is MALFORMED_RESPONSE', async () => {
		const proxy = await thrown(getBalance.call(httpApi({ items: [{}], server: answering(503, 'Service Unavailable') }).context));
		expect(proxy.message).toContain('HTTP_503');
		expect((proxy as NodeApiError).httpCode).toBe('503');
		const garbage = await thrown(getBalance.call(httpApi({ items: [{}], server: answering(200, '<html>maintenance</html>') }).context));
		expect(garbage.message).toContain('MALFORMED_RESPONSE');
	});

	// The real gateway's getmsgcharge form: Net::Clickatell 0.5 (CPAN, Christopherus Goo, HTTP API spec
	// 2.4.1) documents `apiMsgId: add8f5556c0d3d54bc94a4cd8800f01b4 charge: 0 status: 001`.
	test('getmsgcharge in the real gateway form (apiMsgId:, lower-case keys), and without the ID', async () => {
		const id = 'add8f5556c0d3d54bc94a4cd8800f01b4';
		const [[charge]] = await getCharge.call(httpApi({ items: [{ messageId: id }], server: answering(200, `apiMsgId: ${id} charge: 0 status: 001`) }).context);
		expect(charge.json).toMatchObject({ messageId: id, charge: 0, providerCode: '001' });
		const [[bare]] = await getCharge.call(httpApi({ items: [{ messageId: id }], server: answering(200, 'charge: 0.33 status: 004') }).context);
		expect(bare.json).toMatchObject({ messageId: id, charge: 0.33, providerCode: '004', state: 'delivered' });
	});
});

// Issue 11 item 5: what n8n's routing used to reduce to `{ error: message }`.
describe('input errors: refused before any request, reported with the fields Send reports', () => {
	test.each([
		['an ID that could change the URL path', getStatus, restApi, { messageId: ID }, { messageId: '../account/balance' }, 'messageId'],
		['a missing message ID', stopMessage, httpApi, { messageId: ID }, { messageId: '' }, 'messageId'],
		['a national number for coverage', checkCoverage, httpApi, { number: '27999123456' }, { number: '082 123 4567' }, 'number'],
		['a voucher with a space', redeemVoucher, httpApi, { voucher: 'SANDBOX-605' }, { voucher: 'two words' }, 'voucher'],
		['a message ID filter with a slash', getReplies, clickSendApi, {}, { filters: { messageId: 'a/b' } }, 'filters.messageId'],
		['a from-email filter that is no address', getHistory, clickSendApi, {}, { filters: { fromEmail: 'not an email' } }, 'filters.fromEmail'],
	] as const)('%s: an error item naming the field, and the other items still run', async (_name, operation, api, good, bad, field) => {
		const { context, requests } = api({ items: [good, bad, good], continueOnFail: true });
		const [output] = await (operation as Operation).call(context);
		const itemOf = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
		const failed = output.filter((item) => itemOf(item) === 1);
		expect(failed).toHaveLength(1);
		expectStructured(failed[0].json);
		expect(failed[0].json).toMatchObject({ provider: 'local', providerCode: 'INVALID_INPUT', field, retryable: false, certainlyNotSent: true });
		expect(String(failed[0].json.error)).toContain(`'${field}'`);
		// Items 0 and 2 each made their request (and gave their own items); item 1 made none.
		expect(requests).toHaveLength(2);
		expect(output.some((item) => itemOf(item) === 2) || output.length === 1).toBe(true);
	});

	test('without Continue On Fail: a NodeOperationError naming the field, with the same fields in its context', async () => {
		const stopped = JSON.stringify({ data: { messageStatus: '006', description: 'User cancelled message delivery', apiMessageId: ID } });
		const server = answering(200, stopped, { 'content-type': 'application/json' });
		const { context, requests } = restApi({ items: [{ messageId: ID }, { messageId: '../account/balance' }], server });
		const error = await thrown(stopMessage.call(context));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/'messageId'/);
		expect(error.context).toMatchObject({ itemIndex: 1, provider: 'local', providerCode: 'INVALID_INPUT', field: 'messageId', certainlyNotSent: true });
		expect(requests.map((request) => String(request.options.url))).toEqual([`${sandbox.url}/rest/message/${ID}`]);
	});

	test('the earliest failing item is the one reported, and nothing after a failure is started', async () => {
		const items = [{ messageId: 'bad id' }, ...Array.from({ length: 10 }, () => ({ messageId: ID }))];
		const { context, requests } = httpApi({ items, server: answering(200, `ID: ${ID} Status: 004`) });
		const error = await thrown(getStatus.call(context));
		expect(error.context).toMatchObject({ itemIndex: 0, field: 'messageId' });
		// At most the lookups already running beside the failing one went out.
		expect(requests.length).toBeLessThan(items.length - 1);
	});
});

describe('network failures: reported with the fields Send reports', () => {
	test.each([
		['Clickatell HTTP', getBalance, httpApi, 'clickatell-http'],
		['Clickatell REST', getStatus, restApi, 'clickatell-rest'],
		['ClickSend', getDeliveryReports, clickSendApi, 'clicksend'],
	] as const)('%s: a refused connection is an error item, certainly not sent and safe to retry', async (_name, operation, api, provider) => {
		const { context } = api({ items: [{ messageId: ID }], continueOnFail: true, baseUrl: closedPortUrl });
		const [output] = await (operation as Operation).call(context);
		expect(output).toHaveLength(1);
		expectStructured(output[0].json);
		expect(output[0].json).toMatchObject({ provider, providerCode: 'NETWORK', providerText: 'connection failed (ECONNREFUSED)', retryable: true, certainlyNotSent: true });
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('a request that timed out may have reached the gateway: not certainly unsent, not retryable', async () => {
		// What n8n's HTTP helper throws for its timeout: the axios error, with ECONNABORTED as its code.
		const timeout: FakeServer = () => Promise.reject(Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' }));
		const [[item]] = await stopMessage.call(httpApi({ items: [{ messageId: ID }], continueOnFail: true, server: timeout }).context);
		expectStructured(item.json);
		expect(item.json).toMatchObject({ provider: 'clickatell-http', providerCode: 'NETWORK', retryable: false, certainlyNotSent: false, delivery: 'unknown' });
	});

	test('without Continue On Fail: a NodeApiError with the network fields in its context, no secret in it', async () => {
		const { context } = httpApi({ items: [{}], baseUrl: closedPortUrl }, 'perRequest');
		const error = await thrown(getBalance.call(context));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.context).toMatchObject({ provider: 'clickatell-http', providerCode: 'NETWORK', certainlyNotSent: true, retryable: true });
		expect(JSON.stringify({ message: error.message, description: error.description, context: error.context })).not.toContain('demo-password');
	});
});

describe('operations an API does not have', () => {
	test('Redeem Voucher on the REST API (a hand-edited workflow): an error item naming the operation, no request', async () => {
		const { context, requests } = restApi({ items: [{ voucher: 'SANDBOX-605' }], continueOnFail: true });
		const [[item]] = await redeemVoucher.call(context);
		expect(item.json).toMatchObject({ providerCode: 'INVALID_INPUT', field: 'operation', certainlyNotSent: true });
		expect(requests).toHaveLength(0);
	});
});
