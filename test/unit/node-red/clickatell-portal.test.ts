/**
 * The `clickatell` action node on Clickatell's Portal APIs (One API, Platform SMS API) with the
 * `clickatell-portal-config` node, in Node-RED (test helper) against a running sandbox: the confirmed
 * operations (PORTAL_OPERATIONS), batching to the Portal's 200 recipients per request, errors named by
 * field with the provider's code on the msg, the Test connection route, and a node saved before the
 * Portal APIs existed (no `api`) still on the HTTP API.
 */
import { PORTAL_OPERATIONS } from '../../../gateways/clickatell-portal';
import { DEMO_CREDENTIALS } from '../../../sandbox';
import { collect, helper, loadAction, requestCount, run, sandboxAndRuntimePerTest, storedMessages } from './support';

const PORTAL = DEMO_CREDENTIALS.clickatellPortal;
const HTTP = DEMO_CREDENTIALS.clickatellHttp;
const sandbox = sandboxAndRuntimePerTest({ sentAfterMs: 20, deliveredAfterMs: 40 });

async function load(action: Record<string, unknown>, apiKey: string = PORTAL.apiKey, portalConfig: Record<string, unknown> = {}) {
  const configs = [
    { id: 'portalcfg', type: 'clickatell-portal-config', name: 'sandbox portal', baseUrl: sandbox.url, ...portalConfig },
    { id: 'httpcfg', type: 'clickatell-http-config', name: 'sandbox http', baseUrl: sandbox.url, authMode: 'session', keepAliveMinutes: 0 },
  ];
  const credentials = { portalcfg: { apiKey }, httpcfg: { apiId: HTTP.apiId, user: HTTP.user, password: HTTP.password } };
  return loadAction('portal', configs, { type: 'clickatell', api: 'one', portalConfig: 'portalcfg', httpConfig: 'httpcfg', operation: 'send', ...action }, credentials);
}

describe('clickatell node on the One API', () => {
  it('sends one SMS with sender and reference, as a clickatell-one event', async () => {
    const act = await load({ from: '27999000003', fromType: 'str', clientReference: 'order-42', clientReferenceType: 'str' });
    const { from, msg } = await run(act, { payload: 'Hello from the One API', to: '+27 99 900 0101' });
    expect(from).toBe('out');
    expect(msg.payload).toMatchObject({ type: 'message.sent', provider: 'clickatell-one', to: '27999000101', clientReference: 'order-42' });
    expect(storedMessages(sandbox, 'clickatell-one')).toEqual([expect.objectContaining({ id: msg.payload.messageId, text: 'Hello from the One API', clientReference: 'order-42' })]);
  });

  it('reads the status of a sent message (GET /v1/message/{id})', async () => {
    expect(PORTAL_OPERATIONS['clickatell-one']).toContain('status');
    const sender = await load({});
    const { msg: sent } = await run(sender, { payload: 'track me', to: '27999000102' });
    await helper.unload();
    const act = await load({ operation: 'status' });
    const { from, msg } = await run(act, { payload: { messageId: sent.payload.messageId } });
    expect(from).toBe('out');
    expect(msg.payload).toMatchObject({ type: 'message.status', provider: 'clickatell-one', messageId: sent.payload.messageId });
  });

  it('refuses an operation the One API does not have, naming the field, without a request', async () => {
    expect(PORTAL_OPERATIONS['clickatell-one']).not.toContain('balance');
    const act = await load({ operation: 'balance' });
    const { from, msg } = await run(act, { payload: 'x' });
    expect(from).toBe('caught');
    expect(msg.error.message).toMatch(/operation/);
    expect(msg.smsError).toMatchObject({ code: 'INVALID_INPUT', field: 'operation' });
  });

  it('refuses an option the One API has no field for, naming it', async () => {
    const act = await load({ options: '{"validityMinutes": 60}', optionsType: 'json' });
    const { from, msg } = await run(act, { payload: 'x', to: '27999000103' });
    expect(from).toBe('caught');
    expect(msg.smsError).toMatchObject({ code: 'INVALID_INPUT', field: 'options.validityMinutes' });
    expect(storedMessages(sandbox, 'clickatell-one')).toHaveLength(0);
  });

  it("puts the provider's code on the msg when the key is wrong, and never the key", async () => {
    const act = await load({}, 'wrong-portal-key-123');
    const { from, msg } = await run(act, { payload: 'x', to: '27999000104' });
    expect(from).toBe('caught');
    expect(msg.smsError).toMatchObject({ provider: 'clickatell-one', code: '1' });
    expect(JSON.stringify(msg)).not.toContain('wrong-portal-key-123');
  });
});

describe('clickatell node on the Platform SMS API', () => {
  it('sends 450 recipients in 3 requests (200 per request) and reads the balance', async () => {
    const act = await load({ api: 'platform', to: 'numbers', toType: 'msg', text: 'Platform bulk', textType: 'str' });
    const numbers = Array.from({ length: 450 }, (_, i) => `27999${String(i).padStart(6, '0')}`);
    const { from, msg } = await run(act, { numbers });
    expect(from).toBe('out');
    expect(msg.payload).toHaveLength(450);
    expect(msg.payload[0]).toMatchObject({ provider: 'clickatell-platform', to: '27999000000' });
    expect(msg.bulk).toMatchObject({ recipients: 450, accepted: 450, requests: 3 });
    expect(requestCount(sandbox, 'clickatell-platform POST /messages')).toBe(3);
    await helper.unload();
    const balance = await load({ api: 'platform', operation: 'balance' });
    const { msg: read } = await run(balance, {});
    expect(read.payload).toMatchObject({ provider: 'clickatell-platform', balance: expect.any(Number), currency: 'ZAR' });
  });

  it('sends through an HTTP integration one number per request (GET /messages/http/send), refusing what it has no field for', async () => {
    const act = await load({ api: 'platform', to: 'numbers', toType: 'msg', text: 'Via HTTP', textType: 'str' }, PORTAL.apiKey, { integrationType: 'http' });
    const { from, msg } = await run(act, { numbers: ['27999000201', '27999000202', '27999000203'] });
    expect(from).toBe('out');
    expect(msg.payload.map((event: { provider: string; to: string }) => [event.provider, event.to])).toEqual([
      ['clickatell-platform', '27999000201'],
      ['clickatell-platform', '27999000202'],
      ['clickatell-platform', '27999000203'],
    ]);
    expect(msg.bulk).toMatchObject({ recipients: 3, accepted: 3, requests: 3 });
    expect(requestCount(sandbox, 'clickatell-platform GET /messages/http/send')).toBe(3);
    expect(requestCount(sandbox, 'clickatell-platform POST /messages')).toBe(0);
    await helper.unload();
    const withReference = await load({ api: 'platform', clientReference: 'ref-1', clientReferenceType: 'str' }, PORTAL.apiKey, { integrationType: 'http' });
    const refused = await run(withReference, { payload: 'x', to: '27999000204' });
    expect(refused.from).toBe('caught');
    expect(refused.msg.smsError).toMatchObject({ code: 'INVALID_INPUT', field: 'options.clientReference' });
  });

  it('offers no status query (unconfirmed for the Platform SMS API): the node refuses it by name', async () => {
    expect(PORTAL_OPERATIONS['clickatell-platform']).not.toContain('status');
    const act = await load({ api: 'platform', operation: 'status' });
    const { from, msg } = await run(act, { payload: { messageId: 'abc' } });
    expect(from).toBe('caught');
    expect(msg.smsError).toMatchObject({ field: 'operation' });
  });
});

describe('saved nodes and the config node', () => {
  it('runs a node saved without `api` (before the API choice) on the HTTP API, as before', async () => {
    const act = await load({ api: undefined, portalConfig: undefined });
    const { from, msg } = await run(act, { payload: 'old flow', to: '27999000105' });
    expect(from).toBe('out');
    expect(msg.payload).toMatchObject({ provider: 'clickatell-http' });
    expect(storedMessages(sandbox, 'clickatell-one')).toHaveLength(0);
  });

  it('names the missing Portal account', async () => {
    const act = await load({ portalConfig: '' });
    const { from, msg } = await run(act, { payload: 'x', to: '27999000106' });
    expect(from).toBe('caught');
    expect(msg.smsError).toMatchObject({ field: 'portalConfig' });
  });

  it('tests a key with the balance call, with the saved key only towards the saved base URL', async () => {
    await load({});
    const ok = await helper.request().post('/clickatell-portal-config/portalcfg/test').send({ apiKey: '__PWRD__', baseUrl: sandbox.url });
    expect(ok.body).toEqual({ ok: true, message: expect.stringMatching(/^Connected: balance \d+(\.\d+)? ZAR$/) });
    const wrong = await helper.request().post('/clickatell-portal-config/portalcfg/test').send({ apiKey: 'not-the-key', baseUrl: sandbox.url });
    expect(wrong.body).toMatchObject({ ok: false, code: expect.any(String) });
    expect(JSON.stringify(wrong.body)).not.toContain('not-the-key');
    const elsewhere = await helper.request().post('/clickatell-portal-config/portalcfg/test').send({ apiKey: '__PWRD__', baseUrl: 'http://127.0.0.1:9' });
    expect(elsewhere.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(elsewhere.body.message).toContain('type them again');
  });
});

describe('clickatell node on the Portal APIs: separate msgs gathered into shared requests', () => {
  it('sends 450 one-recipient msgs through the One API in ceil(450 / 200) = 3 requests, each msg getting its own output', async () => {
    const act = await load({});
    const out = helper.getNode('out');
    const N = 450;
    const outputs = collect(out, N, 60_000);
    for (let i = 0; i < N; i++) act.receive({ _msgid: `one-${i}`, payload: 'Gathered', to: `27999${String(i).padStart(6, '0')}`, seq: i });
    const received = await outputs;
    expect(requestCount(sandbox, 'clickatell-one POST /v1/message')).toBe(3);
    for (const msg of received) {
      expect(msg._msgid).toBe(`one-${msg.seq}`);
      expect(msg.payload).toMatchObject({ provider: 'clickatell-one', to: `27999${String(msg.seq).padStart(6, '0')}` });
    }
  });
});
