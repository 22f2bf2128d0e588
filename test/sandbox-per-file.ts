/**
 * One sandbox for a whole test file, shared by the unit tests (Node-RED) and the integration tests.
 */
import type { Sandbox } from '../sandbox';

/**
 * Starts a sandbox before the file's tests (with `start`, the file's own options) and closes it after them.
 * The sandbox only exists once beforeAll has run, so what this returns reaches it through getters: use it
 * inside tests and hooks, not at the top level of the file.
 */
export function sandboxPerFile(start: () => Promise<Sandbox>): Sandbox {
  let started: Sandbox | undefined;
  const current = (): Sandbox => {
    if (!started) throw new Error('the sandbox starts in beforeAll: use it inside a test or hook');
    return started;
  };
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get url() { return current().url; },
    get port() { return current().port; },
    get host() { return current().host; },
    get urls() { return current().urls; },
    get state() { return current().state; },
    get faults() { return current().faults; },
    reset: () => current().reset(),
    close: () => current().close(),
  };
}
