/**
 * Clickatell Portal APIs, figures only (nothing is asserted):
 *   parse   parsePortalSendResponse on a full 200-message answer, Platform and One API form, in process
 *           (median of rounds, microseconds per answer), beside the REST parser on the same 200 entries
 *   bulk    runBulk over ClickatellPlatformClient and ClickatellOneClient against an in-process sandbox:
 *           N recipients in batches of 200, wall time, requests, accepted, sent twice (must be 0)
 * Run: node -r ./scripts/bench/register-ts.js scripts/bench/portal.ts [N]   (default N 10000)
 */
/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets --
   a command-line benchmark, never loaded by n8n: printing and the sandbox's demo secrets are its job. */
import { bulkStats, runBulk, type BulkItem } from '../../gateways/bulk/planner';
import { ClickatellOneClient, ClickatellPlatformClient, parsePortalSendResponse } from '../../gateways/clickatell-portal';
import { parseSendResponse } from '../../gateways/clickatell-rest/parser';
import type { SmsGateway } from '../../gateways/gateway';
import { FetchTransport } from '../../gateways/transport';
import { DEMO_CREDENTIALS, startSandbox } from '../../sandbox';
import { fixed, median, table } from './support/stats';

const TEXT = 'Your table is ready. Reply STOP to opt out.';
const ROUNDS = 7;
const PER_ROUND = 2000;

function numbers(count: number, prefix = '2783'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(7, '0')}`);
}

function parseFigure(parse: () => unknown): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let i = 0; i < PER_ROUND; i++) parse();
    rounds.push(((performance.now() - started) * 1000) / PER_ROUND);
  }
  return median(rounds);
}

function parseFigures(): string[][] {
  const to = numbers(200);
  const id = (i: number) => i.toString(16).padStart(32, '0');
  const platform = JSON.stringify({ messages: to.map((number, i) => ({ apiMessageId: id(i), accepted: true, to: number, errorCode: null, error: null, errorDescription: null })), errorCode: null, error: null, errorDescription: null });
  const one = JSON.stringify({ messages: to.map((number, i) => ({ apiMessageId: id(i), accepted: true, to: number, error: null })), error: null });
  const rest = JSON.stringify({ data: { message: to.map((number, i) => ({ accepted: true, to: number, apiMessageId: id(i) })) } });
  const context = { recipients: to, now: new Date() };
  return [
    ['Platform, 200 entries', fixed(parseFigure(() => parsePortalSendResponse('clickatell-platform', { status: 202, headers: {}, body: platform }, context)), 1)],
    ['One API, 200 entries', fixed(parseFigure(() => parsePortalSendResponse('clickatell-one', { status: 202, headers: {}, body: one }, context)), 1)],
    ['REST (baseline), 200 entries', fixed(parseFigure(() => parseSendResponse({ status: 202, headers: {}, body: rest }, context)), 1)],
  ];
}

async function bulkFigure(name: string, client: SmsGateway & { requests: () => number }, to: readonly string[], messagesSent: () => number): Promise<string[]> {
  const items: BulkItem[] = to.map((number) => ({ to: [number], text: TEXT }));
  const before = messagesSent();
  const started = performance.now();
  const results = await runBulk(client, items, { concurrency: 4, sleep: (ms) => new Promise((done) => setTimeout(done, ms)) });
  const ms = performance.now() - started;
  const stats = bulkStats(results);
  const stored = messagesSent() - before;
  return [name, String(to.length), fixed(ms, 0), String(client.requests()), String(stats.accepted), String(stored - stats.accepted)];
}

function counted<T extends SmsGateway>(make: (transport: FetchTransport) => T): T & { requests: () => number } {
  let requests = 0;
  const fetchTransport = new FetchTransport();
  const transport = { send: (request: Parameters<FetchTransport['send']>[0]) => ((requests += 1), fetchTransport.send(request)) } as FetchTransport;
  return Object.assign(make(transport), { requests: () => requests });
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 10_000);
  console.log('parse: microseconds per answer (median of rounds)');
  console.log(table(['answer', 'us'], parseFigures()));
  const sandbox = await startSandbox({ port: 0, quiet: true, maxHistory: 4 * n, accounts: [{ id: DEMO_CREDENTIALS.clickatellPortal.accountId, balance: 1e9 }] });
  try {
    const credentials = { apiKey: DEMO_CREDENTIALS.clickatellPortal.apiKey, baseUrl: sandbox.url };
    const stored = () => sandbox.state.stats.messagesAccepted;
    const rows = [
      await bulkFigure('Platform (REST integration)', counted((transport) => new ClickatellPlatformClient({ credentials, transport })), numbers(n, '2784'), stored),
      await bulkFigure('One API', counted((transport) => new ClickatellOneClient({ credentials, transport })), numbers(n, '2785'), stored),
    ];
    console.log('\nbulk: runBulk against the sandbox, batches of 200, concurrency 4');
    console.log(table(['API', 'recipients', 'ms', 'requests', 'accepted', 'sent twice'], rows));
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
