/**
 * Sends gathered across msgs (node-red/shared/send-batcher.ts), in Node-RED 4.1 (test helper) against a
 * running sandbox: separate msgs that arrive together share multi-recipient requests, yet each msg gets
 * its own output (its own _msgid and properties) or its own error, and its own done() (seen by a Complete
 * node, which Node-RED feeds from done() without an error, and a Catch node, fed from done(error)).
 */
import { DEMO_CREDENTIALS } from '../../../sandbox';
import { collect, helper, nodeModules, outputAndCatch, sandboxAndRuntimePerTest, storedMessages, type TestNode } from './support';

// The REST demo account holds the spec's 300.5 credits; the 1,250-msg test needs more.
const sandbox = sandboxAndRuntimePerTest({ sentAfterMs: 20, deliveredAfterMs: 40 }, (started) =>
  started.state.upsertAccount(DEMO_CREDENTIALS.clickatellRest.accountId, { balance: 1e9 }),
);

/** Send requests the sandbox counted for one API (whatever the route is called). */
function sendRequests(api: 'clickatell-rest' | 'clicksend'): number {
  const counts = sandbox.state.routeStats().requests as Record<string, number>;
  const route = api === 'clicksend' ? 'clicksend send.php' : 'clickatell-rest POST /rest/message';
  return counts[route] ?? 0;
}

async function load(type: 'clickatell' | 'clicksend', action: Record<string, unknown>) {
  const flow = [
    { id: 'tab', type: 'tab', label: 'batching' },
    { id: 'restcfg', type: 'clickatell-rest-config', name: 'sandbox rest', baseUrl: sandbox.url },
    { id: 'cscfg', type: 'clicksend-config', name: 'sandbox clicksend', baseUrl: sandbox.url },
    type === 'clickatell'
      ? { id: 'act', type: 'clickatell', z: 'tab', api: 'rest', restConfig: 'restcfg', operation: 'send', wires: [['out']], ...action }
      : { id: 'act', type: 'clicksend', z: 'tab', clicksendConfig: 'cscfg', operation: 'send', wires: [['out']], ...action },
    ...outputAndCatch(['act']),
    { id: 'completer', type: 'complete', z: 'tab', scope: ['act'], uncaught: false, wires: [['completed']] },
    { id: 'completed', type: 'helper', z: 'tab' },
  ];
  const credentials = {
    restcfg: { token: DEMO_CREDENTIALS.clickatellRest.token },
    cscfg: { username: DEMO_CREDENTIALS.clicksend.username, apiKey: DEMO_CREDENTIALS.clicksend.key },
  };
  await helper.load(nodeModules(), flow, credentials);
  const node = (id: string): TestNode => helper.getNode(id);
  return { act: node('act'), out: node('out'), caught: node('caught'), completed: node('completed') };
}

const number = (i: number, prefix = '2771') => `${prefix}${String(i).padStart(7, '0')}`;

describe('clickatell node (REST API): separate msgs gathered into shared requests', () => {
  it('sends 1,250 one-recipient msgs in ceil(1250 / 500) = 3 requests, each msg getting its own output and done()', async () => {
    const { act, out, caught, completed } = await load('clickatell', {});
    const N = 1250;
    const outputs = collect(out, N, 60_000);
    const completes = collect(completed, N, 60_000);
    let caughtCount = 0;
    caught.on('input', () => (caughtCount += 1));
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const _msgid = `msg-${i}`;
      ids.push(_msgid);
      act.receive({ _msgid, payload: 'Your code is ready', to: number(i), seq: i });
    }
    const received = await outputs;
    await completes;

    expect(sendRequests('clickatell-rest')).toBe(Math.ceil(N / 500));
    expect(caughtCount).toBe(0);
    // Every msg came out once, as itself: its own _msgid, its own property, the event for its own number.
    const bySeq = new Map(received.map((msg) => [msg.seq as number, msg]));
    expect(bySeq.size).toBe(N);
    for (let i = 0; i < N; i++) {
      const msg = bySeq.get(i)!;
      expect(msg._msgid).toBe(ids[i]);
      expect(msg.payload).toMatchObject({ type: 'message.sent', provider: 'clickatell-rest', to: number(i) });
      expect(msg.failed).toBeUndefined(); // a one-recipient msg keeps the single-send shape
    }
    expect(new Set(received.map((msg) => msg.payload.messageId)).size).toBe(N);
  });

  it('gives each msg its own result when some recipients are refused: the refused msgs go to Catch, the rest to the output', async () => {
    const { act, out, caught, completed } = await load('clickatell', {});
    // 9991210000-9991210002 are refused by the sandbox (121 blocked); the others are accepted.
    const numbers = ['27710000001', '9991210000', '27710000002', '9991210001', '27710000003', '9991210002'];
    const outputs = collect(out, 3);
    const errors = collect(caught, 3);
    const completes = collect(completed, 3);
    numbers.forEach((to, seq) => act.receive({ _msgid: `m${seq}`, payload: 'Same text for all', to, seq }));

    const [ok, failed] = await Promise.all([outputs, errors, completes]);
    expect(sendRequests('clickatell-rest')).toBe(1);
    expect(ok.map((msg) => [msg._msgid, msg.payload.to]).sort()).toEqual([
      ['m0', '27710000001'],
      ['m2', '27710000002'],
      ['m4', '27710000003'],
    ]);
    expect(failed.map((msg) => [msg._msgid, msg.seq, msg.error.source.id, msg.smsError.code]).sort()).toEqual([
      ['m1', 1, 'act', '121'],
      ['m3', 3, 'act', '121'],
      ['m5', 5, 'act', '121'],
    ]);
  });

  it('reports a msg with a bad field on its own, without holding back or failing the msgs around it', async () => {
    const { act, out, caught } = await load('clickatell', {});
    const outputs = collect(out, 2);
    const errors = collect(caught, 1);
    act.receive({ _msgid: 'a', payload: 'hello', to: '27710000011' });
    act.receive({ _msgid: 'b', payload: 'hello' }); // no msg.to
    act.receive({ _msgid: 'c', payload: 'hello', to: '27710000012' });
    const [ok, [error]] = await Promise.all([outputs, errors]);
    expect(ok.map((msg) => msg._msgid).sort()).toEqual(['a', 'c']);
    expect(error._msgid).toBe('b');
    expect(error.smsError).toMatchObject({ code: 'INVALID_INPUT', field: 'to' });
    expect(sendRequests('clickatell-rest')).toBe(1);
  });

  it('keeps msgs with different texts apart: one request per text, each recipient getting its own text', async () => {
    const { act, out } = await load('clickatell', {});
    const outputs = collect(out, 6);
    for (let i = 0; i < 6; i++) act.receive({ payload: `text ${i % 2}`, to: number(i), seq: i });
    const received = await outputs;
    expect(sendRequests('clickatell-rest')).toBe(2);
    for (const msg of received) {
      const stored = sandbox.state.messages.get(msg.payload.messageId);
      expect(stored).toMatchObject({ to: number(msg.seq), text: `text ${msg.seq % 2}` });
    }
  });
});

describe('clicksend node: the batch window and size', () => {
  it('dispatches a batch as soon as it holds batchSize recipients: 25 msgs with batchSize 10 make 3 requests', async () => {
    const { act, out, completed } = await load('clicksend', { batchSize: 10 });
    const outputs = collect(out, 25);
    const completes = collect(completed, 25);
    for (let i = 0; i < 25; i++) act.receive({ payload: 'batched', to: `+614130${String(i).padStart(5, '0')}` });
    await Promise.all([outputs, completes]);
    expect(sendRequests('clicksend')).toBe(3);
  });

  it('with batchWindow 0 sends each msg in its own request', async () => {
    const { act, out } = await load('clicksend', { batchWindow: 0 });
    const outputs = collect(out, 5);
    for (let i = 0; i < 5; i++) act.receive({ payload: 'alone', to: `+614130${String(i).padStart(5, '0')}` });
    await outputs;
    expect(sendRequests('clicksend')).toBe(5);
  });

  it('sends a lone msg when its window ends, without waiting for company that never comes', async () => {
    const { act, out, completed } = await load('clicksend', { batchWindow: 200 });
    const outputs = collect(out, 1);
    const completes = collect(completed, 1);
    act.receive({ _msgid: 'lone', payload: 'on my own', to: '+61413000001' });
    const [[msg]] = await Promise.all([outputs, completes]);
    expect(msg._msgid).toBe('lone');
    expect(sendRequests('clicksend')).toBe(1);
  });

  it('does not gather a msg that arrives after the previous batch went out', async () => {
    const { act, out } = await load('clicksend', { batchWindow: 5 });
    const first = collect(out, 1);
    act.receive({ payload: 'first', to: '+61413000001' });
    await first;
    const second = collect(out, 1);
    act.receive({ payload: 'first', to: '+61413000002' });
    await second;
    expect(sendRequests('clicksend')).toBe(2);
  });

  it('rejects a batch size or window outside its range, naming the field', async () => {
    const { act, caught } = await load('clicksend', { batchWindow: 5000 });
    const errors = collect(caught, 1);
    act.receive({ payload: 'x', to: '+61413000001' });
    const [error] = await errors;
    expect(error.smsError).toMatchObject({ code: 'INVALID_INPUT', field: 'batchWindow' });
  });

  it('sends what it has gathered when the flow is stopped, before the node reports itself closed', async () => {
    const { act } = await load('clicksend', { batchWindow: 1000 });
    for (let i = 0; i < 3; i++) act.receive({ payload: 'before the redeploy', to: `+614130${String(i).padStart(5, '0')}` });
    // Stop the flows while the msgs still wait for their 1 s window: close() dispatches them at once and
    // resolves only when their run has ended (Node-RED waits for it before stopping).
    await new Promise((resolve) => setImmediate(resolve));
    expect(sendRequests('clicksend')).toBe(0);
    await helper.unload();
    expect(sendRequests('clicksend')).toBe(1);
    expect(storedMessages(sandbox, 'clicksend')).toHaveLength(3);
  });
});
