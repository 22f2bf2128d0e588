/**
 * The `clicksend` action node and its config node in Node-RED 4.1 (test helper) against a running sandbox:
 * every operation of the ClickSend HTTP API v2, bulk sends, and errors to Catch nodes.
 */
import { DEMO_CREDENTIALS } from '../../../sandbox';
import { eventually, helper, injectInbound, loadAction, requestCount, run, sandboxAndRuntimePerTest, storedMessages } from './support';

const CS = DEMO_CREDENTIALS.clicksend;
const sandbox = sandboxAndRuntimePerTest({ sentAfterMs: 10, deliveredAfterMs: 20 });

async function load(action: Record<string, unknown>, account: { username: string; apiKey: string } = { username: CS.username, apiKey: CS.key }) {
  const configs = [{ id: 'cscfg', type: 'clicksend-config', name: 'sandbox', baseUrl: sandbox.url }];
  return loadAction('clicksend', configs, { type: 'clicksend', clicksendConfig: 'cscfg', operation: 'send', ...action }, { cscfg: account });
}

describe('clicksend node', () => {
  it('sends one SMS with sender id, custom string and unicode text', async () => {
    const act = await load({ from: 'MyShop', fromType: 'str', clientReference: 'lead-7', clientReferenceType: 'str' });
    const { from, msg } = await run(act, { payload: 'Grüße aus Node-RED ☀', to: '+61412000001' });
    expect(from).toBe('out');
    expect(msg.payload).toMatchObject({ type: 'message.sent', provider: 'clicksend', to: '+61412000001', clientReference: 'lead-7', encoding: 'UCS-2' });
    const stored = storedMessages(sandbox, 'clicksend');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: msg.payload.messageId, text: 'Grüße aus Node-RED ☀', from: 'MyShop', clientReference: 'lead-7' });
  });

  it('completes local numbers with the country set on the node', async () => {
    const act = await load({ country: 'AU' });
    const { from, msg } = await run(act, { payload: 'local number', to: '0412000002' });
    expect(from).toBe('out');
    expect(msg.payload.to).toBe('+61412000002');
  });

  it('sends 1200 recipients in two requests (the API takes 1000 per request)', async () => {
    const act = await load({ to: 'numbers', toType: 'msg', text: 'Sale starts now', textType: 'str' });
    const numbers = Array.from({ length: 1200 }, (_, i) => `+6141300${String(i).padStart(4, '0')}`);
    const { from, msg } = await run(act, { numbers });
    expect(from).toBe('out');
    expect(msg.payload).toHaveLength(1200);
    expect(msg.bulk).toMatchObject({ recipients: 1200, accepted: 1200, batches: 2, requests: 2 });
    expect(requestCount(sandbox, 'clicksend send.php')).toBe(2);
  });

  it('reads replies (reply.php), including only those of one message when given its id', async () => {
    const act = await load({});
    const sent = (await run(act, { payload: 'Reply YES to confirm', to: '+61412000003' })).msg.payload;
    await injectInbound(sandbox, { provider: 'clicksend', replyTo: sent.messageId, text: 'YES' });
    await injectInbound(sandbox, { provider: 'clicksend', from: '+61412999999', text: 'unrelated' });
    await helper.unload();
    const replies = await load({ operation: 'replies' });
    const { from, msg } = await run(replies, { payload: { messageId: sent.messageId } });
    expect(from).toBe('out');
    expect(msg.payload).toHaveLength(1);
    expect(msg.payload[0]).toMatchObject({ type: 'message.inbound', from: '+61412000003', text: 'YES', inReplyTo: sent.messageId });
  });

  it('reads every unread reply when the msg carries no message id (msg.payload null), each reply only once', async () => {
    await injectInbound(sandbox, { provider: 'clicksend', from: '+61412888001', text: 'first' });
    await injectInbound(sandbox, { provider: 'clicksend', from: '+61412888002', text: 'second' });
    const replies = await load({ operation: 'replies' });
    const { from, msg } = await run(replies, { payload: null });
    expect(from).toBe('out');
    expect(msg.payload.map((event: { text: string }) => event.text)).toEqual(['first', 'second']);
    const again = await run(replies, { payload: null });
    expect(again.msg.payload).toEqual([]);
  });

  it('reads delivery reports (delivery.php) once the sandbox delivered the message', async () => {
    const act = await load({});
    const sent = (await run(act, { payload: 'track me', to: '+61412000004' })).msg.payload;
    await eventually(() => sandbox.state.messages.get(sent.messageId), (m) => m !== undefined);
    await helper.unload();
    const reports = await load({ operation: 'deliveryReports', messageId: '', messageIdType: 'str' });
    const result = await eventually(
      async () => (await run(reports, {})).msg.payload as Array<{ messageId: string; state: string }>,
      (list) => list.some((event) => event.messageId === sent.messageId && event.state === 'delivered'),
      5000,
      'a delivered report',
    );
    expect(result.find((event) => event.messageId === sent.messageId)).toMatchObject({ type: 'message.status', state: 'delivered', final: true });
  });

  it('reads the history (history.php) and the balance (balance.php)', async () => {
    const act = await load({});
    await run(act, { payload: 'for the history', to: '+61412000005' });
    await helper.unload();
    const history = await load({ operation: 'history' });
    const { msg } = await run(history, {});
    expect(msg.payload.some((event: { text: string }) => event.text === 'for the history')).toBe(true);
    await helper.unload();
    const balance = await load({ operation: 'balance' });
    const result = await run(balance, {});
    expect(result.msg.payload).toMatchObject({ provider: 'clicksend', balance: expect.any(Number) });
    expect(result.msg.payload.balance).toBeLessThan(125);
  });

  it('reports ClickSend result codes to Catch: the nocredit test account and a wrong key', async () => {
    const noCredit = await load({}, { username: 'nocredit', apiKey: DEMO_CREDENTIALS.clicksendTestKey });
    const first = await run(noCredit, { payload: 'x', to: '+61412000006' });
    expect(first.from).toBe('caught');
    expect(first.msg.error.code).toBe('2018');
    await helper.unload();
    const wrongKey = await load({ operation: 'balance' }, { username: CS.username, apiKey: 'not-the-key' });
    const second = await run(wrongKey, {});
    expect(second.from).toBe('caught');
    expect(second.msg.error.code).toBe('2022');
    expect(JSON.stringify(second.msg)).not.toContain('not-the-key');
  });

  it('rejects unknown options by name', async () => {
    const act = await load({ options: '{"sheduledAt": "2030-01-01T00:00:00Z"}', optionsType: 'json' });
    const { from, msg } = await run(act, { payload: 'x', to: '+61412000007' });
    expect(from).toBe('caught');
    expect(msg.smsError).toMatchObject({ code: 'INVALID_INPUT', field: 'options' });
    expect(msg.error.message).toContain('sheduledAt');
  });

  it('tests the saved credentials through the admin endpoint without returning the key', async () => {
    await load({ operation: 'balance' });
    const res = await helper.request().post('/clicksend-config/cscfg/test').send({ username: CS.username, apiKey: '__PWRD__', baseUrl: sandbox.url });
    expect(res.body).toMatchObject({ ok: true });
    expect(JSON.stringify(res.body)).not.toContain(CS.key);
  });
});
