'use strict';
// The n8n half of `npm run demo`: a real n8n 2.41.1 with the package installed from its tarball runs the
// example workflows of examples/n8n against the sandbox (sends: single, list, bulk; status, balance and
// coverage lookups; error items), then the sandbox pushes a delivery report and inbound replies to the
// Clickatell and ClickSend Trigger workflows. Prints what each workflow's nodes produced.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describeN8nItem, describeN8nNode } = require('./format');
const { startN8nStack, harness, N8N_ACCOUNTS } = require('./n8n-stack');

const ROOT = path.resolve(__dirname, '..', '..');

/** The example workflows the demo runs, in order, with what each shows. */
const RUNS = [
  { id: 'gkWfCtHttpOps001', title: 'Clickatell HTTP API: sends to a list (comma list and array), status, charge, stop, balance, voucher, coverage' },
  { id: 'gkDemoCtTrack001', title: 'Clickatell HTTP API: a single send asking for status callbacks (intermediate and final)' },
  { id: 'gkWfCtRestOps001', title: 'Clickatell REST API: a single scheduled send, status, stop, balance, coverage' },
  { id: 'gkWfCsOps0000001', title: 'ClickSend: send, delivery reports, replies, history, balance' },
  { id: 'gkWfCtOneOps0001', title: 'Clickatell One API (Portal): send to a list, status of each message' },
  { id: 'gkWfCtPlatOps001', title: 'Clickatell Platform SMS API (Portal): scheduled send with validity, balance' },
  { id: 'gkWfCsV3Ops00001', title: 'ClickSend REST API v3: send, price estimate, reports, replies, history, cancel, balance' },
  { id: 'gkWfBulkCtRest01', title: 'Bulk: 1,000 items through Clickatell REST, batched by the node', bulk: true },
  { id: 'gkWfFailNumCont1', title: 'Continue On Fail: invalid numbers become error items with the provider\'s code' },
];

async function sandboxJson(sandboxUrl, resource, init) {
  const res = await fetch(`${sandboxUrl}/sandbox/${resource}`, init);
  const body = await res.json();
  if (!res.ok) throw new Error(`sandbox ${resource}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function injectInbound(sandboxUrl, body) {
  return sandboxJson(sandboxUrl, 'inbound', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Requests the sandbox answered so far, summed over the routes whose name starts with `prefix`. */
async function requestCount(sandboxUrl, prefix) {
  const stats = await sandboxJson(sandboxUrl, 'stats');
  return Object.entries(stats.requests).filter(([route]) => route.startsWith(prefix)).reduce((sum, [, count]) => sum + count, 0);
}

/**
 * Makes sure n8n is installed (the first time: ~2.9 GB, about 5 minutes, with progress), so that the
 * harness's ensureN8n() that follows finds it at once. Returns the install.
 */
function installN8n(step) {
  step('n8n 2.41.1 on Node 24 (installed once into the cache folder, outside node_modules; ' +
    'the first time this downloads about 2.9 GB and takes about 5 minutes, then it is instant)');
  const started = Date.now();
  const install = spawnSync('bash', [path.join(ROOT, 'scripts', 'e2e', 'ensure-n8n.sh')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (install.status !== 0) throw new Error('installing n8n failed (see above)');
  const located = harness().ensureN8n();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  n8n ready in ${path.resolve(path.dirname(located.n8nBin), '..', '..')} (${seconds} s)`);
  return located;
}

/**
 * options: sandbox (a running sandbox, in this process), step (prints a heading), port (n8n's port, default
 * a free one), keep (leave n8n running: the caller stops it), install (installN8n()'s result, when the
 * caller installed first). Resolves with { ok, stack }.
 */
async function runN8nDemo(options) {
  const { step, sandbox } = options;
  const sandboxUrl = sandbox.url;
  const install = options.install || installN8n(step);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewaykit-n8n-demo-'));
  let stack;
  try {
    const tarball = harness().packPackage(path.join(workDir, 'pack'));
    step('Starting n8n with the package installed from its tarball, the example credentials and workflows');
    const startedAt = Date.now();
    stack = await startN8nStack({ sandboxUrl, install, tarball, port: options.port, log: (line) => console.log(`  ${line}   (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`) });
    console.log(`  n8n:      ${stack.baseUrl}   (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  // The n8n examples are written for a sandbox that delivers at once (examples/n8n/README.md starts it with
  // --time-factor 0.001): their "Get Reports" step runs right after "Send". The Node-RED part, before this,
  // shows its status updates with visible delays; from here on the sandbox delivers new messages immediately.
  sandbox.state.options.sentAfterMs = 0;
  sandbox.state.options.deliveredAfterMs = 0;

  let ok = true;
  try {
    step('n8n runs the example workflows (as the editor\'s "Execute workflow" button does)');
    const executions = {};
    for (const run of RUNS) {
      if (run.id === 'gkWfCsOps0000001') {
        // The example's "Get Replies" reads the replies ClickSend holds: a handset has texted the number first.
        await injectInbound(sandboxUrl, { provider: 'clicksend', account: N8N_ACCOUNTS.clicksend.id, from: '+61411111111', text: 'Yes please' });
        console.log(`  (a handset texts the ClickSend number "Yes please" first, for the example's Get Replies step)`);
      }
      const before = run.bulk ? await requestCount(sandboxUrl, 'clickatell-rest') : 0;
      const execution = await stack.runWorkflow(run.id);
      executions[run.id] = execution;
      const mark = execution.status === 'success' ? '✓' : '✗';
      console.log(`  ${mark} ${run.title}  (execution ${execution.id}: ${execution.status})`);
      for (const node of execution.nodes.slice(1)) for (const line of describeN8nNode(node)) console.log(`      ${line}`);
      if (run.bulk) {
        const requests = (await requestCount(sandboxUrl, 'clickatell-rest')) - before;
        console.log(`      the sandbox answered ${requests} Clickatell REST requests for these 1,000 items`);
      }
      if (execution.status !== 'success') {
        ok = false;
        if (execution.error) console.log(`      error: ${execution.error.message}`);
      }
    }

    step('Callbacks: the sandbox pushes a delivery report and handset replies to the active trigger workflows');
    const clicksendSent = executions.gkWfCsOps0000001.nodes.find((node) => node.name === 'Send').items.find((item) => item.to === '+61400000123');
    if (!clicksendSent) throw new Error('the ClickSend example did not send to +61400000123');
    const printed = new Set();
    const waitForTrigger = async (triggerKey, what, predicate) => {
      const trigger = stack.triggers[triggerKey];
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const executionsSoFar = await stack.executionsOf(trigger.id);
        for (const execution of executionsSoFar) {
          if (printed.has(execution.id)) continue;
          printed.add(execution.id);
          const items = (execution.nodes.find((node) => node.name === trigger.node.name) || { items: [] }).items;
          for (const item of items) console.log(`  [${trigger.node.name}] execution ${execution.id}: ${describeN8nItem(item)}`);
        }
        const found = executionsSoFar
          .flatMap((execution) => (execution.nodes.find((node) => node.name === trigger.node.name) || { items: [] }).items)
          .find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      throw new Error(`the ${trigger.node.name} did not receive ${what} within 30 s`);
    };
    const clickatellSent = executions.gkDemoCtTrack001.nodes.find((node) => node.name === 'Send').items[0];
    await waitForTrigger('clickatell', 'the final status update', (item) => item.type === 'message.status' && item.messageId === clickatellSent.messageId && item.final);
    await waitForTrigger('clicksend', 'the delivery report', (item) => item.type === 'message.status' && item.messageId === clicksendSent.messageId && item.final);
    await injectInbound(sandboxUrl, { provider: 'clicksend', replyTo: clicksendSent.messageId, text: 'Yes, see you at 10!' });
    await waitForTrigger('clicksend', 'the reply', (item) => item.type === 'message.inbound' && item.inReplyTo === clicksendSent.messageId);
    await injectInbound(sandboxUrl, { provider: 'clickatell-http', account: N8N_ACCOUNTS.clickatellHttp.id, from: '27999123456', text: 'STOP' });
    await waitForTrigger('clickatell', 'the inbound SMS', (item) => item.type === 'message.inbound' && item.text === 'STOP');
  } catch (error) {
    ok = false;
    console.error(`\n✗ n8n: ${error.message}`);
  }
  if (!options.keep) {
    await stack.stop();
    stack = undefined;
  }
  return { ok, stack };
}

module.exports = { runN8nDemo, installN8n, RUNS };
