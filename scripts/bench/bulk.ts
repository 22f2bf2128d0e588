/**
 * Bulk send benchmark: N recipients through the Clickatell REST client against the local sandbox,
 * three ways in one run, each on a fresh sandbox:
 *   per-item  one request per recipient, one at a time (what a plain n8n/Node-RED node does per item)
 *   planned   runBulk: recipients batched up to the API limit, bounded concurrency
 *   raw       the same batched HTTP requests fired with fetch at the same concurrency, no planner,
 *             no client (the floor the planner's overhead is measured against)
 * Prints requests made (counted at the transport), wall time and messages/s, the ratios, and checks
 * that batched runs made exactly ceil(N / limit) requests. Exits 1 when a check fails.
 *
 * Environment: BENCH_N (default 10000), BENCH_CONCURRENCY (default 4).
 */
import { performance } from 'node:perf_hooks';
import { bulkStats, planBatches, runBulk, type BulkItem } from '../../gateways/bulk';
import { ClickatellRestClient, buildSendRequest, type ClickatellRestCredentials } from '../../gateways/clickatell-rest';
import { API_LIMITS } from '../../gateways/limits';
import { FetchTransport, type HttpRequest, type HttpResponse, type Transport } from '../../gateways/transport';
import { DEMO_CREDENTIALS, startSandbox } from '../../sandbox';

const N = positive(process.env.BENCH_N, 10_000);
const CONCURRENCY = positive(process.env.BENCH_CONCURRENCY, 4);
const LIMIT = API_LIMITS['clickatell-rest'].maxRecipientsPerRequest;
const TEXT = 'Your table is ready. Reply STOP to opt out.';

interface Figures {
  name: string;
  /** Requests counted by the client side (transport or raw loop). */
  requests: number;
  accepted: number;
  ms: number;
  /** What the sandbox's inspection state counted: requests received and messages accepted. */
  server?: { requests: number; accepted: number };
}

/** Counts every request that goes out, whoever sends it. */
class CountingTransport implements Transport {
  requests = 0;
  constructor(private readonly inner: Transport) {}
  send(request: HttpRequest): Promise<HttpResponse> {
    this.requests += 1;
    return this.inner.send(request);
  }
}

/** N distinct valid international numbers (South African mobile range). */
function recipients(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `2782${String(i).padStart(7, '0')}`);
}

async function withSandbox(run: (credentials: ClickatellRestCredentials) => Promise<Figures>): Promise<Figures> {
  const { accountId, token } = DEMO_CREDENTIALS.clickatellRest;
  // The demo account holds 300.5 credits (the spec's example); the benchmark needs N messages' worth.
  const sandbox = await startSandbox({ port: 0, quiet: true, accounts: [{ id: accountId, provider: 'clickatell-rest', token, balance: 1e9 }] });
  try {
    const figures = await run({ token, baseUrl: sandbox.url });
    const stats = sandbox.state.stats;
    return { ...figures, server: { requests: stats.total, accepted: stats.messagesAccepted } };
  } finally {
    await sandbox.close();
  }
}

async function perItem(numbers: string[]): Promise<Figures> {
  return withSandbox(async (credentials) => {
    const transport = new CountingTransport(new FetchTransport({ provider: 'clickatell-rest' }));
    const client = new ClickatellRestClient({ credentials, transport });
    let accepted = 0;
    let firstError: unknown;
    const started = performance.now();
    for (const to of numbers) {
      try {
        const [outcome] = await client.send({ to: [to], text: TEXT });
        if (outcome.ok) accepted += 1;
        else firstError ??= outcome.error;
      } catch (error) {
        firstError ??= error;
      }
    }
    const ms = performance.now() - started;
    report('per-item', firstError);
    return { name: 'per-item', requests: transport.requests, accepted, ms };
  });
}

async function planned(numbers: string[]): Promise<Figures> {
  return withSandbox(async (credentials) => {
    const transport = new CountingTransport(new FetchTransport({ provider: 'clickatell-rest' }));
    const client = new ClickatellRestClient({ credentials, transport });
    // One item per recipient: the shape of N workflow items, each asking for one SMS.
    const items: BulkItem[] = numbers.map((to) => ({ to: [to], text: TEXT }));
    const started = performance.now();
    const results = await runBulk(client, items, { concurrency: CONCURRENCY });
    const ms = performance.now() - started;
    const stats = bulkStats(results);
    const failed = results.flatMap((r) => r.outcomes).find((o) => !o.ok);
    report('planned', failed && !failed.ok ? failed.error : undefined);
    if (stats.requests !== transport.requests) console.error(`planned: bulkStats counted ${stats.requests} requests, the transport ${transport.requests}`);
    return { name: 'planned', requests: transport.requests, accepted: stats.accepted, ms };
  });
}

async function raw(numbers: string[]): Promise<Figures> {
  return withSandbox(async (credentials) => {
    // The requests are built before the clock starts: raw measures HTTP only.
    const requests: HttpRequest[] = [];
    for (let i = 0; i < numbers.length; i += LIMIT) requests.push(buildSendRequest(credentials, { to: numbers.slice(i, i + LIMIT), text: TEXT }));
    let sent = 0;
    let accepted = 0;
    let firstError: unknown;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const request = requests[next++];
        sent += 1;
        try {
          const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
          const body = await response.text();
          if (response.status === 202 || response.status === 207 || response.status === 200) {
            const messages = (JSON.parse(body) as { data?: { message?: { accepted?: unknown }[] } }).data?.message ?? [];
            accepted += messages.filter((m) => [true, 1, 'true', '1'].includes(m.accepted as never)).length;
          } else {
            firstError ??= `HTTP ${response.status}`;
          }
        } catch (error) {
          firstError ??= error;
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, requests.length) }, worker));
    const ms = performance.now() - started;
    report('raw', firstError);
    return { name: 'raw', requests: sent, accepted, ms };
  });
}

function report(name: string, error: unknown): void {
  if (error === undefined) return;
  const text = error instanceof Error ? error.message : String(error);
  console.error(`${name}: first failure: ${text}`);
}

function rate(figures: Figures): number {
  return N / (figures.ms / 1000);
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`expected a whole number above 0, got ${value}`);
  return parsed;
}

async function main(): Promise<void> {
  const numbers = recipients(N);
  const expectedBatched = Math.ceil(N / LIMIT);
  // The planner's own plan must agree with the arithmetic before any figure is worth printing.
  const plan = planBatches(numbers.map((to) => ({ to: [to], text: TEXT })), LIMIT);

  console.log(`bulk benchmark: ${N} recipients, Clickatell REST (limit ${LIMIT}/request), concurrency ${CONCURRENCY}`);
  const runs = [await perItem(numbers), await planned(numbers), await raw(numbers)];
  const [item, bulk, fired] = runs;

  console.log('');
  console.log('mode       requests   accepted   wall ms     msg/s   sandbox saw (requests / accepted)');
  for (const f of runs) {
    const seen = f.server ? `${f.server.requests} / ${f.server.accepted}` : 'n/a';
    console.log(`${f.name.padEnd(10)} ${String(f.requests).padStart(8)} ${String(f.accepted).padStart(10)} ${f.ms.toFixed(0).padStart(9)} ${rate(f).toFixed(0).padStart(9)}   ${seen}`);
  }
  console.log('');
  console.log(`planned / raw      throughput ${(rate(bulk) / rate(fired)).toFixed(3)}  (1.0 = no planner overhead)`);
  console.log(`planned / per-item throughput ${(rate(bulk) / rate(item)).toFixed(1)}x`);

  const checks: [string, boolean][] = [
    [`plan has ceil(${N} / ${LIMIT}) = ${expectedBatched} batches (got ${plan.length})`, plan.length === expectedBatched],
    [`planned made ${expectedBatched} requests (got ${bulk.requests})`, bulk.requests === expectedBatched],
    [`raw made ${expectedBatched} requests (got ${fired.requests})`, fired.requests === expectedBatched],
    [`per-item made ${N} requests (got ${item.requests})`, item.requests === N],
    [`every mode accepted all ${N} recipients`, runs.every((f) => f.accepted === N)],
    [`the sandbox saw the same requests and messages as the client side`, runs.every((f) => f.server?.requests === f.requests && f.server.accepted === f.accepted)],
  ];
  console.log('');
  for (const [label, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
