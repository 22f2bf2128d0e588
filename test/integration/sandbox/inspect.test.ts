import type { Sandbox } from '../../../sandbox';
import { CS_AUTH, DEMO, eventually, getQuery, HTTP_AUTH, json, postForm, postJson, putJson, request, start, xmlValues } from './helpers';

/** The inspection API under /sandbox/: messages, callbacks, stats, reset, accounts. */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await start();
});

afterAll(() => sandbox.close());

describe('GET /sandbox/messages', () => {
  it('lists messages with status, parts, encoding and charge, filtered by provider, account, to and clientReference', async () => {
    await getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900500', text: 'x'.repeat(200), concat: 2, climsgid: 'insp-1' });
    await getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900501', text: '0416', unicode: 1 });
    await postForm(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+447700900502', message: 'ClickSend € text' });

    const byReference = await json(`${sandbox.url}/sandbox/messages?clientReference=insp-1`);
    expect(byReference.body.count).toBe(1);
    expect(byReference.body.messages[0]).toMatchObject({
      provider: 'clickatell-http',
      account: DEMO.clickatellHttp.accountId,
      to: '447700900500',
      clientReference: 'insp-1',
      parts: 2,
      encoding: 'GSM-7',
      charge: 1.6,
      status: expect.stringMatching(/^00[234]$/),
      statusDescription: expect.any(String),
    });

    const unicode = await json(`${sandbox.url}/sandbox/messages?to=447700900501`);
    expect(unicode.body.messages[0]).toMatchObject({ text: 'Ж', encoding: 'UCS-2', parts: 1 });

    const clicksend = await json(`${sandbox.url}/sandbox/messages?provider=clicksend&to=%2B447700900502`);
    expect(clicksend.body.messages[0]).toMatchObject({ account: DEMO.clicksend.accountId, to: '+447700900502', encoding: 'GSM-7', charge: 0.0282, price: 0.0282 });
    expect(['Queued', 'Sent', 'Delivered']).toContain(clicksend.body.messages[0].clicksendStatus);

    const byAccount = await json(`${sandbox.url}/sandbox/messages?account=${DEMO.clicksend.accountId}`);
    expect(byAccount.body.messages.every((message: { provider: string }) => message.provider === 'clicksend')).toBe(true);
  });

  it('filters by status and limits to the newest', async () => {
    await getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '9990090500', text: 'will fail' });
    await eventually(async () => expect((await json(`${sandbox.url}/sandbox/messages?status=009`)).body.count).toBe(1));
    const limited = await json(`${sandbox.url}/sandbox/messages?limit=1`);
    expect(limited.body.messages).toHaveLength(1);
    expect(limited.body.messages[0].to).toBe('9990090500');
  });

  it('GET /sandbox/messages/:id shows one message; unknown ids are 404', async () => {
    const id = (await getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900503', text: 'one' })).text.slice(4);
    expect((await json(`${sandbox.url}/sandbox/messages/${id}`)).body.id).toBe(id);
    const missing = await json(`${sandbox.url}/sandbox/messages/unknown`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/unknown/);
  });
});

describe('GET /sandbox/stats', () => {
  it('counts requests per route', async () => {
    const before = (await json(`${sandbox.url}/sandbox/stats`)).body;
    await getQuery(`${sandbox.url}/http/getbalance`, HTTP_AUTH);
    await getQuery(`${sandbox.url}/http/getbalance.php`, HTTP_AUTH);
    await request(`${sandbox.url}/rest/account/balance`);
    const after = (await json(`${sandbox.url}/sandbox/stats`)).body;
    expect(after.requests['clickatell-http getbalance']).toBe((before.requests['clickatell-http getbalance'] ?? 0) + 2);
    expect(after.requests['clickatell-rest GET /rest/account/balance']).toBe((before.requests['clickatell-rest GET /rest/account/balance'] ?? 0) + 1);
    expect(after.internalErrors).toBe(0);
    expect(after.messages.stored).toBeGreaterThan(0);
  });
});

describe('accounts', () => {
  it('GET lists accounts without passwords, tokens, keys or secrets', async () => {
    const listed = await json(`${sandbox.url}/sandbox/accounts`);
    const text = JSON.stringify(listed.body);
    expect(listed.body.accounts.map((account: { id: string }) => account.id)).toEqual(expect.arrayContaining([DEMO.clickatellHttp.accountId, DEMO.clickatellRest.accountId, DEMO.clicksend.accountId]));
    for (const secret of [DEMO.clickatellHttp.password, DEMO.clickatellRest.token, DEMO.clicksend.key, DEMO.clicksendTestKey]) expect(text).not.toContain(secret);
  });

  it('PUT changes a balance and the API sees it', async () => {
    const put = await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { balance: 42.5 });
    expect(put.status).toBe(200);
    expect(put.body.balance).toBe(42.5);
    expect((await getQuery(`${sandbox.url}/http/getbalance`, HTTP_AUTH)).text).toBe('Credit: 42.5');
  });

  it('PUT creates an account that works at once', async () => {
    const created = await putJson(`${sandbox.url}/sandbox/accounts/extra`, { provider: 'clicksend', username: 'extra', key: 'extra-key', balance: 3 });
    expect(created.status).toBe(201);
    const balance = await getQuery(`${sandbox.url}/http/v2/balance.php`, { username: 'extra', key: 'extra-key' });
    expect(xmlValues(balance.text, 'balance')).toEqual(['3.00']);
  });

  it.each([
    [{ statusCallbackUrl: 'ftp://example' }, /statusCallbackUrl/],
    [{ callbackAuth: 'digest' }, /callbackAuth/],
    [{ balance: 'lots' }, /balance/],
    [{ provider: 'clicksend' }, /provider/],
  ])('PUT %j is refused', async (patch, message) => {
    const result = await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, patch);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(message);
  });

  it('a new account without credentials is refused', async () => {
    const result = await putJson(`${sandbox.url}/sandbox/accounts/half`, { provider: 'clickatell-rest' });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/token/);
  });
});

describe('POST /sandbox/reset', () => {
  it('forgets messages, sessions and counters and restores configured balances', async () => {
    const session = (await getQuery(`${sandbox.url}/http/auth`, HTTP_AUTH)).text.slice(4);
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { balance: 1 });
    const reset = await postJson(`${sandbox.url}/sandbox/reset`, {});
    expect(reset.body).toEqual({ ok: true });
    expect((await json(`${sandbox.url}/sandbox/messages`)).body.count).toBe(0);
    expect((await getQuery(`${sandbox.url}/http/getbalance`, HTTP_AUTH)).text).toBe('Credit: 1000.0');
    expect((await getQuery(`${sandbox.url}/http/ping`, { session_id: session })).text).toBe('ERR: 003, Session ID expired');
    const stats = (await json(`${sandbox.url}/sandbox/stats`)).body;
    expect(stats.messages).toEqual({ stored: 0, totalSent: 0, evicted: 0 });
  });
});

describe('the sandbox API answers its own errors in JSON', () => {
  it.each([
    ['GET', '/sandbox/nothing', 404],
    ['DELETE', '/sandbox/messages', 405],
    ['GET', '/sandbox/reset', 405],
  ])('%s %s -> %i', async (method, path, status) => {
    const result = await json(`${sandbox.url}${path}`, { method });
    expect(result.status).toBe(status);
    expect(typeof result.body.error).toBe('string');
  });

  it('GET /sandbox describes the endpoints', async () => {
    const index = await json(`${sandbox.url}/sandbox`);
    expect(index.body.apis.clicksend).toBe(`${sandbox.url}/http/v2/`);
    expect(index.body.endpoints).toContain('POST /sandbox/reset');
  });
});
