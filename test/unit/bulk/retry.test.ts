import { bulkStats, runBulk, type BatchReport } from '../../../gateways/bulk';
import { GatewayError } from '../../../gateways/errors';
import { errors, FakeGateway, type CallPlan } from './fake-gateway';
import { VirtualClock } from './virtual-clock';

/** A gateway whose calls follow `script` in order (answering normally once the script runs out). */
function scripted(script: (GatewayError | 'ok' | 'accept-then-unknown')[], extra: Partial<ConstructorParameters<typeof FakeGateway>[0]> = {}) {
  const clock = new VirtualClock();
  const gateway = new FakeGateway({
    clock,
    latencyMs: 10,
    plan: (call): CallPlan => {
      const step = script[call] ?? 'ok';
      if (step === 'ok') return { kind: 'answer' };
      if (step === 'accept-then-unknown') return { kind: 'accept-then-throw', error: errors.dropped() };
      return { kind: 'throw', error: step };
    },
    ...extra,
  });
  return { clock, gateway, time: { sleep: clock.sleep, now: clock.now } };
}

const only = (results: Awaited<ReturnType<typeof runBulk>>) => results[0].outcomes[0];

describe('runBulk retries', () => {
  it('retries a 429 after its Retry-After, and holds the other workers too', async () => {
    const { gateway, time } = scripted([errors.tooMany(7000)], { maxRecipientsPerRequest: 1 });
    const results = await runBulk(gateway, [{ to: ['27821', '27822', '27823'], text: 'x' }], { ...time, concurrency: 1 });
    const [first, retry, second, third] = gateway.calls;
    expect(first.request.to).toEqual(['27821']);
    expect(retry.request.to).toEqual(['27821']);
    expect(retry.startedAt).toBeGreaterThanOrEqual((first.endedAt as number) + 7000);
    expect(retry.startedAt).toBeLessThan((first.endedAt as number) + 7000 + 10);
    expect(second.startedAt).toBeGreaterThanOrEqual(retry.endedAt as number);
    expect(third.request.to).toEqual(['27823']);
    expect(results[0].outcomes.every((o) => o.ok)).toBe(true);
    expect(results[0].trace[0].attempts).toBe(2);
    expect(bulkStats(results)).toMatchObject({ requests: 4, retries: 1, accepted: 3 });
  });

  it('pauses concurrent workers during a Retry-After window', async () => {
    const { gateway, time } = scripted([errors.tooMany(5000)], { maxRecipientsPerRequest: 1, latencyMs: (call) => (call === 0 ? 10 : 100) });
    await runBulk(gateway, [{ to: ['1', '2', '3', '4', '5', '6'], text: 'x' }], { ...time, concurrency: 2 });
    const failedAt = gateway.calls[0].endedAt as number;
    // Calls 0 and 1 started together; every later call waited out the window.
    expect(gateway.calls.slice(2).every((c) => c.startedAt >= failedAt + 5000)).toBe(true);
    expect(gateway.calls).toHaveLength(7);
  });

  it('retries a 503 with exponential backoff and jitter', async () => {
    const { gateway, time } = scripted([errors.unavailable(), errors.unavailable(), errors.unavailable()]);
    const draws = [0, 0.5, 1 - 1e-12];
    const results = await runBulk(gateway, [{ to: ['27821'], text: 'x' }], {
      ...time,
      retryBaseMs: 1000,
      random: () => draws.shift() ?? 0,
    });
    const gaps = gateway.calls.slice(1).map((c, i) => c.startedAt - (gateway.calls[i].endedAt as number));
    // Nominal 1000, 2000, 4000 ms; equal jitter waits between half and all of it.
    expect(gaps[0]).toBeCloseTo(500);
    expect(gaps[1]).toBeCloseTo(1500);
    expect(gaps[2]).toBeCloseTo(4000);
    expect(only(results).ok).toBe(true);
    expect(bulkStats(results).retries).toBe(3);
  });

  it('caps the backoff at retryMaxMs', async () => {
    const { gateway, time } = scripted([errors.unavailable(), errors.unavailable(), errors.unavailable()]);
    await runBulk(gateway, [{ to: ['27821'], text: 'x' }], { ...time, retryBaseMs: 1000, retryMaxMs: 1500, random: () => 1 - 1e-12 });
    const gaps = gateway.calls.slice(1).map((c, i) => c.startedAt - (gateway.calls[i].endedAt as number));
    expect(gaps.map(Math.round)).toEqual([1000, 1500, 1500]);
  });

  it('retries a network error that never reached the gateway', async () => {
    const { gateway, time } = scripted([errors.refused()]);
    const results = await runBulk(gateway, [{ to: ['27821', '27822'], text: 'x' }], time);
    expect(gateway.calls).toHaveLength(2);
    expect(results[0].outcomes.every((o) => o.ok)).toBe(true);
    expect(gateway.queued.get('27821')).toBe(1);
  });

  it('gives up after maxRetries and reports the last error to every recipient of the batch', async () => {
    const { gateway, time } = scripted(Array.from({ length: 10 }, () => errors.unavailable()), { maxRecipientsPerRequest: 2 });
    const reports: BatchReport[] = [];
    const results = await runBulk(gateway, [{ to: ['27821', '27822', '27823'], text: 'x' }], {
      ...time,
      concurrency: 1,
      onBatch: (r) => reports.push(r),
    });
    // 1 + 3 retries for the first batch, then the second batch starts on call 4 (still failing) ...
    expect(reports[0].attempts).toBe(4);
    expect(reports[0].error?.code).toBe('HTTP_503');
    expect(results[0].outcomes.slice(0, 2).every((o) => !o.ok && o.error.code === 'HTTP_503')).toBe(true);
    expect(results[0].outcomes.slice(0, 2).map((o) => o.to)).toEqual(['27821', '27822']);
    expect(bulkStats(results)).toMatchObject({ requests: 8, retries: 6, failed: 3 });
  });

  it('honours maxRetries: 0', async () => {
    const { gateway, time } = scripted([errors.unavailable()]);
    const results = await runBulk(gateway, [{ to: ['27821'], text: 'x' }], { ...time, maxRetries: 0 });
    expect(gateway.calls).toHaveLength(1);
    expect(only(results).ok).toBe(false);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs', async () => {
    const { gateway, clock, time } = scripted([errors.tooMany(3_600_000)]);
    const results = await runBulk(gateway, [{ to: ['27821'], text: 'x' }], { ...time, maxRetryAfterMs: 60_000 });
    expect(gateway.calls).toHaveLength(1);
    expect(clock.now()).toBeLessThan(60_000);
    const outcome = only(results);
    expect(!outcome.ok && outcome.error.retryAfterMs).toBe(3_600_000);
  });

  it('never retries delivery "unknown": the gateway may have queued the messages', async () => {
    const { gateway, time } = scripted(['accept-then-unknown']);
    const results = await runBulk(gateway, [{ to: ['27821', '27822'], text: 'x' }], time);
    expect(gateway.calls).toHaveLength(1);
    expect(gateway.queued.get('27821')).toBe(1);
    expect(results[0].outcomes.every((o) => !o.ok && o.error.delivery === 'unknown')).toBe(true);
  });

  it('never retries delivery "unknown" or "yes" even when marked retryable', async () => {
    for (const delivery of ['unknown', 'yes'] as const) {
      const wrong = new GatewayError({ provider: 'clickatell-rest', code: 'HTTP_502', retryable: true, delivery });
      const { gateway, time } = scripted([wrong]);
      const results = await runBulk(gateway, [{ to: ['27821'], text: 'x' }], time);
      expect(gateway.calls).toHaveLength(1);
      expect(only(results)).toMatchObject({ ok: false, error: wrong });
    }
  });

  it('never retries a non-retryable error', async () => {
    const { gateway, time } = scripted([errors.auth()]);
    const results = await runBulk(gateway, [{ to: ['27821'], text: 'x' }], time);
    expect(gateway.calls).toHaveLength(1);
    const outcome = only(results);
    expect(!outcome.ok && outcome.error.code).toBe('001');
  });
});

describe('runBulk cancellation', () => {
  it('sends nothing when the signal is already aborted', async () => {
    const { gateway, time } = scripted([]);
    const results = await runBulk(gateway, [{ to: ['27821', '27822'], text: 'x' }], { ...time, signal: AbortSignal.abort() });
    expect(gateway.calls).toHaveLength(0);
    expect(results[0].outcomes.every((o) => !o.ok && o.error.code === 'CANCELLED' && o.error.delivery === 'no')).toBe(true);
    expect(bulkStats(results)).toMatchObject({ cancelled: 2, requests: 0 });
  });

  it('cancels the batches not yet sent and keeps the real outcome of those in flight', async () => {
    const { gateway, time } = scripted([], { maxRecipientsPerRequest: 1 });
    const controller = new AbortController();
    const results = await runBulk(gateway, [{ to: ['1', '2', '3', '4', '5', '6'], text: 'x' }], {
      ...time,
      concurrency: 2,
      signal: controller.signal,
      onBatch: (report) => {
        if (report.batch.index === 0) controller.abort();
      },
    });
    // Batches 0 and 1 were in flight together when batch 0 finished and the run was cancelled.
    expect(gateway.calls).toHaveLength(2);
    expect(results[0].outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual(['ok', 'ok', 'CANCELLED', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
  });

  it('cancels a batch waiting to retry, and one waiting for the rate limit', async () => {
    const { gateway, clock, time } = scripted([errors.unavailable()], { maxRecipientsPerRequest: 1 });
    const controller = new AbortController();
    void clock.sleep(100).then(() => controller.abort());
    const results = await runBulk(gateway, [{ to: ['1', '2'], text: 'x' }], {
      ...time,
      concurrency: 2,
      ratePerSecond: 1,
      retryBaseMs: 10_000,
      signal: controller.signal,
    });
    const [first, second] = results[0].outcomes;
    expect(gateway.calls).toHaveLength(1);
    expect(!first.ok && first.error.code).toBe('CANCELLED');
    expect(!first.ok && first.error.message).toContain('waiting to retry after HTTP_503');
    expect(!second.ok && second.error.code).toBe('CANCELLED');
    expect(!second.ok && second.error.retryable).toBe(true);
  });
});
