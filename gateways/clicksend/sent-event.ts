import { makeEvent, type SmsEvent } from '../events';
import type { SentBatchContext } from '../gateway';
import { isClickSendTestNumber } from './test-numbers';

/** What one recipient's entry in a ClickSend send answer says (HTTP API v2 `<message>`, REST v3 `messages[]`). */
export interface ClickSendSentEntry {
  messageId: string | null;
  /** The number ClickSend reports (+E.164 even for a local number sent with `country`), else the one sent. */
  to: string;
  code: string;
  description: string | null;
  /** The quoted price; it stays in raw whatever the charge. */
  price: number | null;
  /** What the entry itself says, where it says it (REST v3); otherwise the send's own values are used. */
  parts?: number | null;
  clientReference?: string | null;
  from?: string | null;
  raw: Record<string, unknown>;
}

/**
 * A recipient's message.sent event from either ClickSend API's send answer: 'scheduled' or 'accepted' as
 * the send was, and charged what the account paid: the quoted price, except for ClickSend's free test
 * numbers, which are quoted but never charged (C1 §9: "your account won't be charged").
 */
export function clickSendSentEvent(provider: 'clicksend' | 'clicksend-v3', context: SentBatchContext, timestamp: string, entry: ClickSendSentEntry): SmsEvent {
  return makeEvent({
    type: 'message.sent',
    provider,
    messageId: entry.messageId,
    clientReference: entry.clientReference ?? context.clientReference ?? null,
    to: entry.to,
    from: entry.from ?? context.from ?? null,
    text: context.text ?? null,
    state: context.scheduled ? 'scheduled' : 'accepted',
    providerCode: entry.code,
    providerDescription: entry.description,
    charge: isClickSendTestNumber(entry.to) ? 0 : entry.price,
    timestamp,
    encoding: context.encoding,
    parts: entry.parts ?? context.parts,
    raw: entry.raw,
  });
}
