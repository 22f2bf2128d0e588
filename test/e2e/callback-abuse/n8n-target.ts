/**
 * A real n8n 2.41 (test/e2e/n8n/harness.ts, the package installed from its packed tarball) with two
 * active workflows: a Clickatell Trigger verifying a query token (HTTP API callbacks) and one verifying
 * basic auth (REST callbacks), each handing its items to a recorder through an HTTP Request node; and
 * n8n's own Webhook node on /webhook/abuse-baseline for comparison.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureN8n, freePort, N8nHome, nodeType, packPackage, type RunningN8n } from '../n8n/harness';
import { webhookNode, workflowJson } from '../n8n/workflow-json';
import { eventually } from '../eventually';
import { Recorder } from '../n8n-triggers/recorder';
import type { CallbackTarget } from './attacks';

export const SECRET = 'abuse-suite-secret-0123456789';
export const BASIC_USER = 'clickatell';

const CREDENTIALS = {
  token: { id: 'gkAbuseCredTok01', name: 'Abuse suite secret (token)' },
  basic: { id: 'gkAbuseCredBas01', name: 'Abuse suite secret (basic)' },
};

function triggerWorkflow(id: string, parameters: object, credential: { id: string; name: string }, recordUrl: string) {
  const webhookId = randomUUID();
  return {
    webhookId,
    json: workflowJson(
      id,
      `Abuse suite ${id}`,
      [
        {
          id: randomUUID(),
          name: 'Trigger',
          type: nodeType('clickatellTrigger'),
          typeVersion: 1,
          position: [0, 0],
          webhookId,
          parameters,
          credentials: { smsWebhookAuthApi: credential },
        },
        {
          id: randomUUID(),
          name: 'Record',
          type: 'n8n-nodes-base.httpRequest',
          typeVersion: 4.2,
          position: [260, 0],
          parameters: { method: 'POST', url: recordUrl, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
        },
      ],
      { Trigger: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
    ),
  };
}

/** n8n's own Webhook node, without authentication, answering at once: what n8n spends on a request without this package. */
function baselineWorkflow(path: string) {
  return workflowJson('gkAbuseBaseline1', 'Abuse suite baseline (n8n Webhook node)', [
    webhookNode({ httpMethod: 'GET', path, responseMode: 'onReceived', options: {} }),
  ]);
}

export async function startN8nTarget(): Promise<CallbackTarget> {
  const scratch = mkdtempSync(join(tmpdir(), 'gatewaykit-n8n-abuse-'));
  const recorder = new Recorder();
  let home: N8nHome | undefined;
  let n8n: RunningN8n | undefined;
  try {
    const install = ensureN8n();
    const tarball = packPackage(scratch);
    await recorder.start();
    const port = await freePort();
    const token = triggerWorkflow('gkAbuseToken0001', { api: 'clickatell-http', events: ['inbound', 'status'], verification: 'token' }, CREDENTIALS.token, recorder.url('n8n'));
    const basic = triggerWorkflow('gkAbuseBasic0001', { api: 'clickatell-rest', events: ['inbound', 'status'], verification: 'basic' }, CREDENTIALS.basic, recorder.url('n8n'));
    home = await N8nHome.create(install, { tarball });
    await home.importCredentials([
      { ...CREDENTIALS.token, type: 'smsWebhookAuthApi', data: { secret: SECRET, queryParameter: 'token', user: '' } },
      { ...CREDENTIALS.basic, type: 'smsWebhookAuthApi', data: { secret: SECRET, queryParameter: 'token', user: BASIC_USER } },
    ]);
    const baseline = baselineWorkflow('abuse-baseline');
    await home.importWorkflows([token.json, basic.json, baseline]);
    await home.publishWorkflow(token.json.id);
    await home.publishWorkflow(basic.json.id);
    await home.publishWorkflow(baseline.id);
    n8n = await home.start({ port });
    const running = n8n;
    const url = (webhookId: string) => `${running.baseUrl}/webhook/${webhookId}/webhook`;
    // Registered once the trigger answers for itself (401 without the secret; n8n says 404 before that).
    for (const webhookId of [token.webhookId, basic.webhookId]) {
      await eventually(
        'the abuse-suite webhooks to be registered',
        async () => ((await fetch(url(webhookId), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status === 401 ? true : undefined),
        90_000,
      );
    }
    await eventually('the baseline webhook to be registered', async () => ((await fetch(`${running.baseUrl}/webhook/abuse-baseline`)).status === 200 ? true : undefined), 90_000);
    const ownHome = home;
    return {
      name: 'n8n 2.41',
      tokenUrl: url(token.webhookId),
      basicUrl: url(basic.webhookId),
      baselineUrl: `${running.baseUrl}/webhook/abuse-baseline`,
      baselineName: "n8n's Webhook node",
      secret: SECRET,
      basicUser: BASIC_USER,
      events: () => recorder.items('n8n'),
      alive: () => running.process.exitCode === null && running.process.signalCode === null,
      logs: () => running.logs(),
      stop: async () => {
        await running.stop();
        await recorder.stop();
        ownHome.remove();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await n8n?.stop();
    await recorder.stop();
    home?.remove();
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}
