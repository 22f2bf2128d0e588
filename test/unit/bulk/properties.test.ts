import fc from 'fast-check';
import { bulkStats, recipientKey, runBulk, type BatchReport, type BulkItem } from '../../../gateways/bulk';
import type { SendOptions } from '../../../gateways/gateway';
import { errors, FakeGateway, type CallPlan } from './fake-gateway';
import { VirtualClock } from './virtual-clock';

const POOL = ['27820000001', '+27 82 000 0001', '27820000002', '27820000003', '447700900001', '447700900002', '15550100', '15550101'];

const optionsArb: fc.Arbitrary<SendOptions | undefined> = fc.option(
  fc.record(
    {
      from: fc.constantFrom('ACME', 'SHOP'),
      mo: fc.boolean(),
      scheduledAt: fc.constantFrom(0, 60_000).map((offset) => new Date(Date.UTC(2030, 0, 1) + offset)),
      country: fc.constant(undefined),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const itemArb: fc.Arbitrary<BulkItem> = fc.record({
  to: fc.array(fc.constantFrom(...POOL), { maxLength: 12 }),
  text: fc.constantFrom('Your code is 1234', 'Sale today', 'Привет'),
  options: optionsArb,
});

type Step = 'ok' | '429' | '503' | 'refused' | 'accept-then-unknown' | 'dropped' | 'auth';
const stepArb = fc.constantFrom<Step>('ok', 'ok', 'ok', '429', '503', 'refused', 'accept-then-unknown', 'dropped', 'auth');

function planFor(step: Step): CallPlan {
  switch (step) {
    case 'ok':
      return { kind: 'answer' };
    case '429':
      return { kind: 'throw', error: errors.tooMany(1500) };
    case '503':
      return { kind: 'throw', error: errors.unavailable() };
    case 'refused':
      return { kind: 'throw', error: errors.refused() };
    case 'accept-then-unknown':
      return { kind: 'accept-then-throw', error: errors.dropped() };
    case 'dropped':
      return { kind: 'throw', error: errors.dropped() };
    case 'auth':
      return { kind: 'throw', error: errors.auth() };
  }
}

describe('runBulk properties', () => {
  it('gives every (item, recipient) exactly one outcome, keeps requests within the limit, and never sends a recipient twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb, { maxLength: 10 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.subarray(POOL),
        fc.array(stepArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        async (items, limit, concurrency, refused, steps, maxRetries, ratePerSecond) => {
          const clock = new VirtualClock();
          const unknownAccepts = new Map<string, number>();
          const gateway = new FakeGateway({
            clock,
            maxRecipientsPerRequest: limit,
            latencyMs: (call) => 5 + (call % 7) * 3,
            rejects: (to) => refused.includes(to),
            plan: (call, request) => {
              const plan = planFor(steps[call] ?? 'ok');
              if (plan.kind === 'accept-then-throw') {
                for (const to of request.to) if (!refused.includes(to)) unknownAccepts.set(to, (unknownAccepts.get(to) ?? 0) + 1);
              }
              return plan;
            },
          });
          const reports: BatchReport[] = [];
          const results = await runBulk(gateway, items, {
            concurrency,
            maxRetries,
            ratePerSecond,
            sleep: clock.sleep,
            now: clock.now,
            onBatch: (report) => reports.push(report),
          });

          // One result per item, one outcome per recipient, in the item's order.
          expect(results).toHaveLength(items.length);
          results.forEach((result, i) => {
            expect(result.index).toBe(i);
            expect(result.outcomes).toHaveLength(items[i].to.length);
            result.outcomes.forEach((outcome, j) => expect(outcome?.to).toBe(items[i].to[j]));
          });

          // Exactly one final outcome per (item, recipient): the batches' slots cover each once.
          const finalized = reports.flatMap((r) => r.batch.slots.map((s) => `${s.item}:${s.position}`));
          const expected = items.flatMap((item, i) => item.to.map((_, j) => `${i}:${j}`));
          expect([...finalized].sort()).toEqual([...expected].sort());

          // No request over the limit, and no request naming one destination twice.
          for (const call of gateway.calls) {
            expect(call.request.to.length).toBeGreaterThanOrEqual(1);
            expect(call.request.to.length).toBeLessThanOrEqual(limit);
            expect(new Set(call.request.to.map(recipientKey)).size).toBe(call.request.to.length);
          }
          expect(gateway.maxInFlight).toBeLessThanOrEqual(concurrency);

          // Never sent twice: the gateway queued each number at most as often as the user asked,
          // and every queued message is either an ok outcome or an error saying delivery is unknown.
          const outcomes = results.flatMap((r) => r.outcomes);
          for (const number of new Set(POOL)) {
            const asked = items.reduce((n, item) => n + item.to.filter((to) => to === number).length, 0);
            const queued = gateway.queued.get(number) ?? 0;
            const ok = outcomes.filter((o) => o.to === number && o.ok).length;
            expect(queued).toBeLessThanOrEqual(asked);
            expect(ok + (unknownAccepts.get(number) ?? 0)).toBe(queued);
          }
          const ids = outcomes.flatMap((o) => (o.ok ? [o.event.messageId] : []));
          expect(new Set(ids).size).toBe(ids.length);

          // An answered batch reports the gateway's per-recipient verdict; retries stay within budget.
          for (const report of reports) {
            expect(report.attempts).toBeLessThanOrEqual(maxRetries + 1);
            if (!report.error) report.outcomes.forEach((o) => expect(o.ok).toBe(!refused.includes(o.to)));
            else expect(report.outcomes.every((o) => !o.ok && o.error === report.error)).toBe(true);
          }
          const stats = bulkStats(results);
          expect(stats.requests).toBe(gateway.calls.length);
          expect(stats.recipients).toBe(expected.length);
          expect(stats.accepted + stats.failed).toBe(stats.recipients);
        },
      ),
      { numRuns: 300 },
    );
  });
});
