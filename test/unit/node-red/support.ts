/**
 * Shared set-up for the Node-RED node tests: node-red-node-test-helper on the installed node-red 4.1,
 * our node modules loaded from their TypeScript sources, and a handle on RED.httpNode (the helper's
 * request() only reaches the admin app, so callback routes are exercised with supertest on httpNode).
 */
import type { RED as RedApi } from '../../../node-red/shared/red';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { sandboxPerFile } from '../../sandbox-per-file';

// The helper and supertest ship no type declarations; these are the parts the tests use.
export interface TestNode {
  id: string;
  type: string;
  credentials: Record<string, string | undefined>;
  on(event: string, listener: (...args: any[]) => void): void;
  receive(msg: Record<string, unknown>): void;
  [key: string]: any;
}
export interface TestHelper {
  init(runtimePath: string): void;
  startServer(done: (error?: unknown) => void): Promise<void>;
  stopServer(done: (error?: unknown) => void): Promise<void>;
  load(nodes: unknown, flow: object[], credentials?: Record<string, object>): Promise<void>;
  setFlows(flow: object[], type: 'full' | 'flows' | 'nodes', credentials?: Record<string, object>): Promise<void>;
  unload(): Promise<void>;
  getNode(id: string): TestNode;
  request(): any;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const helper: TestHelper = require('node-red-node-test-helper');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const supertest: (app: unknown) => any = require('supertest');
helper.init(require.resolve('node-red'));

/* eslint-disable @typescript-eslint/no-require-imports */
export const modules = {
  clickatellHttpConfig: require('../../../node-red/clickatell-http-config/clickatell-http-config'),
  clickatellRestConfig: require('../../../node-red/clickatell-rest-config/clickatell-rest-config'),
  clickatellPortalConfig: require('../../../node-red/clickatell-portal-config/clickatell-portal-config'),
  clicksendConfig: require('../../../node-red/clicksend-config/clicksend-config'),
  clickatell: require('../../../node-red/clickatell/clickatell'),
  clicksend: require('../../../node-red/clicksend/clicksend'),
  clickatellIn: require('../../../node-red/clickatell-in/clickatell-in'),
  clicksendIn: require('../../../node-red/clicksend-in/clicksend-in'),
} as Record<string, (RED: RedApi) => void>;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Holds the RED object the helper gave our modules (RED.httpNode, RED.httpAdmin, RED.auth). */
export const captured: { RED?: RedApi } = {};

/**
 * Our node modules plus one that captures RED first (core nodes such as catch are loaded by the helper;
 * in a test flow no node id may equal a node type, or the runtime takes the node for a reference to
 * itself). `enforcePermissions` replaces RED.auth with a
 * stub that admits a request only when its `x-test-permissions` header lists the permission asked for, so
 * tests can see which permission an admin route requires.
 */
export function nodeModules(options: { enforcePermissions?: boolean } = {}): Array<(RED: RedApi) => void> {
  const capture = (RED: RedApi): void => {
    captured.RED = RED;
    if (options.enforcePermissions) {
      RED.auth = {
        needsPermission: (permission: string) => (req, res, next) => {
          const granted = String(req.headers['x-test-permissions'] ?? '').split(',');
          if (granted.includes(permission)) next();
          else res.status(401).json({ error: 'unauthorized', needs: permission });
        },
      };
    }
  };
  return [capture, ...Object.values(modules)];
}

export function httpNode(): unknown {
  if (!captured.RED) throw new Error('RED not captured: load the flow with nodeModules() first');
  return captured.RED.httpNode;
}

/** Routes currently on RED.httpNode for a path: [method, ...] per route layer. */
export function routesFor(path: string): string[] {
  const app = httpNode() as { _router?: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return (app._router?.stack ?? [])
    .filter((layer) => layer.route && layer.route.path === path)
    .map((layer) => Object.keys(layer.route!.methods).join(','));
}

/** Resolves with the next `count` messages a node sends (through the test helper's 'input' on a helper node). */
export function collect(node: TestNode, count: number, timeoutMs = 10000): Promise<Array<Record<string, any>>> {
  return new Promise((resolve, reject) => {
    const messages: Array<Record<string, any>> = [];
    const timer = setTimeout(() => reject(new Error(`expected ${count} messages, got ${messages.length}: ${JSON.stringify(messages)}`)), timeoutMs);
    node.on('input', (msg: Record<string, any>) => {
      messages.push(msg);
      if (messages.length === count) {
        clearTimeout(timer);
        resolve(messages);
      }
    });
  });
}

/** Wait until `predicate` holds (polling), for conditions only visible from outside (sandbox state). */
export async function eventually<T>(probe: () => Promise<T> | T, predicate: (value: T) => boolean, timeoutMs = 10000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!predicate(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await probe();
  }
  return last;
}

/** How many requests the sandbox counted for a route ('clickatell-http auth', 'clicksend send.php'...). */
export function requestCount(sandbox: { state: { routeStats(): { requests: Record<string, number> } } }, route: string): number {
  return sandbox.state.routeStats().requests[route] ?? 0;
}

/** The first message that reaches either of two helper nodes (the action's output or the Catch's). */
export function firstOf(a: TestNode, b: TestNode, timeoutMs = 10000): Promise<{ from: 'out' | 'caught'; msg: Record<string, any> }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('neither an output nor a caught error arrived')), timeoutMs);
    a.on('input', (msg: Record<string, any>) => {
      clearTimeout(timer);
      resolve({ from: 'out', msg });
    });
    b.on('input', (msg: Record<string, any>) => {
      clearTimeout(timer);
      resolve({ from: 'caught', msg });
    });
  });
}

/** A fresh Node-RED runtime (the test helper's server) for each test, its flows unloaded after it. */
export function runtimePerTest(): void {
  beforeEach((done) => {
    helper.startServer(done);
  });
  afterEach(async () => {
    await helper.unload();
    await new Promise((resolve) => helper.stopServer(resolve));
  });
}

/**
 * One sandbox for the test file (sandboxPerFile) and a fresh Node-RED runtime for each test, the sandbox
 * reset first and then `prepare` for what a file needs on top (a larger balance).
 */
export function sandboxAndRuntimePerTest(lifecycle: { sentAfterMs: number; deliveredAfterMs: number }, prepare?: (sandbox: Sandbox) => void): Sandbox {
  const sandbox = sandboxPerFile(() => startSandbox({ quiet: true, lifecycle }));
  beforeEach(() => {
    sandbox.reset();
    prepare?.(sandbox);
  });
  runtimePerTest();
  return sandbox;
}

/** The helper nodes every action test wires up: `out` for the action's output, `caught` for what a Catch on `scope` (null: the whole tab) gets. */
export function outputAndCatch(scope: string[] | null = null): object[] {
  return [
    { id: 'out', type: 'helper', z: 'tab' },
    { id: 'catcher', type: 'catch', z: 'tab', scope, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper', z: 'tab' },
  ];
}

/** A tab with an action node `act` (its output wired to `out`), its config nodes, and the output and Catch helpers. */
export function actionFlow(label: string, configs: object[], action: Record<string, unknown>): object[] {
  return [{ id: 'tab', type: 'tab', label }, ...configs, { id: 'act', z: 'tab', wires: [['out']], ...action }, ...outputAndCatch()];
}

/** Loads actionFlow(label, configs, action) with the config nodes' credentials (by node id); the action node. */
export async function loadAction(label: string, configs: object[], action: Record<string, unknown>, credentials: Record<string, object>): Promise<TestNode> {
  await helper.load(nodeModules(), actionFlow(label, configs, action), credentials);
  return helper.getNode('act');
}

/** Sends one msg into the action node and resolves with what came out first (its output or the Catch's). */
export function run(act: TestNode, msg: Record<string, unknown>): ReturnType<typeof firstOf> {
  const result = firstOf(helper.getNode('out'), helper.getNode('caught'));
  act.receive(msg);
  return result;
}

/** Has the sandbox receive an inbound SMS (POST /sandbox/inbound: a reply to `replyTo`, or from `from`); its answer. */
export async function injectInbound(sandbox: Sandbox, body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${sandbox.url}/sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return res.json();
}

/** The messages the sandbox holds for the providers named ('clicksend', 'clickatell-one'...), in the order it took them. */
export function storedMessages(sandbox: Sandbox, ...providers: string[]) {
  return [...sandbox.state.messages.values()].filter((message) => providers.includes(message.provider));
}
