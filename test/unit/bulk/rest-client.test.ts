import { bulkStats, runBulk } from '../../../gateways/bulk';
import { ClickatellRestClient } from '../../../gateways/clickatell-rest';
import type { HttpRequest, HttpResponse, Transport } from '../../../gateways/transport';
import { VirtualClock } from './virtual-clock';

/** An in-memory Clickatell REST endpoint: 429 on the first call, then 202 with one entry per number. */
class RestEndpoint implements Transport {
  readonly bodies: { to: string[]; text: string }[] = [];
  private calls = 0;

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.calls += 1;
    if (this.calls === 1) return { status: 429, headers: { 'retry-after': '2' }, body: '' };
    const body = JSON.parse(request.body ?? '{}') as { to: string[]; text: string };
    this.bodies.push(body);
    const message = body.to.map((to, i) =>
      to.endsWith('99') ? { accepted: false, to, error: { code: '105', description: 'Invalid destination address' } } : { accepted: true, to, apiMessageId: `id-${this.calls}-${i}` },
    );
    return { status: message.some((m) => !m.accepted) ? 207 : 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: { message } }) };
  }
}

describe('runBulk with the Clickatell REST client', () => {
  it('batches, honours a real 429 Retry-After header and maps normalized numbers back', async () => {
    const clock = new VirtualClock();
    const endpoint = new RestEndpoint();
    const client = new ClickatellRestClient({ credentials: { token: 'test-token', baseUrl: 'http://sandbox.local' }, transport: endpoint });
    const numbers = Array.from({ length: 1203 }, (_, i) => `+27 82 ${String(i).padStart(7, '0')}`);
    const items = numbers.map((to) => ({ to: [to], text: 'Hello' }));
    const results = await runBulk(client, items, { sleep: clock.sleep, now: clock.now, concurrency: 2 });

    expect(endpoint.bodies.map((b) => b.to.length)).toEqual([500, 500, 203]);
    expect(clock.now()).toBeGreaterThanOrEqual(2000);
    results.forEach((result, i) => {
      const [outcome] = result.outcomes;
      expect(outcome.ok).toBe(!numbers[i].endsWith('99'));
      if (outcome.ok) expect(outcome.event.to).toBe(numbers[i].replace(/\D/g, ''));
    });
    expect(bulkStats(results)).toMatchObject({ recipients: 1203, requests: 4, retries: 1, failed: 12 });
  });
});
