import { GatewayError } from './errors';
import { makeEvent, type SmsEvent } from './events';
import type { RecipientOutcome, SentBatchContext } from './gateway';
import type { Provider } from './provider';
import { digitsOf } from './text/numbers';

/**
 * Pairing a multi-recipient send's answer with the recipients asked for, shared by the JSON APIs whose
 * answers list one entry per recipient (Clickatell REST `data.message[]`, the Portal APIs' `messages[]`).
 */

/**
 * Whether entry i is for recipient i, for every recipient: how the APIs (and the sandbox) answer. The
 * pairing below then gives exactly this, so this check, with no map and no allocation, is taken first.
 */
export function inRequestOrder<E>(recipients: readonly string[], entries: readonly E[], numberOf: (entry: E) => string | null): boolean {
  if (entries.length < recipients.length) return false;
  for (let i = 0; i < recipients.length; i++) {
    const recipient = recipients[i];
    if (typeof recipient !== 'string' || numberOf(entries[i]) !== digitsOf(recipient)) return false;
  }
  return true;
}

/**
 * Pair each requested recipient with its entry: first by number (the APIs answer with the digits we
 * sent), then, only when exactly as many entries as recipients are left over, by position. A recipient
 * left without an entry gets undefined (the caller reports it as MISSING_RESULT).
 */
export function pairEntries<E>(recipients: readonly string[], entries: readonly E[], numberOf: (entry: E) => string | null): Array<E | undefined> {
  // Each recipient takes the first unused entry with its number. Entries of one number are used in
  // response order, so a queue of entry positions per number gives the same pairing as searching the
  // entries for every recipient, in linear time instead of quadratic (500 x 500 per full batch).
  const byNumber = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    const number = numberOf(entry);
    if (number === null) return;
    const positions = byNumber.get(number);
    if (positions) positions.push(i);
    else byNumber.set(number, [i]);
  });
  const used = new Set<number>();
  const pairs: Array<E | undefined> = recipients.map((recipient) => {
    const index = byNumber.get(digitsOf(recipient))?.shift();
    if (index === undefined) return undefined;
    used.add(index);
    return entries[index];
  });
  const leftRecipients: number[] = [];
  pairs.forEach((pair, i) => {
    if (pair === undefined) leftRecipients.push(i);
  });
  if (leftRecipients.length > 0) {
    const leftEntries = entries.flatMap((_, i) => (used.has(i) ? [] : [i]));
    if (leftRecipients.length === leftEntries.length) {
      leftRecipients.forEach((recipientIndex, k) => {
        pairs[recipientIndex] = entries[leftEntries[k]];
      });
    }
  }
  return pairs;
}

/**
 * What every recipient's event of one send answer shares (all but messageId, to and raw), built once per
 * answer from the context of the send; recipientEvent completes it per recipient.
 */
export function batchSentEvent(provider: Provider, context: SentBatchContext): SmsEvent {
  return makeEvent({
    type: 'message.sent',
    provider,
    messageId: null,
    clientReference: context.clientReference ?? null,
    to: null,
    from: context.from ?? null,
    text: context.text ?? null,
    state: context.scheduled ? 'scheduled' : 'accepted',
    timestamp: (context.now ?? new Date()).toISOString(),
    encoding: context.encoding,
    parts: context.parts,
    raw: {},
  });
}

/**
 * One recipient's event: `sent` (what makeEvent built for the whole response) with messageId, to and raw
 * set. Written out as a literal in makeEvent's key order (its defaults, then the fields passed in `sent`)
 * because this runs once per recipient of a full batch: a literal of a fixed shape is the cheapest object
 * V8 can build, cheaper in time and memory than copying `sent` with a spread. Same keys, order and values.
 * `raw` is the entry object itself, not a copy: it was parsed from this response and goes to this
 * recipient only (pairing uses every entry at most once), so nothing else can see or change it.
 */
export function recipientEvent(sent: SmsEvent, messageId: string | null, to: string, raw: Record<string, unknown>): SmsEvent {
  return {
    messageId,
    clientReference: sent.clientReference,
    to,
    from: sent.from,
    text: sent.text,
    final: sent.final,
    error: sent.error,
    providerCode: sent.providerCode,
    providerDescription: sent.providerDescription,
    charge: sent.charge,
    timestamp: sent.timestamp,
    raw,
    type: sent.type,
    provider: sent.provider,
    state: sent.state,
    encoding: sent.encoding,
    parts: sent.parts,
  };
}

/** A recipient the answer says nothing about: it may or may not have been sent. */
export function missingResult(provider: Provider, to: string, status: number, hint: string): RecipientOutcome {
  return {
    to,
    ok: false,
    error: new GatewayError({
      provider,
      code: 'MISSING_RESULT',
      providerText: 'the response has no result for this recipient',
      httpStatus: status,
      hint,
      delivery: 'unknown',
      recipient: to,
    }),
  };
}
