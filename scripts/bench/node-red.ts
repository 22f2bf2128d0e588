/**
 * Node-RED 5 (real, installed by scripts/e2e/ensure-node-red.sh, our package from its packed tarball):
 *   sends      N separate msgs (http in → function → split → function → node → join → http response)
 *              through our clickatell node (REST API) and through the core http request node, one POST
 *              per msg; the same with a different text per msg (nothing to batch); wall time and Node-RED's
 *              CPU time per msg (from /proc)
 *   callbacks  M status callbacks POSTed to our clickatell in node and to a bare http in → http response
 */
/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets --
   a command-line benchmark, never loaded by n8n: printing, processes, files and the sandbox's demo secrets are its job. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_CREDENTIALS } from '../../sandbox';
import { clickatellStatusBody, postLoad, type LoadResult } from './support/load';
import type { SandboxProcess } from './support/sandbox-process';
import { median, processCpuMs } from './support/stats';

// Plain JavaScript shared with the end-to-end tests and the demo.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require(resolve(__dirname, '../e2e/node-red-harness.js')) as typeof import('../e2e/node-red-harness');

const REST_TOKEN = DEMO_CREDENTIALS.clickatellRest.token;
const CALLBACK_SECRET = 'bench-callback-secret';

export interface SendFigures {
  ms: number;
  cpuMs: number;
  requests: number;
  accepted: number;
}

export interface NodeRedFigures {
  n: number;
  ours: SendFigures;
  httpRequest: SendFigures;
  oursDistinct: SendFigures;
  httpRequestDistinct: SendFigures;
  callbacks: number;
  clickatellIn: LoadResult;
  httpIn: LoadResult;
}

/** Makes msg.payload a list of n sends (same text, or a different text per msg). */
const FAN_OUT = `const { n, distinct } = msg.payload;
const list = new Array(n);
for (let i = 0; i < n; i++) list[i] = { to: '2782' + String(i).padStart(7, '0'), text: distinct ? 'Your code is ' + i : 'Your table is ready.' };
msg.payload = list;
return msg;`;

const COUNT = `let accepted = 0;
for (const entry of msg.payload) {
  if (entry && typeof entry.messageId === 'string') accepted++;
  else if (entry && entry.data && entry.data.message && entry.data.message[0] && entry.data.message[0].accepted === true) accepted++;
}
msg.payload = { count: msg.payload.length, accepted };
return msg;`;

function sendFlow(id: string, path: string, action: object, prepare: string): object[] {
  const node = (suffix: string, fields: object, wires: string[] = []) => ({ id: `${id}-${suffix}`, z: 'bench', x: 0, y: 0, wires: [wires.map((w) => `${id}-${w}`)], ...fields });
  return [
    node('in', { type: 'http in', url: path, method: 'post', upload: false }, ['fan']),
    node('fan', { type: 'function', func: FAN_OUT, outputs: 1 }, ['split']),
    node('split', { type: 'split', splt: '\\n', spltType: 'str', arraySplt: 1, arraySpltType: 'len', stream: false, addname: '' }, ['prep']),
    node('prep', { type: 'function', func: prepare, outputs: 1 }, ['act']),
    node('act', action, ['join']),
    node('join', { type: 'join', mode: 'auto', build: 'array', property: 'payload', propertyType: 'msg', timeout: '', count: '', reduceRight: false }, ['count']),
    node('count', { type: 'function', func: COUNT, outputs: 1 }, ['out']),
    { id: `${id}-out`, z: 'bench', type: 'http response', statusCode: '', headers: {}, x: 0, y: 0, wires: [] },
  ];
}

export function flows(sandboxUrl: string): { flows: object[]; credentials: Record<string, object> } {
  return {
    flows: [
      { id: 'bench', type: 'tab', label: 'bench' },
      { id: 'restcfg', type: 'clickatell-rest-config', name: 'sandbox', baseUrl: sandboxUrl },
      ...sendFlow(
        'ours',
        '/bench/ours',
        { type: 'clickatell', api: 'rest', restConfig: 'restcfg', operation: 'send', to: 'to', toType: 'msg', text: 'payload', textType: 'msg', concurrency: 4 },
        'msg.to = msg.payload.to;\nmsg.payload = msg.payload.text;\nreturn msg;',
      ),
      ...sendFlow(
        'core',
        '/bench/core',
        { type: 'http request', method: 'POST', ret: 'obj', paytoqs: 'ignore', url: `${sandboxUrl}/rest/message`, persist: true },
        `msg.headers = { 'X-Version': '1', 'Content-Type': 'application/json', Accept: 'application/json', Authorization: 'Bearer ${REST_TOKEN}' };\n` +
          'msg.payload = JSON.stringify({ to: [msg.payload.to], text: msg.payload.text });\nreturn msg;',
      ),
      { id: 'cb-ours', z: 'bench', type: 'clickatell in', api: 'http', url: '/bench/callback/ours', events: 'all', auth: 'token', tokenParam: 'token', x: 0, y: 0, wires: [[]] },
      { id: 'cb-bare-in', z: 'bench', type: 'http in', url: '/bench/callback/bare', method: 'post', upload: false, x: 0, y: 0, wires: [['cb-bare-out']] },
      { id: 'cb-bare-out', z: 'bench', type: 'http response', statusCode: '200', headers: {}, x: 0, y: 0, wires: [] },
    ],
    credentials: { restcfg: { token: REST_TOKEN }, 'cb-ours': { secret: CALLBACK_SECRET } },
  };
}

export async function runSends(url: string, pid: number, sandbox: SandboxProcess, n: number, distinct: boolean): Promise<SendFigures> {
  await sandbox.reset();
  const cpu = processCpuMs(pid);
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n, distinct }) });
  const answer = (await response.json()) as { count: number; accepted: number };
  const ms = performance.now() - started;
  const cpuMs = processCpuMs(pid) - cpu;
  const requests = (await sandbox.requests())['clickatell-rest POST /rest/message'] ?? 0;
  return { ms, cpuMs, requests, accepted: answer.accepted };
}

function medianOf(runs: SendFigures[]): SendFigures {
  if (runs.length === 0) return { ms: Number.NaN, cpuMs: Number.NaN, requests: Number.NaN, accepted: Number.NaN };
  return {
    ms: median(runs.map((run) => run.ms)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
    requests: runs[runs.length - 1].requests,
    accepted: Math.min(...runs.map((run) => run.accepted)),
  };
}

export async function benchNodeRed(
  sandbox: SandboxProcess,
  options: { n: number; callbacks: number; rounds: number; log: (line: string) => void; env?: Record<string, string>; sends?: boolean; callbacksToo?: boolean },
): Promise<NodeRedFigures> {
  const work = mkdtempSync(join(tmpdir(), 'gatewaykit-bench-nr-'));
  const { flows: flowList, credentials } = flows(sandbox.url);
  const nodeRed = await harness.startNodeRed({ flows: flowList, credentials, tarball: harness.packPackage(join(work, 'pack')), userDir: join(work, 'user'), env: options.env });
  try {
    options.log(`Node-RED ${nodeRed.nodeRedVersion} (pid ${nodeRed.pid}) at ${nodeRed.url}`);
    const runs: Record<'ours' | 'core' | 'oursDistinct' | 'coreDistinct', SendFigures[]> = { ours: [], core: [], oursDistinct: [], coreDistinct: [] };
    const warm = Math.min(options.n, 1000);
    const sendRounds = options.sends === false ? 0 : options.rounds;
    const callbackRounds = options.callbacksToo === false ? 0 : options.rounds;
    for (const path of sendRounds > 0 ? ['ours', 'core'] : []) {
      for (const distinct of [false, true]) await runSends(`${nodeRed.url}/bench/${path}`, nodeRed.pid, sandbox, warm, distinct);
    }
    for (let round = 0; round < sendRounds; round++) {
      // Alternate which goes first, so neither always runs on the garbage of the other.
      const order = round % 2 === 0 ? (['ours', 'core'] as const) : (['core', 'ours'] as const);
      for (const path of order) {
        runs[path].push(await runSends(`${nodeRed.url}/bench/${path}`, nodeRed.pid, sandbox, options.n, false));
        runs[`${path}Distinct`].push(await runSends(`${nodeRed.url}/bench/${path}`, nodeRed.pid, sandbox, options.n, true));
      }
      options.log(`  round ${round + 1}: ours ${runs.ours[round].ms.toFixed(0)} ms, http request ${runs.core[round].ms.toFixed(0)} ms`);
    }
    const loads: Record<'ours' | 'bare', LoadResult[]> = { ours: [], bare: [] };
    const body = clickatellStatusBody;
    if (callbackRounds > 0) {
      await postLoad(`${nodeRed.url}/bench/callback/ours?token=${CALLBACK_SECRET}`, Math.min(200, options.callbacks), 8, body);
      await postLoad(`${nodeRed.url}/bench/callback/bare?token=${CALLBACK_SECRET}`, Math.min(200, options.callbacks), 8, body);
    }
    for (let round = 0; round < callbackRounds; round++) {
      for (const which of round % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) {
        loads[which].push(await postLoad(`${nodeRed.url}/bench/callback/${which}?token=${CALLBACK_SECRET}`, options.callbacks, 8, body));
      }
    }
    const medianLoad = (list: LoadResult[]): LoadResult =>
      list.length === 0 ? { sent: 0, ms: Number.NaN, perSecond: Number.NaN, statuses: {} } : list.slice().sort((a, b) => a.perSecond - b.perSecond)[list.length >> 1];
    return {
      n: options.n,
      ours: medianOf(runs.ours),
      httpRequest: medianOf(runs.core),
      oursDistinct: medianOf(runs.oursDistinct),
      httpRequestDistinct: medianOf(runs.coreDistinct),
      callbacks: options.callbacks,
      clickatellIn: medianLoad(loads.ours),
      httpIn: medianLoad(loads.bare),
    };
  } finally {
    await nodeRed.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
