import type { Provider } from './provider';

/** Provider-independent message state. The provider's own code and text are kept beside it. */
export type MessageState =
  | 'accepted' // taken by the gateway, nothing more known yet
  | 'queued' // waiting at the gateway (including retry queues)
  | 'scheduled' // held for a delivery time in the future
  | 'sent' // handed to the network / upstream gateway
  | 'delivered' // confirmed on the handset
  | 'failed'
  | 'expired'
  | 'cancelled'
  | 'received' // inbound (MO) message
  | 'unknown';

/** How a text is encoded on the air: GSM 03.38 7-bit, or UCS-2 (16-bit) when any character is outside GSM-7. */
export type Encoding = 'GSM-7' | 'UCS-2';

export type EventType = 'message.sent' | 'message.status' | 'message.inbound';

/**
 * One normalized shape for a send result, a status update and an inbound message across the three APIs.
 * Normalized fields first; `raw` keeps the provider's own fields untouched.
 */
export interface SmsEvent {
  type: EventType;
  provider: Provider;
  /** The provider's message id (apiMsgId, apiMessageId, messageid, moMsgId). */
  messageId: string | null;
  /** Our reference travelling with the message: Clickatell climsgid / clientMessageId, ClickSend customstring. */
  clientReference: string | null;
  to: string | null;
  from: string | null;
  text: string | null;
  state: MessageState;
  /** True when no further status change is expected. */
  final: boolean;
  /** True for error states (failed, expired, out of credit ...). */
  error: boolean;
  /** The provider's status or result code, verbatim ('004', '0000', '201'). */
  providerCode: string | null;
  providerDescription: string | null;
  /** Credits or currency amount charged, when the provider says. */
  charge: number | null;
  /** ISO 8601 time of the event, when the provider says (or when we received it, for sends). */
  timestamp: string | null;
  /** Encoding and parts of the text as sent (send results only). */
  encoding?: Encoding;
  parts?: number;
  /** For inbound messages that answer one of ours: the original message's id. */
  inReplyTo?: string | null;
  raw: Record<string, unknown>;
}

export interface BalanceResult {
  provider: Provider;
  balance: number;
  currency: string | null;
  raw: Record<string, unknown>;
}

export interface CoverageResult {
  provider: Provider;
  destination: string;
  routable: boolean;
  minimumCharge: number | null;
  raw: Record<string, unknown>;
}

/** Build an event with every normalized field present (null when unknown). */
export function makeEvent(fields: Partial<SmsEvent> & Pick<SmsEvent, 'type' | 'provider' | 'state'>): SmsEvent {
  return {
    messageId: null,
    clientReference: null,
    to: null,
    from: null,
    text: null,
    final: false,
    error: false,
    providerCode: null,
    providerDescription: null,
    charge: null,
    timestamp: null,
    raw: {},
    ...fields,
  };
}
