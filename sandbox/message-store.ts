import type { Encoding } from '../gateways/events';
import type { Provider } from '../gateways/provider';
import { BoundedList } from './bounded';

/** A status change at a known time; a message's lifecycle is a short list of these (see lifecycle.ts). */
export interface Step {
  at: number;
  code: string;
}

export type MessageEncoding = Encoding | 'binary';

export interface SandboxMessage {
  /** apiMsgId (Clickatell, 32 hex) or messageid (ClickSend, upper-case UUID). */
  id: string;
  provider: Provider;
  accountId: string;
  /** As the API shows it: digits (Clickatell) or +digits (ClickSend). */
  to: string;
  from: string;
  /** The text as the handset shows it (UCS-2 hex decoded). */
  text: string;
  /** climsgid / clientMessageId / customstring, '' when none. */
  clientReference: string;
  encoding: MessageEncoding;
  parts: number;
  /** Credits (Clickatell) or currency (ClickSend) charged; a refund sets it to 0. */
  charge: number;
  /** ClickSend: the price quoted in the send answer (test numbers are quoted but not charged). */
  price: number;
  createdAt: number;
  /** When delivery starts for a scheduled or delayed message (status 011 before it), else null. */
  scheduledFor: number | null;
  /** Clickatell callback level 0–7. */
  callback: number;
  /**
   * Status changes in time order. Statuses are computed from these when asked (no timer per message);
   * only pushes that someone will receive are scheduled. Messages of one request share the array until
   * one of them is cancelled (copy on write).
   */
  steps: readonly Step[];
  /** Bumped by cancel/refund so scheduled pushes for the old plan are dropped. */
  version: number;
  /** Which test-number behaviour applied ('normal', 'clickatell-test', 'sandbox-009', ...). */
  behaviour: string;
  /** ClickSend: a delivery report will be generated (not for test numbers). */
  reportable: boolean;
  /** Characters that GSM-7 could not carry and were replaced by '?' (unicode off). */
  replacedCharacters?: string[];
  /** Send options as accepted, for inspection. */
  options: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Messages in insertion order with a capacity: beyond it the oldest are evicted, so memory stays flat
 * however many messages are sent. Indexes by client reference serve idempotent resends and querymsg by
 * climsgid; they are cleaned up with the message they point to.
 */
export class MessageStore {
  private readonly byId = new Map<string, SandboxMessage>();
  /**
   * Insertion order, for eviction. Taking the oldest from the Map itself (`values().next()`) would walk
   * over every slot deleted before it: quadratic once the store is full.
   */
  private readonly order: BoundedList<SandboxMessage>;
  /** account \0 reference \0 recipient -> message (idempotency key). */
  private readonly byReference = new Map<string, SandboxMessage>();
  /** account \0 reference -> latest message with that reference. */
  private readonly latestReference = new Map<string, SandboxMessage>();
  total = 0;
  evicted = 0;

  constructor(capacity: number) {
    this.order = new BoundedList(capacity);
  }

  get size(): number {
    return this.byId.size;
  }

  add(message: SandboxMessage): void {
    this.byId.set(message.id, message);
    this.total++;
    if (message.clientReference !== '') {
      this.byReference.set(referenceKey(message.accountId, message.clientReference, message.to), message);
      this.latestReference.set(referenceKey(message.accountId, message.clientReference), message);
    }
    const evicted = this.order.push(message);
    if (evicted) this.evict(evicted);
  }

  get(id: string): SandboxMessage | undefined {
    return this.byId.get(id);
  }

  /** The message an account already sent with this reference to this recipient (idempotent resend). */
  findByReference(accountId: string, reference: string, to: string): SandboxMessage | undefined {
    return this.byReference.get(referenceKey(accountId, reference, to));
  }

  latestByReference(accountId: string, reference: string): SandboxMessage | undefined {
    return this.latestReference.get(referenceKey(accountId, reference));
  }

  /** Oldest first. */
  values(): SandboxMessage[] {
    return this.order.toArray();
  }

  clear(): void {
    this.byId.clear();
    this.order.clear();
    this.byReference.clear();
    this.latestReference.clear();
    this.total = 0;
    this.evicted = 0;
  }

  private evict(oldest: SandboxMessage): void {
    if (this.byId.get(oldest.id) === oldest) this.byId.delete(oldest.id);
    this.evicted++;
    if (oldest.clientReference !== '') {
      const key = referenceKey(oldest.accountId, oldest.clientReference, oldest.to);
      if (this.byReference.get(key) === oldest) this.byReference.delete(key);
      const latest = referenceKey(oldest.accountId, oldest.clientReference);
      if (this.latestReference.get(latest) === oldest) this.latestReference.delete(latest);
    }
  }
}

function referenceKey(...parts: string[]): string {
  return parts.join('\u0000');
}
