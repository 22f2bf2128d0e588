import { agreeingHint } from '../codes/agreeing-hint';
import { normalizeClickSendDeliveryReport, normalizeClickSendReply } from '../callbacks/clicksend';
import type { SentBatchContext } from '../gateway';
import { rawWithoutSecrets } from '../callbacks/fields';
import { clickSendDelivery } from '../codes/clicksend-delivery';
import { clickSendResult } from '../codes/clicksend-results';
import { GatewayError, malformedResponse } from '../errors';
import { makeEvent, type BalanceResult, type SmsEvent } from '../events';
import type { RecipientOutcome } from '../gateway';
import type { HttpResponse } from '../transport';
import { httpFailure } from '../http-failure';
import { missingResult } from '../send-results';
import { pairResults } from './pairing';
import { clickSendSentEvent } from './sent-event';
import { childElement, childElements, childText, leafRecord, parseXml, type XmlElement } from './xml';

/**
 * Response parsers for the ClickSend HTTP API v2. The API answers HTTP 200 with an XML body whose
 * `<result>` code says what happened; every other status comes from a front end or proxy.
 * A body these parsers cannot read is a GatewayError 'MALFORMED_RESPONSE', never a success.
 */

const PROVIDER = 'clicksend' as const;
const SUCCESS = '0000';

/** What the parser needs to know about the send it answers (see PreparedClickSendSend). */
export type ClickSendSendContext = SentBatchContext;

const malformed = (problem: string): GatewayError => malformedResponse(PROVIDER, problem);

/** A `<result>` code that is not 0000 as a GatewayError: the table's hint, ClickSend's own text. */
export function clickSendResultError(code: string, errorText?: string | null, recipient?: string): GatewayError {
  const info = clickSendResult(code);
  const text = errorText?.trim();
  return new GatewayError({
    provider: PROVIDER,
    code: info.code,
    providerText: text ? text : info.text,
    // The table's hint only when ClickSend's own text agrees with what the code is documented as.
    hint: info.hint ? agreeingHint({ code: info.code, documented: [info.text, info.description], hint: info.hint }, text) : undefined,
    retryable: info.retryable ?? false,
    recipient,
  });
}

/** Non-2xx statuses: the API itself always answers 200, so these come from the infrastructure in front. */
function checkStatus(response: HttpResponse): void {
  const status = response.status;
  if (status >= 200 && status < 300) return;
  throw httpFailure({
    provider: PROVIDER,
    status,
    headers: response.headers ?? {},
    hint:
      status === 429 || status === 503
        ? 'ClickSend is busy; the request can be repeated after a pause.'
        : status >= 500
          ? 'A gateway error; it may have accepted the request, so check the history before sending again.'
          : 'Unexpected HTTP status; check the base URL in the credentials.',
  });
}

/** The `<xml>` root of a 2xx response. */
function documentRoot(response: HttpResponse): XmlElement {
  checkStatus(response);
  const root = parseXml(response.body, PROVIDER);
  if (root.name.toLowerCase() !== 'xml') throw malformed(`the root element is <${root.name}>, not <xml>`);
  return root;
}

function trimmed(value: string | undefined): string | null {
  if (value === undefined) return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/** The `<result>` code, looked for in each place in turn (history puts it inside `<history>`). */
function resultCode(places: ReadonlyArray<XmlElement | undefined>): { code: string; errorText: string | null } | null {
  for (const place of places) {
    if (place === undefined) continue;
    const code = trimmed(childText(place, 'result'));
    if (code === null) continue;
    if (!/^\d{1,4}$/.test(code)) throw malformed(`the result code '${code.slice(0, 20)}' is not a number`);
    return { code: code.padStart(4, '0'), errorText: trimmed(childText(place, 'errortext')) };
  }
  return null;
}

/** Throws unless the listed places hold a `<result>` of 0000. */
function requireSuccess(places: ReadonlyArray<XmlElement | undefined>): void {
  const result = resultCode(places);
  if (result === null) throw malformed('the response has no <result> code');
  if (result.code !== SUCCESS) throw clickSendResultError(result.code, result.errorText);
}

function number(value: string | undefined, field: string): number | null {
  const text = trimmed(value);
  if (text === null) return null;
  if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) throw malformed(`<${field}> is not a number`);
  return Number(text);
}

/** Unix seconds to ISO 8601; empty or unreadable gives null. */
function unixToIso(value: string | undefined): string | null {
  const text = trimmed(value);
  if (text === null || !/^\d{1,12}$/.test(text)) return null;
  const date = new Date(Number(text) * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A leaf field of a record, its name compared without case. */
function field(record: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

// ---------------------------------------------------------------------------------------------------
// Records shared with the push callbacks

/**
 * Pulled replies and delivery reports carry the same fields as the pushed ones, so they go through the
 * callback normalizers (gateways/callbacks/clicksend.ts); only their error code changes, because here a
 * record that cannot be read is part of a response.
 */
function fromRecord(normalize: () => SmsEvent): SmsEvent {
  try {
    return normalize();
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'MALFORMED_CALLBACK') throw malformed(error.providerText ?? 'unreadable record');
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// send.php

interface MessageResult {
  to: string | null;
  messageId: string | null;
  code: string;
  errorText: string | null;
  price: number | null;
  raw: Record<string, string>;
}

function messageResults(messages: XmlElement[]): MessageResult[] {
  return messages.map((message, index) => {
    const result = resultCode([message]);
    if (result === null) throw malformed(`message ${index} has no <result> code`);
    const messageId = trimmed(childText(message, 'messageid'));
    if (result.code === SUCCESS && messageId === null) throw malformed(`message ${index} succeeded without a messageid`);
    return {
      to: trimmed(childText(message, 'to')),
      messageId,
      code: result.code,
      errorText: result.errorText,
      price: number(childText(message, 'price'), 'price'),
      raw: leafRecord(message),
    };
  });
}

/**
 * send.php: one outcome per requested recipient, in request order. A `<result>` other than 0000 on a
 * `<message>` fails that recipient only; a top-level result without messages (2022, 2006 ...) fails the
 * whole request and is thrown.
 */
export function parseSendResponse(response: HttpResponse, context: ClickSendSendContext): RecipientOutcome[] {
  const root = documentRoot(response);
  const container = childElement(root, 'messages');
  const messages = container ? childElements(container, 'message') : [];
  if (messages.length === 0) {
    const result = resultCode([root, container]);
    if (result !== null && result.code !== SUCCESS) throw clickSendResultError(result.code, result.errorText);
    throw malformed('the response has no <message> results');
  }
  const timestamp = (context.now ?? new Date()).toISOString();
  return pairResults(context.recipients, messageResults(messages)).map((result, index): RecipientOutcome => {
    const to = context.recipients[index];
    if (result === undefined) return missingResult(PROVIDER, to, response.status, 'Check the SMS history in the ClickSend dashboard before sending again.');
    if (result.code !== SUCCESS) return { to, ok: false, error: clickSendResultError(result.code, result.errorText, to) };
    const event = clickSendSentEvent(PROVIDER, context, timestamp, {
      messageId: result.messageId,
      to: result.to ?? to,
      code: result.code,
      description: result.errorText,
      price: result.price,
      raw: result.raw,
    });
    return { to, ok: true, event };
  });
}

// ---------------------------------------------------------------------------------------------------
// reply.php, delivery.php, history.php, balance.php

/** reply.php: `<replies replycount>` of `<reply>` records, as inbound events. */
export function parseRepliesResponse(response: HttpResponse): SmsEvent[] {
  const root = documentRoot(response);
  const container = childElement(root, 'replies');
  requireSuccess([root, container]);
  if (container === undefined) return [];
  // from, message, originalmessageid (-> inReplyTo), originalsenderid (-> to), customstring.
  return childElements(container, 'reply').map((reply) => fromRecord(() => normalizeClickSendReply(leafRecord(reply))));
}

/** delivery.php: `<dlrs dlrcount>` of `<dlr>` records, as status events. */
export function parseDeliveryReportsResponse(response: HttpResponse): SmsEvent[] {
  const root = documentRoot(response);
  const container = childElement(root, 'dlrs');
  requireSuccess([root, container]);
  if (container === undefined) return [];
  // messageid, status ('Delivered' | 'Undelivered'), status_code (-> providerCode), customstring.
  return childElements(container, 'dlr').map((dlr) => fromRecord(() => normalizeClickSendDeliveryReport(leafRecord(dlr))));
}

/**
 * history.php: `<history historycount>` of `<item>` records. The spec's example has `<result>` inside
 * `<history>`; it is accepted there or at the top level. Outgoing items are 'message.sent' events with
 * the state their status word gives; incoming ones are 'message.inbound'.
 */
export function parseHistoryResponse(response: HttpResponse): SmsEvent[] {
  const root = documentRoot(response);
  const container = childElement(root, 'history');
  requireSuccess([container, root]);
  if (container === undefined) return [];
  return childElements(container, 'item').map((item, index) => {
    const record = leafRecord(item);
    const direction = trimmed(field(record, 'direction'))?.toLowerCase();
    if (direction !== 'in' && direction !== 'out') throw malformed(`history item ${index} has no direction 'in' or 'out'`);
    const status = trimmed(field(record, 'status'));
    const info = direction === 'in' ? { state: 'received' as const, final: true, error: false } : clickSendDelivery(status, null);
    return makeEvent({
      type: direction === 'in' ? 'message.inbound' : 'message.sent',
      provider: PROVIDER,
      messageId: trimmed(field(record, 'messageid')),
      clientReference: trimmed(field(record, 'customstring')),
      to: trimmed(field(record, 'to')),
      from: trimmed(field(record, 'senderid')),
      text: field(record, 'message') ?? null,
      state: info.state,
      final: info.final,
      error: info.error,
      providerDescription: status,
      timestamp: unixToIso(field(record, 'date')),
      raw: rawWithoutSecrets(record),
    });
  });
}

/** balance.php: `<balance>` with `<currency_symbol>` (and `<type>`, e.g. Prepay, kept in raw). */
export function parseBalanceResponse(response: HttpResponse): BalanceResult {
  const root = documentRoot(response);
  requireSuccess([root]);
  const record = leafRecord(root);
  const balance = number(field(record, 'balance'), 'balance');
  if (balance === null) throw malformed('the response has no <balance>');
  return {
    provider: PROVIDER,
    balance,
    // The spec's answer names the currency only by its symbol; a currency_type (as send.php gives) wins.
    currency: trimmed(field(record, 'currency_type')) ?? trimmed(field(record, 'currency_symbol')),
    raw: rawWithoutSecrets(record),
  };
}
