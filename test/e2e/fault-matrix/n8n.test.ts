/**
 * The bulk-send fault matrix (matrix.ts) in a real n8n 2.41: one active workflow per API, a Webhook node
 * (answering with the last node's items) and the package's send node set to continue on error, so every
 * recipient comes back as an item: an event, or an error item with `certainlyNotSent`. The sandbox runs on
 * 127.0.0.1 with a fault on the API's send route per scenario; judge() compares the items with the
 * messages the sandbox holds. Needs `npm run build` first (the package is packed from dist/).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { credentialFixtures } from '../n8n/fixtures';
import { ensureN8n, freePort, N8nHome, nodeType, packPackage, type RunningN8n } from '../n8n/harness';
import { webhookNode, workflowJson } from '../n8n/workflow-json';
import { eventually } from '../eventually';
import { digits, judge, MATRIX, numbers, SEND_ROUTE, type Api } from './matrix';

const SEND_NODE: Record<Api, { type: string; parameters: Record<string, unknown>; credentials: Record<string, { id: string; name: string }> }> = {
  'clickatell-http': {
    type: nodeType('clickatell'),
    parameters: { authentication: 'clickatellHttpApi' },
    credentials: { clickatellHttpApi: { id: 'gkCredCtHttpSes1', name: 'Clickatell HTTP (sandbox, session)' } },
  },
  'clickatell-rest': {
    type: nodeType('clickatell'),
    parameters: { authentication: 'clickatellRestApi' },
    credentials: { clickatellRestApi: { id: 'gkCredCtRest0001', name: 'Clickatell REST (sandbox)' } },
  },
  clicksend: { type: nodeType('clickSend'), parameters: {}, credentials: { clickSendApi: { id: 'gkCredClickSend1', name: 'ClickSend (sandbox)' } } },
};

const WORKFLOW_ID: Record<Api, string> = { 'clickatell-http': 'gkFaultsCtHttp01', 'clickatell-rest': 'gkFaultsCtRest01', clicksend: 'gkFaultsCs000001' };

function workflow(api: Api): object {
  const send = SEND_NODE[api];
  return workflowJson(
    WORKFLOW_ID[api],
    `Fault matrix ${api}`,
    [
      webhookNode({ httpMethod: 'POST', path: `fault-matrix-${api}`, responseMode: 'lastNode', responseData: 'allEntries', options: {} }),
      {
        id: randomUUID(),
        name: 'Send',
        type: send.type,
        typeVersion: 1,
        position: [260, 0],
        parameters: { ...send.parameters, resource: 'message', operation: 'send', to: '={{ $json.body.to }}', text: '={{ $json.body.text }}' },
        credentials: send.credentials,
        onError: 'continueRegularOutput',
      },
    ],
    { Webhook: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
  );
}

const isErrorItem = (item: Record<string, unknown>): boolean => typeof item.error === 'string';

let scratch: string;
let sandbox: Sandbox;
let home: N8nHome;
let n8n: RunningN8n;

const hook = (api: Api) => `${n8n.baseUrl}/webhook/fault-matrix-${api}`;

async function sandboxJson(resource: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${sandbox.url}/sandbox/${resource}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`sandbox ${resource}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

async function send(api: Api, to: string[], text: string): Promise<{ status: number; items: Array<Record<string, unknown>> }> {
  const response = await fetch(hook(api), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: to.join(', '), text }) });
  const body = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = [];
  }
  return { status: response.status, items: (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>> };
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-n8n-faults-'));
  const install = ensureN8n();
  const tarball = packPackage(scratch);
  sandbox = await startSandbox({ quiet: true, lifecycle: { sentAfterMs: 50, deliveredAfterMs: 100 } });
  home = await N8nHome.create(install, { tarball });
  await home.importCredentials(credentialFixtures(sandbox.url));
  const apis: Api[] = ['clickatell-http', 'clickatell-rest', 'clicksend'];
  await home.importWorkflows(apis.map(workflow));
  for (const api of apis) await home.publishWorkflow(WORKFLOW_ID[api]);
  n8n = await home.start({ port: await freePort() });
  for (const api of apis) {
    // Registered once it runs: an empty send comes back as an error item (the node continues on error).
    await eventually(`the ${api} webhook`, async () => ((await fetch(hook(api), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status === 200 ? true : undefined), 90_000);
  }
}, 12 * 60_000);

afterAll(async () => {
  await n8n?.stop();
  await sandbox?.close();
  home?.remove();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 60_000);

describe('bulk sends under faults in a real n8n 2.41', () => {
  it.each(MATRIX.map(([api, scenario], index) => [api, scenario.name, scenario, index] as const))('%s, %s', async (api, _name, scenario, index) => {
    await sandboxJson('faults', { method: 'DELETE' });
    if (scenario.fault) await sandboxJson('faults', { method: 'POST', body: JSON.stringify({ ...scenario.fault, api, route: SEND_ROUTE[api] }) });
    const to = numbers(api, index, 1);
    const { status, items } = await send(api, to, `fault matrix n8n ${api} ${index}`);
    await sandboxJson('faults', { method: 'DELETE' });
    expect(status).toBe(200);
    // An error item has the message as `error`; an event's `error` is a boolean (a failed delivery state).
    const failedItems = items.filter(isErrorItem);
    const accepted = items.filter((item) => !isErrorItem(item)).map((item) => String(item.to));
    const failed = failedItems.map((item) => ({ to: String(item.to), certainlyNotSent: item.certainlyNotSent as boolean }));
    // Every error item carries the field, as a boolean, next to the finer `delivery`.
    for (const item of failedItems) {
      expect(typeof item.certainlyNotSent).toBe('boolean');
      expect(item.certainlyNotSent).toBe(item.delivery !== 'unknown');
    }
    const atGateway = await Promise.all(to.map(async (number) => (await sandboxJson(`messages?to=${digits(number)}`)).count as number));
    judge(scenario, to, accepted, failed, atGateway);
  }, 90_000);

  it('reports a refused recipient as certainly not sent, next to the accepted ones', async () => {
    const { items } = await send('clickatell-rest', ['27999700201', '9991210000', '27999700202'], 'refused one');
    expect(items.filter(isErrorItem)).toEqual([expect.objectContaining({ to: '9991210000', certainlyNotSent: true })]);
    expect((await sandboxJson('messages?to=9991210000')).count).toBe(0);
  }, 90_000);
});
