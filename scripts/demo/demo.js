#!/usr/bin/env node
'use strict';
// `npm run demo`: the package doing its job, offline, in one command.
// Builds the package, makes sure Node-RED 5 (Node 24) is installed in its cache folder, starts the sandbox
// gateway and a headless Node-RED with every example flow (the package installed from its packed tarball),
// sends messages through the three APIs, receives the delivery callbacks and inbound replies through the
// in nodes, prints what happened, and exits. `--keep` leaves everything running until Ctrl-C.
const { spawnSync } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const args = new Set(process.argv.slice(2));
const KEEP = args.has('--keep');
const VERBOSE = args.has('--verbose');
const SKIP_BUILD = args.has('--no-build');
if (args.has('--help') || args.has('-h')) {
  console.log('Usage: npm run demo [-- --keep] [-- --verbose] [-- --no-build]\n' +
    '  --keep      leave the sandbox and Node-RED running until Ctrl-C\n' +
    '  --verbose   also print Node-RED\'s own log\n' +
    '  --no-build  use the existing dist/ instead of building first');
  process.exit(0);
}

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const step = (text) => console.log(`\n▶ ${text}`);

function run(command, commandArgs, what) {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`${what} failed (exit ${result.status})`);
  }
  return result.stdout;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function main() {
  console.log('SMS gateway nodes for Node-RED: demo against the local sandbox (no SMS leaves this machine)');
  if (!SKIP_BUILD) {
    step('Building the package (npm run build)');
    run('npm', ['run', 'build'], 'npm run build');
    console.log(`  done (${seconds()})`);
  }

  step('Node-RED 5 on Node 24 (installed once into a cache folder, outside node_modules)');
  const install = spawnSync('bash', [path.join(ROOT, 'scripts', 'e2e', 'ensure-node-red.sh')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (install.status !== 0) throw new Error('installing Node-RED 5 failed (see above)');
  const { locateNodeRed } = require('../e2e/node-red-harness');
  const located = locateNodeRed();
  const nodeVersion = spawnSync(located.nodeBinary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`  Node-RED ${located.nodeRedVersion} on Node ${nodeVersion} in ${located.nodeRedDir}`);

  const { startExampleStack, injectInbound } = require('./example-stack');
  const { describeTapped } = require('./format');
  const sandboxPort = (await portIsFree(4010)) ? 4010 : 0;
  const { exampleFiles } = require('../e2e/node-red-examples');
  // Example node ids start with ex<n>, n being the example file's position (01 ..., 02 ...).
  const tabLabels = new Map(exampleFiles().map((file, index) => [`ex${index + 1}`, path.basename(file, '.json').replace(/^\d+ /, '')]));
  const printMessage = (message) => {
    const lines = describeTapped(message);
    const example = tabLabels.get(message.id.replace(/^(ex\d+)-.*$/, '$1')) || '';
    console.log(`  [${example}] ${message.debug}: ${lines[0]}`);
    for (const line of lines.slice(1)) console.log(`  ${' '.repeat(example.length + 2)} ${line}`);
  };

  step('Starting the sandbox gateway and Node-RED with the example flows (the package installed from its tarball)');
  const stack = await startExampleStack({
    sandbox: { port: sandboxPort, lifecycle: { sentAfterMs: 300, deliveredAfterMs: 800 } },
    echo: VERBOSE ? process.stdout : undefined,
    onMessage: (message) => printMessage(message),
  });
  console.log(`  sandbox:  ${stack.sandbox.url}   (look: ${stack.sandbox.url}/sandbox/messages, ${stack.sandbox.url}/sandbox/callbacks)`);
  console.log(`  Node-RED: ${stack.nodeRed.url}   (${stack.tabs.length} example flows; callbacks arrive at ${stack.nodeRed.url}/sms/...)`);
  step('The flows press their inject buttons: sends through Clickatell HTTP, Clickatell REST and ClickSend');

  const wait = (id, predicate = () => true, what = id) =>
    stack.collector.waitFor((messages) => messages.some((m) => m.id === id && predicate(m)), 20_000, what).then(
      (messages) => messages.find((m) => m.id === id && predicate(m)),
    );
  let failed = false;
  try {
    const clickatellSent = await wait('ex1-debug-send');
    const clicksendSent = await wait('ex5-debug-sent');
    await wait('ex2-debug', (m) => m.bulk && m.bulk.failed > 0, 'the bulk send with a refused number');
    const tracked = await wait('ex3-debug-sent');
    await wait('ex3-debug-final', (m) => m.payload.messageId === tracked.payload.messageId, 'the final Clickatell status callback');
    await wait('ex5-debug-report', (m) => m.payload.messageId === clicksendSent.payload.messageId, 'the ClickSend delivery report');
    await wait('ex5-debug-pulled');
    await wait('ex5-debug-history');
    await wait('ex5-debug-balance');

    step('Handsets reply: the sandbox pushes the inbound messages to the in nodes, the flows answer them');
    await injectInbound(stack.sandbox.url, { provider: 'clicksend', replyTo: clicksendSent.payload.messageId, text: 'Is my order ready?' });
    await injectInbound(stack.sandbox.url, { provider: 'clickatell-http', replyTo: clickatellSent.payload.messageId, text: 'What time do you open?' });
    await wait('ex4-debug-reply', () => true, 'the ClickSend auto-reply');
    await wait('ex6-debug-reply', () => true, 'the Clickatell reply');
    // The auto-replies' own delivery callbacks are on their way; give them a moment to show.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } catch (error) {
    failed = true;
    console.error(`\n✗ ${error.message}`);
  }

  const stats = await (await fetch(`${stack.sandbox.url}/sandbox/stats`)).json();
  const callbacks = await (await fetch(`${stack.sandbox.url}/sandbox/callbacks`)).json();
  const delivered = callbacks.callbacks.filter((record) => record.state === 'delivered').length;
  step('What the sandbox saw');
  const requests = Object.entries(stats.requests)
    .filter(([route]) => !route.startsWith('sandbox '))
    .map(([route, count]) => `${route} ×${count}`).join(', ');
  console.log(`  ${stats.messages.totalSent} messages accepted, ${stats.messagesRejected} refused; ${delivered} of ${callbacks.count} callbacks delivered to Node-RED`);
  console.log(`  requests: ${requests}`);
  console.log(`\n${failed ? '✗ Demo incomplete' : '✓ Demo complete'} in ${seconds()}.`);

  if (KEEP && !failed) {
    console.log(`\nStill running (--keep). Try:\n  curl ${stack.sandbox.url}/sandbox/messages\n` +
      `  curl -X POST ${stack.sandbox.url}/sandbox/inbound -H 'content-type: application/json' -d '{"provider":"clicksend","from":"+61412345678","text":"Hello?"}'\n` +
      'Press Ctrl-C to stop.');
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
  await stack.stop();
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`\n✗ ${error.message}`);
  process.exit(1);
});
