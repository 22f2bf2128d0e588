import { GatewayError } from '../../../gateways/errors';
import { makeEvent } from '../../../gateways/events';
import type { RecipientOutcome, SendRequest, SmsGateway } from '../../../gateways/gateway';
import type { Provider } from '../../../gateways/provider';
import type { VirtualClock } from './virtual-clock';

/** What the fake does with one call: answer normally, or fail the whole request. */
export type CallPlan =
  | { kind: 'answer' }
  | { kind: 'throw'; error: GatewayError }
  /** The gateway queued the messages, then the connection dropped: the caller sees delivery 'unknown'. */
  | { kind: 'accept-then-throw'; error: GatewayError };

export interface FakeCall {
  request: SendRequest;
  startedAt: number;
  endedAt?: number;
  plan: CallPlan['kind'];
}

export interface FakeGatewayOptions {
  clock: VirtualClock;
  maxRecipientsPerRequest?: number;
  provider?: Provider;
  /** Virtual milliseconds each call takes (may depend on the call number). */
  latencyMs?: number | ((call: number) => number);
  /** Per-recipient refusal, decided by number. */
  rejects?: (to: string) => boolean;
  /** Behaviour of call number `call` (0-based, in the order calls start). */
  plan?: (call: number, request: SendRequest) => CallPlan;
  /** Rewrite the answer, to simulate broken clients. */
  tamper?: (outcomes: RecipientOutcome[], request: SendRequest) => unknown;
}

/** An in-memory SmsGateway that records what reached it. */
export class FakeGateway implements SmsGateway {
  readonly provider: Provider;
  readonly maxRecipientsPerRequest: number;
  readonly calls: FakeCall[] = [];
  /** How many times the "gateway" queued a message for each number. */
  readonly queued = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  private nextId = 0;

  constructor(private readonly options: FakeGatewayOptions) {
    this.provider = options.provider ?? 'clickatell-rest';
    this.maxRecipientsPerRequest = options.maxRecipientsPerRequest ?? 500;
  }

  async send(request: SendRequest): Promise<RecipientOutcome[]> {
    const callNumber = this.calls.length;
    const plan = this.options.plan?.(callNumber, request) ?? { kind: 'answer' };
    const call: FakeCall = { request: { ...request, to: [...request.to] }, startedAt: this.options.clock.now(), plan: plan.kind };
    this.calls.push(call);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const latency = typeof this.options.latencyMs === 'function' ? this.options.latencyMs(callNumber) : (this.options.latencyMs ?? 10);
      await this.options.clock.sleep(latency);
      if (plan.kind === 'throw') throw plan.error;
      const outcomes = request.to.map((to) => this.answer(to, request.text));
      if (plan.kind === 'accept-then-throw') throw plan.error;
      return (this.options.tamper ? this.options.tamper(outcomes, request) : outcomes) as RecipientOutcome[];
    } finally {
      this.inFlight -= 1;
      call.endedAt = this.options.clock.now();
    }
  }

  private answer(to: string, text: string): RecipientOutcome {
    if (this.options.rejects?.(to)) {
      return {
        to,
        ok: false,
        error: new GatewayError({ provider: this.provider, code: '114', providerText: 'Cannot route message', recipient: to, delivery: 'yes' }),
      };
    }
    this.queued.set(to, (this.queued.get(to) ?? 0) + 1);
    const messageId = `msg-${this.nextId++}`;
    return { to, ok: true, event: makeEvent({ type: 'message.sent', provider: this.provider, state: 'accepted', to, text, messageId }) };
  }
}

export const errors = {
  tooMany: (retryAfterMs?: number) =>
    new GatewayError({ provider: 'clickatell-rest', code: 'HTTP_429', httpStatus: 429, retryable: true, retryAfterMs, delivery: 'no' }),
  unavailable: () => new GatewayError({ provider: 'clickatell-rest', code: 'HTTP_503', httpStatus: 503, retryable: true, delivery: 'no' }),
  refused: () =>
    new GatewayError({ provider: 'clickatell-rest', code: 'NETWORK', providerText: 'connection failed (ECONNREFUSED)', retryable: true, delivery: 'no' }),
  dropped: () =>
    new GatewayError({ provider: 'clickatell-rest', code: 'NETWORK', providerText: 'connection failed (UND_ERR_SOCKET)', retryable: false, delivery: 'unknown' }),
  auth: () => new GatewayError({ provider: 'clickatell-rest', code: '001', httpStatus: 401, providerText: 'Authentication failed', delivery: 'yes' }),
};
