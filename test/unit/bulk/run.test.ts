import { bulkStats, runBulk, isSameRecipient, type BatchReport, type BulkItem } from '../../../gateways/bulk';
import { GatewayError } from '../../../gateways/errors';
import { FakeGateway } from './fake-gateway';
import { VirtualClock } from './virtual-clock';

const numbers = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

function setup(options: Partial<ConstructorParameters<typeof FakeGateway>[0]> = {}) {
  const clock = new VirtualClock();
  const gateway = new FakeGateway({ clock, ...options });
  return { clock, gateway, time: { sleep: clock.sleep, now: clock.now } };
}

describe('runBulk: batching and mapping back', () => {
  it('sends ceil(N / limit) requests per distinct text/options and each within the limit', async () => {
    const { gateway, time } = setup({ maxRecipientsPerRequest: 4 });
    const items: BulkItem[] = [
      { to: numbers('2782', 9), text: 'one' },
      { to: numbers('2783', 6), text: 'two' },
      { to: numbers('2784', 3), text: 'one', options: { from: 'ACME' } },
      { to: numbers('2785', 2), text: 'one' },
    ];
    const results = await runBulk(gateway, items, time);
    const requests = (text: string, from?: string) =>
      gateway.calls.filter((c) => c.request.text === text && c.request.options?.from === from);
    expect(requests('one')).toHaveLength(Math.ceil(11 / 4));
    expect(requests('two')).toHaveLength(Math.ceil(6 / 4));
    expect(requests('one', 'ACME')).toHaveLength(1);
    expect(gateway.calls.every((c) => c.request.to.length <= 4)).toBe(true);
    expect(requests('one', 'ACME')[0].request.options).toEqual({ from: 'ACME' });
    expect(bulkStats(results)).toEqual({ items: 4, recipients: 20, accepted: 20, failed: 0, cancelled: 0, batches: 6, requests: 6, retries: 0 });
  });

  it('uses a smaller maxPerRequest when asked, and refuses one above the gateway limit', async () => {
    const { gateway, time } = setup({ maxRecipientsPerRequest: 10 });
    await runBulk(gateway, [{ to: numbers('1', 10), text: 'x' }], { ...time, maxPerRequest: 3 });
    expect(gateway.calls.map((c) => c.request.to.length)).toEqual([3, 3, 3, 1]);
    await expect(runBulk(gateway, [{ to: ['1'], text: 'x' }], { ...time, maxPerRequest: 11 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'maxPerRequest',
    });
  });

  it('maps every outcome back to its item and position, with mixed per-recipient errors', async () => {
    const { gateway, time } = setup({ maxRecipientsPerRequest: 2, rejects: (to) => to.endsWith('9') });
    const items: BulkItem[] = [
      { to: ['27820001', '27820009', '27820002'], text: 'a' },
      { to: ['27830009'], text: 'b' },
      { to: [], text: 'a' },
      { to: ['27840001', '27840002'], text: 'a' },
    ];
    const results = await runBulk(gateway, items, time);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    results.forEach((result, i) => {
      expect(result.outcomes.map((o) => o.to)).toEqual(items[i].to);
      result.outcomes.forEach((outcome) => {
        if (outcome.to.endsWith('9')) {
          expect(outcome.ok).toBe(false);
          if (!outcome.ok) expect(outcome.error.recipient).toBe(outcome.to);
        } else {
          expect(outcome.ok).toBe(true);
          if (outcome.ok) expect(outcome.event.to).toBe(outcome.to);
        }
      });
    });
    // Outcomes carry the event of their own number and text.
    const event = results[3].outcomes[1];
    expect(event.ok && event.event.text).toBe('a');
    expect(bulkStats(results)).toMatchObject({ recipients: 6, accepted: 4, failed: 2, requests: 4 });
  });

  it('sends a duplicate number in separate requests and reports each one', async () => {
    const { gateway, time } = setup({ maxRecipientsPerRequest: 10 });
    const results = await runBulk(gateway, [{ to: ['27821', '27822', '27821'], text: 'x' }, { to: ['27821'], text: 'x' }], time);
    expect(gateway.calls.map((c) => c.request.to)).toEqual([['27821', '27822'], ['27821'], ['27821']]);
    expect(gateway.queued.get('27821')).toBe(3);
    const ids = results.flatMap((r) => r.outcomes.map((o) => (o.ok ? o.event.messageId : null)));
    expect(new Set(ids).size).toBe(4);
    expect(results[0].trace.map((t) => t.batch)).toEqual([0, 0, 1]);
    expect(results[1].trace.map((t) => t.batch)).toEqual([2]);
  });
});

describe('runBulk: concurrency and rate limit', () => {
  it('never has more requests in flight than the concurrency, and does use it', async () => {
    const { gateway, time } = setup({ maxRecipientsPerRequest: 1, latencyMs: (call) => 50 + ((call * 37) % 90) });
    await runBulk(gateway, [{ to: numbers('2782', 25), text: 'x' }], { ...time, concurrency: 3 });
    expect(gateway.calls).toHaveLength(25);
    expect(gateway.maxInFlight).toBe(3);
  });

  it('defaults to 4 requests in flight', async () => {
    const { gateway, time } = setup({ maxRecipientsPerRequest: 1, latencyMs: 100 });
    await runBulk(gateway, [{ to: numbers('2782', 12), text: 'x' }], time);
    expect(gateway.maxInFlight).toBe(4);
  });

  it('starts at most ratePerSecond requests per second (burst 1: evenly spaced)', async () => {
    const { gateway, time } = setup({ maxRecipientsPerRequest: 1, latencyMs: 5 });
    await runBulk(gateway, [{ to: numbers('2782', 10), text: 'x' }], { ...time, concurrency: 4, ratePerSecond: 4 });
    const starts = gateway.calls.map((c) => c.startedAt);
    expect(starts[0]).toBe(0);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(250);
    // The limit is a ceiling, not a reason to idle: requests still start about every 250 ms.
    expect(starts[9]).toBeLessThanOrEqual(9 * 250 + 9);
  });

  it('allows a burst, then holds the token-bucket bound over every window', async () => {
    const { gateway, time } = setup({ maxRecipientsPerRequest: 1, latencyMs: 1 });
    const rate = 3;
    const burst = 4;
    await runBulk(gateway, [{ to: numbers('2782', 20), text: 'x' }], { ...time, concurrency: 8, ratePerSecond: rate, burst });
    const starts = gateway.calls.map((c) => c.startedAt);
    expect(starts.slice(0, burst)).toEqual([0, 0, 0, 0]);
    expect(starts[burst]).toBeGreaterThan(0);
    // k + 1 requests in a window of length W need k + 1 <= burst + rate * W / 1000.
    for (let i = 0; i < starts.length; i++) {
      for (let j = i + 1; j < starts.length; j++) {
        expect(starts[j] - starts[i]).toBeGreaterThanOrEqual(((j - i + 1 - burst) * 1000) / rate - 1e-9);
      }
    }
  });
});

describe('runBulk: broken answers and hooks', () => {
  it('fails a batch whose answer has the wrong number of outcomes as MALFORMED_RESPONSE, without retrying', async () => {
    const { gateway, time } = setup({
      maxRecipientsPerRequest: 2,
      tamper: (outcomes, request) => (request.to.includes('27820003') ? outcomes.slice(1) : outcomes),
    });
    const results = await runBulk(gateway, [{ to: ['27820001', '27820002', '27820003', '27820004'], text: 'x' }], time);
    expect(results[0].outcomes.map((o) => o.ok)).toEqual([true, true, false, false]);
    const failed = results[0].outcomes[2];
    expect(!failed.ok && failed.error.code).toBe('MALFORMED_RESPONSE');
    expect(!failed.ok && failed.error.delivery).toBe('unknown');
    expect(gateway.calls).toHaveLength(2);
  });

  it('fails a batch whose answer has a hole where a result should be, with the right length', async () => {
    const { gateway, time } = setup({
      // eslint-disable-next-line no-sparse-arrays
      tamper: (outcomes) => [outcomes[0], , outcomes[2]] as typeof outcomes,
    });
    const results = await runBulk(gateway, [{ to: ['27820001', '27820002', '27820003'], text: 'x' }], time);
    expect(results[0].outcomes).toHaveLength(3);
    expect(results[0].outcomes.every((o) => !o.ok && o.error.code === 'MALFORMED_RESPONSE')).toBe(true);
  });

  it('fails a batch whose answer names other numbers, even with the right count', async () => {
    const { gateway, time } = setup({
      tamper: (outcomes) => [outcomes[1], outcomes[0]],
    });
    const results = await runBulk(gateway, [{ to: ['27820001', '27820002'], text: 'x' }], time);
    expect(results[0].outcomes.every((o) => !o.ok && o.error.code === 'MALFORMED_RESPONSE')).toBe(true);
    // Failed outcomes keep the number the user asked for.
    expect(results[0].outcomes.map((o) => o.to)).toEqual(['27820001', '27820002']);
  });

  it('accepts a client that reports numbers in its own normalized form', async () => {
    const { gateway, time } = setup({
      tamper: (outcomes) => outcomes.map((o) => ({ ...o, to: o.to.startsWith('0') ? `+27${o.to.slice(1)}` : `+${o.to.replace(/\D/g, '')}` })),
    });
    const results = await runBulk(gateway, [{ to: ['0821234567', '+27 83 123 4567'], text: 'x' }], time);
    expect(results[0].outcomes.every((o) => o.ok)).toBe(true);
    expect(isSameRecipient('0821234567', '27821234567')).toBe(true);
    expect(isSameRecipient('27821234567', '27821234568')).toBe(false);
    expect(isSameRecipient('0821234567', '0821234567')).toBe(true);
    expect(isSameRecipient('821234567', '27821234567')).toBe(false);
    // A number set aside as invalid comes back as given: the same position, not a malformed answer (issue 11 item 4).
    expect(isSameRecipient('abc', 'abc')).toBe(true);
    expect(isSameRecipient('abc', 'abd')).toBe(false);
  });

  it('turns a foreign exception into an INTERNAL error without its message', async () => {
    const { gateway, time } = setup();
    gateway.send = async () => {
      throw new TypeError('fetch https://api.example/?password=hunter2 failed');
    };
    const results = await runBulk(gateway, [{ to: ['27821'], text: 'x' }], time);
    const outcome = results[0].outcomes[0];
    expect(!outcome.ok && outcome.error.code).toBe('INTERNAL');
    expect(!outcome.ok && outcome.error.delivery).toBe('unknown');
    expect(JSON.stringify(!outcome.ok && outcome.error.toJSON())).not.toContain('hunter2');
  });

  it('reports each batch to onBatch, and a throwing hook loses nothing', async () => {
    const { gateway, time } = setup({ maxRecipientsPerRequest: 2 });
    const reports: BatchReport[] = [];
    const results = await runBulk(gateway, [{ to: numbers('2782', 5), text: 'x' }], {
      ...time,
      onBatch: (report) => {
        reports.push(report);
        throw new Error('hook bug');
      },
    });
    expect(reports.map((r) => r.batch.index).sort()).toEqual([0, 1, 2]);
    expect(reports.every((r) => r.attempts === 1 && !r.cancelled && r.outcomes.length === r.batch.to.length)).toBe(true);
    expect(bulkStats(results).accepted).toBe(5);
  });

  it('validates its options, naming the field', async () => {
    const { gateway, time } = setup();
    for (const [field, value] of [
      ['concurrency', 0],
      ['ratePerSecond', 0],
      ['burst', 0.5],
      ['maxRetries', -1],
      ['retryBaseMs', Number.NaN],
    ] as const) {
      await expect(runBulk(gateway, [{ to: ['1'], text: 'x' }], { ...time, [field]: value })).rejects.toMatchObject({ field });
    }
    await expect(runBulk(gateway, [{ to: ['1'], text: 'x' }], { ...time, concurrency: 0 })).rejects.toBeInstanceOf(GatewayError);
    expect(gateway.calls).toHaveLength(0);
  });
});
