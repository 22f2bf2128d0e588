/**
 * Sends gathered across msgs, end to end in a real Node-RED 5 on Node 24 (installed by
 * scripts/e2e/ensure-node-red.sh) with the package installed from its packed tarball: the usual
 * split → send flow of 1,200 one-recipient msgs through the clickatell node (REST API) against the
 * sandbox. The flow's debug nodes are tapped; the assertions look at what the sandbox saw and at each
 * msg that came out (output, Catch and Complete nodes). No timing is asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packPackage, startNodeRed, type RunningNodeRed } from '../../../scripts/e2e/node-red-harness';
import { startCollector, tapDebugNodes, type Collector, type TappedMessage } from '../../../scripts/e2e/node-red-tap';
import { DEMO_CREDENTIALS, startSandbox, type Sandbox } from '../../../sandbox';

const N = 1200;
/** Every 100th msg goes to a number the sandbox refuses (121, blocked): 12 of them. */
const REFUSED = (i: number) => i % 100 === 99;

let sandbox: Sandbox;
let collector: Collector;
let nodeRed: RunningNodeRed;
let work: string;

/** inject (once) → function: N sends → split → function: msg.to, msg.topic → clickatell → debug, with Catch and Complete. */
function flows(sandboxUrl: string): object[] {
  const at = { x: 0, y: 0 };
  return [
    { id: 'tab', type: 'tab', label: 'batching' },
    { id: 'restcfg', type: 'clickatell-rest-config', name: 'sandbox', baseUrl: sandboxUrl },
    { id: 'start', z: 'tab', type: 'inject', once: true, onceDelay: 0.5, repeat: '', props: [{ p: 'payload' }], payload: '', payloadType: 'date', ...at, wires: [['fan']] },
    {
      id: 'fan',
      z: 'tab',
      type: 'function',
      outputs: 1,
      func:
        `const list = [];\nfor (let i = 0; i < ${N}; i++) list.push({ i, to: i % 100 === 99 ? '999121' + String(i).padStart(4, '0') : '2782' + String(i).padStart(7, '0') });\n` +
        'msg.payload = list;\nreturn msg;',
      ...at,
      wires: [['split']],
    },
    { id: 'split', z: 'tab', type: 'split', splt: '\\n', spltType: 'str', arraySplt: 1, arraySpltType: 'len', stream: false, addname: '', ...at, wires: [['prep']] },
    {
      id: 'prep',
      z: 'tab',
      type: 'function',
      outputs: 1,
      // The msg's own id and position travel in msg.topic, which the tap reports for every msg that comes out.
      func: "msg.topic = msg._msgid + '|' + msg.payload.i;\nmsg.to = msg.payload.to;\nmsg.payload = 'Your table is ready.';\nreturn msg;",
      ...at,
      wires: [['act']],
    },
    { id: 'act', z: 'tab', type: 'clickatell', api: 'rest', restConfig: 'restcfg', operation: 'send', to: 'to', toType: 'msg', text: 'payload', textType: 'msg', ...at, wires: [['out']] },
    { id: 'out', z: 'tab', type: 'debug', name: 'out', active: true, complete: 'true', ...at, wires: [] },
    { id: 'catcher', z: 'tab', type: 'catch', scope: ['act'], uncaught: false, ...at, wires: [['caught']] },
    { id: 'caught', z: 'tab', type: 'debug', name: 'caught', active: true, complete: 'true', ...at, wires: [] },
    { id: 'completer', z: 'tab', type: 'complete', scope: ['act'], uncaught: false, ...at, wires: [['completed']] },
    { id: 'completed', z: 'tab', type: 'debug', name: 'completed', active: true, complete: 'true', ...at, wires: [] },
  ];
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewaykit-e2e-batching-'));
  sandbox = await startSandbox({ quiet: true });
  sandbox.state.upsertAccount(DEMO_CREDENTIALS.clickatellRest.accountId, { balance: 1e9 });
  collector = await startCollector();
  nodeRed = await startNodeRed({
    flows: tapDebugNodes(flows(sandbox.url), collector.url),
    credentials: { restcfg: { token: DEMO_CREDENTIALS.clickatellRest.token } },
    tarball: packPackage(path.join(work, 'pack')),
    userDir: path.join(work, 'user'),
  });
}, 180_000);
afterAll(async () => {
  await nodeRed?.stop();
  await collector?.close();
  await sandbox?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const from = (debug: string) => (messages: TappedMessage[]) => messages.filter((message) => message.debug === debug);

describe('a split → send flow of 1,200 msgs in a real Node-RED 5', () => {
  it('sends them in ceil(1200 / 500) = 3 requests, and every msg comes out once, as itself, to its output or to Catch, with done() called', async () => {
    const refused = Array.from({ length: N }, (_, i) => i).filter(REFUSED).length;
    const messages = await collector.waitFor(
      (all) => from('out')(all).length + from('caught')(all).length >= N && from('completed')(all).length >= N - refused,
      120_000,
      `${N} msgs out of the clickatell node`,
    );
    const out = from('out')(messages);
    const caught = from('caught')(messages);
    expect(out).toHaveLength(N - refused);
    expect(caught).toHaveLength(refused);
    expect(sandbox.state.routeStats().requests['clickatell-rest POST /rest/message']).toBe(Math.ceil(N / 500));

    // Each msg kept its own _msgid and properties: the topic set before the node names the msg's position,
    // and its payload is the event for that position's own number.
    const seen = new Set<number>();
    const ids = new Set<string>();
    for (const msg of out) {
      const [msgid, position] = String(msg.topic).split('|');
      const i = Number(position);
      expect(REFUSED(i)).toBe(false);
      expect(msg.payload).toMatchObject({ type: 'message.sent', provider: 'clickatell-rest', to: `2782${String(i).padStart(7, '0')}` });
      seen.add(i);
      ids.add(msgid);
    }
    for (const msg of caught) {
      const i = Number(String(msg.topic).split('|')[1]);
      expect(REFUSED(i)).toBe(true);
      expect(msg.error).toMatchObject({ code: '121', source: { id: 'act', type: 'clickatell' } });
      expect(msg.smsError).toMatchObject({ code: '121' });
      seen.add(i);
      ids.add(String(msg.topic).split('|')[0]);
    }
    expect(seen.size).toBe(N);
    expect(ids.size).toBe(N);

    // done() once per msg: the Complete node saw exactly the msgs that went out without an error.
    const completed = from('completed')(messages).map((msg) => String(msg.topic));
    expect(new Set(completed).size).toBe(completed.length);
    expect(completed.sort()).toEqual(out.map((msg) => String(msg.topic)).sort());

    const stored = [...sandbox.state.messages.values()].filter((message) => message.provider === 'clickatell-rest');
    expect(stored).toHaveLength(N - refused);
  }, 150_000);
});
