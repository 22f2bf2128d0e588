#!/usr/bin/env node
'use strict';
// `npm run demo`: the package doing its job in both runtimes, offline, in one command.
// Builds the package, starts the sandbox gateway, then
//  - Node-RED 5 (Node 24) with every example flow: sends through the three APIs, delivery callbacks and
//    inbound replies through the in nodes (scripts/demo/node-red-demo.js);
//  - n8n 2.41.1 (Node 24) with the example credentials and workflows: sends (single, list, bulk), status,
//    balance and coverage lookups, error items, and a delivery report and replies through the trigger nodes
//    (scripts/demo/n8n-demo.js);
// prints what happened and exits. Both runtimes are installed on first use into $GATEWAYKIT_CACHE.
// `--keep` leaves the sandbox and both editors running, credentials created, examples imported.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const RUNTIMES = ['node-red', 'n8n'];
const USAGE = `Usage: npm run demo [-- options]
  --only <runtime>  node-red or n8n (default: both)
  --keep            leave the sandbox, n8n's editor and Node-RED's editor running until Ctrl-C,
                    with the credentials created and the examples imported
  --verbose         also print Node-RED's own log
  --no-build        use the existing dist/ instead of building first`;

function parseArgs(argv) {
  const options = { only: RUNTIMES, keep: false, verbose: false, build: true };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg.includes('=') ? arg.slice('--only='.length) : argv[++index];
      if (!RUNTIMES.includes(value)) throw new Error(`--only takes ${RUNTIMES.join(' or ')}, not ${value === undefined ? 'nothing' : `'${value}'`}`);
      options.only = [value];
    } else throw new Error(`unknown option '${arg}'\n${USAGE}`);
  }
  return options;
}

const started = Date.now();
const seconds = (from = started) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const step = (text) => console.log(`\n▶ ${text}`);

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The usual port when it is free (stable URLs for --keep), else any free one (0). */
async function preferredPort(port) {
  return (await portIsFree(port)) ? port : 0;
}

function loadSandboxModule() {
  const built = path.join(ROOT, 'dist', 'sandbox', 'index.js');
  if (!fs.existsSync(built)) throw new Error('dist/sandbox is missing: run `npm run build` first (or drop --no-build).');
  return require(built);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  console.log(`SMS gateway nodes for ${options.only.map((runtime) => (runtime === 'n8n' ? 'n8n' : 'Node-RED')).join(' and ')}: demo against the local sandbox (no SMS leaves this machine)`);
  if (options.build) {
    step('Building the package (npm run build)');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (build.status !== 0) {
      process.stderr.write(build.stdout + build.stderr);
      throw new Error(`npm run build failed (exit ${build.status})`);
    }
    console.log(`  done (${seconds()})`);
  }

  // The runtimes are installed before the sandbox starts: an install blocks this process (minutes for n8n the
  // first time), and a sandbox served from a blocked process drops the connections its clients keep alive.
  let n8nInstall;
  if (options.only.includes('node-red')) require('./node-red-demo').installNodeRed(step);
  if (options.only.includes('n8n')) n8nInstall = require('./n8n-demo').installN8n(step);

  const { startSandbox } = loadSandboxModule();
  const sandbox = await startSandbox({ quiet: true, port: await preferredPort(4010), lifecycle: { sentAfterMs: 300, deliveredAfterMs: 800 } });
  step('Sandbox gateway started');
  console.log(`  sandbox:  ${sandbox.url}   (open ${sandbox.url}/ in a browser: every message as the phones see it, the traffic, the faults)`);

  const running = [];
  const results = [];
  try {
    if (options.only.includes('node-red')) {
      const from = Date.now();
      const { runNodeRedDemo } = require('./node-red-demo');
      const result = await runNodeRedDemo({ sandbox, step, installed: true, keep: options.keep, verbose: options.verbose, port: options.keep ? await preferredPort(1880) : undefined });
      if (result.stack) running.push(result.stack);
      results.push({ name: 'Node-RED', ok: result.ok, time: seconds(from), url: result.stack && result.stack.nodeRed.url });
    }
    if (options.only.includes('n8n')) {
      const from = Date.now();
      const { runN8nDemo } = require('./n8n-demo');
      const result = await runN8nDemo({ sandbox, step, install: n8nInstall, keep: options.keep, port: options.keep ? await preferredPort(5678) : undefined });
      if (result.stack) running.push(result.stack);
      results.push({ name: 'n8n', ok: result.ok, time: seconds(from), url: result.stack && result.stack.baseUrl, owner: result.stack && result.stack.owner });
    }
  } catch (error) {
    results.push({ name: 'demo', ok: false });
    console.error(`\n✗ ${error.message}${error.cause ? ` (${error.cause.message || error.cause})` : ''}`);
  }

  const stats = await (await fetch(`${sandbox.url}/sandbox/stats`)).json();
  const callbacks = await (await fetch(`${sandbox.url}/sandbox/callbacks`)).json();
  const delivered = callbacks.callbacks.filter((record) => record.state === 'delivered').length;
  step('What the sandbox saw');
  const requests = Object.entries(stats.requests)
    .filter(([route]) => !route.startsWith('sandbox '))
    .map(([route, count]) => `${route} ×${count}`).join(', ');
  console.log(`  ${stats.messages.totalSent} messages accepted, ${stats.messagesRejected} refused; ${delivered} of ${callbacks.count} callbacks delivered`);
  console.log(`  requests: ${requests}`);
  const failed = results.some((result) => !result.ok);
  for (const result of results.filter((entry) => entry.time)) console.log(`  ${result.ok ? '✓' : '✗'} ${result.name} part: ${result.time}`);
  console.log(`\n${failed ? '✗ Demo incomplete' : '✓ Demo complete'} in ${seconds()}.`);

  if (options.keep && !failed) {
    const lines = ['', 'Still running (--keep): try every node in the editors, no account needed. Press Ctrl-C to stop.'];
    for (const result of results) {
      if (result.name === 'n8n') {
        lines.push(`  n8n editor:      ${result.url}   sign in as ${result.owner.email} / ${result.owner.password}`);
        lines.push('                   credentials created and pointing at the sandbox; open a workflow, click "Execute workflow";');
        lines.push('                   the Clickatell and ClickSend Trigger workflows are active (their Executions tab shows each callback),');
        lines.push('                   the ClickSend Polling Trigger workflow is not: open its trigger and click "Fetch Test Event"');
      } else {
        lines.push(`  Node-RED editor: ${result.url}   (no login) the example flows on their tabs; click an inject button, watch the Debug sidebar`);
      }
    }
    lines.push(`  sandbox page:    ${sandbox.url}/   (what was sent, live: reply from a phone, switch a fault on; JSON under ${sandbox.url}/sandbox/)`);
    lines.push(`  a handset reply: curl -X POST ${sandbox.url}/sandbox/inbound -H 'content-type: application/json' -d '{"provider":"clicksend","account":"n8n-clicksend","from":"+61412345678","text":"Hello?"}'`);
    console.log(lines.join('\n'));
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    console.log('\nStopping ...');
  }
  for (const stack of running.reverse()) await stack.stop();
  await sandbox.close();
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`\n✗ ${error.message}${error.cause ? ` (${error.cause.message || error.cause})` : ''}`);
    process.exit(1);
  },
);
