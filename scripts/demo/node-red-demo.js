'use strict';
// The Node-RED half of `npm run demo`: a headless Node-RED 5 (Node 24) with every example flow, the package
// installed from its tarball, sends through the three APIs, receives the delivery callbacks and inbound
// replies through the in nodes, and prints what the flows' debug nodes saw. With `keep`, the editor is on
// and, once the demo has run, the example flows are deployed again as a user would have them (no taps, no
// automatic presses of the inject buttons), ready to be clicked.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { describeTapped } = require('./format');

const ROOT = path.resolve(__dirname, '..', '..');

function installNodeRed(step) {
  step('Node-RED 5 on Node 24 (installed once into the cache folder, outside node_modules; the first time about 80 MB, about 20 s)');
  const install = spawnSync('bash', [path.join(ROOT, 'scripts', 'e2e', 'ensure-node-red.sh')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (install.status !== 0) throw new Error('installing Node-RED 5 failed (see above)');
  const { locateNodeRed } = require('../e2e/node-red-harness');
  const located = locateNodeRed();
  const nodeVersion = spawnSync(located.nodeBinary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`  Node-RED ${located.nodeRedVersion} on Node ${nodeVersion} in ${located.nodeRedDir}`);
}

/** Deploys `flows` through the editor's admin API (what the Deploy button does, full deployment). */
async function deployFlows(nodeRedUrl, flows) {
  const res = await fetch(`${nodeRedUrl}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
    body: JSON.stringify(flows),
  });
  if (!res.ok) throw new Error(`deploying the example flows failed: ${res.status} ${await res.text()}`);
}

/**
 * options: sandbox (a running sandbox), step (prints a heading), keep (editor on, left running: the caller
 * stops the stack), port (Node-RED's port when keep), verbose (Node-RED's own log too).
 * Resolves with { ok, stack }.
 */
/** options.installed: installNodeRed() already ran (demo.js installs both runtimes before the sandbox starts). */
async function runNodeRedDemo(options) {
  const { step } = options;
  if (!options.installed) installNodeRed(step);
  const { startExampleStack, injectInbound } = require('./example-stack');
  const { exampleFiles, buildExampleFlows } = require('../e2e/node-red-examples');
  // Example node ids start with ex<n>, n being the example file's position (01 ..., 02 ...).
  const tabLabels = new Map(exampleFiles().map((file, index) => [`ex${index + 1}`, path.basename(file, '.json').replace(/^\d+ /, '')]));
  const printMessage = (message) => {
    const lines = describeTapped(message);
    const example = tabLabels.get(message.id.replace(/^(ex\d+)-.*$/, '$1')) || '';
    console.log(`  [${example}] ${message.debug}: ${lines[0]}`);
    for (const line of lines.slice(1)) console.log(`  ${' '.repeat(example.length + 2)} ${line}`);
  };

  step('Starting Node-RED with the example flows (the package installed from its tarball)');
  const stack = await startExampleStack({
    runningSandbox: options.sandbox,
    echo: options.verbose ? process.stdout : undefined,
    onMessage: (message) => printMessage(message),
    nodeRedPort: options.keep ? options.port : undefined,
    nodeRedSettings: options.keep ? { httpAdminRoot: '/' } : undefined,
  });
  console.log(`  Node-RED: ${stack.nodeRed.url}   (${stack.tabs.length} example flows; callbacks arrive at ${stack.nodeRed.url}/sms/...)`);
  step('The flows press their inject buttons: sends through every API');

  const wait = (id, predicate = () => true, what = id) =>
    stack.collector.waitFor((messages) => messages.some((m) => m.id === id && predicate(m)), 20_000, what).then(
      (messages) => messages.find((m) => m.id === id && predicate(m)),
    );
  let ok = true;
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

    step("The providers' current APIs: Clickatell's One API and Platform SMS API (a Portal API key), ClickSend REST v3");
    const oneSent = await wait('ex7-debug-sent');
    await wait('ex7-debug-status');
    await wait('ex7-debug-callback', (m) => m.payload.messageId === oneSent.payload.messageId && m.payload.final, 'the final One API status callback');
    await wait('ex8-debug-sent');
    await wait('ex8-debug-balance');
    await wait('ex9-debug-price');
    const v3Sent = await wait('ex9-debug-sent');
    await wait('ex9-debug-cancelled');
    await wait('ex9-debug-push', (m) => m.payload.messageId === v3Sent.payload.messageId && m.payload.state === 'delivered', 'the receipt pushed by the v3 automation rule');

    step('Handsets reply: the sandbox pushes the inbound messages to the in nodes, the flows answer them');
    await injectInbound(stack.sandbox.url, { provider: 'clicksend', replyTo: clicksendSent.payload.messageId, text: 'Is my order ready?' });
    await injectInbound(stack.sandbox.url, { provider: 'clickatell-http', replyTo: clickatellSent.payload.messageId, text: 'What time do you open?' });
    await injectInbound(stack.sandbox.url, { provider: 'clickatell-one', replyTo: oneSent.payload.messageId, text: 'Is it on its way?' });
    await wait('ex4-debug-reply', () => true, 'the ClickSend auto-reply');
    await wait('ex6-debug-reply', () => true, 'the Clickatell reply');
    await wait('ex7-debug-reply', () => true, 'the One API reply');
    // The auto-replies' own delivery callbacks are on their way; give them a moment to show.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } catch (error) {
    ok = false;
    console.error(`\n✗ Node-RED: ${error.message}`);
  }
  if (options.keep && ok) {
    // The flows as a user imports them: the debug nodes print to the editor's sidebar, the inject buttons wait for a click.
    await deployFlows(stack.nodeRed.url, buildExampleFlows({ sandboxUrl: stack.sandbox.url, fire: {} }).flows);
  }
  if (!options.keep) await stack.stop();
  return { ok, stack: options.keep ? stack : undefined };
}

module.exports = { runNodeRedDemo, installNodeRed };
