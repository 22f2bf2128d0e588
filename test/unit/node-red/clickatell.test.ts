/**
 * The `clickatell` action node and its two config nodes, run in Node-RED 4.1 (test helper) against a
 * running sandbox: every operation of both APIs, bulk sends, errors to Catch nodes, the HTTP session
 * (lazy auth, reuse, renewal without double sending, keep-alive, close) and the test-connection endpoint.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_CREDENTIALS } from '../../../sandbox';
import { actionFlow, collect, eventually, helper, nodeModules, requestCount, run, sandboxAndRuntimePerTest, storedMessages, type TestNode } from './support';

const HTTP = DEMO_CREDENTIALS.clickatellHttp;
const REST = DEMO_CREDENTIALS.clickatellRest;
const sandbox = sandboxAndRuntimePerTest({ sentAfterMs: 20, deliveredAfterMs: 40 });

function flow(action: Record<string, unknown>, httpConfig: Record<string, unknown> = {}) {
  const configs = [
    { id: 'httpcfg', type: 'clickatell-http-config', name: 'sandbox http', baseUrl: sandbox.url, authMode: 'session', keepAliveMinutes: 0, ...httpConfig },
    { id: 'restcfg', type: 'clickatell-rest-config', name: 'sandbox rest', baseUrl: sandbox.url },
  ];
  return actionFlow('clickatell', configs, { type: 'clickatell', api: 'http', httpConfig: 'httpcfg', restConfig: 'restcfg', operation: 'send', ...action });
}
const credentials = (http: { apiId?: string; user?: string; password?: string } = {}) => ({
  httpcfg: { apiId: http.apiId ?? HTTP.apiId, user: http.user ?? HTTP.user, password: http.password ?? HTTP.password },
  restcfg: { token: REST.token },
});

async function load(action: Record<string, unknown>, options: { httpConfig?: Record<string, unknown>; password?: string } = {}) {
  await helper.load(nodeModules(), flow(action, options.httpConfig), credentials({ password: options.password }));
  const act = helper.getNode('act');
  const statuses: Array<Record<string, unknown>> = [];
  act.on('call:status', (call: { args: [Record<string, unknown>] }) => statuses.push(call.args[0]));
  return { act, out: helper.getNode('out'), caught: helper.getNode('caught'), statuses };
}

describe('clickatell node, HTTP API', () => {
  it('sends one SMS: a message.sent event in msg.payload, blue then green status, and the sandbox has the message', async () => {
    const { act, statuses } = await load({ operation: 'send', from: '27999000001', fromType: 'str', clientReference: 'order1', clientReferenceType: 'str' });
    const { from, msg } = await run(act, { payload: 'Hello from the test', to: '27999123456', keep: 'me' });
    expect(from).toBe('out');
    expect(msg.keep).toBe('me'); // the incoming msg is reused
    expect(msg.payload).toMatchObject({ type: 'message.sent', provider: 'clickatell-http', to: '27999123456', clientReference: 'order1', encoding: 'GSM-7', parts: 1 });
    expect(msg.payload.messageId).toMatch(/^[0-9a-f]{32}$/);
    const stored = storedMessages(sandbox, 'clickatell-http');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: msg.payload.messageId, to: '27999123456', text: 'Hello from the test', from: '27999000001', clientReference: 'order1' });
    await eventually(() => statuses.length, (n) => n >= 2);
    expect(statuses[0]).toMatchObject({ fill: 'blue', shape: 'dot' });
    expect(statuses[statuses.length - 1]).toMatchObject({ fill: 'green', shape: 'dot' });
  });

  it('takes each field from where the node says (json, global, flow, env), ignoring msg properties it does not point at', async () => {
    process.env.GATEWAYKIT_TEST_SENDER = '27999000001';
    const { act } = await load({
      to: '["27999810001", "27999810002"]',
      toType: 'json',
      text: 'greeting',
      textType: 'global',
      clientReference: 'reference',
      clientReferenceType: 'flow',
      from: 'GATEWAYKIT_TEST_SENDER',
      fromType: 'env',
    });
    const context = (act as TestNode & { context(): { flow: { set(k: string, v: unknown): void }; global: { set(k: string, v: unknown): void } } }).context();
    context.global.set('greeting', 'Hello from global context');
    context.flow.set('reference', 'flowref1');
    const { from, msg } = await run(act, { payload: 'not this text', to: '27999999999' });
    expect(from).toBe('out');
    expect(msg.payload.map((event: { to: string }) => event.to)).toEqual(['27999810001', '27999810002']);
    const stored = storedMessages(sandbox, 'clickatell-http');
    expect(stored.map((m) => m.to).sort()).toEqual(['27999810001', '27999810002']);
    for (const message of stored) {
      expect(message).toMatchObject({ text: 'Hello from global context', clientReference: 'flowref1', from: '27999000001' });
    }
    delete process.env.GATEWAYKIT_TEST_SENDER;
  });

  it('signs in once and reuses the session for later commands', async () => {
    const { act } = await load({ operation: 'send' });
    for (const to of ['27999100001', '27999100002', '27999100003']) {
      expect((await run(act, { payload: 'hi', to })).from).toBe('out');
    }
    expect(requestCount(sandbox, 'clickatell-http auth')).toBe(1);
    expect(requestCount(sandbox, 'clickatell-http sendmsg')).toBe(3);
  });

  it('renews an expired session and sends the message exactly once', async () => {
    const { act } = await load({ operation: 'send' });
    expect((await run(act, { payload: 'first', to: '27999100001' })).from).toBe('out');
    sandbox.faults.add({ kind: 'session-expiry', api: 'clickatell-http', route: 'sendmsg', count: 1 });
    const { from, msg } = await run(act, { payload: 'after expiry', to: '27999100002' });
    expect(from).toBe('out');
    expect(msg.payload.to).toBe('27999100002');
    expect(requestCount(sandbox, 'clickatell-http auth')).toBe(2);
    expect(storedMessages(sandbox, 'clickatell-http').filter((m) => m.text === 'after expiry')).toHaveLength(1);
  });

  it('sends api_id, user and password on every request in per-request mode (no auth, no session)', async () => {
    const { act } = await load({ operation: 'balance' }, { httpConfig: { authMode: 'perRequest' } });
    const { from, msg } = await run(act, {});
    expect(from).toBe('out');
    expect(msg.payload).toMatchObject({ provider: 'clickatell-http', balance: 1000 });
    expect(requestCount(sandbox, 'clickatell-http auth')).toBe(0);
  });

  it('pings to keep the session alive while in use, and stops when the flow is closed', async () => {
    const { act } = await load({ operation: 'balance' }, { httpConfig: { keepAliveMinutes: 0.002 } }); // 120 ms
    expect((await run(act, {})).from).toBe('out');
    await eventually(() => requestCount(sandbox, 'clickatell-http ping'), (n) => n >= 2, 5000, 'keep-alive pings');
    const config = helper.getNode('httpcfg') as TestNode & { hasSession(): boolean };
    expect(config.hasSession()).toBe(true);
    await helper.unload();
    const pings = requestCount(sandbox, 'clickatell-http ping');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(requestCount(sandbox, 'clickatell-http ping')).toBe(pings);
    expect(config.hasSession()).toBe(false);
  });

  it('sends to many recipients of msg.to through the bulk planner: one event each, msg.bulk with the counts', async () => {
    const { act } = await load({ operation: 'send' });
    const to = Array.from({ length: 25 }, (_, i) => `2799950${String(i).padStart(4, '0')}`);
    const { from, msg } = await run(act, { payload: 'Storm warning', to: to.join(', ') });
    expect(from).toBe('out');
    expect(msg.payload).toHaveLength(25);
    expect(msg.payload.map((event: { to: string }) => event.to)).toEqual(to);
    expect(msg.bulk).toMatchObject({ recipients: 25, accepted: 25, failed: 0, batches: 1, requests: 1 });
    expect(msg.failed).toEqual([]);
    expect(requestCount(sandbox, 'clickatell-http sendmsg')).toBe(1);
  });

  it('sends a list of messages in msg.payload, grouping equal texts into one request', async () => {
    const { act } = await load({ operation: 'send' });
    const payload = [
      { to: '27999600001', text: 'Your order shipped' },
      { to: '27999600002', text: 'Your order shipped' },
      { to: '27999600003', text: 'Your appointment is tomorrow', options: { clientReference: 'appt3' } },
    ];
    const { from, msg } = await run(act, { payload });
    expect(from).toBe('out');
    expect(msg.payload.map((event: { to: string }) => event.to)).toEqual(['27999600001', '27999600002', '27999600003']);
    expect(msg.payload[2].clientReference).toBe('appt3');
    expect(msg.bulk).toMatchObject({ items: 3, recipients: 3, accepted: 3, batches: 2 });
    expect(requestCount(sandbox, 'clickatell-http sendmsg')).toBe(2);
  });

  it('outputs the accepted recipients of a partly refused bulk send, then reports the failure to Catch', async () => {
    const { act, statuses } = await load({ operation: 'send' });
    const output = collect(helper.getNode('out'), 1);
    const caught = collect(helper.getNode('caught'), 1);
    act.receive({ payload: 'hello all', to: ['27999700001', '9991210000', '27999700002'] });
    const [[sent], [error]] = await Promise.all([output, caught]);
    expect(sent.payload.map((event: { to: string }) => event.to)).toEqual(['27999700001', '27999700002']);
    expect(sent.failed).toEqual([expect.objectContaining({ to: '9991210000', error: expect.objectContaining({ code: '121' }) })]);
    expect(error.error.code).toBe('121');
    expect(error.error.message).toMatch(/1 of 3 recipients failed/);
    expect(error.error.source.id).toBe('act');
    await eventually(() => statuses[statuses.length - 1], (s) => s?.fill === 'red');
    expect(statuses[statuses.length - 1]).toMatchObject({ fill: 'red', shape: 'ring', text: '121' });
  });

  // Issue 11 item 4: a malformed number among valid ones must not fail the accepted ones (or lose their IDs).
  it('sends the valid numbers of a bulk send with a malformed one, and reports only that one, as invalid input', async () => {
    const { act } = await load({ operation: 'send' });
    const output = collect(helper.getNode('out'), 1);
    const caught = collect(helper.getNode('caught'), 1);
    act.receive({ payload: 'two of three', to: ['27999700011', 'abc', '27999700012'] });
    const [[sent], [error]] = await Promise.all([output, caught]);
    expect(sent.payload.map((event: { to: string; messageId: string }) => event.to)).toEqual(['27999700011', '27999700012']);
    expect(sent.payload.every((event: { messageId: string }) => /^[0-9a-f]{32}$/.test(event.messageId))).toBe(true);
    expect(sent.failed).toEqual([expect.objectContaining({ to: 'abc', error: expect.objectContaining({ code: 'INVALID_INPUT', field: 'to' }) })]);
    expect(error.error.code).toBe('INVALID_INPUT');
    expect(storedMessages(sandbox, 'clickatell-http').map((message) => message.to).sort()).toEqual(['27999700011', '27999700012']);
  });

  it('reads the status and the charge of a sent message, taking the id from msg.payload.messageId', async () => {
    const { act } = await load({ operation: 'send' });
    const sent = (await run(act, { payload: 'track me', to: '27999123456' })).msg.payload;
    await helper.unload();
    await load({ operation: 'status' });
    await eventually(() => sandbox.state.messages.get(sent.messageId), () => true);
    const status = await run(helper.getNode('act'), { payload: sent });
    expect(status.from).toBe('out');
    expect(status.msg.payload).toMatchObject({ type: 'message.status', messageId: sent.messageId, provider: 'clickatell-http' });
    expect(['queued', 'sent', 'delivered']).toContain(status.msg.payload.state);
    await helper.unload();
    await load({ operation: 'charge', messageId: 'id', messageIdType: 'msg' });
    const charge = await run(helper.getNode('act'), { id: sent.messageId });
    expect(charge.from).toBe('out');
    expect(charge.msg.payload).toMatchObject({ messageId: sent.messageId, charge: 0.8 });
  });

  it('stops a delayed message (delmsg): the event says cancelled and the sandbox agrees', async () => {
    const { act } = await load({ operation: 'send', options: '{"deliveryDelayMinutes": 60}', optionsType: 'json' });
    const sent = (await run(act, { payload: 'later', to: '27999123456' })).msg.payload;
    await helper.unload();
    await load({ operation: 'stop' });
    const { from, msg } = await run(helper.getNode('act'), { payload: { messageId: sent.messageId } });
    expect(from).toBe('out');
    expect(msg.payload).toMatchObject({ messageId: sent.messageId, state: 'cancelled', providerCode: '006' });
  });

  it('reads the balance, redeems a voucher (token pay) and sees the balance grow', async () => {
    let { act } = await load({ operation: 'balance' });
    const before = (await run(act, {})).msg.payload.balance;
    await helper.unload();
    ({ act } = await load({ operation: 'tokenPay', token: 'SANDBOX-605', tokenType: 'str' }));
    const paid = await run(act, {});
    expect(paid.from).toBe('out');
    expect(paid.msg.payload).toMatchObject({ ok: true, value: '605' });
    await helper.unload();
    ({ act } = await load({ operation: 'balance' }));
    expect((await run(act, {})).msg.payload.balance).toBeCloseTo(before + 605);
  });

  it('checks route coverage for a routable and an unroutable number', async () => {
    const { act } = await load({ operation: 'coverage' });
    const ok = await run(act, { to: '27999123456' });
    expect(ok.msg.payload).toMatchObject({ destination: '27999123456', routable: true });
    const blocked = await run(act, { to: '9991140000' });
    expect(blocked.from).toBe('out');
    expect(blocked.msg.payload).toMatchObject({ routable: false });
  });

  it('sends an invalid number to the Catch node as INVALID_INPUT naming the field, with a red ring', async () => {
    const { act, statuses } = await load({ operation: 'send' });
    const { from, msg } = await run(act, { payload: 'x', to: '0712345' });
    expect(from).toBe('caught');
    expect(msg.error.code).toBe('INVALID_INPUT');
    expect(msg.smsError).toMatchObject({ field: 'to', provider: 'local' });
    expect(statuses[statuses.length - 1]).toMatchObject({ fill: 'red', shape: 'ring', text: 'INVALID_INPUT' });
    expect(storedMessages(sandbox, 'clickatell-http')).toHaveLength(0);
  });

  it('reports a wrong password as Clickatell error 001 to Catch, without the password anywhere in the msg', async () => {
    const password = 'wrong-password-123';
    const { act } = await load({ operation: 'send' }, { password });
    const { from, msg } = await run(act, { payload: 'x', to: '27999123456' });
    expect(from).toBe('caught');
    expect(msg.error.code).toBe('001');
    expect(JSON.stringify(msg)).not.toContain(password);
  });
});

describe('clickatell node, REST API', () => {
  it('sends, reads status and charge, stops, reads the balance and checks coverage', async () => {
    // More options from a msg property: a delayed message, so that it can still be stopped.
    let { act } = await load({ api: 'rest', operation: 'send', callback: '7', maxParts: '3', options: 'opts', optionsType: 'msg' });
    const sent = await run(act, { payload: 'REST hello', to: '27999123456', opts: { deliveryDelayMinutes: 30 } });
    expect(sent.from).toBe('out');
    const event = sent.msg.payload;
    expect(event).toMatchObject({ type: 'message.sent', provider: 'clickatell-rest', to: '27999123456' });
    expect(storedMessages(sandbox, 'clickatell-rest')[0]).toMatchObject({ id: event.messageId, text: 'REST hello', callback: 7 });

    for (const operation of ['status', 'charge']) {
      await helper.unload();
      ({ act } = await load({ api: 'rest', operation }));
      const result = await run(act, { payload: event });
      expect(result.from).toBe('out');
      expect(result.msg.payload).toMatchObject({ type: 'message.status', messageId: event.messageId, provider: 'clickatell-rest' });
    }
    await helper.unload();
    ({ act } = await load({ api: 'rest', operation: 'stop' }));
    const stopped = await run(act, { payload: event });
    expect(stopped.msg.payload).toMatchObject({ messageId: event.messageId, state: 'cancelled' });

    await helper.unload();
    ({ act } = await load({ api: 'rest', operation: 'balance' }));
    expect((await run(act, {})).msg.payload).toMatchObject({ provider: 'clickatell-rest', balance: expect.any(Number) });
    await helper.unload();
    ({ act } = await load({ api: 'rest', operation: 'coverage', to: '27999123456', toType: 'str' }));
    expect((await run(act, {})).msg.payload).toMatchObject({ provider: 'clickatell-rest', routable: true });
  });

  it('refuses token pay on the REST API as a configuration error reported per msg', async () => {
    const { act, statuses } = await load({ api: 'rest', operation: 'tokenPay' });
    const { from, msg } = await run(act, { payload: 'SANDBOX-605' });
    expect(from).toBe('caught');
    expect(msg.error.code).toBe('INVALID_INPUT');
    expect(msg.smsError.field).toBe('operation');
    expect(statuses.some((s) => s.fill === 'red')).toBe(true);
  });

  it('reports a missing config node as an error naming the field', async () => {
    const { act } = await load({ api: 'rest', restConfig: '' });
    const { from, msg } = await run(act, { payload: 'x', to: '27999123456' });
    expect(from).toBe('caught');
    expect(msg.smsError.field).toBe('restConfig');
  });
});

describe('test connection (admin endpoint)', () => {
  async function loadConfigs(enforcePermissions: boolean) {
    await helper.load(nodeModules({ enforcePermissions }), flow({ operation: 'balance' }), credentials());
  }

  it('tests the saved credentials of a deployed config node and never returns a secret', async () => {
    await loadConfigs(false);
    const res = await helper.request().post('/clickatell-http-config/httpcfg/test').send({ apiId: HTTP.apiId, user: HTTP.user, password: '__PWRD__', baseUrl: sandbox.url });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, message: 'Connected: 1000 credits' });
    expect(JSON.stringify(res.body)).not.toContain(HTTP.password);
    const rest = await helper.request().post('/clickatell-rest-config/restcfg/test').send({ token: '', baseUrl: sandbox.url });
    expect(rest.body.ok).toBe(true);
    expect(JSON.stringify(rest.body)).not.toContain(REST.token);
  });

  it('uses typed values over saved ones, and reports a failure with the provider code', async () => {
    await loadConfigs(false);
    const res = await helper.request().post('/clickatell-http-config/httpcfg/test').send({ apiId: HTTP.apiId, user: HTTP.user, password: 'typed-wrong', baseUrl: sandbox.url });
    expect(res.body).toMatchObject({ ok: false, code: '001' });
    expect(JSON.stringify(res.body)).not.toContain('typed-wrong');
    const unsaved = await helper.request().post('/clickatell-rest-config/new-node-id/test').send({ baseUrl: sandbox.url });
    expect(unsaved.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('sends saved credentials only to the saved base URL; another URL needs them typed again', async () => {
    await loadConfigs(false);
    // A listener standing in for a host chosen by whoever can reach the admin API.
    const seen: string[] = [];
    const listener = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push(`${req.url} ${JSON.stringify(req.headers)} ${body}`);
        res.writeHead(200).end('ERR: 001, Authentication failed');
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const elsewhere = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    try {
      const http1 = await helper.request().post('/clickatell-http-config/httpcfg/test').send({ apiId: HTTP.apiId, user: HTTP.user, password: '__PWRD__', baseUrl: elsewhere });
      const rest = await helper.request().post('/clickatell-rest-config/restcfg/test').send({ token: '__PWRD__', baseUrl: elsewhere });
      const blank = await helper.request().post('/clickatell-rest-config/restcfg/test').send({ token: '' });
      expect(http1.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(http1.body.message).toContain('type them again');
      expect(rest.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      // No baseUrl is the provider's own URL, which is not the saved one either.
      expect(blank.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(seen.join('\n')).not.toContain(HTTP.password);
      expect(seen.join('\n')).not.toContain(REST.token);
      // The same URL spelled with a trailing slash is the saved one.
      const same = await helper.request().post('/clickatell-rest-config/restcfg/test').send({ token: '__PWRD__', baseUrl: `${sandbox.url}/` });
      expect(same.body.ok).toBe(true);
      // Typed credentials may go anywhere: they are the user's own.
      const typed = await helper.request().post('/clickatell-rest-config/restcfg/test').send({ token: 'typed-token', baseUrl: elsewhere });
      expect(typed.body.ok).toBe(false);
      expect(seen.join('\n')).toContain('typed-token');
    } finally {
      listener.closeAllConnections();
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('requires the write permission of the config node type', async () => {
    await loadConfigs(true);
    const denied = await helper.request().post('/clickatell-http-config/httpcfg/test').send({ baseUrl: sandbox.url });
    expect(denied.status).toBe(401);
    expect(denied.body.needs).toBe('clickatell-http-config.write');
    const allowed = await helper.request().post('/clickatell-http-config/httpcfg/test').set('x-test-permissions', 'clickatell-http-config.write').send({ baseUrl: sandbox.url });
    expect(allowed.body.ok).toBe(true);
  });
});
