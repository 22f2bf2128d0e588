import { checkedSendEntries, entryNumber } from '../clickatell-send-entries';
import { clickatellError, clickatellHint } from '../codes/clickatell-errors';
import { canonicalStatusCode, clickatellStatus } from '../codes/clickatell-status';
import { GatewayError, malformedResponse } from '../errors';
import { makeEvent, type BalanceResult, type CoverageResult, type SmsEvent } from '../events';
import type { RecipientOutcome, SentBatchContext } from '../gateway';
import { flag, isObject, parseJson, text, type Json } from '../json-fields';
import { batchSentEvent, inRequestOrder, missingResult, pairEntries, recipientEvent } from '../send-results';
import type { HttpResponse } from '../transport';
import { REST_HTTP_STATUSES, httpFailure } from './http-status';

/**
 * Response parsers for the Clickatell REST API (JSON). Every parser first turns error bodies and
 * failing HTTP statuses into GatewayErrors, then reads the success shape strictly: a body it cannot
 * read is a GatewayError 'MALFORMED_RESPONSE', never a success.
 */

const PROVIDER = 'clickatell-rest' as const;

const MISSING_HINT = "Check the message status in Developers' Central before sending again.";

/** What the parser needs to know about the send it answers (see PreparedRestSend). */
export type RestSendContext = SentBatchContext;

const malformed = (problem: string, httpStatus?: number): GatewayError => malformedResponse(PROVIDER, problem, httpStatus);

/** A numeric field given as a number or a numeric string ("300.50"); absent gives null, garbage throws. */
function amount(value: unknown, field: string, status: number): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  throw malformed(`'${field}' is not a number`, status);
}

/** The body's error code as Clickatell writes it ('001'); numbers and short forms are zero padded. */
function errorCode(value: unknown): string | null {
  const code = text(value);
  if (code === null) return null;
  return /^\d{1,3}$/.test(code) ? code.padStart(3, '0') : code;
}

interface ErrorDetails {
  code: string | null;
  description: string | null;
  documentation: string | null;
}

/** No error given. Shared (and frozen) because every accepted entry of a send response has none. */
const NO_ERROR: ErrorDetails = Object.freeze({ code: null, description: null, documentation: null });

/** `{"code","description","documentation"}`, or a bare string description. */
function errorDetails(value: unknown): ErrorDetails {
  if (value === undefined || value === null) return NO_ERROR;
  if (isObject(value)) {
    return { code: errorCode(value.code), description: text(value.description), documentation: text(value.documentation) };
  }
  return { code: null, description: text(value), documentation: null };
}

function hintFor(details: ErrorDetails, status: number): string | undefined {
  const known = details.code ? clickatellError(details.code, 'rest') : undefined;
  if (known) return clickatellHint(known, details.description);
  const statusHint = REST_HTTP_STATUSES.get(status)?.hint || undefined;
  if (details.documentation) return statusHint ? `${statusHint} See ${details.documentation}` : `See ${details.documentation}`;
  return statusHint;
}

function errorFromDetails(details: ErrorDetails, response: HttpResponse, now?: Date): GatewayError {
  const known = details.code ? clickatellError(details.code, 'rest') : undefined;
  return httpFailure({
    provider: PROVIDER,
    status: response.status,
    headers: response.headers ?? {},
    code: details.code ?? undefined,
    providerText: details.description ?? known?.description ?? REST_HTTP_STATUSES.get(response.status)?.description,
    hint: hintFor(details, response.status),
    retryable: known?.retryable,
    now,
  });
}

/**
 * The `data` object of a successful response. Throws the gateway's error for an error body (at any
 * status) or a failing status, and MALFORMED_RESPONSE for anything else that is not `{"data":{...}}`.
 */
function successData(response: HttpResponse, okStatuses: readonly number[], now?: Date, perRecipient = false): Json {
  const json = parseJson(response);
  if (isObject(json) && json.error !== undefined && json.error !== null) {
    throw errorFromDetails(errorDetails(json.error), response, now);
  }
  if (!okStatuses.includes(response.status)) {
    // A refusal may carry its reasons per recipient in data.message[] rather than in a top-level error
    // (the real gateway answers an invalid number with HTTP 400 and
    // {"data":{"message":[{"accepted":false,"to":"333","apiMessageId":"","error":{"code":"105",…}}]}},
    // captured in dfch's Send-ShortMessage help, 16 Feb 2015). A send reads them as per-recipient
    // outcomes (4xx only: the gateway refused, so nothing was sent; 429 stays a whole-request retry);
    // any other call reports the first entry's code instead of a bare HTTP status.
    const entries = isObject(json) && isObject(json.data) ? json.data.message : undefined;
    const list = Array.isArray(entries) ? entries : isObject(entries) ? [entries] : [];
    if (perRecipient && list.length > 0 && response.status >= 400 && response.status < 500 && response.status !== 429) {
      // A refused request cannot have accepted a message: an entry that says so contradicts the status.
      if (list.some((entry) => !isObject(entry) || flag(entry.accepted) !== false)) {
        throw malformed(`HTTP ${response.status} with a message entry that is not a refusal`, response.status);
      }
      return (json as Json).data as Json;
    }
    const first = list.find((entry) => isObject(entry) && (entry.error ?? entry.errorCode) !== undefined) as Json | undefined;
    throw errorFromDetails(first ? errorDetails(first.error ?? first.errorCode) : NO_ERROR, response, now);
  }
  if (json === undefined) throw malformed('the response is not JSON', response.status);
  if (!isObject(json) || !isObject(json.data)) throw malformed("the response has no 'data' object", response.status);
  return json.data;
}

// ---------------------------------------------------------------------------------------------------
// POST /rest/message

interface MessageEntry {
  accepted: boolean;
  to: string | null;
  apiMessageId: string | null;
  error: ErrorDetails;
  raw: Json;
}

/**
 * The `message` list of a send response, each entry checked (an object, a readable `accepted` flag, an
 * apiMessageId when accepted). The entries are returned as parsed: the usual in-order answer is read
 * from them directly, and only the pairing of an out-of-order answer builds MessageEntry objects.
 */
function messageList(data: Json, status: number): Json[] {
  // One message may come as an object instead of a one-element list (XML-to-JSON style).
  const list: unknown[] | null = Array.isArray(data.message) ? data.message : isObject(data.message) ? [data.message] : null;
  return checkedSendEntries(PROVIDER, list, 'message', status);
}

function messageEntry(entry: Json): MessageEntry {
  return {
    accepted: flag(entry.accepted) as boolean,
    to: entryNumber(entry),
    apiMessageId: text(entry.apiMessageId),
    error: errorDetails(entry.error ?? entry.errorCode),
    raw: entry,
  };
}

/**
 * 202 (all accepted) or 207 (mixed): one outcome per requested recipient, in request order.
 * Throws only when the request as a whole failed or the body cannot be read.
 */
export function parseSendResponse(response: HttpResponse, context: RestSendContext): RecipientOutcome[] {
  const data = successData(response, [200, 201, 202, 207], context.now, true);
  const list = messageList(data, response.status);
  // The events of one response differ only in messageId, to and raw: the shared part is built once.
  const sent = batchSentEvent(PROVIDER, context);
  const recipients = context.recipients;
  const outcomes = new Array<RecipientOutcome>(recipients.length);
  if (inRequestOrder(recipients, list, entryNumber)) {
    // The usual answer: entry i is recipient i's. Read straight from the parsed entries (already
    // checked by messageList) instead of building an intermediate MessageEntry per recipient.
    for (let i = 0; i < recipients.length; i++) {
      const entry = list[i];
      outcomes[i] = flag(entry.accepted)
        ? { to: recipients[i], ok: true, event: recipientEvent(sent, text(entry.apiMessageId), recipients[i], entry) }
        : rejected(recipients[i], errorDetails(entry.error ?? entry.errorCode), response.status);
    }
    return outcomes;
  }
  const pairs = pairEntries(recipients, list.map(messageEntry), (entry) => entry.to);
  for (let i = 0; i < recipients.length; i++) {
    const to = recipients[i];
    const entry = pairs[i];
    if (entry === undefined) outcomes[i] = missingResult(PROVIDER, to, response.status, MISSING_HINT);
    else if (!entry.accepted) outcomes[i] = rejected(to, entry.error, response.status);
    else outcomes[i] = { to, ok: true, event: recipientEvent(sent, entry.apiMessageId, to, entry.raw) };
  }
  return outcomes;
}

function rejected(to: string, error: ErrorDetails, status: number): RecipientOutcome {
  const known = error.code ? clickatellError(error.code, 'rest') : undefined;
  return {
    to,
    ok: false,
    error: new GatewayError({
      provider: PROVIDER,
      code: error.code ?? `HTTP_${status}`,
      providerText: error.description ?? known?.description ?? 'message not accepted',
      httpStatus: status,
      hint: hintFor(error, status),
      retryable: known?.retryable ?? false,
      recipient: to,
    }),
  };
}

// ---------------------------------------------------------------------------------------------------
// GET and DELETE /rest/message/{id}

function statusEvent(data: Json, status: number, requestedId?: string): SmsEvent {
  const code = canonicalStatusCode(data.messageStatus);
  const info = clickatellStatus(data.messageStatus);
  if (code === null || info === null) throw malformed("the response has no readable 'messageStatus'", status);
  const messageId = text(data.apiMessageId) ?? requestedId ?? null;
  if (messageId === null) throw malformed("the response has no 'apiMessageId'", status);
  return makeEvent({
    type: 'message.status',
    provider: PROVIDER,
    messageId,
    clientReference: text(data.clientMessageId),
    state: info.state,
    final: info.final,
    error: info.error,
    providerCode: code,
    providerDescription: text(data.description) ?? info.description,
    charge: amount(data.charge, 'charge', status),
    raw: { ...data },
  });
}

/**
 * GET /rest/message/{id}: `{data:{apiMessageId, messageStatus, description, charge, clientMessageId}}`.
 * The spec's section 7 only names the command; the fields (charge included) follow Clickatell's
 * published REST API, so this is also how "get charge" works on REST.
 */
export function parseStatusResponse(response: HttpResponse, requestedId?: string): SmsEvent {
  return statusEvent(successData(response, [200]), response.status, requestedId);
}

/** DELETE /rest/message/{id}: the spec's example answers 200 with status 006 (cancelled). */
export function parseStopResponse(response: HttpResponse, requestedId?: string): SmsEvent {
  return statusEvent(successData(response, [200, 202]), response.status, requestedId);
}

// ---------------------------------------------------------------------------------------------------
// GET /rest/account/balance and /rest/coverage/{msisdn}

/** `{data:{balance:"300.50"}}`: credits, as a string in the spec's example or a number. */
export function parseBalanceResponse(response: HttpResponse): BalanceResult {
  const data = successData(response, [200]);
  const balance = amount(data.balance, 'balance', response.status);
  if (balance === null) throw malformed("the response has no 'balance'", response.status);
  // Clickatell accounts hold credits, not a currency.
  return { provider: PROVIDER, balance, currency: null, raw: { ...data } };
}

/** `{data:{routable, destination, minimumCharge}}`. */
export function parseCoverageResponse(response: HttpResponse, requestedMsisdn?: string): CoverageResult {
  const data = successData(response, [200]);
  const routable = flag(data.routable);
  if (routable === null) throw malformed("the response has no readable 'routable' flag", response.status);
  const destination = text(data.destination) ?? requestedMsisdn ?? null;
  if (destination === null) throw malformed("the response has no 'destination'", response.status);
  return {
    provider: PROVIDER,
    destination,
    routable,
    minimumCharge: amount(data.minimumCharge, 'minimumCharge', response.status),
    raw: { ...data },
  };
}
