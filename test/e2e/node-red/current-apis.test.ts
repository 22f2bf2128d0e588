/**
 * The providers' current APIs end to end in a real Node-RED 5 on Node 24 (scripts/e2e/ensure-node-red.sh),
 * with the package installed from its packed tarball and the sandbox gateway: every operation the nodes
 * offer on the Clickatell One API, the Platform SMS API and ClickSend REST v3; nodes saved before the API
 * choice existed (no `api` property) still on the older APIs; bad input reported to Catch naming the field,
 * with the provider's code on the msg; the Portal's status and reply callbacks (One API envelopes with
 * several events, Platform GET and JSON callbacks) and ClickSend v3 automation-rule pushes (json, post,
 * get) through the in nodes.
 *
 * Each action node sits behind a core `http in` node (POST /e2e/<node id>), so a test asks for one
 * operation and gets its msg back from a core `http response` node, from the action's output or from a
 * Catch node. The in nodes' msgs are tapped from their debug nodes. No timing is asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packPackage, startNodeRed, type RunningNodeRed } from '../../../scripts/e2e/node-red-harness';
import { startCollector, tapDebugNodes, type Collector, type TappedMessage } from '../../../scripts/e2e/node-red-tap';
import { DEMO_CREDENTIALS, startSandbox, type Sandbox } from '../../../sandbox';

const PORTAL = DEMO_CREDENTIALS.clickatellPortal;
const CS = DEMO_CREDENTIALS.clicksend;
const HTTP = DEMO_CREDENTIALS.clickatellHttp;
const SECRET = 'e2e-current-apis-secret-3b9';
const WRONG_KEY = 'e2e-wrong-portal-key-61d';

let sandbox: Sandbox;
let collector: Collector;
let nodeRed: RunningNodeRed;
let work: string;

const at = { x: 0, y: 0 };

/** The action nodes under test, each behind POST /e2e/<id>. */
const ACTIONS: Array<Record<string, unknown>> = [
  { id: 'one-send', type: 'clickatell', api: 'one', portalConfig: 'portalcfg', operation: 'send', clientReference: 'e2e-one', clientReferenceType: 'str' },
  { id: 'one-status', type: 'clickatell', api: 'one', portalConfig: 'portalcfg', operation: 'status' },
  { id: 'one-badkey', type: 'clickatell', api: 'one', portalConfig: 'portalbad', operation: 'send' },
  { id: 'platform-send', type: 'clickatell', api: 'platform', portalConfig: 'portalcfg', operation: 'send' },
  { id: 'platform-balance', type: 'clickatell', api: 'platform', portalConfig: 'portalcfg', operation: 'balance' },
  { id: 'v3-send', type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'send', options: 'options', optionsType: 'msg' },
  { id: 'v3-price', type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'priceEstimate' },
  { id: 'v3-history', type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'history', page: 'page', pageType: 'msg' },
  { id: 'v3-replies', type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'replies' },
  { id: 'v3-reports', type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'deliveryReports' },
  { id: 'v3-cancel', type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'cancel' },
  { id: 'v3-cancelall', type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'cancelAll' },
  { id: 'v3-balance', type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'balance' },
  // Saved by an earlier version: no `api` at all (and none of the new properties).
  { id: 'old-clickatell', type: 'clickatell', httpConfig: 'httpcfg', operation: 'send' },
  { id: 'old-clicksend', type: 'clicksend', clicksendConfig: 'cscfg', operation: 'send' },
];

/** The in nodes under test: each one's msgs go to a debug node of the same name. */
const IN_NODES: Array<Record<string, unknown>> = [
  { id: 'in-portal', type: 'clickatell in', api: 'portal', url: '/cb/portal' },
  { id: 'in-v3', type: 'clicksend in', api: 'v3', url: '/cb/v3' },
  { id: 'in-old-clickatell', type: 'clickatell in', url: '/cb/old-clickatell' },
  { id: 'in-old-clicksend', type: 'clicksend in', url: '/cb/old-clicksend' },
];

function flows(sandboxUrl: string): object[] {
  const nodes: object[] = [
    { id: 'tab', type: 'tab', label: 'current APIs' },
    { id: 'portalcfg', type: 'clickatell-portal-config', name: 'portal', baseUrl: sandboxUrl },
    { id: 'portalbad', type: 'clickatell-portal-config', name: 'portal, wrong key', baseUrl: sandboxUrl },
    { id: 'cscfg', type: 'clicksend-config', name: 'clicksend', baseUrl: sandboxUrl },
    { id: 'httpcfg', type: 'clickatell-http-config', name: 'http', baseUrl: sandboxUrl, authMode: 'perRequest', keepAliveMinutes: 0 },
    {
      id: 'answer',
      z: 'tab',
      type: 'function',
      func: 'msg.payload = { out: msg.payload, page: msg.page, lastPage: msg.lastPage, bulk: msg.bulk, failed: msg.failed };\nreturn msg;',
      outputs: 1,
      ...at,
      wires: [['respond']],
    },
    { id: 'catcher', z: 'tab', type: 'catch', scope: ACTIONS.map((action) => action.id), uncaught: false, ...at, wires: [['caught']] },
    { id: 'caught', z: 'tab', type: 'function', func: 'msg.payload = { caught: msg.error, smsError: msg.smsError };\nreturn msg;', outputs: 1, ...at, wires: [['respond']] },
    { id: 'respond', z: 'tab', type: 'http response', statusCode: '200', headers: {}, ...at, wires: [] },
  ];
  for (const action of ACTIONS) {
    nodes.push(
      { id: `http-${action.id}`, z: 'tab', type: 'http in', url: `/e2e/${action.id}`, method: 'post', upload: false, ...at, wires: [[`prep-${action.id}`]] },
      {
        id: `prep-${action.id}`,
        z: 'tab',
        type: 'function',
        // The request body's fields become the msg's: payload, to, options, page.
        func: 'const body = msg.payload || {};\nmsg.payload = body.payload;\nmsg.to = body.to;\nmsg.options = body.options;\nmsg.page = body.page;\nreturn msg;',
        outputs: 1,
        ...at,
        wires: [[action.id]],
      },
      { z: 'tab', ...at, wires: [['answer']], ...action },
    );
  }
  // Many separate msgs at once into a send node (the split -> send pattern): POST /e2e/gather-<api> answers
  // at once, then the fan function emits n one-recipient msgs, each one's position in msg.topic.
  for (const [api, action] of [
    ['one', { type: 'clickatell', api: 'one', portalConfig: 'portalcfg', operation: 'send' }],
    ['v3', { type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'send' }],
  ] as const) {
    nodes.push(
      { id: `http-gather-${api}`, z: 'tab', type: 'http in', url: `/e2e/gather-${api}`, method: 'post', upload: false, ...at, wires: [[`fan-${api}`]] },
      {
        id: `fan-${api}`,
        z: 'tab',
        type: 'function',
        func:
          'const { n, prefix } = msg.payload;\nnode.send([msg, null]);\n' +
          "for (let i = 0; i < n; i++) node.send([null, { payload: 'Gathered', to: prefix + String(i).padStart(4, '0'), topic: String(i) }]);\nreturn null;",
        outputs: 2,
        ...at,
        wires: [['respond'], [`gather-${api}`]],
      },
      { id: `gather-${api}`, z: 'tab', ...at, wires: [[`debug-gathered-${api}`]], ...action },
      { id: `debug-gathered-${api}`, z: 'tab', type: 'debug', name: `gathered-${api}`, active: true, complete: 'true', ...at, wires: [] },
    );
  }
  for (const node of IN_NODES) {
    nodes.push({ z: 'tab', events: 'all', auth: 'token', tokenParam: 'token', ...at, wires: [[`debug-${node.id}`]], ...node });
    nodes.push({ id: `debug-${node.id}`, z: 'tab', type: 'debug', name: String(node.id), active: true, complete: 'true', ...at, wires: [] });
  }
  return nodes;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewaykit-e2e-current-'));
  sandbox = await startSandbox({ quiet: true, lifecycle: { sentAfterMs: 50, deliveredAfterMs: 100 } });
  collector = await startCollector();
  const secret = { secret: SECRET };
  nodeRed = await startNodeRed({
    flows: tapDebugNodes(flows(sandbox.url), collector.url),
    credentials: {
      portalcfg: { apiKey: PORTAL.apiKey },
      portalbad: { apiKey: WRONG_KEY },
      cscfg: { username: CS.username, apiKey: CS.key },
      httpcfg: { apiId: HTTP.apiId, user: HTTP.user, password: HTTP.password },
      ...Object.fromEntries(IN_NODES.map((node) => [node.id, secret])),
    },
    tarball: packPackage(path.join(work, 'pack')),
    userDir: path.join(work, 'user'),
  });
  // The Portal integration's status and reply URLs (set on the integration in the Portal).
  sandbox.state.upsertAccount(PORTAL.accountId, {
    statusCallbackUrl: `${nodeRed.url}/cb/portal`,
    inboundUrl: `${nodeRed.url}/cb/portal`,
    callbackAuth: 'token',
    callbackSecret: SECRET,
  });
}, 180_000);
afterAll(async () => {
  await nodeRed?.stop();
  await collector?.close();
  await sandbox?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** One operation: POST /e2e/<id> with the msg's fields; resolves with what came out (output or Catch). */
async function call(id: string, body: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${nodeRed.url}/e2e/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}

const from = (debug: string) => (messages: TappedMessage[]) => messages.filter((message) => message.debug === debug);
async function events(debug: string, predicate: (message: TappedMessage) => boolean, count = 1, what = debug): Promise<TappedMessage[]> {
  const all = await collector.waitFor((messages) => from(debug)(messages).filter(predicate).length >= count, 15_000, what);
  return from(debug)(all).filter(predicate);
}

async function callback(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${nodeRed.url}${pathAndQuery}`, init);
}
const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const token = `token=${encodeURIComponent(SECRET)}`;
const routeCount = (route: string) => sandbox.state.routeStats().requests[route] ?? 0;

describe('Clickatell One API in a real Node-RED 5', () => {
  it('sends, reads the status, and gets the status callbacks through the Portal in node', async () => {
    const sent = await call('one-send', { payload: 'One API e2e', to: '+27 99 900 1001' });
    expect(sent.out).toMatchObject({ type: 'message.sent', provider: 'clickatell-one', to: '27999001001', clientReference: 'e2e-one' });
    const messageId = sent.out.messageId;
    expect(sandbox.state.messages.get(messageId)).toMatchObject({ provider: 'clickatell-one', text: 'One API e2e' });
    const status = await call('one-status', { payload: { messageId } });
    expect(status.out).toMatchObject({ type: 'message.status', provider: 'clickatell-one', messageId });
    const updates = await events('in-portal', (m) => m.payload.messageId === messageId && m.payload.final === true, 1, 'the final One API callback');
    expect(updates[0].payload).toMatchObject({ type: 'message.status', provider: 'clickatell-one', state: 'delivered', clientReference: 'e2e-one' });
  });

  it('answers a reply pushed by the integration as one inbound event', async () => {
    const sent = await call('one-send', { payload: 'Reply to this', to: '27999001002' });
    const res = await fetch(`${sandbox.url}/sandbox/inbound`, json({ provider: 'clickatell-one', replyTo: sent.out.messageId, text: 'One API reply' }));
    expect(res.status).toBeLessThan(300);
    const [inbound] = await events('in-portal', (m) => m.payload.type === 'message.inbound' && m.payload.text === 'One API reply');
    expect(inbound.payload).toMatchObject({ provider: 'clickatell-one', from: '27999001002', inReplyTo: sent.out.messageId });
  });

  it('sends one msg per event of a One API callback that carries several', async () => {
    const update = (id: string, status: string, statusCode: number) => ({ channel: 'sms', messageId: id, clientMessageId: 'batch', timestamp: 1765000000000, status, statusCode });
    const res = await callback(
      `/cb/portal?${token}`,
      json({
        integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
        integrationName: 'e2e',
        event: { messageStatusUpdate: [update('batch0000000000000000000000000001', 'DEVICE_ACK', 5), update('batch0000000000000000000000000002', 'DELIVERY_FAILURE', 23)] },
      }),
    );
    expect(res.status).toBe(200);
    const got = await events('in-portal', (m) => String(m.payload.messageId).startsWith('batch0000'), 2, 'both events of the batch');
    expect(got.map((m) => [m.payload.messageId, m.payload.state, m.topic])).toEqual([
      ['batch0000000000000000000000000001', 'delivered', 'message.status'],
      ['batch0000000000000000000000000002', 'failed', 'message.status'],
    ]);
  });

  it('refuses a callback without the secret (401) and a malformed one (400), emitting nothing', async () => {
    const envelope = (messageId: string) => ({
      integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
      event: { messageStatusUpdate: [{ channel: 'sms', messageId, timestamp: 1765000000000, status: 'DEVICE_ACK', statusCode: 5 }] },
    });
    expect((await callback('/cb/portal', json(envelope('refused00000000000000000000000001')))).status).toBe(401);
    expect((await callback(`/cb/portal?token=not-the-secret`, json(envelope('refused00000000000000000000000001')))).status).toBe(401);
    expect((await callback(`/cb/portal?${token}`, json({ integrationId: 'x', event: 'not an object' }))).status).toBe(400);
    // A verified callback after them: once it is out, anything the refused ones had produced would be too.
    expect((await callback(`/cb/portal?${token}`, json(envelope('after000000000000000000000000001')))).status).toBe(200);
    await events('in-portal', (m) => m.payload.messageId === 'after000000000000000000000000001');
    expect(from('in-portal')(collector.messages).filter((m) => m.payload.messageId === 'refused00000000000000000000000001')).toEqual([]);
  });
});

describe('Clickatell Platform SMS API in a real Node-RED 5', () => {
  it('sends 250 recipients in two requests (200 per request) and reads the balance', async () => {
    const before = routeCount('clickatell-platform POST /messages');
    const to = Array.from({ length: 250 }, (_, i) => `27999${String(2000 + i).padStart(6, '0')}`);
    const sent = await call('platform-send', { payload: 'Platform e2e', to });
    expect(sent.out).toHaveLength(250);
    expect(sent.bulk).toMatchObject({ recipients: 250, accepted: 250, requests: 2 });
    expect(routeCount('clickatell-platform POST /messages') - before).toBe(2);
    const balance = await call('platform-balance');
    expect(balance.out).toMatchObject({ provider: 'clickatell-platform', balance: expect.any(Number), currency: 'ZAR' });
    // Its status callbacks reach the same Portal in node, read in the Platform's own shape.
    await events('in-portal', (m) => m.payload.provider === 'clickatell-platform' && m.payload.messageId === sent.out[0].messageId, 1, 'a Platform status callback');
  });

  it('reads Platform status callbacks as a GET query and replies as a JSON POST', async () => {
    const query = new URLSearchParams({ messageId: 'plat00000000000000000000000000001', clientMessageId: 'q1', to: '27999003001', status: 'RECEIVED_BY_RECIPIENT', statusCode: '4', integrationName: 'e2e' });
    expect((await callback(`/cb/portal?${token}&${query}`)).status).toBe(200);
    const [status] = await events('in-portal', (m) => m.payload.messageId === 'plat00000000000000000000000000001');
    expect(status.payload).toMatchObject({ type: 'message.status', provider: 'clickatell-platform', clientReference: 'q1', state: 'delivered' });
    const reply = { integrationName: 'e2e', messageId: 'orig0000000000000000000000000001', replyMessageId: 'mo00000000000000000000000000001', fromNumber: '27999003002', toNumber: '27999000003', timestamp: '2026-12-07T10:00:00Z', text: 'Platform reply', charset: 'UTF-8' };
    expect((await callback(`/cb/portal?${token}`, json(reply))).status).toBe(200);
    const [inbound] = await events('in-portal', (m) => m.payload.type === 'message.inbound' && m.payload.text === 'Platform reply');
    expect(inbound.payload).toMatchObject({ provider: 'clickatell-platform', from: '27999003002' });
  });
});

describe('ClickSend REST v3 in a real Node-RED 5', () => {
  beforeAll(async () => {
    // What a user sets up in ClickSend's dashboard (Automations, action URL): inbound rules in each format and
    // a delivery-receipt rule, all pointing at the v3 in node with the secret in the URL.
    const authorization = `Basic ${Buffer.from(`${CS.username}:${CS.key}`).toString('base64')}`;
    const url = `${nodeRed.url}/cb/v3?${token}`;
    const rules: Array<[string, Record<string, unknown>]> = [
      ...(['json', 'post', 'get'] as const).map((webhookType): [string, Record<string, unknown>] => [
        'inbound',
        { rule_name: `e2e ${webhookType}`, dedicated_number: '*', message_search_type: 0, message_search_term: '', action: 'URL', action_address: url, enabled: 1, webhook_type: webhookType },
      ]),
      ['receipts', { rule_name: 'e2e receipts', match_type: 0, action: 'URL', action_address: url, enabled: 1 }],
    ];
    for (const [kind, rule] of rules) {
      const res = await fetch(`${sandbox.url}/v3/automations/sms/${kind}`, { ...json(rule), headers: { 'content-type': 'application/json', authorization } });
      expect(res.status).toBe(200);
    }
  });

  it('sends, reads history a page at a time, and gets the receipt pulled (all and one) and pushed by the rule', async () => {
    const sent = await call('v3-send', { payload: 'REST v3 e2e', to: '+61412001001' });
    expect(sent.out).toMatchObject({ type: 'message.sent', provider: 'clicksend-v3', to: '+61412001001' });
    const messageId = sent.out.messageId;
    const history = await call('v3-history', { page: 1 });
    expect(history.out.some((event: { messageId: string }) => event.messageId === messageId)).toBe(true);
    expect(history).toMatchObject({ page: 1, lastPage: expect.any(Number) });
    const [pushed] = await events('in-v3', (m) => m.payload.messageId === messageId && m.payload.state === 'delivered', 1, 'the pushed receipt');
    expect(pushed.payload).toMatchObject({ type: 'message.status', provider: 'clicksend-v3' });
    const all = await call('v3-reports');
    expect(all.out.some((event: { messageId: string; state: string }) => event.messageId === messageId && event.state === 'delivered')).toBe(true);
    const one = await call('v3-reports', { payload: { messageId } });
    expect(one.out).toMatchObject({ type: 'message.status', messageId, state: 'delivered' });
  });

  it('gets a reply pushed in each inbound rule format (json, post, get) and pulls it (all, and the reply to one message)', async () => {
    const sent = await call('v3-send', { payload: 'Answer me', to: '+61412001002' });
    const res = await fetch(`${sandbox.url}/sandbox/inbound`, json({ provider: 'clicksend', replyTo: sent.out.messageId, text: 'v3 reply' }));
    expect(res.status).toBeLessThan(300);
    const pushed = await events('in-v3', (m) => m.payload.type === 'message.inbound' && m.payload.text === 'v3 reply', 3, 'three pushes of the reply');
    for (const push of pushed) expect(push.payload).toMatchObject({ provider: 'clicksend-v3', from: '+61412001002', inReplyTo: sent.out.messageId });
    const all = await call('v3-replies');
    expect(all.out.some((event: { text: string }) => event.text === 'v3 reply')).toBe(true);
    expect(all.page).toBe(1);
    const reply = await call('v3-replies', { payload: { messageId: sent.out.messageId } });
    expect(reply.out).toEqual([expect.objectContaining({ type: 'message.inbound', text: 'v3 reply', inReplyTo: sent.out.messageId })]);
  });

  it('estimates a price, cancels one scheduled message and then all of them, and reads the balance', async () => {
    const price = await call('v3-price', { payload: 'What does it cost?', to: '+61412001003,+61412001004' });
    expect(price.smsError).toBeUndefined();
    expect(price.out).toMatchObject({ provider: 'clicksend-v3', totalPrice: expect.any(Number) });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await call('v3-send', { payload: 'Later', to: ['+61412001005', '+61412001006', '+61412001007'], options: { scheduledAt: later } });
    expect(scheduled.out.map((event: { state: string }) => event.state)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    const cancelled = await call('v3-cancel', { payload: { messageId: scheduled.out[0].messageId } });
    expect(cancelled.out).toMatchObject({ messageId: scheduled.out[0].messageId, state: 'cancelled' });
    const rest = await call('v3-cancelall');
    expect(rest.out).toEqual({ count: 2 });
    const balance = await call('v3-balance');
    expect(balance.out).toMatchObject({ provider: 'clicksend-v3', balance: expect.any(Number) });
  });
});

describe('separate msgs gathered into shared requests, up to the per-request limit of each API', () => {
  async function gather(api: 'one' | 'v3', n: number, prefix: string, route: string): Promise<{ requests: number; out: TappedMessage[] }> {
    const before = routeCount(route);
    const res = await fetch(`${nodeRed.url}/e2e/gather-${api}`, json({ n, prefix }));
    expect(res.status).toBe(200);
    const all = await collector.waitFor((messages) => from(`gathered-${api}`)(messages).length >= n, 60_000, `${n} msgs out of the ${api} send node`);
    return { requests: routeCount(route) - before, out: from(`gathered-${api}`)(all) };
  }
  const positions = (out: TappedMessage[]) => new Set(out.map((m) => Number(m.topic)));

  it.each([
    { label: 'the One API', api: 'one' as const, n: 450, limit: 200, requests: 3, prefix: '2799970', route: 'clickatell-one POST /v1/message', provider: 'clickatell-one', account: PORTAL.accountId },
    { label: 'ClickSend REST v3', api: 'v3' as const, n: 1200, limit: 1000, requests: 2, prefix: '+6141971', route: 'clicksend-v3 POST /v3/sms/send', provider: 'clicksend-v3', account: CS.accountId },
  ])('sends $n one-recipient msgs through $label in ceil($n / $limit) = $requests requests, each msg out once as itself', async ({ api, n, requests, prefix, route, provider, account }) => {
    // Credit for all of them (the demo Portal integration's 500 credits went on the sends above).
    sandbox.state.upsertAccount(account, { balance: 1e6 });
    const gathered = await gather(api, n, prefix, route);
    expect(gathered.requests).toBe(requests);
    expect(gathered.out).toHaveLength(n);
    expect(positions(gathered.out).size).toBe(n);
    for (const m of gathered.out) expect(m.payload).toMatchObject({ provider, to: `${prefix}${String(m.topic).padStart(4, '0')}` });
  }, 90_000);
});

describe('bad input and saved nodes in a real Node-RED 5', () => {
  it('reports bad input to Catch naming the field, and the provider code for a wrong key, never the key', async () => {
    const number = await call('one-send', { payload: 'x', to: 'call me maybe' });
    expect(number.caught).toMatchObject({ code: 'INVALID_INPUT', source: { id: 'one-send', type: 'clickatell' } });
    expect(number.smsError).toMatchObject({ field: 'to' });
    const key = await call('one-badkey', { payload: 'x', to: '27999004001' });
    expect(key.smsError).toMatchObject({ provider: 'clickatell-one', code: '1' });
    expect(key.caught.code).toBe('1');
    const cancel = await call('v3-cancel', { payload: 'no id' });
    expect(cancel.smsError).toMatchObject({ code: 'INVALID_INPUT', field: 'messageId' });
    expect(nodeRed.output()).not.toContain(WRONG_KEY);
    expect(nodeRed.output()).not.toContain(PORTAL.apiKey);
    expect(JSON.stringify(collector.messages)).not.toContain(SECRET);
  });

  it('runs nodes saved without the API choice on the APIs they always used', async () => {
    const clickatell = await call('old-clickatell', { payload: 'old flow', to: '27999005001' });
    expect(clickatell.out).toMatchObject({ provider: 'clickatell-http', to: '27999005001' });
    const before = routeCount('clicksend send.php');
    const clicksend = await call('old-clicksend', { payload: 'old flow', to: '+61412005001' });
    expect(clicksend.out).toMatchObject({ provider: 'clicksend', to: '+61412005001' });
    expect(routeCount('clicksend send.php') - before).toBe(1);

    const legacy = new URLSearchParams({ apiMsgId: 'old0001', api_id: HTTP.apiId, to: '27999005001', timestamp: '1700000000', status: '004', charge: '0.8' });
    expect((await callback(`/cb/old-clickatell?${token}&${legacy}`)).status).toBe(200);
    const [status] = await events('in-old-clickatell', (m) => m.payload.messageId === 'old0001');
    expect(status.payload).toMatchObject({ provider: 'clickatell-http', state: 'delivered', providerCode: '004' });
    const form = new URLSearchParams({ from: '+61412005001', message: 'old push', originalmessageid: 'ABC-1', customstring: 'c' });
    expect((await callback(`/cb/old-clicksend?${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() })).status).toBe(200);
    const [inbound] = await events('in-old-clicksend', (m) => m.payload.text === 'old push');
    expect(inbound.payload).toMatchObject({ type: 'message.inbound', provider: 'clicksend', from: '+61412005001' });
  });
});
