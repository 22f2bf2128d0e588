/**
 * A real Node-RED 5 (scripts/e2e/node-red-harness.js, the package installed from its packed tarball)
 * with two in nodes: `clickatell in` on /sms/token (query token, HTTP API) and on /sms/basic (basic
 * auth, REST API). Each is wired to two nodes, an http request node that posts the event to a recorder
 * and a debug node, so Node-RED clones every msg it sends, as it does in flows where an output has
 * several wires. A core `http in` node on /baseline answers the same requests for comparison.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packPackage, startNodeRed } from '../../../scripts/e2e/node-red-harness';
import { Recorder } from '../n8n-triggers/recorder';
import type { CallbackTarget } from './attacks';

export const SECRET = 'abuse-suite-secret-0123456789';
export const BASIC_USER = 'clickatell';

export async function startNodeRedTarget(): Promise<CallbackTarget> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewaykit-nr-abuse-'));
  const recorder = new Recorder();
  await recorder.start();
  const sink = (id: string) => ({
    id,
    type: 'http request',
    z: 'tab',
    method: 'POST',
    ret: 'txt',
    paytoqs: 'ignore',
    url: recorder.url('node-red'),
    persist: false,
    senderr: false,
    headers: [],
    wires: [[]],
  });
  const flows = [
    { id: 'tab', type: 'tab', label: 'abuse' },
    { id: 'inToken', type: 'clickatell in', z: 'tab', name: '', url: '/sms/token', api: 'http', events: 'all', auth: 'token', tokenParam: 'token', wires: [['record', 'debug']] },
    { id: 'inBasic', type: 'clickatell in', z: 'tab', name: '', url: '/sms/basic', api: 'rest', events: 'all', auth: 'basic', wires: [['record', 'debug']] },
    sink('record'),
    // Node-RED's own http in node on its own path, to compare what the runtime spends on the same requests.
    { id: 'baseIn', type: 'http in', z: 'tab', url: '/baseline', method: 'get', upload: false, swaggerDoc: '', wires: [['baseOut']] },
    { id: 'baseOut', type: 'http response', z: 'tab', statusCode: '200', headers: {}, wires: [] },
    { id: 'debug', type: 'debug', z: 'tab', active: true, tosidebar: false, console: false, tostatus: false, complete: 'true', targetType: 'full', wires: [] },
  ];
  let nodeRed: Awaited<ReturnType<typeof startNodeRed>>;
  try {
    const tarball = packPackage(path.join(workDir, 'pack'));
    nodeRed = await startNodeRed({
      tarball,
      userDir: path.join(workDir, 'userDir'),
      flows,
      credentials: { inToken: { secret: SECRET }, inBasic: { user: BASIC_USER, secret: SECRET } },
      startTimeoutMs: 60_000,
    });
  } catch (error) {
    await recorder.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  return {
    name: `Node-RED ${nodeRed.nodeRedVersion}`,
    tokenUrl: `${nodeRed.url}/sms/token`,
    basicUrl: `${nodeRed.url}/sms/basic`,
    baselineUrl: `${nodeRed.url}/baseline`,
    baselineName: 'core http in node',
    secret: SECRET,
    basicUser: BASIC_USER,
    events: () => recorder.items('node-red'),
    alive: () => {
      try {
        process.kill(nodeRed.pid, 0);
        return true;
      } catch {
        return false;
      }
    },
    logs: () => nodeRed.output(),
    stop: async () => {
      await nodeRed.stop();
      await recorder.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}
