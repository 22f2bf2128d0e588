/**
 * Waits `ms` milliseconds; rejects early (with the signal's reason) when the signal aborts.
 * Always injected by the runtime (n8n's `sleep`, a timer in Node-RED, a virtual clock in tests): the core
 * holds no timer of its own, because n8n's community-node rules forbid timer globals in code n8n loads.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Milliseconds on a clock that only moves forward. */
export type Now = () => number;

export const realNow: Now = () => performance.now();

/**
 * Makes any injected sleep abortable: an injected fake clock need not know about signals, and the
 * planner must stop waiting the moment the run is cancelled.
 */
export function abortableSleep(sleep: Sleep, ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms, signal).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}
