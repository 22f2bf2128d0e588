'use strict';
// The n8n examples running for real: the pinned n8n (test/e2e/n8n/harness.ts, compiled in memory, so the
// demo installs, packs and starts n8n exactly as the end-to-end tests do), the package installed from
// its tarball, the example credentials created and pointed at a running sandbox, the example workflows of
// examples/n8n imported, and two active trigger workflows the sandbox pushes its callbacks to.
// Shared by `npm run demo` (and its --keep mode) and the demo's end-to-end test.
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { requireTs } = require('./require-ts');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples', 'n8n');

/** The harness module, loaded once (its exports are used through this object so a test may stub them). */
function harness() {
  return requireTs('test/e2e/n8n/harness.ts');
}

/**
 * The sandbox accounts n8n uses. They are not the demo accounts because those push their callbacks to
 * Node-RED's in nodes when both runtimes run; with accounts of its own, each runtime gets its own callbacks.
 * Sandbox-only values, printed on purpose.
 */
const N8N_ACCOUNTS = {
  clickatellHttp: { id: 'n8n-http', provider: 'clickatell-http', apiId: '3500011', user: 'n8n-demo', password: 'n8n-demo-password', balance: 100000, virtualNumber: '27999000011' },
  clickatellRest: { id: 'n8n-rest', provider: 'clickatell-rest', apiId: '3500012', token: 'n8n-demo-rest-token', balance: 100000, virtualNumber: '27999000012' },
  clicksend: { id: 'n8n-clicksend', provider: 'clicksend', username: 'n8n-demo', key: 'n8n-demo-key', balance: 100000, virtualNumber: '+61400000011' },
  clickatellPortal: { id: 'n8n-portal', provider: 'clickatell-platform', apiKey: 'n8n-demo-portal-key', balance: 100000, virtualNumber: '27999000013' },
};

/** The shared secret the sandbox puts on n8n's callbacks and the triggers' credential checks. */
const CALLBACK_SECRET = 'n8n-demo-callback-secret';

/** The n8n owner account the demo creates (a local, throwaway n8n: printing the login is the point). */
const DEMO_OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'Demo-password-1' };

/** The trigger workflows: fixed ids and webhook ids, so their URLs are known before n8n starts. */
const TRIGGERS = {
  clickatell: {
    id: 'gkDemoTrgCtHttp1',
    name: 'Clickatell Trigger: status updates and inbound SMS (sandbox)',
    webhookId: '6f0c2c9e-4a61-4e0a-9d3e-0c1a7e5b2d11',
    node: { name: 'Clickatell Trigger', type: 'clickatellTrigger', parameters: { api: 'clickatell-http', events: ['inbound', 'status'], verification: 'token' } },
  },
  clicksend: {
    id: 'gkDemoTrgCsPush1',
    name: 'ClickSend Trigger: delivery reports and replies (sandbox)',
    webhookId: '0b6f4f3a-7c55-4a3e-8f0e-5d2b9a4c7e22',
    node: { name: 'ClickSend Trigger', type: 'clickSendTrigger', parameters: { events: ['inbound', 'status'], verification: 'token' } },
  },
};
/**
 * A single send that asks Clickatell for status callbacks (level 3: intermediate and final), so a delivery
 * report reaches the Clickatell Trigger too. The examples' own Clickatell sends are delayed and then stopped.
 */
const TRACKED_SEND = {
  id: 'gkDemoCtTrack001',
  name: 'Clickatell HTTP API: send with status callbacks (sandbox)',
  nodes: [
    { id: 'gkDemoCtTrack001-r', name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    {
      id: 'gkDemoCtTrack001-s',
      name: 'Send',
      typeName: 'clickatell',
      typeVersion: 1,
      position: [240, 0],
      parameters: {
        authentication: 'clickatellHttpApi',
        resource: 'message',
        operation: 'send',
        to: '27999123456',
        text: 'Your parcel is on its way',
        options: { clientReference: 'parcel4711', callback: 3 },
      },
      credentials: { clickatellHttpApi: { id: 'gkCredCtHttpSes1', name: 'Clickatell HTTP (sandbox, session)' } },
    },
  ],
  connections: { Run: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
};
/**
 * The ClickSend Polling Trigger, left inactive: in the editor (--keep) "Fetch Test Event" reads the replies
 * and reports waiting at the sandbox. Active, it would start an execution every minute.
 */
const POLLING = {
  id: 'gkDemoTrgCsPoll1',
  name: 'ClickSend Polling Trigger: replies and reports, fetched (sandbox, inactive)',
  node: {
    name: 'ClickSend Polling Trigger',
    typeName: 'clickSendPollingTrigger',
    parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, events: ['inbound', 'status'] },
    credentials: { clickSendApi: { id: 'gkCredClickSend1', name: 'ClickSend (sandbox)' } },
  },
};
const WEBHOOK_CREDENTIAL = { id: 'gkDemoWebhookTok', name: 'Sandbox callbacks (query token)', type: 'smsWebhookAuthApi' };

/** The example credentials with the n8n accounts' values and the sandbox's URL, plus the triggers' credential. */
function demoCredentials(sandboxUrl) {
  const examples = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'credentials', 'sandbox-credentials.json'), 'utf8'));
  const { clickatellHttp, clickatellRest, clicksend, clickatellPortal } = N8N_ACCOUNTS;
  const values = {
    clickatellHttpApi: { apiId: clickatellHttp.apiId, username: clickatellHttp.user, password: clickatellHttp.password },
    clickatellRestApi: { authToken: clickatellRest.token },
    clickatellPortalApi: { apiKey: clickatellPortal.apiKey },
    clickSendApi: { username: clicksend.username, apiKey: clicksend.key },
  };
  const credentials = examples.map((credential) => {
    if (!values[credential.type]) throw new Error(`examples/n8n: no demo account for a ${credential.type} credential`);
    return { ...credential, data: { ...credential.data, ...values[credential.type], baseUrl: sandboxUrl } };
  });
  credentials.push({ ...WEBHOOK_CREDENTIAL, data: { secret: CALLBACK_SECRET, queryParameter: 'token', user: '' } });
  return credentials;
}

/** The example workflows of examples/n8n/workflows, by file name. */
function exampleWorkflows() {
  const dir = path.join(EXAMPLES, 'workflows');
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/** A trigger, then a No Operation node, so what the trigger emitted shows in each execution. */
function triggerWorkflow(trigger) {
  const { nodeType } = harness();
  return {
    id: trigger.id,
    name: trigger.name,
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      {
        id: `${trigger.id}-t`,
        name: trigger.node.name,
        type: nodeType(trigger.node.type),
        typeVersion: 1,
        position: [0, 0],
        webhookId: trigger.webhookId,
        parameters: trigger.node.parameters,
        credentials: { smsWebhookAuthApi: { id: WEBHOOK_CREDENTIAL.id, name: WEBHOOK_CREDENTIAL.name } },
      },
      { id: `${trigger.id}-n`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [260, 0], parameters: {} },
    ],
    connections: { [trigger.node.name]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
  };
}

function trackedSendWorkflow() {
  const { nodeType } = harness();
  const nodes = TRACKED_SEND.nodes.map(({ typeName, ...node }) => (typeName ? { ...node, type: nodeType(typeName) } : node));
  return { id: TRACKED_SEND.id, name: TRACKED_SEND.name, active: false, settings: { executionOrder: 'v1' }, nodes, connections: TRACKED_SEND.connections };
}

function pollingWorkflow() {
  const { nodeType } = harness();
  const { typeName, ...node } = POLLING.node;
  return {
    id: POLLING.id,
    name: POLLING.name,
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      { id: `${POLLING.id}-t`, ...node, type: nodeType(typeName), typeVersion: 1, position: [0, 0] },
      { id: `${POLLING.id}-n`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [260, 0], parameters: {} },
    ],
    connections: { [node.name]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
  };
}

/** A workflow for POST /rest/workflows: without `active`, its nodes' credential references mapped to n8n's ids. */
function withCredentialIds(workflow, credentialIds) {
  const { active, ...rest } = workflow;
  const nodes = workflow.nodes.map((node) => {
    if (!node.credentials) return node;
    const credentials = Object.fromEntries(
      Object.entries(node.credentials).map(([type, reference]) => {
        if (!credentialIds.has(reference.id)) throw new Error(`workflow ${workflow.id}: no credential ${reference.id} was created`);
        return [type, { id: credentialIds.get(reference.id), name: reference.name }];
      }),
    );
    return { ...node, credentials };
  });
  return { ...rest, nodes };
}

function webhookUrl(baseUrl, trigger) {
  return `${baseUrl}/webhook/${trigger.webhookId}/webhook`;
}

async function sandboxPut(sandboxUrl, account) {
  const res = await fetch(`${sandboxUrl}/sandbox/accounts/${encodeURIComponent(account.id)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (!res.ok) throw new Error(`the sandbox refused account ${account.id}: ${res.status} ${await res.text()}`);
}

/** Polls `check` every 250 ms until it returns a value (test/e2e/eventually.ts, shared with the e2e suites). */
async function until(what, check, timeoutMs) {
  return requireTs('test/e2e/eventually.ts').eventually(what, check, timeoutMs, 250);
}

/**
 * options: sandboxUrl (a running sandbox), install (from ensureN8n), tarball (from the harness's packPackage),
 * port (default: a free one), log (progress lines). Returns { home, server, rest, baseUrl, owner, workflows,
 * triggers, runWorkflow, triggerItems, stop }.
 */
async function startN8nStack(options) {
  const h = harness();
  const log = options.log || (() => {});
  const port = options.port || (await h.freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  // The sandbox pushes n8n's callbacks to the triggers' production webhook URLs.
  await sandboxPut(options.sandboxUrl, {
    ...N8N_ACCOUNTS.clickatellHttp,
    statusCallbackUrl: webhookUrl(baseUrl, TRIGGERS.clickatell),
    inboundUrl: webhookUrl(baseUrl, TRIGGERS.clickatell),
    callbackFormat: 'get',
    callbackAuth: 'token',
    callbackSecret: CALLBACK_SECRET,
  });
  await sandboxPut(options.sandboxUrl, N8N_ACCOUNTS.clickatellRest);
  await sandboxPut(options.sandboxUrl, N8N_ACCOUNTS.clickatellPortal);
  await sandboxPut(options.sandboxUrl, {
    ...N8N_ACCOUNTS.clicksend,
    statusCallbackUrl: webhookUrl(baseUrl, TRIGGERS.clicksend),
    inboundUrl: webhookUrl(baseUrl, TRIGGERS.clicksend),
    callbackAuth: 'token',
    callbackSecret: CALLBACK_SECRET,
  });

  const home = await h.N8nHome.create(options.install, { tarball: options.tarball });
  log(`the package installed into a fresh n8n user folder`);
  let server;
  const stop = async () => {
    if (server) await server.stop();
    home.remove();
  };
  try {
    server = await home.start({ port });
    log(`n8n started at ${baseUrl}`);
    const rest = await h.setupOwner(server, DEMO_OWNER);
    // Credentials and workflows are created through n8n's REST API, as the editor creates them (the CLI's
    // import commands would each start n8n once more). n8n picks the credentials' ids, so the workflows'
    // credential references (the example credentials' ids) are mapped to them.
    const credentials = demoCredentials(options.sandboxUrl);
    const credentialIds = new Map();
    for (const credential of credentials) {
      const saved = await rest.call('POST', '/credentials', { name: credential.name, type: credential.type, data: credential.data });
      credentialIds.set(credential.id, saved.id);
    }
    log(`${credentials.length} credentials created, pointing at ${options.sandboxUrl}`);
    const examples = exampleWorkflows();
    const triggers = Object.values(TRIGGERS).map(triggerWorkflow);
    for (const workflow of [...examples.map((example) => example.workflow), trackedSendWorkflow(), ...triggers, pollingWorkflow()]) {
      await rest.call('POST', '/workflows', withCredentialIds(workflow, credentialIds));
    }
    log(`${examples.length} example workflows (examples/n8n/workflows), a send with status callbacks and ${triggers.length + 1} trigger workflows created`);
    // Activated through n8n's REST API as the editor's Publish button does: a running n8n registers the webhooks.
    for (const trigger of Object.values(TRIGGERS)) {
      const workflow = await rest.call('GET', `/workflows/${trigger.id}`);
      await rest.call('POST', `/workflows/${trigger.id}/activate`, { versionId: workflow.versionId });
    }
    // A webhook answers 404 until n8n has registered it; the trigger itself answers 401 to a call without the secret.
    for (const trigger of Object.values(TRIGGERS)) {
      await until(`the webhook of "${trigger.name}"`, async () => {
        const res = await fetch(webhookUrl(baseUrl, trigger), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        return res.status === 401 ? true : undefined;
      }, 60_000);
    }
    log(`${triggers.length} trigger workflows active; the sandbox pushes their callbacks to ${baseUrl}/webhook/...`);
    const parseData = executionDataParser(options.install);

    /** Runs a workflow as the editor's "Execute workflow" button does; resolves with the finished execution. */
    async function runWorkflow(workflowId, trigger = 'Run', timeoutMs = 120_000) {
      const started = await rest.call('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: trigger } });
      if (!started || !started.executionId) throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(started)}`);
      return await until(`execution ${started.executionId} of ${workflowId} to finish`, async () => {
        const execution = await rest.call('GET', `/executions/${started.executionId}`);
        if (!execution || ['new', 'running', 'waiting'].includes(execution.status)) return undefined;
        return readExecution(execution, parseData);
      }, timeoutMs);
    }

    /** Every finished execution of a workflow so far, oldest first (each with its nodes' output items). */
    async function executionsOf(workflowId) {
      const filter = encodeURIComponent(JSON.stringify({ workflowId }));
      const list = await rest.call('GET', `/executions?filter=${filter}&limit=100`);
      const results = (list.results || list || []).filter((entry) => entry.status !== 'running' && entry.status !== 'new');
      const executions = [];
      for (const entry of results.sort((a, b) => Number(a.id) - Number(b.id))) {
        executions.push(readExecution(await rest.call('GET', `/executions/${entry.id}`), parseData));
      }
      return executions;
    }

    return { home, server, rest, baseUrl, owner: DEMO_OWNER, examples, triggers: TRIGGERS, runWorkflow, executionsOf, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * n8n's REST API returns an execution's data serialised with `flatted` (it has cycles); the parser comes
 * from the n8n install itself, so it always matches the n8n that wrote the data.
 */
function executionDataParser(install) {
  const n8nPackage = path.resolve(path.dirname(install.n8nBin), '..', 'n8n', 'package.json');
  const n8nRequire = createRequire(n8nPackage);
  const flatted = n8nRequire('flatted');
  return (data) => (typeof data === 'string' ? flatted.parse(data) : data);
}

/** { id, status, error, nodes: [{ name, items: [json...], error }] } in the order the nodes ran. */
function readExecution(execution, parseData) {
  const data = parseData(execution.data) || {};
  const resultData = data.resultData || {};
  const runData = resultData.runData || {};
  const nodes = Object.entries(runData)
    .map(([name, runs]) => {
      const run = runs[0] || {};
      const items = ((run.data && run.data.main && run.data.main[0]) || []).map((item) => item.json);
      return { name, items, error: run.error, startTime: run.startTime || 0 };
    })
    .sort((a, b) => a.startTime - b.startTime);
  return { id: execution.id, status: execution.status, error: resultData.error, nodes };
}

module.exports = { startN8nStack, demoCredentials, exampleWorkflows, N8N_ACCOUNTS, CALLBACK_SECRET, DEMO_OWNER, TRIGGERS, TRACKED_SEND, harness };
