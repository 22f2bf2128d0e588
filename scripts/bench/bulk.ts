/**
 * Bulk send benchmark: N recipients through the Clickatell REST client against the local sandbox,
 * three ways:
 *   per-item  one request per recipient, one at a time (what a plain n8n/Node-RED node does per item)
 *   planned   runBulk over ClickatellRestClient: recipients batched up to the API limit, bounded concurrency
 *   raw       the same batched requests fired with fetch at the same concurrency, no planner, no client:
 *             inside its timing it does what a hand-written client must do (JSON body per batch,
 *             JSON.parse of every answer, count the accepted entries), so the ratio shows the planner's
 *             and the client's own cost, not the cost of building requests.
 *
 * Method (so that no mode is favoured by the order or by a cold JIT):
 *   - warm-up rounds run every mode first and are not measured (per-item warms up on a slice of N);
 *   - measured rounds run the modes in a rotated order (round r starts with mode r mod k);
 *   - no forced gc() between runs: the run right after a forced full collection was 2 to 3 times slower
 *     in our measurements (far more than the collection pauses in it), a state a long-running n8n or
 *     Node-RED process is not in. The rotation spreads the cost of collecting one run's garbage over
 *     all modes instead, and the GC column shows the collection pauses inside each mode's runs;
 *   - each figure is the median of the measured rounds (min and max shown beside it);
 *   - the sandbox is reset before each run (empty history, configured balance) and keeps its connections.
 * By default the sandbox runs in a child process, as a real gateway is another machine: in one process
 * the sandbox's own work would share the client's event loop and CPU and be counted in the client's
 * wall time. BENCH_SANDBOX=inline runs it in this process instead.
 *
 * Prints figures only; exits 1 only when a request-count or accepted-count check fails.
 *
 * Columns: client CPU is this process's CPU time (all its threads, GC helpers included; with an inline
 * sandbox, the sandbox's too), sandbox CPU the child's (both medians), GC the collection pauses in this
 * process (mean per run).
 *
 * Environment: BENCH_N (default 10000), BENCH_CONCURRENCY (4), BENCH_ROUNDS (measured rounds of the
 * batched modes, 25), BENCH_ITEM_ROUNDS (measured per-item rounds, 3: each takes seconds), BENCH_WARMUP
 * (warm-up rounds, 2), BENCH_SANDBOX ('process' or 'inline').
 */
/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions --
   a command-line benchmark, not an n8n node: printing, process, perf_hooks and forking the sandbox are its job. */
import { fork, type ChildProcess } from 'node:child_process';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { bulkStats, planBatches, runBulk, type BulkItem, type BulkItemResult, type BulkStats } from '../../gateways/bulk';
import { ClickatellRestClient, type ClickatellRestCredentials } from '../../gateways/clickatell-rest';
import { API_LIMITS } from '../../gateways/limits';
import { FetchTransport, type HttpRequest, type HttpResponse, type Transport } from '../../gateways/transport';
import { DEMO_CREDENTIALS, startSandbox, type AccountConfig } from '../../sandbox';

const LIMIT = API_LIMITS['clickatell-rest'].maxRecipientsPerRequest;
const TEXT = 'Your table is ready. Reply STOP to opt out.';
const { accountId: ACCOUNT_ID, token: TOKEN } = DEMO_CREDENTIALS.clickatellRest;
/** The demo account holds 300.5 credits (the spec's example); the benchmark needs N messages' worth. */
const ACCOUNTS: AccountConfig[] = [{ id: ACCOUNT_ID, provider: 'clickatell-rest', token: TOKEN, balance: 1e12 }];
/** Set in the environment of the child process that only serves the sandbox. */
const SANDBOX_ROLE = 'BENCH_SANDBOX_CHILD';

type ModeName = 'per-item' | 'planned' | 'raw';

interface ServerCounts {
  requests: number;
  accepted: number;
  /** CPU time of the sandbox process since the reset before the run (child process only). */
  cpuMs?: number;
}

/** The sandbox, wherever it runs. */
interface SandboxHandle {
  url: string;
  where: string;
  reset(): Promise<void>;
  counts(): Promise<ServerCounts>;
  close(): Promise<void>;
}

interface Run {
  mode: ModeName;
  recipients: number;
  /** Requests counted on the client side (transport or raw loop). */
  requests: number;
  accepted: number;
  ms: number;
  /** CPU time of this process (user + system) during the run. */
  cpuMs: number;
  /** GC pauses of this process during the run. */
  gcMs: number;
  /** What the sandbox counted for this run. */
  server: ServerCounts;
  firstFailure?: string;
}

// ---------------------------------------------------------------------------------------------------
// The sandbox, in this process or in a child

async function inlineSandbox(): Promise<SandboxHandle> {
  const sandbox = await startSandbox({ port: 0, quiet: true, accounts: ACCOUNTS });
  return {
    url: sandbox.url,
    where: 'in this process',
    reset: async () => sandbox.reset(),
    counts: async () => ({ requests: sandbox.state.stats.total, accepted: sandbox.state.stats.messagesAccepted }),
    close: () => sandbox.close(),
  };
}

interface ChildReply {
  id: number;
  url?: string;
  counts?: ServerCounts;
  error?: string;
}

/** The same sandbox in a child process (this script, forked), driven over IPC so no HTTP call of ours is counted. */
async function childSandbox(): Promise<SandboxHandle> {
  // Node flags given to the benchmark (a GC or profiling flag) are for the client: the child runs without them.
  const child: ChildProcess = fork(__filename, [], { env: { ...process.env, [SANDBOX_ROLE]: '1' }, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 0;
  const waiting = new Map<number, { resolve: (reply: ChildReply) => void; reject: (error: Error) => void }>();
  child.on('message', (reply: ChildReply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error) pending?.reject(new Error(`sandbox child: ${reply.error}`));
    else pending?.resolve(reply);
  });
  child.on('exit', (code) => {
    for (const pending of waiting.values()) pending.reject(new Error(`sandbox child exited (${String(code)})`));
    waiting.clear();
  });
  const ask = (command: string): Promise<ChildReply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ id, command });
    });
  const { url } = await ask('start');
  return {
    url: url as string,
    where: `in a child process (pid ${String(child.pid)})`,
    reset: async () => void (await ask('reset')),
    counts: async () => (await ask('counts')).counts as ServerCounts,
    close: async () => {
      await ask('close');
      child.disconnect();
    },
  };
}

/** The child's side of childSandbox. */
function serveSandboxOverIpc(): void {
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
  let cpuAtReset = process.cpuUsage();
  // The benchmark is gone (finished or crashed): never outlive it with an open port.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: { id: number; command: string }) => {
    const answer = async (): Promise<ChildReply> => {
      switch (message.command) {
        case 'start':
          sandbox = await startSandbox({ port: 0, quiet: true, accounts: ACCOUNTS });
          return { id: message.id, url: sandbox.url };
        case 'reset':
          sandbox?.reset();
          cpuAtReset = process.cpuUsage();
          return { id: message.id };
        case 'counts': {
          const cpu = process.cpuUsage(cpuAtReset);
          const stats = sandbox?.state.stats;
          return { id: message.id, counts: { requests: stats?.total ?? 0, accepted: stats?.messagesAccepted ?? 0, cpuMs: (cpu.user + cpu.system) / 1000 } };
        }
        case 'close':
          await sandbox?.close();
          return { id: message.id };
        default:
          throw new Error(`unknown command ${message.command}`);
      }
    };
    answer().then(
      (reply) => process.send?.(reply),
      (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

// ---------------------------------------------------------------------------------------------------
// The three modes. Each gets its input ready-made (the workflow's items exist before the send starts)
// and times only the send.

/** Counts every request that goes out through the client. */
class CountingTransport implements Transport {
  requests = 0;
  constructor(private readonly inner: Transport) {}
  send(request: HttpRequest): Promise<HttpResponse> {
    this.requests += 1;
    return this.inner.send(request);
  }
}

interface Timed {
  requests: number;
  accepted: number;
  /** performance.now() when the timing started. */
  startedAt: number;
  ms: number;
  cpuMs: number;
  firstFailure?: string;
}

async function timed(send: () => Promise<Omit<Timed, 'startedAt' | 'ms' | 'cpuMs'>>): Promise<Timed> {
  const cpu = process.cpuUsage();
  const startedAt = performance.now();
  const result = await send();
  const ms = performance.now() - startedAt;
  const used = process.cpuUsage(cpu);
  return { ...result, startedAt, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Garbage collection pauses of this process, as [start, duration] in performance.now() time. */
const gcPauses: Array<[number, number]> = [];

function watchGarbageCollection(): PerformanceObserver {
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push([entry.startTime, entry.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  return observer;
}

/** Pause time of the collections that started inside [from, from + ms]. */
async function gcPauseIn(from: number, ms: number): Promise<number> {
  // GC entries are delivered asynchronously: let the observer catch up first.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return gcPauses.filter(([start]) => start >= from && start <= from + ms).reduce((sum, [, duration]) => sum + duration, 0);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function perItem(numbers: readonly string[], credentials: ClickatellRestCredentials): Promise<Timed> {
  const transport = new CountingTransport(new FetchTransport({ provider: 'clickatell-rest' }));
  const client = new ClickatellRestClient({ credentials, transport });
  return timed(async () => {
    let accepted = 0;
    let firstFailure: string | undefined;
    for (const to of numbers) {
      try {
        const [outcome] = await client.send({ to: [to], text: TEXT });
        if (outcome.ok) accepted += 1;
        else firstFailure ??= outcome.error.message;
      } catch (error) {
        firstFailure ??= describe(error);
      }
    }
    return { requests: transport.requests, accepted, firstFailure };
  });
}

async function planned(items: readonly BulkItem[], credentials: ClickatellRestCredentials, concurrency: number): Promise<Timed> {
  const transport = new CountingTransport(new FetchTransport({ provider: 'clickatell-rest' }));
  const client = new ClickatellRestClient({ credentials, transport });
  let results: BulkItemResult[] = [];
  let stats: BulkStats | undefined;
  // Timed: the send and counting the accepted recipients (what raw does inline).
  const run = await timed(async () => {
    results = await runBulk(client, items, { concurrency, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    stats = bulkStats(results);
    return { requests: transport.requests, accepted: stats.accepted };
  });
  // Diagnostics, outside the timing.
  let firstFailure: string | undefined;
  for (const outcome of results.flatMap((result) => result.outcomes)) {
    if (!outcome.ok) {
      firstFailure = outcome.error.message;
      break;
    }
  }
  if (stats && stats.requests !== transport.requests) firstFailure ??= `bulkStats counted ${stats.requests} requests, the transport ${transport.requests}`;
  return { ...run, firstFailure };
}

async function raw(numbers: readonly string[], credentials: ClickatellRestCredentials, concurrency: number): Promise<Timed> {
  const url = `${credentials.baseUrl as string}/rest/message`;
  // Constant per client, so a hand-written client builds these once too.
  const headers = { 'X-Version': '1', 'Content-Type': 'application/json', Authorization: `Bearer ${credentials.token}`, Accept: 'application/json' };
  const batches = Math.ceil(numbers.length / LIMIT);
  return timed(async () => {
    let sent = 0;
    let accepted = 0;
    let firstFailure: string | undefined;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches) {
        const start = next++ * LIMIT;
        const body = JSON.stringify({ text: TEXT, to: numbers.slice(start, start + LIMIT) });
        sent += 1;
        try {
          const response = await fetch(url, { method: 'POST', headers, body });
          const answer = JSON.parse(await response.text()) as { data?: { message?: { accepted?: unknown; error?: unknown }[] } };
          const messages = answer.data?.message;
          if ((response.status !== 202 && response.status !== 207) || !Array.isArray(messages)) {
            firstFailure ??= `HTTP ${response.status}`;
            continue;
          }
          for (const message of messages) {
            if (message.accepted === true) accepted += 1;
            else firstFailure ??= JSON.stringify(message.error);
          }
        } catch (error) {
          firstFailure ??= describe(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batches) }, worker));
    return { requests: sent, accepted, firstFailure };
  });
}

// ---------------------------------------------------------------------------------------------------
// Rounds, figures and checks

function positive(name: string, fallback: number): number {
  const value = process.env[name];
  const parsed = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name}: expected a whole number above 0, got ${String(value)}`);
  return parsed;
}

function nonNegative(name: string, fallback: number): number {
  const value = process.env[name];
  const parsed = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name}: expected a whole number of at least 0, got ${String(value)}`);
  return parsed;
}

/** N distinct valid international numbers (South African mobile range). */
function recipientNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `2782${String(i).padStart(7, '0')}`);
}

/** For pauses that hit some runs and not others, where a median would show 0 or a whole pause. */
function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Round r runs the modes starting at position r: every mode runs first, in the middle and last equally often. */
function rotate<T>(list: readonly T[], by: number): T[] {
  const shift = list.length === 0 ? 0 : by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

async function main(): Promise<void> {
  const n = positive('BENCH_N', 10_000);
  const concurrency = positive('BENCH_CONCURRENCY', 4);
  const rounds = positive('BENCH_ROUNDS', 25);
  const itemRounds = Math.min(rounds, nonNegative('BENCH_ITEM_ROUNDS', 3));
  const warmups = nonNegative('BENCH_WARMUP', 2);
  const where = process.env.BENCH_SANDBOX ?? 'process';
  if (where !== 'process' && where !== 'inline') throw new Error(`BENCH_SANDBOX: expected 'process' or 'inline', got '${where}'`);

  const numbers = recipientNumbers(n);
  // One item per recipient: the shape of N workflow items, each asking for one SMS. Made once, like
  // `numbers` for the other modes, so every mode starts from input of the same age (runBulk does not
  // change its items).
  const items: BulkItem[] = numbers.map((to) => ({ to: [to], text: TEXT }));
  // Per-item warms up on a slice: the JIT and the connection are warm long before N single sends.
  const itemWarmup = numbers.slice(0, Math.min(n, 1_000));
  const expectedBatched = Math.ceil(n / LIMIT);
  // The planner's own plan must agree with the arithmetic before any figure is worth printing.
  const plan = planBatches(items, LIMIT);

  const sandbox = where === 'process' ? await childSandbox() : await inlineSandbox();
  const gcObserver = watchGarbageCollection();
  const credentials: ClickatellRestCredentials = { token: TOKEN, baseUrl: sandbox.url };
  console.log(`bulk benchmark: ${n} recipients, Clickatell REST (limit ${LIMIT}/request), concurrency ${concurrency}`);
  console.log(
    `sandbox ${sandbox.where}; ${warmups} warm-up round(s), then ${rounds} measured round(s) of planned and raw and ${itemRounds} of per-item, modes rotated; medians`,
  );

  const runs: Run[] = [];
  const warmupRuns: Run[] = [];
  const runMode = async (mode: ModeName, warmup: boolean): Promise<Run> => {
    await sandbox.reset();
    const list = mode === 'per-item' && warmup ? itemWarmup : numbers;
    const result =
      mode === 'per-item' ? await perItem(list, credentials) : mode === 'planned' ? await planned(items, credentials, concurrency) : await raw(list, credentials, concurrency);
    return { mode, recipients: list.length, ...result, gcMs: await gcPauseIn(result.startedAt, result.ms), server: await sandbox.counts() };
  };
  try {
    for (let round = 0; round < warmups; round++) {
      for (const mode of rotate<ModeName>(['per-item', 'planned', 'raw'], round)) {
        warmupRuns.push(await runMode(mode, true));
      }
    }
    for (let round = 0; round < rounds; round++) {
      const modes: ModeName[] = round < itemRounds ? ['per-item', 'planned', 'raw'] : ['planned', 'raw'];
      for (const mode of rotate(modes, round)) runs.push(await runMode(mode, false));
    }
  } finally {
    gcObserver.disconnect();
    await sandbox.close();
  }

  const byMode = (mode: ModeName): Run[] => runs.filter((run) => run.mode === mode);
  const sandboxCpu = (list: readonly Run[]): string => {
    const times = list.flatMap((run) => (run.server.cpuMs === undefined ? [] : [run.server.cpuMs]));
    return times.length === 0 ? 'in client' : median(times).toFixed(1);
  };
  const wall = (mode: ModeName): number => median(byMode(mode).map((run) => run.ms));
  const throughput = (mode: ModeName): number => n / (wall(mode) / 1000);

  console.log('');
  console.log('mode       rounds  requests  accepted  wall ms (median)  min–max ms      msg/s  client CPU ms  GC ms (mean)  sandbox CPU ms');
  for (const mode of ['per-item', 'planned', 'raw'] as const) {
    const list = byMode(mode);
    if (list.length === 0) continue;
    const times = list.map((run) => run.ms);
    const spread = `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`;
    console.log(
      `${mode.padEnd(10)} ${String(list.length).padStart(6)} ${String(list[0].requests).padStart(9)} ${String(list[0].accepted).padStart(9)} ${wall(mode).toFixed(1).padStart(17)} ${spread.padStart(11)} ${throughput(mode).toFixed(0).padStart(10)} ${median(list.map((run) => run.cpuMs)).toFixed(1).padStart(14)} ${mean(list.map((run) => run.gcMs)).toFixed(1).padStart(11)} ${sandboxCpu(list).padStart(15)}`,
    );
  }

  // Planned and raw of one round ran back to back under the same machine load: their ratio per round
  // is steadier than the ratio of the medians when other work shares the CPU.
  const pairedRatios: number[] = [];
  for (let i = 0; i < byMode('planned').length; i++) pairedRatios.push(byMode('raw')[i].ms / byMode('planned')[i].ms);
  console.log('');
  console.log(`planned / raw      throughput ${(throughput('planned') / throughput('raw')).toFixed(3)}  (median of per-round ratios ${median(pairedRatios).toFixed(3)}; 1.0 = no planner overhead)`);
  if (byMode('per-item').length > 0) console.log(`planned / per-item throughput ${(throughput('planned') / throughput('per-item')).toFixed(1)}x`);

  const all = [...warmupRuns, ...runs];
  const expectedRequests = (run: Run): number => (run.mode === 'per-item' ? run.recipients : Math.ceil(run.recipients / LIMIT));
  const badRequests = all.filter((run) => run.requests !== expectedRequests(run));
  const badAccepted = all.filter((run) => run.accepted !== run.recipients);
  const badServer = all.filter((run) => run.server.requests !== run.requests || run.server.accepted !== run.accepted);
  const checks: [string, boolean][] = [
    [`plan has ceil(${n} / ${LIMIT}) = ${expectedBatched} batches (got ${plan.length})`, plan.length === expectedBatched],
    [`planned and raw made ceil(N / ${LIMIT}) = ${expectedBatched} requests, per-item one per recipient, in all ${all.length} runs${badRequests.length ? ` (${badRequests.map((run) => `${run.mode}: ${run.requests}`).join(', ')})` : ''}`, badRequests.length === 0],
    [`every run accepted all its recipients${badAccepted.length ? ` (${badAccepted.map((run) => `${run.mode}: ${run.accepted}/${run.recipients}`).join(', ')})` : ''}`, badAccepted.length === 0],
    [`the sandbox saw the same requests and accepted messages as the client side in every run`, badServer.length === 0],
  ];
  console.log('');
  for (const [label, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  for (const run of all.filter((r) => r.firstFailure !== undefined).slice(0, 3)) console.error(`${run.mode}: first failure: ${run.firstFailure as string}`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}

if (process.env[SANDBOX_ROLE]) {
  serveSandboxOverIpc();
} else {
  main().catch((error: unknown) => {
    console.error(describe(error));
    process.exitCode = 1;
  });
}
