import { RateGate } from '../../gateways/bulk/rate-gate';
import { realNow } from '../../gateways/bulk/timing';
import type { RecipientOutcome, SendRequest, SmsGateway } from '../../gateways/gateway';
import { timerSleep } from './sleep';

/**
 * One node's gateway with its limits applied across every bulk run the node has going at once: the
 * batcher may start a new run while earlier ones are still sending, and the node's "requests at once"
 * and "per second" settings are promises about the node, not about one run.
 */
export function sharedLimits(gateway: SmsGateway, concurrency: number, ratePerSecond: number | undefined): SmsGateway {
  const gate = ratePerSecond === undefined ? undefined : new RateGate({ ratePerSecond, burst: 1, now: realNow, sleep: timerSleep });
  let active = 0;
  const queue: Array<() => void> = [];
  const release = (): void => {
    const next = queue.shift();
    if (next) next();
    else active -= 1;
  };
  const acquire = (): Promise<void> => {
    if (active < concurrency) {
      active += 1;
      return Promise.resolve();
    }
    // The slot passes straight from the request that ends to the one that waited longest.
    return new Promise<void>((resolve) => queue.push(resolve));
  };
  return {
    provider: gateway.provider,
    maxRecipientsPerRequest: gateway.maxRecipientsPerRequest,
    async send(request: SendRequest): Promise<RecipientOutcome[]> {
      await acquire();
      try {
        if (gate) await gate.acquire();
        return await gateway.send(request);
      } finally {
        release();
      }
    },
  };
}
