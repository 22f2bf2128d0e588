import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, ICredentialTestFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { ClickatellHttpApi } from '../../../credentials/ClickatellHttpApi.credentials';
import { ClickSendApi } from '../../../credentials/ClickSendApi.credentials';
import { addFormAuthentication } from '../../../credentials/shared/formAuthentication';
import { testClickatellHttpApi, testClickatellRestApi } from '../../../nodes/Clickatell/GenericFunctions';
import { testClickSendApi } from '../../../nodes/ClickSend/GenericFunctions';
import { startSandbox, type Sandbox } from '../../../sandbox';

const AUTH = { api_id: '1', user: 'u', password: 'p w' };

type AuthenticateFunction = (credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
const httpAuthenticate = new ClickatellHttpApi().authenticate as AuthenticateFunction;
const clickSendAuthenticate = new ClickSendApi().authenticate as AuthenticateFunction;

describe('addFormAuthentication', () => {
	test('adds the fields to an object body and sets the form content type', () => {
		const result = addFormAuthentication({ method: 'POST', url: '/x', body: { apimsgid: 'a' } }, AUTH, ['session_id', 'api_id']);
		expect(result.body).toEqual({ ...AUTH, apimsgid: 'a' });
		expect(result.headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded' });
	});

	test('appends to a form string body, encoded', () => {
		const result = addFormAuthentication({ method: 'POST', url: '/x', body: 'to=1' }, AUTH, ['api_id']);
		expect(result.body).toBe('to=1&api_id=1&user=u&password=p+w');
	});

	test('leaves requests that already authenticate alone (session id or credentials from the gateways client)', () => {
		const session = { method: 'POST' as const, url: '/x', body: 'session_id=abc&to=1' };
		expect(addFormAuthentication(session, AUTH, ['session_id', 'api_id'])).toBe(session);
		const object = { method: 'POST' as const, url: '/x', body: { api_id: '9' } };
		expect(addFormAuthentication(object, AUTH, ['session_id', 'api_id'])).toBe(object);
	});

	test('leaves requests with an Authorization header alone (ClickSend REST v3: Basic auth, JSON bodies, no key in a URL)', () => {
		const get = { method: 'GET' as const, url: '/v3/account', headers: { Authorization: 'Basic abc' } };
		expect(addFormAuthentication(get, AUTH, ['key'])).toBe(get);
		const json = { method: 'POST' as const, url: '/v3/sms/send', headers: { authorization: 'Basic abc' }, body: '{"messages":[]}' };
		expect(addFormAuthentication(json, AUTH, ['key'])).toBe(json);
	});

	test('puts them in the query string of a GET and keeps an existing content type', () => {
		expect(addFormAuthentication({ method: 'GET', url: '/x', qs: { a: 1 } }, AUTH, ['api_id']).qs).toEqual({ a: 1, ...AUTH });
		const kept = addFormAuthentication({ method: 'POST', url: '/x', headers: { 'content-type': 'text/plain' }, body: {} }, AUTH, ['api_id']);
		expect(kept.headers).toEqual({ 'content-type': 'text/plain' });
	});

	test('the credentials map their fields: Clickatell HTTP (trimmed ids, password as typed) and ClickSend', async () => {
		const http = await httpAuthenticate(
			{ apiId: ' 35 ', username: ' demo ', password: ' secret ', authMode: 'session' },
			{ method: 'POST', url: '/http/getbalance', body: {} },
		);
		expect(http.body).toEqual({ api_id: '35', user: 'demo', password: ' secret ' });
		const clicksend = await clickSendAuthenticate({ username: 'demo', apiKey: 'k' }, { method: 'POST', url: '/x', body: {} });
		expect(clicksend.body).toEqual({ username: 'demo', key: 'k' });
	});
});

describe('credential tests against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => await sandbox.close());

	const context = {} as ICredentialTestFunctions;
	const credential = (type: string, data: Record<string, unknown>): ICredentialsDecrypted => ({ id: 'c1', name: 'test', type, data: { ...data, baseUrl: sandbox.url } });

	test.each([
		['session', 'session'],
		['per request', 'perRequest'],
	])('Clickatell HTTP (%s): good credentials report the balance', async (_label, authMode) => {
		const result = await testClickatellHttpApi.call(context, credential('clickatellHttpApi', { apiId: '3500001', username: 'demo', password: 'demo-password', authMode }));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful (balance: 1000 credits)' });
	});

	test('Clickatell HTTP: a wrong password fails with Clickatell’s message and never shows the password', async () => {
		const result = await testClickatellHttpApi.call(context, credential('clickatellHttpApi', { apiId: '3500001', username: 'demo', password: 'hunter2-wrong', authMode: 'session' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Clickatell HTTP API error 00[12]: /);
		expect(result.message).not.toContain('hunter2-wrong');
	});

	test('Clickatell REST: good and bad tokens', async () => {
		expect(await testClickatellRestApi.call(context, credential('clickatellRestApi', { authToken: 'demo-rest-token' }))).toMatchObject({ status: 'OK' });
		const bad = await testClickatellRestApi.call(context, credential('clickatellRestApi', { authToken: 'nope-token' }));
		expect(bad).toEqual({ status: 'Error', message: 'Clickatell REST API error 001: Authentication failed' });
	});

	test('ClickSend: good key, wrong key, inactive account', async () => {
		expect(await testClickSendApi.call(context, credential('clickSendApi', { username: 'demo', apiKey: 'demo-key' }))).toMatchObject({ status: 'OK', message: expect.stringContaining('balance: 125') });
		expect(await testClickSendApi.call(context, credential('clickSendApi', { username: 'demo', apiKey: 'wrong' }))).toEqual({ status: 'Error', message: 'ClickSend error 2022: Invalid credentials' });
		const inactive = await testClickSendApi.call(context, credential('clickSendApi', { username: 'notactive', apiKey: 'D83DED51-9E35-4D42-9BB9-0E34B7CA85AE' }));
		expect(inactive.message).toMatch(/2007/);
	});

	test('an unreachable gateway is an error that says so', async () => {
		const result = await testClickSendApi.call(context, { id: 'c', name: 'n', type: 'clickSendApi', data: { username: 'demo', apiKey: 'k', baseUrl: 'http://127.0.0.1:9' } });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/NETWORK/);
	});
});

// Clickatell's help centre, "Where do I find the correct Clickatell credentials for my third-party
// application?": the legacy API takes a newer Portal account's username, password and API Key in place
// of the API ID. The credential says so where the user types it (issue 11).
describe('Clickatell HTTP API credential hints for newer Portal accounts', () => {
	test('the API ID field says a Portal account enters its API Key there', () => {
		const fields = new ClickatellHttpApi().properties;
		const apiId = fields.find((field) => field.name === 'apiId');
		expect(apiId?.description).toMatch(/API Key/);
		expect(fields.find((field) => field.name === 'username')?.description).toMatch(/Portal account: the account username/);
		expect(fields.find((field) => field.name === 'password')?.description).toMatch(/Portal account: the account password/);
	});
});
