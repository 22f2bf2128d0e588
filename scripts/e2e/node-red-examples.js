'use strict';
// Turns the importable example flows in examples/ into one runnable flows.json + flows_cred.json, the way a
// user gets them after importing every example: each file on a tab of its own (the tab the file brings, or
// a new one), the config nodes pointed at a sandbox, the credentials the examples carry moved to
// flows_cred.json. `fire` presses inject buttons (once, after a delay) so the examples run without an editor.
// An example whose tab declares SMS_SANDBOX_URL (its config nodes' Base URL is ${SMS_SANDBOX_URL}) is
// pointed at the sandbox the way a user does it: by changing that one variable.
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
/** The flow variable the examples' config nodes take their Base URL from. */
const SANDBOX_VARIABLE = 'SMS_SANDBOX_URL';

/** Example files (Node-RED ones: JSON arrays at the top of examples/), sorted by name. */
function exampleFiles() {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => path.join(EXAMPLES_DIR, file));
}

/**
 * options.sandboxUrl: base URL for every config node; options.fire: { injectId: delaySeconds };
 * options.files: which example files (default all). Returns { flows, credentials, tabs }.
 */
function buildExampleFlows(options) {
  const files = options.files || exampleFiles();
  const fire = options.fire || {};
  const flows = [];
  const credentials = {};
  const tabs = [];
  const seen = new Set();
  files.forEach((file, index) => {
    const nodes = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!Array.isArray(nodes)) throw new Error(`${file}: a Node-RED example is a JSON array of nodes`);
    const ownTab = nodes.find((node) => node.type === 'tab');
    const tabId = ownTab ? ownTab.id : `example-tab-${index + 1}`;
    const label = path.basename(file, '.json');
    tabs.push({ id: tabId, label, file });
    const env = (ownTab?.env || []).map((v) => (v.name === SANDBOX_VARIABLE && options.sandboxUrl ? { ...v, value: options.sandboxUrl } : v));
    flows.push({ disabled: false, info: '', ...ownTab, id: tabId, type: 'tab', label, env });
    for (const original of nodes) {
      if (original === ownTab) continue;
      const node = { ...original };
      if (seen.has(node.id)) throw new Error(`${file}: node id ${node.id} is used by another example`);
      seen.add(node.id);
      if (node.credentials) {
        credentials[node.id] = node.credentials;
        delete node.credentials;
      }
      const isConfig = !('x' in node && 'y' in node);
      const usesVariable = node.baseUrl === `\${${SANDBOX_VARIABLE}}`;
      if (isConfig) {
        if ('baseUrl' in node && options.sandboxUrl && !usesVariable) node.baseUrl = options.sandboxUrl;
      } else {
        node.z = tabId;
      }
      if (node.type === 'inject' && Object.prototype.hasOwnProperty.call(fire, node.id)) {
        node.once = true;
        node.onceDelay = fire[node.id];
      }
      flows.push(node);
    }
  });
  const unknown = Object.keys(fire).filter((id) => !flows.some((node) => node.id === id && node.type === 'inject'));
  if (unknown.length > 0) throw new Error(`no inject node ${unknown.join(', ')} in the examples`);
  return { flows, credentials, tabs };
}

/** The path of every in node in the flows, by node id ({ 'ex3-in': '/sms/clickatell/status', ... }). */
function inNodePaths(flows) {
  return Object.fromEntries(flows.filter((node) => / in$/.test(node.type) && node.url).map((node) => [node.id, node.url]));
}

module.exports = { buildExampleFlows, exampleFiles, inNodePaths, EXAMPLES_DIR };
