/**
 * The bulk-send fault matrix of issue 12, shared by the Node-RED and n8n tests: one bulk send per fault
 * the sandbox can inject on an API's send route, and what every recipient must end as. judge() checks
 * what the flow or workflow was told against what the sandbox holds.
 */
export type Api = 'clickatell-http' | 'clickatell-rest' | 'clicksend';
export const SEND_ROUTE: Record<Api, string> = { 'clickatell-http': 'sendmsg', 'clickatell-rest': 'POST /rest/message', clicksend: 'send.php' };

export interface Scenario {
  name: string;
  fault?: Record<string, unknown>;
  /** What every recipient must end as: accepted, or failed with this certainlyNotSent. */
  outcome: 'accepted' | 'failed, certainly not sent' | 'failed, maybe sent';
  /** Sandbox messages per recipient: exactly this, or 'at most one'. */
  atGateway: 0 | 1 | 'at most one';
}

const COMMON: Scenario[] = [
  { name: 'no fault', outcome: 'accepted', atGateway: 1 },
  { name: '429 twice, then accepted', fault: { kind: '429', count: 2, retryAfterSeconds: 1 }, outcome: 'accepted', atGateway: 1 },
  { name: '503 twice, then accepted', fault: { kind: '503', count: 2 }, outcome: 'accepted', atGateway: 1 },
  { name: 'connection reset before the gateway acted', fault: { kind: 'reset', count: 1 }, outcome: 'failed, maybe sent', atGateway: 0 },
  { name: 'connection reset after the gateway acted', fault: { kind: 'reset', processed: true, count: 1 }, outcome: 'failed, maybe sent', atGateway: 1 },
  { name: 'unreadable answer after the gateway acted', fault: { kind: 'malformed', count: 1 }, outcome: 'failed, maybe sent', atGateway: 1 },
  { name: 'unreadable answer, nothing processed', fault: { kind: 'malformed', processed: false, count: 1 }, outcome: 'failed, maybe sent', atGateway: 0 },
  { name: '429 that never ends', fault: { kind: '429', count: 100, retryAfterSeconds: 1 }, outcome: 'failed, certainly not sent', atGateway: 0 },
];
export const MATRIX: Array<[Api, Scenario]> = [
  ...(['clickatell-http', 'clickatell-rest', 'clicksend'] as Api[]).flatMap((api) => COMMON.map((scenario): [Api, Scenario] => [api, scenario])),
  ['clickatell-http', { name: 'session expired mid-run', fault: { kind: 'session-expiry', count: 1 }, outcome: 'accepted', atGateway: 1 }],
];

export const RECIPIENTS = 4;

export const digits = (number: string): string => number.replace(/\D/g, '');

/** Distinct numbers per runtime (0: Node-RED, 1: n8n), scenario and recipient. */
export function numbers(api: Api, index: number, runtime: number): string[] {
  const scenario = `${runtime}${String(index).padStart(2, '0')}`;
  return Array.from({ length: RECIPIENTS }, (_, i) => (api === 'clicksend' ? `+61491${scenario}${String(i).padStart(3, '0')}` : `27999${scenario}${String(i).padStart(3, '0')}`));
}

export interface FailedRecipient {
  to: string;
  certainlyNotSent: boolean;
}

/**
 *   - each recipient comes back exactly once, accepted or failed;
 *   - what each was told is the scenario's outcome;
 *   - no recipient got the message twice;
 *   - an accepted recipient has exactly one message at the gateway;
 *   - a failed recipient marked `certainlyNotSent: true` has none (safe to send again, issue 12 item 6).
 */
export function judge(scenario: Scenario, to: string[], accepted: string[], failed: FailedRecipient[], atGateway: number[]): void {
  expect([...accepted.map(digits), ...failed.map((entry) => digits(entry.to))].sort()).toEqual(to.map(digits).sort());
  const told = to.map((number) => {
    const entry = failed.find((item) => digits(item.to) === digits(number));
    return entry ? `failed, ${entry.certainlyNotSent ? 'certainly not sent' : 'maybe sent'}` : 'accepted';
  });
  expect(told).toEqual(to.map(() => scenario.outcome));
  for (let i = 0; i < to.length; i++) {
    expect(atGateway[i]).toBeLessThanOrEqual(1);
    if (told[i] === 'accepted') expect(atGateway[i]).toBe(1);
    if (told[i] === 'failed, certainly not sent') expect(atGateway[i]).toBe(0);
  }
  if (scenario.atGateway !== 'at most one') expect(atGateway).toEqual(to.map(() => scenario.atGateway));
}
