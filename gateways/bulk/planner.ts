import { GatewayError, invalidInput } from '../errors';
import type { RecipientOutcome, SmsGateway } from '../gateway';
import { planBatches, type BulkItem, type PlannedBatch } from './batches';
import { asGatewayError, cancelledError, checkOutcomes, isSameRecipient, type SameRecipient } from './outcomes';
import { RateGate } from './rate-gate';
import { backoffDelay, isSafeToRetry, type RetryPolicy } from './retry-policy';
import { abortableSleep, realNow, type Now, type Sleep } from './timing';

export { planBatches, recipientKey, sendKey } from './batches';
export type { BulkItem, PlannedBatch, RecipientSlot } from './batches';
export { isSameRecipient } from './outcomes';
export type { SameRecipient } from './outcomes';
export { isSafeToRetry } from './retry-policy';
export type { Now, Sleep } from './timing';

export interface BulkRunOptions {
  /** Recipients per request; defaults to (and may not exceed) the gateway's documented limit. */
  maxPerRequest?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Requests started per second, retries included (token bucket); unlimited when absent. */
  ratePerSecond?: number;
  /** Requests that may start back to back after an idle spell (default 1: evenly spaced). */
  burst?: number;
  /** Retries of a batch after its first attempt (default 3). Only safe failures are retried. */
  maxRetries?: number;
  /** First backoff without Retry-After, doubled per retry, jittered (default 500 ms). */
  retryBaseMs?: number;
  /** Cap on the backoff (default 30 000 ms). */
  retryMaxMs?: number;
  /** Longest Retry-After honoured; longer means the batch fails with its 429 (default 60 000 ms). */
  maxRetryAfterMs?: number;
  /** Cancels the run: batches not yet sent get a CANCELLED outcome (delivery 'no'). */
  signal?: AbortSignal;
  /** How to wait (backoff, Retry-After, rate limit): the runtime's own sleep, or a virtual clock in tests. */
  sleep: Sleep;
  now?: Now;
  /** Uniform random in [0, 1) for backoff jitter (default Math.random). */
  random?: () => number;
  /** Called when each batch has its final result. Exceptions it throws are ignored. */
  onBatch?: (report: BatchReport) => void;
  /** How to check that an outcome's `to` is the number sent in that position. */
  sameRecipient?: SameRecipient;
}

/** The final result of one planned batch. */
export interface BatchReport {
  batch: PlannedBatch;
  /** Calls made to gateway.send for this batch (0 when cancelled before the first). */
  attempts: number;
  /** One per recipient of the batch, in `batch.to` order. */
  outcomes: RecipientOutcome[];
  /** The error that failed the whole batch, if it did. */
  error?: GatewayError;
  cancelled: boolean;
}

/** Which request carried a recipient, and how many tries that request took. */
export interface BatchTrace {
  batch: number;
  attempts: number;
}

export interface BulkItemResult {
  /** Index of the item in the input. */
  index: number;
  /** One outcome per recipient, in the item's `to` order. */
  outcomes: RecipientOutcome[];
  /** Parallel to `outcomes`: the batch that carried each recipient. */
  trace: BatchTrace[];
}

export interface BulkStats {
  items: number;
  recipients: number;
  accepted: number;
  failed: number;
  /** Failed recipients whose error is CANCELLED. */
  cancelled: number;
  batches: number;
  /** Calls to gateway.send, retries included. */
  requests: number;
  retries: number;
}

/**
 * Sends every item through `gateway`, batching recipients that share text and options, and returns one
 * result per item, in input order, with one outcome per recipient in the item's order.
 * It never rejects for a gateway failure: a batch that fails gives each of its recipients that error.
 */
export async function runBulk(gateway: SmsGateway, items: readonly BulkItem[], options: BulkRunOptions): Promise<BulkItemResult[]> {
  const limit = resolveLimit(gateway, options.maxPerRequest);
  const concurrency = wholeNumber(options.concurrency ?? 4, 'concurrency', 1);
  const burst = wholeNumber(options.burst ?? 1, 'burst', 1);
  const ratePerSecond = options.ratePerSecond;
  if (ratePerSecond !== undefined && !(Number.isFinite(ratePerSecond) && ratePerSecond > 0)) {
    throw invalidInput('ratePerSecond', `must be a number above 0, got ${String(ratePerSecond)}`);
  }
  const policy: RetryPolicy = {
    maxRetries: wholeNumber(options.maxRetries ?? 3, 'maxRetries', 0),
    baseDelayMs: nonNegative(options.retryBaseMs ?? 500, 'retryBaseMs'),
    maxDelayMs: nonNegative(options.retryMaxMs ?? 30_000, 'retryMaxMs'),
    maxRetryAfterMs: nonNegative(options.maxRetryAfterMs ?? 60_000, 'maxRetryAfterMs'),
    random: options.random ?? Math.random,
  };
  const now = options.now ?? realNow;
  const sleep = options.sleep;
  const signal = options.signal;
  const sameRecipient = options.sameRecipient ?? isSameRecipient;
  const gate = new RateGate({ ratePerSecond, burst, now, sleep });
  const provider = gateway.provider;

  const batches = planBatches(items, limit);
  // Each item's result is made when the first of its batches reports, not up front: with one item per
  // recipient, results made at the start would all live through the whole run, and every collection of
  // the young generation during the run would copy them.
  const results = new Array<BulkItemResult | undefined>(items.length);
  const resultOf = (index: number): BulkItemResult => {
    let result = results[index];
    if (result === undefined) {
      const length = items[index].to.length;
      result = { index, outcomes: new Array<RecipientOutcome>(length), trace: new Array<BatchTrace>(length) };
      results[index] = result;
    }
    return result;
  };

  const finish = (batch: PlannedBatch, attempts: number, error: GatewayError): BatchReport => {
    const outcomes = new Array<RecipientOutcome>(batch.to.length);
    for (let i = 0; i < outcomes.length; i++) outcomes[i] = { to: batch.to[i], ok: false, error };
    return { batch, attempts, outcomes, error, cancelled: error.code === 'CANCELLED' };
  };

  const sendBatch = async (batch: PlannedBatch): Promise<BatchReport> => {
    let attempts = 0;
    let lastError: GatewayError | undefined;
    for (;;) {
      // A batch whose last try was a safe failure (or that never started) has sent nothing,
      // so cancelling it here is exact. A request already in flight is awaited below instead:
      // gateway.send cannot be recalled, and its real outcome is what the user must see.
      if (signal?.aborted) return finish(batch, attempts, cancelledError(provider, lastError));
      try {
        await gate.acquire(signal);
      } catch (waitError) {
        if (signal?.aborted) return finish(batch, attempts, cancelledError(provider, lastError));
        return finish(batch, attempts, asGatewayError(provider, waitError));
      }
      attempts += 1;
      let answer: unknown;
      try {
        answer = await gateway.send({ to: [...batch.to], text: batch.text, options: batch.options });
      } catch (thrown) {
        lastError = asGatewayError(provider, thrown);
        // Retrying anything but a certain non-delivery could text the whole batch twice: see isSafeToRetry.
        if (!isSafeToRetry(lastError) || attempts > policy.maxRetries) return finish(batch, attempts, lastError);
        const retryAfter = lastError.retryAfterMs;
        if (retryAfter !== undefined) {
          if (retryAfter > policy.maxRetryAfterMs) return finish(batch, attempts, lastError);
          // Every worker waits out the Retry-After window, not only this batch (see RateGate.pauseUntil).
          gate.pauseUntil(now() + retryAfter);
        } else {
          try {
            await abortableSleep(sleep, backoffDelay(policy, attempts), signal);
          } catch (waitError) {
            if (signal?.aborted) return finish(batch, attempts, cancelledError(provider, lastError));
            return finish(batch, attempts, asGatewayError(provider, waitError));
          }
        }
        continue;
      }
      try {
        return { batch, attempts, outcomes: checkOutcomes(provider, batch.to, answer, sameRecipient), cancelled: false };
      } catch (malformed) {
        return finish(batch, attempts, asGatewayError(provider, malformed));
      }
    }
  };

  const record = (report: BatchReport): void => {
    const trace: BatchTrace = { batch: report.batch.index, attempts: report.attempts };
    const slots = report.batch.slots;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      const result = resultOf(slot.item);
      result.outcomes[slot.position] = report.outcomes[i];
      result.trace[slot.position] = trace;
    }
    if (options.onBatch) {
      try {
        options.onBatch(report);
      } catch {
        // A progress hook must not be able to lose the outcomes of the batches still running.
      }
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++];
      let report: BatchReport;
      try {
        report = await sendBatch(batch);
      } catch (unexpected) {
        report = finish(batch, 0, asGatewayError(provider, unexpected));
      }
      record(report);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));

  for (let index = 0; index < results.length; index++) {
    // Items without recipients (and any a bug left out) get their result here.
    const result = resultOf(index);
    for (let i = 0; i < result.outcomes.length; i++) {
      if (result.outcomes[i] === undefined) {
        // Cannot happen while planBatches places every recipient; checked so a bug shows, not a gap.
        throw new Error(`bulk planner lost recipient ${i} of item ${result.index}`);
      }
    }
  }
  return results as BulkItemResult[];
}

/** Totals over the results of one runBulk call. */
export function bulkStats(results: readonly BulkItemResult[]): BulkStats {
  const stats: BulkStats = { items: results.length, recipients: 0, accepted: 0, failed: 0, cancelled: 0, batches: 0, requests: 0, retries: 0 };
  const seen = new Set<number>();
  // Recipients of one batch share one trace object (see record), so a trace already counted just
  // before needs no look-up in `seen`: one look-up per run of recipients instead of one per recipient.
  let previousTrace: BatchTrace | undefined;
  for (const result of results) {
    const { outcomes, trace } = result;
    // A loop rather than forEach, which would make a closure per result (one per workflow item);
    // holes are skipped as forEach skips them.
    for (let i = 0; i < outcomes.length; i++) {
      const outcome = outcomes[i];
      // `in` is asked only about undefined entries: it is slow, and allocates, for every entry.
      if (outcome === undefined && !(i in outcomes)) continue;
      stats.recipients += 1;
      if (outcome.ok) stats.accepted += 1;
      else {
        stats.failed += 1;
        if (outcome.error.code === 'CANCELLED') stats.cancelled += 1;
      }
      const batchTrace = trace[i];
      if (batchTrace && batchTrace !== previousTrace && !seen.has(batchTrace.batch)) {
        seen.add(batchTrace.batch);
        stats.batches += 1;
        stats.requests += batchTrace.attempts;
        stats.retries += Math.max(0, batchTrace.attempts - 1);
      }
      if (batchTrace) previousTrace = batchTrace;
    }
  }
  return stats;
}

function resolveLimit(gateway: SmsGateway, requested: number | undefined): number {
  const documented = gateway.maxRecipientsPerRequest;
  if (requested === undefined) return documented;
  const limit = wholeNumber(requested, 'maxPerRequest', 1);
  if (limit > documented) {
    throw invalidInput('maxPerRequest', `the ${gateway.provider} API takes at most ${documented} recipients per request, got ${limit}`);
  }
  return limit;
}

function wholeNumber(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min) throw invalidInput(field, `must be a whole number of at least ${min}, got ${String(value)}`);
  return value;
}

function nonNegative(value: number, field: string): number {
  if (!(Number.isFinite(value) && value >= 0)) throw invalidInput(field, `must be a number of at least 0, got ${String(value)}`);
  return value;
}
