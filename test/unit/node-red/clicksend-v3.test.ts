/**
 * The `clicksend` action node on ClickSend's REST API v3 (the same clicksend-config node as v2), in
 * Node-RED (test helper) against a running sandbox: every v3 operation the node offers, paging, errors
 * to Catch with ClickSend's code on the msg, and a node saved before the API choice (no `api`) still on v2.
 */
import { DEMO_CREDENTIALS } from '../../../sandbox';
import { collect, eventually, helper, injectInbound, loadAction, requestCount, run, sandboxAndRuntimePerTest, storedMessages } from './support';

const CS = DEMO_CREDENTIALS.clicksend;
const sandbox = sandboxAndRuntimePerTest({ sentAfterMs: 10, deliveredAfterMs: 20 });

async function load(action: Record<string, unknown>, key: string = CS.key) {
  const configs = [{ id: 'cscfg', type: 'clicksend-config', name: 'sandbox', baseUrl: sandbox.url }];
  return loadAction('clicksend v3', configs, { type: 'clicksend', api: 'v3', clicksendConfig: 'cscfg', operation: 'send', ...action }, { cscfg: { username: CS.username, apiKey: key } });
}

/** Loads a node for one operation and runs one msg through it (the previous flow is unloaded first). */
async function once(action: Record<string, unknown>, msg: Record<string, unknown>) {
  await helper.unload();
  return run(await load(action), msg);
}

const v3Stored = () => storedMessages(sandbox, 'clicksend-v3', 'clicksend');

describe('clicksend node on REST v3', () => {
  it('sends one SMS through POST /v3/sms/send, as a clicksend-v3 event', async () => {
    const act = await load({ clientReference: 'order-9', clientReferenceType: 'str' });
    const { from, msg } = await run(act, { payload: 'Hello from REST v3', to: '+61412000101' });
    expect(from).toBe('out');
    expect(msg.payload).toMatchObject({ type: 'message.sent', provider: 'clicksend-v3', to: '+61412000101', clientReference: 'order-9' });
    expect(v3Stored()).toEqual([expect.objectContaining({ id: msg.payload.messageId, text: 'Hello from REST v3' })]);
  });

  it('sends 1200 recipients in two requests (1000 per request)', async () => {
    const act = await load({ to: 'numbers', toType: 'msg', text: 'Sale', textType: 'str' });
    const numbers = Array.from({ length: 1200 }, (_, i) => `+6141300${String(i).padStart(4, '0')}`);
    const { from, msg } = await run(act, { numbers });
    expect(from).toBe('out');
    expect(msg.bulk).toMatchObject({ recipients: 1200, accepted: 1200, requests: 2 });
    expect(requestCount(sandbox, 'clicksend-v3 POST /v3/sms/send')).toBe(2);
  });

  it('estimates the price without sending anything', async () => {
    const { from, msg } = await once({ operation: 'priceEstimate' }, { payload: 'How much?', to: '+61412000102,+61412000103' });
    expect(msg.smsError).toBeUndefined();
    expect(from).toBe('out');
    expect(msg.payload).toMatchObject({ provider: 'clicksend-v3', totalPrice: expect.any(Number), messages: [expect.objectContaining({ to: '+61412000102', ok: true }), expect.objectContaining({ to: '+61412000103', ok: true })] });
    expect(v3Stored()).toHaveLength(0);
  });

  it('reads history, delivery reports (all, paged, and one) and the balance', async () => {
    const { msg: sent } = await once({}, { payload: 'track', to: '+61412000104' });
    const messageId = sent.payload.messageId;
    const history = await once({ operation: 'history' }, {});
    expect(history.msg.payload.some((event: { messageId: string }) => event.messageId === messageId)).toBe(true);
    expect(history.msg).toMatchObject({ page: 1, lastPage: expect.any(Number) });
    await eventually(
      async () => (await once({ operation: 'deliveryReports', messageId: '', messageIdType: 'str' }, {})).msg.payload,
      (events: Array<{ messageId: string; state: string }>) => events.some((event) => event.messageId === messageId && event.state === 'delivered'),
      10_000,
      'the delivery receipt',
    );
    const one = await once({ operation: 'deliveryReports' }, { payload: { messageId } });
    expect(one.msg.payload).toMatchObject({ type: 'message.status', messageId, state: 'delivered' });
    const balance = await once({ operation: 'balance' }, {});
    expect(balance.msg.payload).toMatchObject({ provider: 'clicksend-v3', balance: expect.any(Number) });
  });

  it('reads history between two times, and names a bound that is not a date', async () => {
    const { msg: sent } = await once({}, { payload: 'dated', to: '+61412000110' });
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const before = await once({ operation: 'history', dateTo: inAnHour, dateToType: 'str' }, {});
    expect(before.msg.payload.map((event: { messageId: string }) => event.messageId)).toContain(sent.payload.messageId);
    const after = await once({ operation: 'history', dateFrom: 'from', dateFromType: 'msg' }, { from: Date.now() + 3_600_000 });
    expect(after.from).toBe('out');
    expect(after.msg.payload.map((event: { messageId: string }) => event.messageId)).not.toContain(sent.payload.messageId);
    const bad = await once({ operation: 'history', dateFrom: 'last tuesday', dateFromType: 'str' }, {});
    expect(bad.from).toBe('caught');
    expect(bad.msg.smsError).toMatchObject({ code: 'INVALID_INPUT', field: 'dateFrom' });
  });

  it('reads the replies: all inbound, and the reply to one message', async () => {
    const { msg: sent } = await once({}, { payload: 'question?', to: '+61412000105' });
    await injectInbound(sandbox, { provider: 'clicksend', replyTo: sent.payload.messageId, text: 'answer!' });
    const all = await once({ operation: 'replies', messageId: '', messageIdType: 'str' }, {});
    expect(all.msg.payload).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'message.inbound', text: 'answer!' })]));
    expect(all.msg.page).toBe(1);
    const reply = await once({ operation: 'replies' }, { payload: { messageId: sent.payload.messageId } });
    expect(reply.msg.payload).toEqual([expect.objectContaining({ type: 'message.inbound', text: 'answer!', inReplyTo: sent.payload.messageId })]);
  });

  it('cancels one scheduled message, then all the others', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await once({ options: JSON.stringify({ scheduledAt: later }), optionsType: 'json' }, { payload: 'later', to: '+61412000106,+61412000107,+61412000108' });
    expect(scheduled.msg.payload).toHaveLength(3);
    const cancelled = await once({ operation: 'cancel' }, { payload: { messageId: scheduled.msg.payload[0].messageId } });
    expect(cancelled.from).toBe('out');
    expect(cancelled.msg.payload).toMatchObject({ messageId: scheduled.msg.payload[0].messageId, state: 'cancelled' });
    const all = await once({ operation: 'cancelAll' }, {});
    expect(all.msg.payload).toEqual({ count: 2 });
  });

  it('names the missing message id of a cancel, and puts ClickSend\'s code on the msg for a wrong key', async () => {
    const missing = await once({ operation: 'cancel' }, { payload: 'no id here' });
    expect(missing.from).toBe('caught');
    expect(missing.msg.smsError).toMatchObject({ code: 'INVALID_INPUT', field: 'messageId' });
    await helper.unload();
    const wrong = await run(await load({ operation: 'balance' }, 'not-the-key-77'), {});
    expect(wrong.from).toBe('caught');
    expect(wrong.msg.smsError).toMatchObject({ provider: 'clicksend-v3' });
    expect(wrong.msg.error.code).toMatch(/^[A-Z_]+$/);
    expect(JSON.stringify(wrong.msg)).not.toContain('not-the-key-77');
  });

  it('refuses a v3-only operation on v2, naming the field', async () => {
    const { from, msg } = await once({ api: 'v2', operation: 'cancelAll' }, {});
    expect(from).toBe('caught');
    expect(msg.smsError).toMatchObject({ field: 'operation' });
  });

  it('runs a node saved without `api` (before the choice) on the HTTP API v2, as before', async () => {
    const { from, msg } = await once({ api: undefined }, { payload: 'old flow', to: '+61412000109' });
    expect(from).toBe('out');
    expect(msg.payload).toMatchObject({ provider: 'clicksend' });
    expect(requestCount(sandbox, 'clicksend send.php')).toBe(1);
  });
});

describe('clicksend node on REST v3: separate msgs gathered into shared requests', () => {
  it('sends 1,200 one-recipient msgs in ceil(1200 / 1000) = 2 requests, each msg getting its own output', async () => {
    sandbox.state.upsertAccount(CS.accountId, { balance: 1e6 });
    const act = await load({});
    const out = helper.getNode('out');
    const N = 1200;
    const outputs = collect(out, N, 60_000);
    for (let i = 0; i < N; i++) act.receive({ _msgid: `v3-${i}`, payload: 'Gathered', to: `+6141400${String(i).padStart(4, '0')}`, seq: i });
    const received = await outputs;
    expect(requestCount(sandbox, 'clicksend-v3 POST /v3/sms/send')).toBe(2);
    for (const msg of received) {
      expect(msg._msgid).toBe(`v3-${msg.seq}`);
      expect(msg.payload).toMatchObject({ provider: 'clicksend-v3', to: `+6141400${String(msg.seq).padStart(4, '0')}` });
    }
  });
});
