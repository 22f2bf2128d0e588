/**
 * Core planner against bare fetch, both sending the same batched requests to the sandbox process:
 *   planned  runBulk over ClickatellRestClient (one item per recipient, as N workflow items), results kept
 *   raw      the batches of the same size fired with fetch at the same concurrency: JSON body per batch,
 *            JSON.parse of every answer, count the accepted entries (what a hand-written client must do)
 * Throughput: in this process, modes alternated, median wall time of the rounds.
 * Memory: each mode in a fresh process at BENCH_MEMORY_N recipients; peak RSS (maxRSS) when it ends.
 */
/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets --
   a command-line benchmark, never loaded by n8n: printing, processes, files and the sandbox's demo secrets are its job. */
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { bulkStats, runBulk, type BulkItem } from '../../gateways/bulk/planner';
import { ClickatellRestClient } from '../../gateways/clickatell-rest';
import { API_LIMITS } from '../../gateways/limits';
import { FetchTransport } from '../../gateways/transport';
import { DEMO_CREDENTIALS } from '../../sandbox';
import { median } from './support/stats';

const LIMIT = API_LIMITS['clickatell-rest'].maxRecipientsPerRequest;
const TEXT = 'Your table is ready. Reply STOP to opt out.';
const TOKEN = DEMO_CREDENTIALS.clickatellRest.token;
const CONCURRENCY = 4;
const ROLE = 'GATEWAYKIT_BENCH_CORE_MEMORY';

export interface CoreRun {
  ms: number;
  requests: number;
  accepted: number;
}

export function numbers(count: number, prefix = '2782'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(7, '0')}`);
}

export async function planned(baseUrl: string, to: readonly string[]): Promise<CoreRun & { results: unknown }> {
  let requests = 0;
  const fetchTransport = new FetchTransport({ provider: 'clickatell-rest' });
  const client = new ClickatellRestClient({
    credentials: { token: TOKEN, baseUrl },
    transport: { send: (request) => ((requests += 1), fetchTransport.send(request)) },
  });
  const items: BulkItem[] = to.map((number) => ({ to: [number], text: TEXT }));
  const started = performance.now();
  const results = await runBulk(client, items, { concurrency: CONCURRENCY, sleep: (ms) => new Promise((done) => setTimeout(done, ms)) });
  const stats = bulkStats(results);
  return { ms: performance.now() - started, requests, accepted: stats.accepted, results };
}

export async function raw(baseUrl: string, to: readonly string[]): Promise<CoreRun> {
  const url = `${baseUrl}/rest/message`;
  const headers = { 'X-Version': '1', 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' };
  const batches = Math.ceil(to.length / LIMIT);
  const started = performance.now();
  let next = 0;
  let requests = 0;
  let accepted = 0;
  const worker = async (): Promise<void> => {
    while (next < batches) {
      const start = next++ * LIMIT;
      requests += 1;
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ text: TEXT, to: to.slice(start, start + LIMIT) }) });
      const answer = JSON.parse(await response.text()) as { data?: { message?: Array<{ accepted?: boolean }> } };
      for (const message of answer.data?.message ?? []) if (message.accepted === true) accepted += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batches) }, worker));
  return { ms: performance.now() - started, requests, accepted };
}

export interface CoreFigures {
  n: number;
  plannedMs: number;
  rawMs: number;
  plannedRequests: number;
  rawRequests: number;
  accepted: [number, number];
  memoryN: number;
  plannedRssMb: number;
  rawRssMb: number;
}

/** Peak RSS of a fresh process that runs one mode at `count` recipients. */
function memoryRun(mode: 'planned' | 'raw', baseUrl: string, count: number): Promise<{ rssMb: number; accepted: number }> {
  return new Promise((done, fail) => {
    const child = fork(__filename, [], {
      env: { ...process.env, [ROLE]: JSON.stringify({ mode, baseUrl, count }) },
      execArgv: ['-r', resolve(__dirname, 'register-ts.js')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (reply: { rssMb: number; accepted: number }) => done(reply));
    child.once('exit', (code) => (code === 0 ? undefined : fail(new Error(`memory run (${mode}) exited ${String(code)}`))));
  });
}

export async function benchCore(
  sandbox: { url: string; reset(): Promise<void> },
  options: { n: number; memoryN: number; rounds: number },
): Promise<CoreFigures> {
  const to = numbers(options.n);
  const plannedTimes: number[] = [];
  const rawTimes: number[] = [];
  let last: { planned?: CoreRun; raw?: CoreRun } = {};
  // Warm-up rounds of each (not measured: the planner has more code for the JIT to warm than the raw
  // loop), then the measured rounds, alternating which mode goes first.
  const warmups = options.rounds > 1 ? 3 : 1;
  for (let round = -warmups; round < options.rounds; round++) {
    const order = (round + warmups) % 2 === 0 ? (['planned', 'raw'] as const) : (['raw', 'planned'] as const);
    for (const mode of order) {
      await sandbox.reset();
      const run = mode === 'planned' ? await planned(sandbox.url, to) : await raw(sandbox.url, to);
      if (round < 0) continue;
      (mode === 'planned' ? plannedTimes : rawTimes).push(run.ms);
      last = { ...last, [mode]: run };
    }
  }
  const memory: Record<'planned' | 'raw', number[]> = { planned: [], raw: [] };
  for (let round = 0; round < options.rounds; round++) {
    for (const mode of round % 2 === 0 ? (['planned', 'raw'] as const) : (['raw', 'planned'] as const)) {
      await sandbox.reset();
      memory[mode].push((await memoryRun(mode, sandbox.url, options.memoryN)).rssMb);
    }
  }
  return {
    n: options.n,
    plannedMs: median(plannedTimes),
    rawMs: median(rawTimes),
    plannedRequests: last.planned?.requests ?? 0,
    rawRequests: last.raw?.requests ?? 0,
    accepted: [last.planned?.accepted ?? 0, last.raw?.accepted ?? 0],
    memoryN: options.memoryN,
    plannedRssMb: median(memory.planned),
    rawRssMb: median(memory.raw),
  };
}

if (process.env[ROLE]) {
  const { mode, baseUrl, count } = JSON.parse(process.env[ROLE]) as { mode: 'planned' | 'raw'; baseUrl: string; count: number };
  void (async () => {
    const to = numbers(count);
    const run = mode === 'planned' ? await planned(baseUrl, to) : await raw(baseUrl, to);
    process.send?.({ rssMb: process.resourceUsage().maxRSS / 1024, accepted: run.accepted });
    process.disconnect();
  })();
}
