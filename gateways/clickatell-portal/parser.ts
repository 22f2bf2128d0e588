import { checkedSendEntries, entryNumber } from '../clickatell-send-entries';
import { clickatellOneError, clickatellOneHint } from '../codes/clickatell-one-errors';
import { clickatellOneStatus } from '../codes/clickatell-one-status';
import { GatewayError, malformedResponse } from '../errors';
import { makeEvent, type BalanceResult, type SmsEvent } from '../events';
import type { RecipientOutcome, SentBatchContext } from '../gateway';
import { httpFailure } from '../http-failure';
import { flag, isObject, parseJson, text, type Json } from '../json-fields';
import { batchSentEvent, inRequestOrder, missingResult, pairEntries, recipientEvent } from '../send-results';
import type { HttpResponse } from '../transport';
import type { PortalProvider } from './requests';

/**
 * Response parsers for Clickatell's Portal APIs. Both answer a send with `{"messages":[...], "error":...}`
 * (Platform `SendMessagesListResponse`, S1/S2; One API, S11/S17 of ../shared/specs/clickatell-platform-api.md)
 * and differ in how an error is written:
 * - Platform: flat `errorCode` (int32), `error` (text), `errorDescription` on the response and on each
 *   message (S1). Its error code table is not published (digest §8 item 3): codes are passed on verbatim,
 *   with a hint from the HTTP status only.
 * - One API: `error: {code, description}`, globally (whole payload refused) or per message (S11), codes
 *   from the One API errors table (gateways/codes/clickatell-one-errors.ts).
 * A body that cannot be read is MALFORMED_RESPONSE with delivery 'unknown', never a success.
 */

/** Statuses at which a send was taken: the official PHP client's 200/201/202 (S8), and 207 mixed (S11). */
const SEND_OK = [200, 201, 202, 207];

const HTTP_HINTS: Readonly<Record<number, string>> = {
  400: 'The request was refused; check the recipients and the option values.',
  401: 'Check the API key in the credentials and the IP addresses allowed for the integration in the Clickatell Portal.',
  402: 'Not enough balance: top up the account in the Clickatell Portal.',
  404: 'The message or resource does not exist; check the message ID and the base URL.',
  429: 'Rate limited: slow down; the request can be repeated after a pause.',
  503: 'A temporary gateway error; the request can be repeated later.',
};

const STATUS_UNKNOWN_HINT = 'Check the message in the Clickatell Portal before sending again.';

interface ErrorDetails {
  code: string | null;
  description: string | null;
}

const NO_ERROR: ErrorDetails = Object.freeze({ code: null, description: null });

/**
 * The error written on a response or a message entry, in either API's form: One API `error: {code,
 * description}`; Platform `errorCode` + `error` + `errorDescription` (the description when given, else
 * the short text). NO_ERROR when neither says anything.
 */
export function portalErrorOf(holder: Json): ErrorDetails {
  const error = holder.error;
  if (isObject(error)) return { code: text(error.code), description: text(error.description) ?? text(error.message) };
  const code = text(holder.errorCode);
  const description = text(holder.errorDescription) ?? text(error);
  if (code === null && description === null) return NO_ERROR;
  return { code, description };
}

function hasError(details: ErrorDetails): boolean {
  return details.code !== null || details.description !== null;
}

function known(provider: PortalProvider, details: ErrorDetails) {
  // Only the One API's codes are published; a Platform code is not looked up in another API's table.
  return provider === 'clickatell-one' && details.code !== null ? clickatellOneError(details.code) : undefined;
}

function hintFor(provider: PortalProvider, details: ErrorDetails, status: number): string | undefined {
  const info = known(provider, details);
  return info ? clickatellOneHint(info, details.description) : HTTP_HINTS[status];
}

function requestError(provider: PortalProvider, details: ErrorDetails, response: HttpResponse, now?: Date): GatewayError {
  const info = known(provider, details);
  return httpFailure({
    provider,
    status: response.status,
    headers: response.headers ?? {},
    code: details.code ?? undefined,
    providerText: details.description ?? info?.description ?? undefined,
    hint: hintFor(provider, details, response.status),
    retryable: info?.retryable,
    now,
  });
}

/**
 * The body of a successful answer. Throws the gateway's error for a global error (at any status) or a
 * failing status, and MALFORMED_RESPONSE for a success status whose body is not a JSON object.
 * `perRecipient`: a refused send (4xx other than 429) whose every message entry is a refusal is read as
 * per-recipient outcomes (One API: "400 ... message-level errors, global error object not used", S11).
 */
function successBody(provider: PortalProvider, response: HttpResponse, okStatuses: readonly number[], now?: Date, perRecipient = false): Json {
  const json = parseJson(response);
  const global = isObject(json) ? portalErrorOf(json) : NO_ERROR;
  if (hasError(global)) throw requestError(provider, global, response, now);
  if (!okStatuses.includes(response.status)) {
    const list = isObject(json) && Array.isArray(json.messages) ? json.messages : [];
    if (perRecipient && list.length > 0 && response.status >= 400 && response.status < 500 && response.status !== 429) {
      // A refused request cannot have accepted a message: an entry that says so contradicts the status.
      if (list.some((entry) => !isObject(entry) || flag(entry.accepted) !== false)) {
        throw malformedResponse(provider, `HTTP ${response.status} with a message entry that is not a refusal`, response.status);
      }
      return json as Json;
    }
    const first = list.find((entry) => isObject(entry) && hasError(portalErrorOf(entry))) as Json | undefined;
    throw requestError(provider, first ? portalErrorOf(first) : NO_ERROR, response, now);
  }
  if (json === undefined) throw malformedResponse(provider, 'the response is not JSON', response.status);
  if (!isObject(json)) throw malformedResponse(provider, 'the response is not a JSON object', response.status);
  return json;
}

// ---------------------------------------------------------------------------------------------------
// Sends: POST /messages (Platform) and POST /v1/message (One API)


function rejected(provider: PortalProvider, to: string, entry: Json, status: number): RecipientOutcome {
  const details = portalErrorOf(entry);
  const info = known(provider, details);
  return {
    to,
    ok: false,
    error: new GatewayError({
      provider,
      code: details.code ?? `HTTP_${status}`,
      providerText: details.description ?? info?.description ?? 'message not accepted',
      httpStatus: status,
      hint: hintFor(provider, details, status),
      retryable: info?.retryable ?? false,
      recipient: to,
    }),
  };
}

/**
 * 202 (all accepted), 207 (mixed) or a refusal with per-message errors: one outcome per requested
 * recipient, in request order. Throws only when the request as a whole failed or cannot be read.
 */
export function parsePortalSendResponse(provider: PortalProvider, response: HttpResponse, context: SentBatchContext): RecipientOutcome[] {
  const body = successBody(provider, response, SEND_OK, context.now, true);
  const list = checkedSendEntries(provider, Array.isArray(body.messages) ? body.messages : null, 'messages', response.status);
  const sent = batchSentEvent(provider, context);
  const recipients = context.recipients;
  const ordered = inRequestOrder(recipients, list, entryNumber);
  const pairs = ordered ? list : pairEntries(recipients, list, entryNumber);
  const outcomes = new Array<RecipientOutcome>(recipients.length);
  for (let i = 0; i < recipients.length; i++) {
    const to = recipients[i];
    const entry = pairs[i];
    if (entry === undefined) outcomes[i] = missingResult(provider, to, response.status, STATUS_UNKNOWN_HINT);
    else if (flag(entry.accepted)) outcomes[i] = { to, ok: true, event: recipientEvent(sent, text(entry.apiMessageId), to, entry) };
    else outcomes[i] = rejected(provider, to, entry, response.status);
  }
  return outcomes;
}

// ---------------------------------------------------------------------------------------------------
// GET /public-client/balance (Platform)

/** `{"balance": 1267.92865, "currency": "ZAR"}` (S5): an amount in the account's billing currency. */
export function parsePlatformBalanceResponse(response: HttpResponse): BalanceResult {
  const provider = 'clickatell-platform';
  const body = successBody(provider, response, [200]);
  const raw = body.balance;
  const balance = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(balance)) throw malformedResponse(provider, "the response has no numeric 'balance'", response.status);
  return { provider, balance, currency: text(body.currency), raw: { ...body } };
}

// ---------------------------------------------------------------------------------------------------
// GET /v1/message/{id} (One API)

/** A millisecond epoch (number or digits) or an ISO text as ISO 8601; null when absent or unreadable. */
function timestampOf(value: unknown): string | null {
  const ms = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{10,16}\s*$/.test(value) ? Number(value) : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * `{"sms":{"status":"QUEUED","timestamp":1506607698000}}` (Clickatell's OmniMessageStatusResponse; S17's
 * example). "If the message is in an unknown state (message not found), the format is different (since
 * there is no channel)": a top-level `status` is read as well.
 */
export function parseOneStatusResponse(response: HttpResponse, requestedId: string): SmsEvent {
  const provider = 'clickatell-one';
  const body = successBody(provider, response, [200]);
  // The SMS entry; a message sent on another channel of the same integration has only that channel's.
  const entry = isObject(body.sms) ? body.sms : isObject(body.whatsapp) ? body.whatsapp : body;
  const info = clickatellOneStatus(entry.status, entry.statusCode);
  if (info === null) throw malformedResponse(provider, "the response has no readable 'status'", response.status);
  return makeEvent({
    type: 'message.status',
    provider,
    messageId: text(body.messageId) ?? requestedId,
    state: info.state,
    final: info.final,
    error: info.error,
    providerCode: info.name,
    providerDescription: info.description,
    timestamp: timestampOf(entry.timestamp),
    raw: { ...body },
  });
}
