/**
 * Sandbox throughput and memory benchmark. Prints figures only; nothing here asserts a speed.
 *
 *   node dist/scripts/bench/sandbox.js [--in-process] [--single 30000] [--batches 400] [--concurrency 32] [--million 1000000]
 *
 * The sandbox runs in a child process by default: on a 2-core machine the load generator and the
 * server then each get a core, as they do when n8n or Node-RED talks to a sandbox started with
 * `sms-sandbox`. In one process they would share a single event loop and the figure would measure
 * the client as much as the server. `--in-process` runs both in one process for comparison.
 *
 * Phases: single sends (one recipient per request) on each API, 500-recipient sends on each API, then
 * 1,000,000 messages in 500-recipient requests with the server's RSS before and after: the message
 * history is bounded (maxHistory, oldest evicted), so memory stays flat. The child runs with --expose-gc
 * and memory is read after a collection (GET /sandbox/stats?gc=1); with --in-process, run node with
 * --expose-gc for the same.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { DEMO_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox';

interface Args {
  inProcess: boolean;
  single: number;
  batches: number;
  concurrency: number;
  million: number;
  serve: boolean;
}

function readArgs(argv: string[]): Args {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 && argv[at + 1] !== undefined ? Number(argv[at + 1]) : fallback;
  };
  return {
    inProcess: argv.includes('--in-process'),
    serve: argv.includes('--serve'),
    single: value('single', 30_000),
    batches: value('batches', 400),
    concurrency: value('concurrency', 32),
    million: value('million', 1_000_000),
  };
}

const BATCH = 500;
const RICH = 1e12;

/** The sandbox the benchmark drives: demo accounts with balances that cannot run out, no request log. */
function startBenchSandbox(): Promise<Sandbox> {
  return startSandbox({
    port: 0,
    quiet: true,
    accounts: [
      { id: DEMO_CREDENTIALS.clickatellHttp.accountId, provider: 'clickatell-http', balance: RICH, defaultMaxParts: 3 },
      { id: DEMO_CREDENTIALS.clickatellRest.accountId, provider: 'clickatell-rest', balance: RICH },
      { id: DEMO_CREDENTIALS.clicksend.accountId, provider: 'clicksend', balance: RICH },
    ],
  });
}

/** Child mode: serve until killed, announce the port on stdout. */
async function serve(): Promise<void> {
  const sandbox = await startBenchSandbox();
  process.stdout.write(`${JSON.stringify({ port: sandbox.port })}\n`);
  const stop = (): void => void sandbox.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

interface Target {
  url: string;
  stop(): Promise<void>;
}

async function startTarget(inProcess: boolean): Promise<Target> {
  if (inProcess) {
    const sandbox = await startBenchSandbox();
    return { url: sandbox.url, stop: () => sandbox.close() };
  }
  // --expose-gc lets GET /sandbox/stats?gc=1 measure live memory rather than where the collector happens to be.
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', __filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

let numberSeed = 0;
function recipients(count: number, plus = false): string[] {
  const list: string[] = [];
  for (let i = 0; i < count; i++) list.push(`${plus ? '+' : ''}4477${String(10_000_000 + (numberSeed++ % 89_999_999)).padStart(8, '0')}`);
  return list;
}

type Build = (index: number) => { path: string; method: 'POST' | 'GET'; headers: Record<string, string>; body?: string; messages: number };

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const REST = { 'content-type': 'application/json', accept: 'application/json', 'x-version': '1', authorization: `Bearer ${DEMO_CREDENTIALS.clickatellRest.token}` };
const HTTP_AUTH = { api_id: DEMO_CREDENTIALS.clickatellHttp.apiId, user: DEMO_CREDENTIALS.clickatellHttp.user, password: DEMO_CREDENTIALS.clickatellHttp.password };
const CS_AUTH = { username: DEMO_CREDENTIALS.clicksend.username, key: DEMO_CREDENTIALS.clicksend.key };
const CS_V3 = {
  'content-type': 'application/json',
  accept: 'application/json',
  authorization: `Basic ${Buffer.from(`${DEMO_CREDENTIALS.clicksend.username}:${DEMO_CREDENTIALS.clicksend.key}`).toString('base64')}`,
};

const builders: Record<string, (size: number) => Build> = {
  'Clickatell HTTP': (size) => (index) => ({
    path: '/http/sendmsg',
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({ ...HTTP_AUTH, to: recipients(size).join(','), text: `Benchmark message ${index}` }).toString(),
    messages: size,
  }),
  'Clickatell REST': (size) => (index) => ({
    path: '/rest/message',
    method: 'POST',
    headers: REST,
    body: JSON.stringify({ text: `Benchmark message ${index}`, to: recipients(size) }),
    messages: size,
  }),
  'ClickSend v2': (size) => (index) => ({
    path: '/http/v2/send.php',
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({ ...CS_AUTH, to: recipients(size, true).join(','), message: `Benchmark message ${index}` }).toString(),
    messages: size,
  }),
  'ClickSend REST v3': (size) => (index) => ({
    path: '/v3/sms/send',
    method: 'POST',
    headers: CS_V3,
    body: JSON.stringify({ messages: recipients(size, true).map((to) => ({ to, body: `Benchmark message ${index}` })) }),
    messages: size,
  }),
};

interface RunResult {
  requests: number;
  messages: number;
  seconds: number;
  failures: number;
}

/** Fire `total` requests with `concurrency` in flight over a keep-alive pool. */
async function run(pool: Pool, total: number, concurrency: number, build: Build): Promise<RunResult> {
  let next = 0;
  let messages = 0;
  let failures = 0;
  // Bodies are built before the clock starts: the benchmark measures the server, not string building.
  const prepared = Array.from({ length: total }, (_, index) => build(index));
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const request = prepared[next++];
        const response = await pool.request({ path: request.path, method: request.method, headers: request.headers, body: request.body });
        const text = await response.body.text();
        // REST v3 answers 200 whatever each message's fate: every message of the request must be queued.
        const refused = request.path.startsWith('/v3/') && !text.includes(`"queued_count":${request.messages},`);
        if (response.statusCode >= 300 || text.includes('ERR:') || text.includes('"error"') || refused) failures++;
        else messages += request.messages;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { requests: total, messages, seconds, failures };
}

function report(label: string, result: RunResult): void {
  const rate = (count: number): string => Math.round(count / result.seconds).toLocaleString('en-US').padStart(9);
  console.log(
    `${label.padEnd(40)} ${rate(result.requests)} req/s ${rate(result.messages)} msg/s   (${result.requests.toLocaleString('en-US')} requests, ${result.seconds.toFixed(2)} s${result.failures ? `, ${result.failures} failed` : ''})`,
  );
}

async function stats(pool: Pool): Promise<{ rss: number; heap: number; stored: number; evicted: number; total: number }> {
  const response = await pool.request({ path: '/sandbox/stats?gc=1', method: 'GET' });
  const body = (await response.body.json()) as { rssBytes: number; heapUsedBytes: number; messages: { stored: number; evicted: number; totalSent: number } };
  return { rss: body.rssBytes, heap: body.heapUsedBytes, stored: body.messages.stored, evicted: body.messages.evicted, total: body.messages.totalSent };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  if (args.serve) return serve();
  const target = await startTarget(args.inProcess);
  const pool = new Pool(target.url, { connections: args.concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  try {
    console.log(`Sandbox benchmark: server ${args.inProcess ? 'in this process' : 'in a child process'}, ${args.concurrency} connections, Node ${process.version}\n`);
    const fresh = await stats(pool);
    // Warm-up: JIT, connections, first allocations.
    await run(pool, 2000, args.concurrency, builders['Clickatell HTTP'](1));
    await run(pool, 40, args.concurrency, builders['Clickatell HTTP'](BATCH));

    console.log('Single sends (one recipient per request)');
    for (const [api, build] of Object.entries(builders)) report(`  ${api}`, await run(pool, args.single, args.concurrency, build(1)));
    console.log(`\n${BATCH}-recipient sends`);
    for (const [api, build] of Object.entries(builders)) report(`  ${api}`, await run(pool, args.batches, Math.min(args.concurrency, 8), build(BATCH)));

    console.log(`\nMemory over ${args.million.toLocaleString('en-US')} messages (Clickatell HTTP, ${BATCH} recipients per request)`);
    const before = await stats(pool);
    console.log(`  server RSS at start ${mb(fresh.rss)} (empty history)`);
    console.log(`  server RSS before  ${mb(before.rss)} (heap ${mb(before.heap)}; ${before.total.toLocaleString('en-US')} sent so far, ${before.stored.toLocaleString('en-US')} kept)`);
    // Five legs, the server's memory after each: it should level off once the history is full.
    const legs = 5;
    const perLeg = Math.ceil(args.million / BATCH / legs);
    const total: RunResult = { requests: 0, messages: 0, seconds: 0, failures: 0 };
    for (let leg = 1; leg <= legs; leg++) {
      const result = await run(pool, perLeg, 8, builders['Clickatell HTTP'](BATCH));
      total.requests += result.requests;
      total.messages += result.messages;
      total.seconds += result.seconds;
      total.failures += result.failures;
      const now = await stats(pool);
      console.log(`  after ${(leg * perLeg * BATCH).toLocaleString('en-US').padStart(9)} messages: RSS ${mb(now.rss)} (heap ${mb(now.heap)}; ${now.stored.toLocaleString('en-US')} kept, ${now.evicted.toLocaleString('en-US')} evicted)`);
    }
    report('  sent', total);
  } finally {
    await pool.close();
    await target.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
