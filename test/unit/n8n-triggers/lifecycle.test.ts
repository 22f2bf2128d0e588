import type { ICredentialTestFunctions, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ClickatellTrigger } from '../../../nodes/ClickatellTrigger/ClickatellTrigger.node';
import { ClickSendTrigger } from '../../../nodes/ClickSendTrigger/ClickSendTrigger.node';
import { queryFromUrl } from '../../../nodes/triggers-common/incoming';
import { fakeHookContext, SECRET, TOKEN_CREDENTIALS } from './fake-webhook';

describe.each([
	['Clickatell Trigger', new ClickatellTrigger()],
	['ClickSend Trigger', new ClickSendTrigger()],
])('%s webhook lifecycle (no API to register the URL)', (_name, trigger) => {
	const hooks = trigger.webhookMethods.default;
	const run = (fn: (this: IHookFunctions) => Promise<boolean>, context: IHookFunctions) => fn.call(context);

	it('records the URL on create, knows it afterwards and forgets it on delete, all in static data', async () => {
		const { context, staticData } = fakeHookContext({ credentials: TOKEN_CREDENTIALS });
		expect(await run(hooks.checkExists, context)).toBe(false);
		expect(await run(hooks.create, context)).toBe(true);
		expect(staticData.callbackUrl).toBe('https://n8n.example.com/webhook/abc/webhook');
		expect(Date.parse(String(staticData.callbackUrlSince))).not.toBeNaN();
		expect(await run(hooks.checkExists, context)).toBe(true);
		expect(await run(hooks.delete, context)).toBe(true);
		expect(staticData).toEqual({});
		expect(await run(hooks.checkExists, context)).toBe(false);
	});

	it('treats a changed URL (new host or path) as not yet handed out', async () => {
		const staticData = { callbackUrl: 'https://old.example.com/webhook/abc/webhook' };
		const { context } = fakeHookContext({ credentials: TOKEN_CREDENTIALS, staticData });
		expect(await run(hooks.checkExists, context)).toBe(false);
	});

	it.each([
		['an empty secret', { secret: '' }, /empty/],
		['a short secret', { secret: 'short' }, /at least 16/],
		['a parameter name that needs escaping', { secret: SECRET, queryParameter: 'my token' }, /parameter name/],
	])('refuses to activate with %s', async (_label, data, message) => {
		const { context } = fakeHookContext({ credentials: { smsWebhookAuthApi: { queryParameter: 'token', user: '', ...data } } });
		const attempt = run(hooks.checkExists, context);
		await expect(attempt).rejects.toBeInstanceOf(NodeOperationError);
		await expect(run(hooks.checkExists, context)).rejects.toThrow(message);
	});

	it('surfaces a missing credential instead of activating unprotected', async () => {
		const { context } = fakeHookContext({ credentials: {} });
		await expect(run(hooks.checkExists, context)).rejects.toThrow(/credentials/);
	});

	it('activates without a credential when verification is None', async () => {
		const { context } = fakeHookContext({ credentials: {}, parameters: { verification: 'none' } });
		expect(await run(hooks.checkExists, context)).toBe(false);
		expect(await run(hooks.create, context)).toBe(true);
	});
});

describe('SMS Webhook Verification credential test', () => {
	const test = new ClickatellTrigger().methods.credentialTest.smsWebhookAuthTest;
	const check = (data: Record<string, unknown>) =>
		test.call({} as ICredentialTestFunctions, { id: '1', name: 'c', type: 'smsWebhookAuthApi', data: data as never });

	it('passes a long secret', async () => {
		await expect(check({ secret: SECRET, queryParameter: 'token' })).resolves.toMatchObject({ status: 'OK' });
	});

	it.each([
		[{ secret: '' }, /empty/],
		[{}, /empty/],
		[{ secret: '123456789012345' }, /15 characters/],
		[{ secret: SECRET, queryParameter: 'a&b' }, /parameter name/],
	])('fails %p', async (data, message) => {
		const result = await check(data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});
});

describe('queryFromUrl', () => {
	it('decodes from the bytes of the URL: UTF-8 when valid, one character per byte otherwise', () => {
		expect(queryFromUrl('/w?text=caf%C3%A9')).toEqual({ text: 'café' });
		expect(queryFromUrl('/w?text=caf%E9')).toEqual({ text: 'café' });
		expect(queryFromUrl('/w?a=1+2&b=x%2By&c')).toEqual({ a: '1 2', b: 'x+y', c: '' });
	});

	it('has no parameters without a query and ignores a fragment', () => {
		expect(queryFromUrl('/webhook/abc/webhook')).toEqual({});
		expect(queryFromUrl('/w?a=1#frag')).toEqual({ a: '1' });
	});

	it('keeps a __proto__ key as data', () => {
		const query = queryFromUrl('/w?__proto__=x&a=1');
		expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
		expect(Object.keys(query)).toEqual(['__proto__', 'a']);
	});
});
