/**
 * The bulk-send fault matrix of issue 12 as a standing test in a real Node-RED 5 (the package installed
 * from its tarball) against the sandbox on 127.0.0.1: for each API, one bulk send per fault the sandbox
 * can inject on the send route (429, 503, a connection reset before and after the gateway acted, an
 * unreadable answer before and after it acted, an expired session, a 429 that never ends). For every
 * recipient it checks what the flow was told against what the sandbox holds:
 *   - each recipient comes back exactly once, accepted (msg.payload) or failed (msg.failed);
 *   - no recipient got the message twice;
 *   - an accepted recipient has exactly one message at the gateway;
 *   - a failed recipient marked `certainlyNotSent: true` has none (safe to send again, issue 12 item 6).
 * Needs `npm run build` first (the package is packed from dist/).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CREDENTIALS, startSandbox, type Sandbox } from '../../../sandbox';
import { packPackage, startNodeRed, type RunningNodeRed } from '../../../scripts/e2e/node-red-harness';
import { eventually, pause } from '../eventually';
import { Recorder } from '../n8n-triggers/recorder';
import { digits, judge, MATRIX, numbers, SEND_ROUTE } from './matrix';

let workDir: string;
let sandbox: Sandbox;
let nodeRed: RunningNodeRed;
const recorder = new Recorder();

const FN_ROUTE = `
const body = msg.payload || {};
const out = { payload: body.text, to: body.to, tag: body.tag };
const api = msg.req.params.api;
return [api === 'clickatell-http' ? out : null, api === 'clickatell-rest' ? out : null, api === 'clicksend' ? out : null];`;
const FN_OUT = `msg.payload = { tag: msg.tag, kind: 'out', events: msg.payload, failed: msg.failed || [] }; return msg;`;
const FN_CAUGHT = `msg.payload = { tag: msg.tag, kind: 'caught', failed: msg.failed || [], code: msg.smsError ? msg.smsError.code : null }; return msg;`;

function flows(recordUrl: string, sandboxUrl: string): object[] {
  const record = (id: string) => ({ id, type: 'http request', z: 'tab', method: 'POST', ret: 'txt', paytoqs: 'ignore', url: recordUrl, persist: false, senderr: false, headers: [], wires: [[]] });
  return [
    { id: 'tab', type: 'tab', label: 'fault matrix' },
    { id: 'httpcfg', type: 'clickatell-http-config', name: 'sandbox http', baseUrl: sandboxUrl, authMode: 'session', keepAliveMinutes: 0 },
    { id: 'restcfg', type: 'clickatell-rest-config', name: 'sandbox rest', baseUrl: sandboxUrl },
    { id: 'cscfg', type: 'clicksend-config', name: 'sandbox', baseUrl: sandboxUrl },
    { id: 'hin', type: 'http in', z: 'tab', url: '/send/:api', method: 'post', upload: false, swaggerDoc: '', wires: [['route', 'ack']] },
    { id: 'ack', type: 'http response', z: 'tab', statusCode: '202', headers: {}, wires: [] },
    { id: 'route', type: 'function', z: 'tab', func: FN_ROUTE, outputs: 3, wires: [['actHttp'], ['actRest'], ['actCs']] },
    { id: 'actHttp', type: 'clickatell', z: 'tab', api: 'http', httpConfig: 'httpcfg', restConfig: 'restcfg', operation: 'send', wires: [['out']] },
    { id: 'actRest', type: 'clickatell', z: 'tab', api: 'rest', httpConfig: 'httpcfg', restConfig: 'restcfg', operation: 'send', wires: [['out']] },
    { id: 'actCs', type: 'clicksend', z: 'tab', clicksendConfig: 'cscfg', operation: 'send', wires: [['out']] },
    { id: 'out', type: 'function', z: 'tab', func: FN_OUT, outputs: 1, wires: [['recordOut']] },
    { id: 'catcher', type: 'catch', z: 'tab', scope: ['actHttp', 'actRest', 'actCs'], uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'function', z: 'tab', func: FN_CAUGHT, outputs: 1, wires: [['recordCaught']] },
    record('recordOut'),
    record('recordCaught'),
  ];
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewaykit-nr-faults-'));
  sandbox = await startSandbox({ quiet: true, lifecycle: { sentAfterMs: 50, deliveredAfterMs: 100 } });
  await recorder.start();
  const http = DEMO_CREDENTIALS.clickatellHttp;
  nodeRed = await startNodeRed({
    tarball: packPackage(path.join(workDir, 'pack')),
    userDir: path.join(workDir, 'userDir'),
    flows: flows(recorder.url('fault'), sandbox.url),
    credentials: {
      httpcfg: { apiId: http.apiId, user: http.user, password: http.password },
      restcfg: { token: DEMO_CREDENTIALS.clickatellRest.token },
      cscfg: { username: DEMO_CREDENTIALS.clicksend.username, apiKey: DEMO_CREDENTIALS.clicksend.key },
    },
    startTimeoutMs: 60_000,
  });
}, 3 * 60_000);

afterAll(async () => {
  await nodeRed?.stop();
  await sandbox?.close();
  await recorder.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
}, 60_000);

async function sandboxJson(resource: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${sandbox.url}/sandbox/${resource}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`sandbox ${resource}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

describe('bulk sends under faults in a real Node-RED 5', () => {
  it.each(MATRIX.map(([api, scenario], index) => [api, scenario.name, scenario, index] as const))('%s, %s', async (api, _name, scenario, index) => {
    await sandboxJson('faults', { method: 'DELETE' });
    if (scenario.fault) await sandboxJson('faults', { method: 'POST', body: JSON.stringify({ ...scenario.fault, api, route: SEND_ROUTE[api] }) });
    const tag = `${api}-${index}`;
    const to = numbers(api, index, 0);
    const response = await fetch(`${nodeRed.url}/send/${api}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `fault matrix ${tag}`, to, tag }) });
    expect(response.status).toBe(202);

    const mine = () => recorder.items('fault').filter((item) => item.tag === tag);
    await eventually(`the outcome of ${tag}`, () => {
      const items = mine();
      const out = items.find((item) => item.kind === 'out');
      return items.some((item) => item.kind === 'caught') || (out && (out.failed as unknown[]).length === 0) ? true : undefined;
    }, 60_000);
    await pause(500);
    await sandboxJson('faults', { method: 'DELETE' });
    const items = mine();
    const out = items.find((item) => item.kind === 'out');
    const caught = items.find((item) => item.kind === 'caught');
    const accepted = ((out?.events as Array<{ to: string }>) ?? []).map((event) => digits(event.to));
    const failed = ((caught?.failed ?? out?.failed ?? []) as Array<{ to: string; error: { certainlyNotSent: boolean; code: string } }>).map((entry) => ({
      to: digits(entry.to),
      certainlyNotSent: entry.error.certainlyNotSent,
      code: entry.error.code,
    }));

    const atGateway = await Promise.all(to.map(async (number) => (await sandboxJson(`messages?to=${digits(number)}`)).count as number));
    judge(scenario, to, accepted, failed, atGateway);
  }, 90_000);

  it('reports a refused recipient as certainly not sent, next to the accepted ones', async () => {
    const to = ['27999700101', '9991210000', '27999700102'];
    await fetch(`${nodeRed.url}/send/clickatell-rest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'refused one', to, tag: 'refused' }) });
    const caught = await eventually('the refused recipient', () => recorder.items('fault').find((item) => item.tag === 'refused' && item.kind === 'caught'), 60_000);
    expect(caught.failed).toEqual([expect.objectContaining({ to: '9991210000', error: expect.objectContaining({ certainlyNotSent: true }) })]);
    expect((await sandboxJson('messages?to=9991210000')).count).toBe(0);
  }, 90_000);
});
