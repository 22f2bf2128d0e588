import type { Sleep } from '../../gateways/bulk/planner';

/**
 * The timer the bulk planner waits with in Node-RED (the shared core holds no timer of its own).
 * Rejects with the signal's reason as soon as a redeploy or close aborts the run.
 */
export const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
