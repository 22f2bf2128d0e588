/**
 * n8n 2.41 (real, the pinned install of scripts/e2e/ensure-n8n.sh; our package from its packed tarball),
 * workflows started by a webhook that answers when the last node has finished:
 *   ours         Webhook → Code (N items) → our Clickatell node, Send over the REST API (to and text from
 *                two expressions)
 *   httpRequest  Webhook → Code → n8n's HTTP Request node: one POST /rest/message per item
 *   set          Webhook → Code → a Set node with the same two expressions: n8n's own floor for N items
 * and callbacks: our Clickatell Trigger against a bare Webhook workflow, at a steady concurrency (rate)
 * and as one burst of concurrent posts (answers counted by status).
 *
 * A second baseline for callbacks: the same bare workflow on Webhook version 1. n8n 2.41 runs every
 * trigger's webhook function inside an expression isolate (a fresh one per request: its pool, of
 * N8N_EXPRESSION_ENGINE_POOL_SIZE = 1 by default, disposes each isolate after use) and skips that only for
 * its own Webhook node from version 2 on (n8n 2.41 dist/webhooks/live-webhooks.js webhookPhaseNeedsIsolate:
 * any other node type, or Webhook typeVersion 1, needs the isolate). Version 1 shows what n8n's own node
 * costs when it pays the same toll as every community trigger.
 *
 * A third: Webhook version 2 with Header Auth, n8n's own node checking a shared secret as our trigger
 * does. Its webhook phase skips the isolate, but reading the credential takes one (n8n 2.41
 * credentials-helper.js applyDefaultsAndOverwrites: a webhook's getCredentials has no run data, so the
 * credential's expressions are resolved in a fresh Workflow that acquires its own isolate).
 */
/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets --
   a command-line benchmark, never loaded by n8n: printing, processes, files and the sandbox's demo secrets are its job. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CREDENTIALS } from '../../sandbox';
import { ensureN8n, N8nHome, nodeType, packPackage } from '../../test/e2e/n8n/harness';
import { clickatellStatusBody, postLoad, type LoadResult } from './support/load';
import type { SandboxProcess } from './support/sandbox-process';
import { median } from './support/stats';

const REST_TOKEN = DEMO_CREDENTIALS.clickatellRest.token;
const CALLBACK_SECRET = 'bench-callback-secret-0123456789';
const CREDENTIALS = {
  rest: { id: 'gkBenchCredRest1', name: 'Bench Clickatell REST (sandbox)' },
  hook: { id: 'gkBenchCredHook1', name: 'Bench webhook secret' },
  header: { id: 'gkBenchCredHead1', name: 'Bench Header Auth' },
};
/** The header n8n's Webhook Header Auth checks in the third baseline. */
const AUTH_HEADER = { 'x-callback-token': CALLBACK_SECRET };
const MAKE_ITEMS = `const n = $input.first().json.body.n;
const items = new Array(n);
for (let i = 0; i < n; i++) items[i] = { json: { to: '2782' + String(i).padStart(7, '0'), text: 'Your table is ready.' } };
return items;`;

export interface N8nFigures {
  n: number;
  oursMs: number;
  httpRequestMs: number;
  setMs: number;
  /** Median over the rounds of (ours − Set) / N: each round's pair ran back to back under the same load. */
  overheadMsPerItem: number;
  oursRequests: number;
  httpRequestRequests: number;
  callbacks: number;
  trigger: LoadResult;
  webhook: LoadResult;
  /** The same bare workflow on Webhook version 1, which n8n runs inside an isolate like any other trigger. */
  webhookV1: LoadResult;
  /** Webhook version 2 with Header Auth: n8n's own node verifying a secret (one credential read per post). */
  webhookAuth: LoadResult;
  burst: number;
  triggerBurst: LoadResult;
  webhookBurst: LoadResult;
  /** The burst against Webhook v2 with Header Auth (a credential read per post, like ours). */
  webhookAuthBurst: LoadResult;
}

interface Node {
  name: string;
  type: string;
  typeVersion: number;
  parameters: object;
  credentials?: object;
  webhookId?: string;
}

function workflow(id: string, name: string, nodes: Node[]): object {
  const connections: Record<string, object> = {};
  for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
  return {
    id,
    name,
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: nodes.map((node, i) => ({ id: randomUUID(), position: [i * 240, 0], ...node })),
    connections,
  };
}

const webhook = (path: string, responseMode: 'lastNode' | 'onReceived'): Node => ({
  name: 'Webhook',
  type: 'n8n-nodes-base.webhook',
  typeVersion: 2,
  webhookId: randomUUID(),
  parameters: { httpMethod: 'POST', path, responseMode, ...(responseMode === 'lastNode' ? { responseData: 'firstEntryJson' } : {}), options: {} },
});
const makeItems: Node = { name: 'Make Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: MAKE_ITEMS } };

function workflows(sandboxUrl: string) {
  const triggerHookId = randomUUID();
  return {
    triggerHookId,
    list: [
      workflow('gkBenchWfOurs001', 'Bench: our Clickatell node', [
        webhook('bench-ours', 'lastNode'),
        makeItems,
        {
          name: 'Send',
          type: nodeType('clickatell'),
          typeVersion: 1,
          parameters: { authentication: 'clickatellRestApi', resource: 'message', operation: 'send', to: '={{ $json.to }}', text: '={{ $json.text }}' },
          credentials: { clickatellRestApi: CREDENTIALS.rest },
        },
      ]),
      workflow('gkBenchWfHttp001', "Bench: n8n's HTTP Request node per item", [
        webhook('bench-http', 'lastNode'),
        makeItems,
        {
          name: 'HTTP Request',
          type: 'n8n-nodes-base.httpRequest',
          typeVersion: 4.2,
          parameters: {
            method: 'POST',
            url: `${sandboxUrl}/rest/message`,
            sendHeaders: true,
            headerParameters: {
              parameters: [
                { name: 'X-Version', value: '1' },
                { name: 'Authorization', value: `Bearer ${REST_TOKEN}` },
                { name: 'Accept', value: 'application/json' },
              ],
            },
            sendBody: true,
            specifyBody: 'json',
            jsonBody: '={{ JSON.stringify({ to: [$json.to], text: $json.text }) }}',
            options: {},
          },
        },
      ]),
      workflow('gkBenchWfSet0001', 'Bench: Set node floor', [
        webhook('bench-set', 'lastNode'),
        makeItems,
        {
          name: 'Set',
          type: 'n8n-nodes-base.set',
          typeVersion: 3.4,
          parameters: {
            mode: 'manual',
            assignments: {
              assignments: [
                { id: randomUUID(), name: 'to', value: '={{ $json.to }}', type: 'string' },
                { id: randomUUID(), name: 'text', value: '={{ $json.text }}', type: 'string' },
              ],
            },
            options: {},
          },
        },
      ]),
      workflow('gkBenchWfTrig001', 'Bench: Clickatell Trigger', [
        {
          name: 'Trigger',
          type: nodeType('clickatellTrigger'),
          typeVersion: 2,
          webhookId: triggerHookId,
          parameters: { api: 'clickatell-http', events: ['inbound', 'status'], verification: 'token' },
          credentials: { smsWebhookAuthApi: CREDENTIALS.hook },
        },
      ]),
      workflow('gkBenchWfHook001', 'Bench: bare Webhook', [webhook('bench-bare', 'onReceived')]),
      workflow('gkBenchWfHookV1', 'Bench: bare Webhook v1', [{ ...webhook('bench-bare-v1', 'onReceived'), typeVersion: 1 }]),
      workflow('gkBenchWfHookAu1', 'Bench: Webhook with Header Auth', [
        (() => {
          const node = webhook('bench-auth', 'onReceived');
          return { ...node, parameters: { ...node.parameters, authentication: 'headerAuth' }, credentials: { httpHeaderAuth: CREDENTIALS.header } };
        })(),
      ]),
    ],
  };
}

async function timedPost(url: string, body: object): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return performance.now() - started;
}

export async function benchN8n(
  sandbox: SandboxProcess,
  options: { n: number; callbacks: number; burst: number; rounds: number; log: (line: string) => void; sends?: boolean; callbacksToo?: boolean; env?: Record<string, string> },
): Promise<N8nFigures> {
  const work = mkdtempSync(join(tmpdir(), 'gatewaykit-bench-n8n-'));
  const install = ensureN8n();
  const home = await N8nHome.create(install, { tarball: packPackage(work), env: { N8N_PAYLOAD_SIZE_MAX: '64', ...options.env } });
  const { list, triggerHookId } = workflows(sandbox.url);
  await home.importCredentials([
    { ...CREDENTIALS.rest, type: 'clickatellRestApi', data: { authToken: REST_TOKEN, baseUrl: sandbox.url } },
    { ...CREDENTIALS.hook, type: 'smsWebhookAuthApi', data: { secret: CALLBACK_SECRET, queryParameter: 'token', user: '' } },
    { ...CREDENTIALS.header, type: 'httpHeaderAuth', data: { name: 'X-Callback-Token', value: CALLBACK_SECRET } },
  ]);
  await home.importWorkflows(list);
  for (const flow of list) await home.publishWorkflow((flow as { id: string }).id);
  const server = await home.start();
  try {
    const hook = (path: string) => `${server.baseUrl}/webhook/${path}`;
    const triggerUrl = `${server.baseUrl}/webhook/${triggerHookId}/webhook?token=${CALLBACK_SECRET}`;
    // Webhooks of active workflows answer a few seconds after readiness.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answers = await Promise.all(
        [triggerUrl, hook('bench-bare'), hook('bench-bare-v1'), hook('bench-auth')].map((url) =>
          fetch(url, { method: 'POST', headers: { ...AUTH_HEADER, 'content-type': 'application/x-www-form-urlencoded' }, body: clickatellStatusBody(0) }).then((r) => r.status, () => 0),
        ),
      );
      if (answers.every((status) => status === 200)) break;
      if (Date.now() > deadline) throw new Error(`n8n webhooks not ready: ${answers.join(', ')}\n${server.logs().split('\n').slice(-30).join('\n')}`);
      await new Promise((wait) => setTimeout(wait, 500));
    }
    options.log(`n8n at ${server.baseUrl} (pid ${String(server.process.pid)})`);

    const times: Record<'ours' | 'http' | 'set', number[]> = { ours: [], http: [], set: [] };
    const requests: Record<'ours' | 'http', number> = { ours: 0, http: 0 };
    const warm = Math.min(options.n, 500);
    const sendRounds = options.sends === false ? 0 : options.rounds;
    const callbackRounds = options.callbacksToo === false ? 0 : options.rounds;
    for (const path of sendRounds > 0 ? (['ours', 'http', 'set'] as const) : []) await timedPost(hook(`bench-${path}`), { n: warm });
    for (let round = 0; round < sendRounds; round++) {
      const order = (['ours', 'http', 'set'] as const).map((_, i, all) => all[(i + round) % all.length]);
      for (const path of order) {
        await sandbox.reset();
        times[path].push(await timedPost(hook(`bench-${path}`), { n: options.n }));
        if (path !== 'set') requests[path] = (await sandbox.requests())['clickatell-rest POST /rest/message'] ?? 0;
      }
      options.log(`  round ${round + 1}: ours ${times.ours[round].toFixed(0)} ms, HTTP Request ${times.http[round].toFixed(0)} ms, Set ${times.set[round].toFixed(0)} ms`);
    }

    const paths = ['trigger', 'webhook', 'webhookV1', 'webhookAuth'] as const;
    const loads: Record<(typeof paths)[number], LoadResult[]> = { trigger: [], webhook: [], webhookV1: [], webhookAuth: [] };
    const callbackUrls = { trigger: triggerUrl, webhook: hook('bench-bare'), webhookV1: hook('bench-bare-v1'), webhookAuth: hook('bench-auth') };
    for (let round = 0; round < callbackRounds; round++) {
      // Rotated per round, like the sends, so no path always runs first.
      const order = paths.map((_, i) => paths[(i + round) % paths.length]);
      for (const which of order) loads[which].push(await postLoad(callbackUrls[which], options.callbacks, 4, clickatellStatusBody, undefined, which === 'webhookAuth' ? AUTH_HEADER : {}));
    }
    const none: LoadResult = { sent: 0, ms: Number.NaN, perSecond: Number.NaN, statuses: {} };
    const medianLoad = (runs: LoadResult[]): LoadResult => (runs.length === 0 ? none : runs.slice().sort((a, b) => a.perSecond - b.perSecond)[runs.length >> 1]);
    // One burst each, ours last (what the others leave behind cannot help ours), with a pause between so
    // the executions a burst started have finished before the next one.
    const burst = async (url: string, headers: Record<string, string> = {}): Promise<LoadResult> => {
      if (callbackRounds === 0) return none;
      const result = await postLoad(url, options.burst, options.burst, clickatellStatusBody, undefined, headers);
      await new Promise((wait) => setTimeout(wait, 5000));
      return result;
    };
    const webhookBurst = await burst(hook('bench-bare'));
    const webhookAuthBurst = await burst(hook('bench-auth'), AUTH_HEADER);
    const triggerBurst = await burst(triggerUrl);
    return {
      n: options.n,
      oursMs: median(times.ours),
      httpRequestMs: median(times.http),
      setMs: median(times.set),
      overheadMsPerItem: median(times.ours.map((ms, round) => (ms - times.set[round]) / options.n)),
      oursRequests: requests.ours,
      httpRequestRequests: requests.http,
      callbacks: options.callbacks,
      trigger: medianLoad(loads.trigger),
      webhook: medianLoad(loads.webhook),
      webhookV1: medianLoad(loads.webhookV1),
      webhookAuth: medianLoad(loads.webhookAuth),
      burst: options.burst,
      triggerBurst,
      webhookBurst,
      webhookAuthBurst,
    };
  } finally {
    await server.stop();
    home.remove();
    rmSync(work, { recursive: true, force: true });
  }
}
