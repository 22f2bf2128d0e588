import { normalizeClickSendDeliveryReport, normalizeClickSendReply } from '../callbacks/clicksend';
import { rawWithoutSecrets } from '../callbacks/fields';
import { pairResults } from '../clicksend/pairing';
import { clickSendSentEvent } from '../clicksend/sent-event';
import { isClickSendTestNumber } from '../clicksend/test-numbers';
import { clickSendDelivery } from '../codes/clicksend-delivery';
import { GatewayError } from '../errors';
import { makeEvent, type BalanceResult, type SmsEvent } from '../events';
import type { RecipientOutcome, SentBatchContext } from '../gateway';
import { missingResult } from '../send-results';
import type { HttpResponse } from '../transport';
import {
  PROVIDER,
  amount,
  isObject,
  malformed,
  readEnvelope,
  resultError,
  statusError,
  successData,
  successObject,
  text,
  unixToIso,
  type Json,
} from './envelope';

/**
 * Response parsers for ClickSend REST API v3 (../shared/specs/clicksend-rest-api-v3.md). Strict: what
 * cannot be read is MALFORMED_RESPONSE, never a success.
 */

// ---------------------------------------------------------------------------------------------------
// POST /sms/send

interface MessageEntry {
  to: string | null;
  messageId: string | null;
  status: string;
  price: number | null;
  parts: number | null;
  raw: Json;
}

function messageEntries(messages: unknown[], status: number, sent: boolean): MessageEntry[] {
  return messages.map((entry, index) => {
    if (!isObject(entry)) throw malformed(`message ${index} is not an object`, status);
    const code = text(entry.status);
    if (code === null) throw malformed(`message ${index} has no status`, status);
    const messageId = text(entry.message_id);
    // A queued message has an id; a priced one has none (C1 §3).
    if (sent && code.toUpperCase() === 'SUCCESS' && messageId === null) throw malformed(`message ${index} succeeded without a message_id`, status);
    return {
      to: text(entry.to),
      messageId,
      status: code.toUpperCase(),
      price: amount(entry.message_price, 'message_price'),
      parts: amount(entry.message_parts, 'message_parts'),
      raw: rawWithoutSecrets(entry),
    };
  });
}

/**
 * The per-message list of a send or price answer, or a thrown error for a whole-request failure.
 * ClickSend documents the success shape only (C1 §2.2, C4); how it answers when some or all recipients
 * fail is unconfirmed (§10 item 3). So each entry's own `status` decides that recipient, whatever the
 * envelope says, as long as the answer lists the messages and came from the API (status below 500); an
 * answer without a list is a whole-request failure.
 */
function messagesOf(response: HttpResponse, what: 'send' | 'price', now?: Date): { data: Json; entries: MessageEntry[] } {
  const envelope = readEnvelope(response);
  const data = envelope?.data;
  const listed = isObject(data) && Array.isArray(data.messages) && data.messages.length > 0;
  if (response.status >= 500 || response.status === 429 || (!listed && (response.status < 200 || response.status >= 300))) {
    throw statusError(response, envelope, now);
  }
  if (envelope === null) throw malformed(`the ${what} response is not a ClickSend JSON envelope`, response.status);
  if (!listed) {
    if (envelope.code !== 'SUCCESS') throw resultError(envelope.code, envelope.message, { httpStatus: response.status });
    throw malformed(`the ${what} response lists no messages`, response.status);
  }
  return { data: data as Json, entries: messageEntries((data as Json).messages as unknown[], response.status, what === 'send') };
}

/** One outcome per requested recipient, in request order (see messagesOf for failures). */
export function parseV3SendResponse(response: HttpResponse, context: SentBatchContext): RecipientOutcome[] {
  const { entries } = messagesOf(response, 'send', context.now);
  const timestamp = (context.now ?? new Date()).toISOString();
  return pairResults(context.recipients, entries).map((entry, index): RecipientOutcome => {
    const to = context.recipients[index];
    if (entry === undefined) return missingResult(PROVIDER, to, response.status, 'Check the SMS history in the ClickSend dashboard before sending again.');
    if (entry.status !== 'SUCCESS') return { to, ok: false, error: resultError(entry.status, null, { httpStatus: response.status, recipient: to }) };
    const event = clickSendSentEvent(PROVIDER, context, timestamp, {
      messageId: entry.messageId,
      to: entry.to ?? to,
      code: entry.status,
      description: null,
      price: entry.price,
      parts: entry.parts,
      clientReference: text(entry.raw.custom_string),
      from: text(entry.raw.from),
      raw: entry.raw,
    });
    return { to, ok: true, event };
  });
}

// ---------------------------------------------------------------------------------------------------
// POST /sms/price

export interface PriceEstimateEntry {
  to: string;
  /** SMS parts ClickSend counted for this recipient. */
  parts: number | null;
  price: number | null;
  /** The entry's status name: SUCCESS, or why this recipient could not be sent (INVALID_RECIPIENT ...). */
  status: string;
  ok: boolean;
  country: string | null;
}

export interface PriceEstimate {
  provider: typeof PROVIDER;
  totalPrice: number;
  /** `currency.currency_name_short` (e.g. 'USD'), when given. */
  currency: string | null;
  totalCount: number | null;
  queuedCount: number | null;
  messages: PriceEstimateEntry[];
  raw: Record<string, unknown>;
}

/** A price estimate, one entry per requested recipient in request order (C1 §3). */
export function parseV3PriceResponse(response: HttpResponse, recipients: readonly string[]): PriceEstimate {
  const { data, entries } = messagesOf(response, 'price');
  const totalPrice = amount(data.total_price, 'total_price');
  if (totalPrice === null) throw malformed('the price response has no total_price', response.status);
  const currency = isObject(data.currency) ? text(data.currency.currency_name_short) : null;
  const paired = pairResults(recipients, entries);
  return {
    provider: PROVIDER,
    totalPrice,
    currency,
    totalCount: amount(data.total_count, 'total_count'),
    queuedCount: amount(data.queued_count, 'queued_count'),
    messages: recipients.map((to, index) => {
      const entry = paired[index];
      return {
        to: entry?.to ?? to,
        parts: entry?.parts ?? null,
        price: entry?.price ?? null,
        status: entry?.status ?? 'MISSING_RESULT',
        ok: entry?.status === 'SUCCESS',
        country: entry ? text(entry.raw.country) : null,
      };
    }),
    raw: rawWithoutSecrets(data),
  };
}

// ---------------------------------------------------------------------------------------------------
// Paginated pulls

/** One page of a paginated pull (C1 §1: total, per_page, current_page, last_page, data[]). */
export interface ClickSendV3Page<T = SmsEvent> {
  events: T[];
  /** This page's number (1-based). */
  page: number;
  /** The last page's number: there is a next page while page < lastPage. */
  lastPage: number;
  total: number;
  perPage: number;
}

function count(value: unknown, field: string, status: number): number {
  const number = amount(value, field);
  if (number === null || !Number.isInteger(number) || number < 0) throw malformed(`'${field}' is not a count`, status);
  return number;
}

function page<T>(response: HttpResponse, what: string, read: (record: Json, index: number) => T): ClickSendV3Page<T> {
  const { data } = successObject(response, what);
  if (!Array.isArray(data.data)) throw malformed(`the ${what} response has no data list`, response.status);
  const events = data.data.map((record, index) => {
    if (!isObject(record)) throw malformed(`${what} record ${index} is not an object`, response.status);
    return read(record, index);
  });
  const current = count(data.current_page ?? 1, 'current_page', response.status);
  return {
    events,
    page: current,
    lastPage: count(data.last_page ?? current, 'last_page', response.status),
    total: count(data.total ?? events.length, 'total', response.status),
    perPage: count(data.per_page ?? events.length, 'per_page', response.status),
  };
}

/**
 * Pulled inbound messages and receipts carry the fields of the pushes, so they go through the callback
 * normalizers; a record they cannot read is part of a response here, hence MALFORMED_RESPONSE.
 */
function fromRecord(normalize: () => SmsEvent, status: number): SmsEvent {
  try {
    return normalize();
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'MALFORMED_CALLBACK') throw malformed(error.providerText ?? 'unreadable record', status);
    throw error;
  }
}

/**
 * A history record (C1 §4) as a 'message.status' event. `status` says where the message is at ClickSend
 * (Completed, Scheduled, Sent, Cancelled, WaitApproval) and `status_code` what the network reported (200,
 * 201, 300, 301, 302). Once the message is Sent (or the word is missing) the code tells what became of it;
 * before that, and for Cancelled (C7 pairs it with 301), the word does.
 */
export function historyEvent(record: Json): SmsEvent {
  const code = text(record.status_code);
  const word = text(record.status);
  const byCode = code !== null && (word === null || /^sent$/i.test(word)) ? clickSendDelivery(null, code) : null;
  const info = byCode && byCode.state !== 'unknown' ? byCode : clickSendDelivery(word, code);
  return makeEvent({
    type: 'message.status',
    provider: PROVIDER,
    messageId: text(record.message_id),
    clientReference: text(record.custom_string),
    to: text(record.to),
    from: text(record.from),
    text: typeof record.body === 'string' ? record.body : null,
    state: info.state,
    final: info.final,
    error: info.error,
    providerCode: code ?? word,
    providerDescription: text(record.status_text) ?? text(record.error_text) ?? info.description,
    charge: isClickSendTestNumber(text(record.to) ?? '') ? 0 : amount(record.message_price, 'message_price'),
    timestamp: unixToIso(record.date),
    parts: amount(record.message_parts, 'message_parts') ?? undefined,
    raw: rawWithoutSecrets(record),
  });
}

/** GET /sms/history. */
export function parseV3HistoryResponse(response: HttpResponse): ClickSendV3Page {
  return page(response, 'history', (record) => historyEvent(record));
}

/** GET /sms/inbound: 'message.inbound' events (inReplyTo = original_message_id). */
export function parseV3InboundResponse(response: HttpResponse): ClickSendV3Page {
  return page(response, 'inbound', (record) => fromRecord(() => normalizeClickSendReply(record, { provider: PROVIDER }), response.status));
}

/** GET /sms/receipts: 'message.status' events. */
export function parseV3ReceiptsResponse(response: HttpResponse): ClickSendV3Page {
  return page(response, 'receipts', (record) => fromRecord(() => normalizeClickSendDeliveryReport(record, { provider: PROVIDER }), response.status));
}

/** GET /sms/receipts/{id}: the receipt as a 'message.status' event. */
export function parseV3ReceiptResponse(response: HttpResponse): SmsEvent {
  const { data } = successObject(response, 'receipt');
  return fromRecord(() => normalizeClickSendDeliveryReport(data, { provider: PROVIDER }), response.status);
}

/**
 * GET /sms/inbound/{outbound_message_id}: the replies to one message. The SDK documents the path only
 * (C2); the answer is read as a list, a page or a single record, all as 'message.inbound' events.
 */
export function parseV3ReplyToResponse(response: HttpResponse): SmsEvent[] {
  const { data } = successData(response);
  const records = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.data) ? data.data : isObject(data) ? [data] : null;
  if (records === null) throw malformed('the reply response has no data', response.status);
  return records.map((record, index) => {
    if (!isObject(record)) throw malformed(`reply record ${index} is not an object`, response.status);
    return fromRecord(() => normalizeClickSendReply(record, { provider: PROVIDER }), response.status);
  });
}

// ---------------------------------------------------------------------------------------------------
// Cancelling, account

/** PUT /sms/{id}/cancel (C1 §5: SUCCESS, "Message … has been cancelled.", data []): a 'cancelled' event. */
export function parseV3CancelResponse(response: HttpResponse, messageId: string, now: Date = new Date()): SmsEvent {
  const { message } = successData(response);
  return makeEvent({
    type: 'message.status',
    provider: PROVIDER,
    messageId,
    state: 'cancelled',
    final: true,
    providerCode: 'SUCCESS',
    providerDescription: message,
    timestamp: now.toISOString(),
    raw: { response_msg: message },
  });
}

/** PUT /sms/cancel-all (C1 §5: data.count). */
export function parseV3CancelAllResponse(response: HttpResponse): { count: number } {
  const { data } = successObject(response, 'cancel-all');
  return { count: count(data.count, 'count', response.status) };
}

/** GET /account: `balance` is a decimal string in the account's currency, `_currency` names it (C1 §6). */
export function parseV3AccountResponse(response: HttpResponse): BalanceResult {
  const { data } = successObject(response, 'account');
  const balance = amount(data.balance, 'balance');
  if (balance === null) throw malformed('the account response has no balance', response.status);
  const currency = isObject(data._currency) ? text(data._currency.currency_name_short) : null;
  // The account record holds names, email addresses and phone numbers: only what a balance needs is kept.
  const raw: Record<string, unknown> = { balance: data.balance };
  if (isObject(data._currency)) raw._currency = data._currency;
  return { provider: PROVIDER, balance, currency, raw };
}
