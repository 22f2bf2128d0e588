import { abortableSleep, type Now, type Sleep } from './timing';

export interface RateGateOptions {
  /** Requests per second; undefined means no rate limit (the gate then only enforces pauses). */
  ratePerSecond?: number;
  /** Requests that may start back to back after an idle spell (bucket capacity). */
  burst: number;
  now: Now;
  sleep: Sleep;
}

/**
 * Token bucket shared by every worker of a run, plus an account-wide pause.
 * Every request (first attempts and retries alike) passes through `acquire`, one caller at a time, so
 * the order of waiting is the order of starting and the limit holds across all workers.
 */
export class RateGate {
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: RateGateOptions) {
    this.tokens = options.burst;
    this.refilledAt = options.now();
  }

  /**
   * Holds every request until `until` (a clock time). A 429 limits the account, not one batch: letting
   * the other workers keep sending during the Retry-After window would only earn more 429s.
   */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Resolves when one request may start; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken(signal));
    // The next caller waits for this one to finish, whether it got its token or was aborted.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    const { now, sleep, ratePerSecond, burst } = this.options;
    for (;;) {
      signal?.throwIfAborted();
      const time = now();
      if (time < this.pausedUntil) {
        await abortableSleep(sleep, this.pausedUntil - time, signal);
        continue;
      }
      if (ratePerSecond === undefined) return;
      this.tokens = Math.min(burst, this.tokens + ((time - this.refilledAt) * ratePerSecond) / 1000);
      this.refilledAt = time;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await abortableSleep(sleep, Math.ceil(((1 - this.tokens) * 1000) / ratePerSecond), signal);
    }
  }
}
