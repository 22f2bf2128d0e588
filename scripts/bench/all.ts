/**
 * `npm run bench`: every performance figure of issue 13 in one run, each next to its baseline measured in
 * the same run on the same machine (see core.ts, node-red.ts and n8n.ts for what is measured and how),
 * then one table and the `bench summary:` line. Prints figures only: no timing is asserted anywhere; the
 * exit code is 1 only when a correctness check fails (a message not accepted, a wrong request count).
 *
 * Sizes (environment): BENCH_SMALL=1 (or --small) runs every part at a small size, for CI to keep the
 * command working; otherwise BENCH_N (10000 msgs/items), BENCH_MEMORY_N (100000 recipients),
 * BENCH_CALLBACKS (Node-RED 2000; n8n a tenth of it), BENCH_BURST (1000 concurrent posts to n8n),
 * BENCH_ROUNDS (3; each figure is the median of the rounds), BENCH_ONLY (a comma-separated choice of core,
 * node-red, n8n, or only one side of a runtime: node-red-sends, node-red-callbacks, n8n-sends, n8n-callbacks).
 * Needs `npm run build` first (Node-RED and n8n load the packed package) and the e2e hosts
 * (scripts/e2e/ensure-*.sh, installed on first use).
 */
/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets --
   a command-line benchmark, never loaded by n8n: printing, processes, files and the sandbox's demo secrets are its job. */
import { benchCore, type CoreFigures } from './core';
import { benchN8n, type N8nFigures } from './n8n';
import { benchNodeRed, type NodeRedFigures } from './node-red';
import { startSandboxProcess } from './support/sandbox-process';
import { fixed, table } from './support/stats';

const small = process.env.BENCH_SMALL === '1' || process.argv.includes('--small');

function setting(name: string, full: number, smallValue: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? (small ? smallValue : full) : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: expected a whole number above 0, got ${String(raw)}`);
  return value;
}

const N = setting('BENCH_N', 10_000, 200);
const MEMORY_N = setting('BENCH_MEMORY_N', 100_000, 2_000);
const CALLBACKS = setting('BENCH_CALLBACKS', 2_000, 100);
const BURST = setting('BENCH_BURST', 1_000, 50);
const ROUNDS = setting('BENCH_ROUNDS', 3, 1);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'core,node-red,n8n').split(',').map((part) => part.trim()));

const ratio = (a: number, b: number): number => a / b;
const statusText = (statuses: Record<string, number>): string =>
  Object.entries(statuses)
    .sort()
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');

function rows(core?: CoreFigures, nodeRed?: NodeRedFigures, n8n?: N8nFigures): string[][] {
  const out: string[][] = [];
  if (core) {
    out.push([`core planner vs bare fetch, ${core.n} recipients`, `${fixed(core.plannedMs, 0)} ms, ${core.plannedRequests} req`, `${fixed(core.rawMs, 0)} ms, ${core.rawRequests} req`, `${fixed(ratio(core.rawMs, core.plannedMs), 2)} of raw throughput`]);
    out.push([`core peak RSS, ${core.memoryN} recipients`, `${fixed(core.plannedRssMb, 0)} MB`, `${fixed(core.rawRssMb, 0)} MB`, `${fixed(ratio(core.plannedRssMb, core.rawRssMb), 2)}×`]);
  }
  if (nodeRed && Number.isFinite(nodeRed.ours.ms)) {
    const nr = nodeRed;
    out.push([`Node-RED: ${nr.n} separate msgs, same text`, `${fixed(nr.ours.ms, 0)} ms, ${nr.ours.requests} req`, `http request ${fixed(nr.httpRequest.ms, 0)} ms, ${nr.httpRequest.requests} req`, `${fixed(ratio(nr.httpRequest.ms, nr.ours.ms), 1)}× faster`]);
    out.push([`Node-RED: ${nr.n} msgs, every text different`, `${fixed(nr.oursDistinct.ms, 0)} ms, ${nr.oursDistinct.requests} req`, `http request ${fixed(nr.httpRequestDistinct.ms, 0)} ms, ${nr.httpRequestDistinct.requests} req`, `${fixed(ratio(nr.httpRequestDistinct.ms, nr.oursDistinct.ms), 2)}× faster`]);
    out.push([`Node-RED: CPU per msg, every text different`, `${fixed(nr.oursDistinct.cpuMs / nr.n, 3)} ms`, `http request ${fixed(nr.httpRequestDistinct.cpuMs / nr.n, 3)} ms`, `${fixed(ratio(nr.oursDistinct.cpuMs, nr.httpRequestDistinct.cpuMs), 2)} of its CPU`]);
  }
  if (nodeRed && nodeRed.clickatellIn.sent > 0) {
    const nr = nodeRed;
    out.push([`Node-RED callbacks: clickatell in, ${nr.callbacks} posts`, `${fixed(nr.clickatellIn.perSecond, 0)} /s`, `http in → http response ${fixed(nr.httpIn.perSecond, 0)} /s`, fixed(ratio(nr.clickatellIn.perSecond, nr.httpIn.perSecond), 2)]);
  }
  if (n8n && Number.isFinite(n8n.oursMs)) {
    out.push([`n8n: ${n8n.n} items into our Clickatell node`, `${fixed(n8n.oursMs, 0)} ms, ${n8n.oursRequests} req`, `HTTP Request ${fixed(n8n.httpRequestMs, 0)} ms, ${n8n.httpRequestRequests} req`, `${fixed(ratio(n8n.httpRequestMs, n8n.oursMs), 1)}× faster`]);
    out.push([`n8n: same, against the Set-node floor`, `${fixed(n8n.oursMs, 0)} ms`, `Set ${fixed(n8n.setMs, 0)} ms`, `${fixed(n8n.overheadMsPerItem, 3)} ms per item above (paired)`]);
  }
  if (n8n && n8n.trigger.sent > 0) {
    out.push([`n8n callbacks: Clickatell Trigger, ${n8n.callbacks} posts`, `${fixed(n8n.trigger.perSecond, 1)} /s`, `Webhook ${fixed(n8n.webhook.perSecond, 1)} /s`, fixed(ratio(n8n.trigger.perSecond, n8n.webhook.perSecond), 2)]);
    // Webhook v1 runs in an expression isolate, as n8n runs every trigger but its own Webhook v2 (n8n.ts).
    out.push([`n8n callbacks: the same, vs Webhook v1 (isolate)`, `${fixed(n8n.trigger.perSecond, 1)} /s`, `Webhook v1 ${fixed(n8n.webhookV1.perSecond, 1)} /s`, fixed(ratio(n8n.trigger.perSecond, n8n.webhookV1.perSecond), 2)]);
    // n8n's own node checking a secret, as our trigger does: one credential read (one isolate) per post.
    out.push([`n8n callbacks: the same, vs Webhook v2 + Header Auth`, `${fixed(n8n.trigger.perSecond, 1)} /s`, `Webhook + auth ${fixed(n8n.webhookAuth.perSecond, 1)} /s`, fixed(ratio(n8n.trigger.perSecond, n8n.webhookAuth.perSecond), 2)]);
    out.push([
      `n8n callbacks: ${n8n.burst} concurrent posts`,
      `${statusText(n8n.triggerBurst.statuses)}, ${fixed(n8n.triggerBurst.ms / 1000, 1)} s`,
      `Webhook ${statusText(n8n.webhookBurst.statuses)}, ${fixed(n8n.webhookBurst.ms / 1000, 1)} s`,
      `${n8n.triggerBurst.statuses['200'] ?? 0} vs ${n8n.webhookBurst.statuses['200'] ?? 0} × 200`,
    ]);
    out.push([
      `n8n callbacks: same burst, vs Webhook v2 + Header Auth`,
      `${statusText(n8n.triggerBurst.statuses)}, ${fixed(n8n.triggerBurst.ms / 1000, 1)} s`,
      `Webhook + auth ${statusText(n8n.webhookAuthBurst.statuses)}, ${fixed(n8n.webhookAuthBurst.ms / 1000, 1)} s`,
      `${n8n.triggerBurst.statuses['200'] ?? 0} vs ${n8n.webhookAuthBurst.statuses['200'] ?? 0} × 200`,
    ]);
  }
  return out;
}

function checks(core?: CoreFigures, nodeRed?: NodeRedFigures, n8n?: N8nFigures): Array<[string, boolean]> {
  const list: Array<[string, boolean]> = [];
  if (core) {
    const expected = Math.ceil(core.n / 500);
    list.push([`core: both modes accepted all ${core.n} and made ceil(N/500) = ${expected} requests`, core.accepted.every((a) => a === core.n) && core.plannedRequests === expected && core.rawRequests === expected]);
  }
  if (nodeRed && Number.isFinite(nodeRed.ours.ms)) {
    const expected = Math.ceil(nodeRed.n / 500);
    list.push([`Node-RED: ${nodeRed.n} separate msgs in ceil(N/500) = ${expected} requests (got ${nodeRed.ours.requests})`, nodeRed.ours.requests === expected]);
    list.push(['Node-RED: every msg accepted on every path', [nodeRed.ours, nodeRed.httpRequest, nodeRed.oursDistinct, nodeRed.httpRequestDistinct].every((run) => run.accepted === nodeRed.n)]);
  }
  if (nodeRed && nodeRed.clickatellIn.sent > 0) {
    list.push(['Node-RED: every callback answered 200', [nodeRed.clickatellIn, nodeRed.httpIn].every((load) => load.statuses['200'] === load.sent)]);
  }
  if (n8n && Number.isFinite(n8n.oursMs)) {
    list.push([`n8n: our node sent ${n8n.n} items in ceil(N/500) = ${Math.ceil(n8n.n / 500)} requests (got ${n8n.oursRequests})`, n8n.oursRequests === Math.ceil(n8n.n / 500)]);
  }
  if (n8n && n8n.trigger.sent > 0) {
    list.push(['n8n: every steady-rate callback answered 200', [n8n.trigger, n8n.webhook, n8n.webhookV1, n8n.webhookAuth].every((load) => load.statuses['200'] === load.sent)]);
  }
  return list;
}

async function main(): Promise<void> {
  console.log(`bench: ${small ? 'small run (CI)' : 'full run'}; N=${N}, memory N=${MEMORY_N}, callbacks=${CALLBACKS}, burst=${BURST}, rounds=${ROUNDS} (medians)`);
  const log = (line: string): void => console.log(line);
  const sandbox = await startSandboxProcess();
  let core: CoreFigures | undefined;
  let nodeRed: NodeRedFigures | undefined;
  let n8n: N8nFigures | undefined;
  try {
    if (ONLY.has('core')) {
      log('core planner ...');
      core = await benchCore(sandbox, { n: N, memoryN: MEMORY_N, rounds: Math.max(ROUNDS, small ? 1 : 9) });
    }
    const part = (runtime: string, side: string): boolean => ONLY.has(runtime) || ONLY.has(`${runtime}-${side}`);
    if (part('node-red', 'sends') || part('node-red', 'callbacks')) {
      log('Node-RED ...');
      nodeRed = await benchNodeRed(sandbox, { n: N, callbacks: CALLBACKS, rounds: ROUNDS, log, sends: part('node-red', 'sends'), callbacksToo: part('node-red', 'callbacks') });
    }
    if (part('n8n', 'sends') || part('n8n', 'callbacks')) {
      log('n8n ...');
      n8n = await benchN8n(sandbox, {
        n: N,
        callbacks: Math.max(1, Math.round(CALLBACKS / 10)),
        burst: BURST,
        rounds: ROUNDS,
        log,
        sends: part('n8n', 'sends'),
        callbacksToo: part('n8n', 'callbacks'),
      });
    }
  } finally {
    await sandbox.close();
  }

  console.log('');
  console.log(table(['path', 'ours', 'baseline (same run)', 'ratio'], rows(core, nodeRed, n8n)));
  console.log('');
  // What n8n said when it did not answer 200 during the bursts (for example a policy check's 503).
  for (const [name, load] of n8n ? ([['Webhook', n8n.webhookBurst], ['Webhook + auth', n8n.webhookAuthBurst], ['Clickatell Trigger', n8n.triggerBurst]] as const) : []) {
    for (const [status, body] of Object.entries(load.firstBodies ?? {})) console.log(`n8n burst, ${name}: first ${status} answer: ${body.replace(/\s+/g, ' ')}`);
  }
  const results = checks(core, nodeRed, n8n);
  for (const [label, ok] of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  const summary: Array<[string, number | undefined]> = [
    ['core_vs_raw', core && ratio(core.rawMs, core.plannedMs)],
    ['core_memory_vs_raw', core && ratio(core.plannedRssMb, core.rawRssMb)],
    ['n8n_item_overhead_ms', n8n?.overheadMsPerItem],
    ['nodered_msgs_speedup', nodeRed && ratio(nodeRed.httpRequest.ms, nodeRed.ours.ms)],
    ['nodered_callbacks_vs_httpin', nodeRed && ratio(nodeRed.clickatellIn.perSecond, nodeRed.httpIn.perSecond)],
    ['n8n_callbacks_vs_webhook', n8n && ratio(n8n.trigger.perSecond, n8n.webhook.perSecond)],
  ];
  console.log('');
  console.log(`bench summary: ${summary.map(([name, value]) => `${name}=${fixed(value, 3)}`).join(' ')}`);
  if (results.some(([, ok]) => !ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
