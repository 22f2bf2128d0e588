import type { GatewayError } from '../errors';

export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  maxRetries: number;
  /** First backoff when the gateway gave no Retry-After (default 500 ms); doubles each retry. */
  baseDelayMs: number;
  /** Backoff never grows beyond this (default 30 s). */
  maxDelayMs: number;
  /**
   * Longest Retry-After we wait for (default 60 s). A gateway asking for longer is treated as a final
   * failure of the batch: holding a workflow for many minutes is worse than reporting the 429.
   */
  maxRetryAfterMs: number;
  /** Uniform random number in [0, 1), for jitter. */
  random: () => number;
}

/**
 * Whether repeating the batch's request cannot deliver a message twice.
 * Only a whole-request failure that the client marked retryable AND that certainly never reached the
 * gateway (delivery 'no': 429, 503, refused connection) qualifies. A failure with delivery 'unknown'
 * (timeout, connection dropped after the request was written) or 'yes' (the gateway answered about
 * this request) may already have queued the messages: sending again could text every recipient twice,
 * so those are reported, never retried — even if a client marked them retryable by mistake.
 */
export function isSafeToRetry(error: GatewayError): boolean {
  return error.retryable === true && error.delivery === 'no';
}

/**
 * Delay before retry number `retry` (1-based) when the gateway gave no Retry-After: exponential with
 * "equal jitter" (half fixed, half random) so workers that failed together do not retry together, while
 * each still waits at least half the nominal backoff.
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return nominal / 2 + policy.random() * (nominal / 2);
}
