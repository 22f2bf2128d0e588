'use strict';
// The example flows running for real: the built package packed and installed into a headless Node-RED 5
// (Node 24), every example from examples/ on its own tab, their config nodes pointed at a sandbox started
// here, the sandbox's callbacks pointed at the example in nodes, and every debug node tapped so the caller
// sees the messages the flows produce. Shared by `npm run demo` and the end-to-end tests.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort, locateNodeRed, packPackage, startNodeRed, ROOT } = require('../e2e/node-red-harness');
const { buildExampleFlows } = require('../e2e/node-red-examples');
const { startCollector, tapDebugNodes } = require('../e2e/node-red-tap');

/**
 * Which inject buttons are pressed, and when (seconds after the flows start). The delivery-report pull,
 * history and balance wait until the sandbox has delivered the messages sent first.
 */
const FIRE = {
  'ex1-send': 0.2,
  'ex1-balance': 0.2,
  'ex1-bad': 0.2,
  'ex2-list': 0.4,
  'ex2-many': 0.4,
  'ex3-send': 0.4,
  'ex5-send': 0.4,
  'ex5-pull': 3,
  'ex5-history': 3,
  'ex5-balance': 3,
  'ex7-send': 0.4,
  'ex8-send': 0.4,
  'ex8-balance': 0.4,
  'ex8-bad': 0.4,
  'ex9-price': 0.4,
  'ex9-send': 0.4,
  'ex9-schedule': 0.4,
  'ex9-receipts': 3,
  'ex9-balance': 3,
};

/** Where the sandbox pushes callbacks: the example in nodes' paths (see the examples' in nodes). */
const CALLBACK_PATHS = {
  'demo-http': { statusCallbackUrl: '/sms/clickatell/status', inboundUrl: '/sms/clickatell/inbound' },
  'demo-clicksend': { statusCallbackUrl: '/sms/clicksend/reports', inboundUrl: '/sms/clicksend/inbound' },
  // A Portal integration's status and reply URLs: the One API example's clickatell in node, which reads both
  // Portal shapes (the Platform SMS API example sends through the same demo key).
  'demo-portal': { statusCallbackUrl: '/sms/clickatell-portal/callbacks', inboundUrl: '/sms/clickatell-portal/callbacks' },
};

/** Where ClickSend REST v3 automation rules push (the REST v3 example's clicksend in node). */
const CLICKSEND_V3_PUSH_PATH = '/sms/clicksend-v3/pushes';

/**
 * What a ClickSend user does in the dashboard (Automations, action URL), done through the sandbox's REST v3
 * API with the demo account: an inbound rule (JSON pushes) and a delivery-receipt rule pointing at the v3
 * example's in node, the verification secret in the URL (ClickSend signs nothing).
 */
async function addClickSendV3Rules(sandboxUrl, demo, url) {
  const authorization = `Basic ${Buffer.from(`${demo.clicksend.username}:${demo.clicksend.key}`).toString('base64')}`;
  const rules = [
    ['inbound', { rule_name: 'Node-RED example', dedicated_number: '*', message_search_type: 0, message_search_term: '', action: 'URL', action_address: url, enabled: 1, webhook_type: 'json' }],
    ['receipts', { rule_name: 'Node-RED example', match_type: 0, action: 'URL', action_address: url, enabled: 1 }],
  ];
  for (const [kind, rule] of rules) {
    const res = await fetch(`${sandboxUrl}/v3/automations/sms/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(rule),
    });
    if (!res.ok) throw new Error(`sandbox refused the ClickSend v3 ${kind} rule: ${res.status} ${await res.text()}`);
  }
}

function loadSandboxModule() {
  const built = path.join(ROOT, 'dist', 'sandbox', 'index.js');
  if (!fs.existsSync(built)) throw new Error('dist/sandbox is missing: run `npm run build` first.');
  return require(built);
}

async function putAccount(sandboxUrl, id, patch) {
  const res = await fetch(`${sandboxUrl}/sandbox/accounts/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  if (!res.ok) throw new Error(`sandbox refused the callback URLs of ${id}: ${res.status} ${await res.text()}`);
}

/**
 * options: sandbox (options for startSandbox, e.g. { port: 4010, lifecycle }) or runningSandbox (a sandbox
 * started by the caller, who also stops it), fire (default FIRE), echo (stream for Node-RED's log),
 * onMessage (called for each tapped message), workDir, nodeRedPort (default a free one), nodeRedSettings
 * (extra settings.js entries, e.g. { httpAdminRoot: '/' } for the editor).
 * Returns { sandbox, nodeRed, collector, tabs, credentials, stop }.
 */
async function startExampleStack(options = {}) {
  locateNodeRed(); // fail fast, with the install command, before packing anything
  const { startSandbox, DEMO_CREDENTIALS } = loadSandboxModule();
  const workDir = options.workDir || fs.mkdtempSync(path.join(os.tmpdir(), 'gatewaykit-examples-'));
  const started = [];
  const stop = async () => {
    for (const item of started.reverse()) await item.stop();
    if (!options.workDir) fs.rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const tarball = packPackage(path.join(workDir, 'pack'));
    const sandbox = options.runningSandbox || (await startSandbox({ quiet: true, ...(options.sandbox || {}) }));
    if (!options.runningSandbox) started.push({ stop: () => sandbox.close() });
    const collector = await startCollector(options.onMessage);
    started.push({ stop: () => collector.close() });
    const nodeRedPort = options.nodeRedPort || (await freePort());
    const nodeRedUrl = `http://127.0.0.1:${nodeRedPort}`;
    for (const [account, paths] of Object.entries(CALLBACK_PATHS)) {
      await putAccount(sandbox.url, account, {
        statusCallbackUrl: `${nodeRedUrl}${paths.statusCallbackUrl}`,
        inboundUrl: `${nodeRedUrl}${paths.inboundUrl}`,
        callbackAuth: 'token',
        callbackSecret: DEMO_CREDENTIALS.callbackSecret,
      });
    }
    await addClickSendV3Rules(sandbox.url, DEMO_CREDENTIALS, `${nodeRedUrl}${CLICKSEND_V3_PUSH_PATH}?token=${encodeURIComponent(DEMO_CREDENTIALS.callbackSecret)}`);
    const { flows, credentials, tabs } = buildExampleFlows({ sandboxUrl: sandbox.url, fire: options.fire || FIRE });
    const nodeRed = await startNodeRed({
      flows: tapDebugNodes(flows, collector.url),
      credentials,
      tarball,
      port: nodeRedPort,
      userDir: path.join(workDir, 'userDir'),
      echo: options.echo,
      settings: options.nodeRedSettings,
    });
    started.push({ stop: () => nodeRed.stop() });
    return { sandbox, nodeRed, collector, tabs, credentials, tarball, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The handset side: a reply (MO) injected into the sandbox, which pushes it to the right in node. */
async function injectInbound(sandboxUrl, body) {
  const res = await fetch(`${sandboxUrl}/sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json();
  if (!res.ok) throw new Error(`sandbox refused the inbound message: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

module.exports = { startExampleStack, injectInbound, FIRE, CALLBACK_PATHS };
