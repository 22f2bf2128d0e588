import { invalidInput } from '../errors';
import { messageIdSegment } from '../message-id';
import { resolveBaseUrlFrom } from '../base-url';
import {
  booleanOption,
  clickatellScheduledAt,
  clickatellSenderId,
  integerOption,
  maxCreditsOption,
  rejectUnsupported,
  stringOption,
  udhOption,
  unicodeOption,
} from '../send-options';
import type { Encoding } from '../events';
import type { PreparedSend, SendOptions, SendRequest, UnicodeMode } from '../gateway';
import { API_LIMITS, MAX_DELAY_MINUTES } from '../limits';
import { analyzeText } from '../text/segments';
import { normalizeNumber } from '../text/numbers';
import type { HttpMethod, HttpRequest } from '../transport';

/**
 * Request builders for the Clickatell REST API (../shared/specs/clickatell-rest-api.txt).
 * Pure functions: they validate input (naming the field at fault) and return an HttpRequest; no I/O.
 * We always speak JSON (the spec also offers XML): every request asks `Accept: application/json`.
 */

export const DEFAULT_BASE_URL = 'https://api.clickatell.com';

const LIMITS = API_LIMITS['clickatell-rest'];

export interface ClickatellRestCredentials {
  /** The auth token from Developers' Central, sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Override for the sandbox or a proxy; default https://api.clickatell.com. */
  baseUrl?: string;
}

/** The JSON body of POST /rest/message, with the feature parameters of the spec's section 8. */
export interface RestSendBody {
  text: string;
  to: string[];
  from?: string;
  clientMessageId?: string;
  maxMessageParts?: number;
  userPriorityQueue?: number;
  callback?: number;
  escalate?: 0 | 1;
  maxCredits?: number;
  type?: string;
  mo?: 0 | 1;
  requiredFeatures?: number;
  scheduledDeliveryTime?: string;
  unicode?: 0 | 1;
  udh?: string;
  validityPeriod?: number;
  bypassDNCCheck?: 0 | 1;
  binary?: 0 | 1;
}

/** A validated send: the JSON body (recipients as international digits, as sent in `to`) plus what the parser needs. */
export type PreparedRestSend = PreparedSend<RestSendBody>;

/**
 * `type` for a flash (class 0) message. The spec's table only says "Refer to description"; Clickatell
 * publishes its message types by the names of the HTTP API's `msg_type` (SMS_TEXT, SMS_FLASH, ...), so
 * the REST body uses the same published value for flash.
 */
export const FLASH_MESSAGE_TYPE = 'SMS_FLASH';


/** Options the REST API has no parameter for. */
const UNSUPPORTED_OPTIONS = ['country'] as const;


/** Binary (8-bit) data: 140 bytes fit one SMS, 134 each part once concatenated (the UDH takes 6). */
const BINARY_SINGLE_BYTES = 140;
const BINARY_MULTI_BYTES = 134;

/** The base URL without trailing slashes (and without a pasted `/rest` suffix); http(s) only. */
export function resolveBaseUrl(baseUrl: string | undefined): string {
  return resolveBaseUrlFrom(baseUrl, DEFAULT_BASE_URL, /\/rest$/i);
}

function bearerToken(credentials: ClickatellRestCredentials): string {
  const token = (credentials as Partial<ClickatellRestCredentials> | undefined)?.token;
  if (typeof token !== 'string' || token.trim() === '') {
    throw invalidInput('credentials.token', 'is required', "Copy the REST API auth token from Developers' Central.");
  }
  // A token never contains white space; a pasted line break would corrupt the header.
  if (/\s/.test(token.trim())) throw invalidInput('credentials.token', 'must not contain spaces or line breaks');
  return token.trim();
}

function restRequest(credentials: ClickatellRestCredentials, method: HttpMethod, path: string, body?: unknown): HttpRequest {
  const headers: Record<string, string> = { 'X-Version': '1' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  headers.Authorization = `Bearer ${bearerToken(credentials)}`;
  headers.Accept = 'application/json';
  const request: HttpRequest = { method, url: `${resolveBaseUrl(credentials.baseUrl)}${path}`, headers };
  if (body !== undefined) request.body = JSON.stringify(body);
  return request;
}

/** GET /rest/message/{id}: status and charge of one message. */
export function buildStatusRequest(credentials: ClickatellRestCredentials, apiMessageId: string): HttpRequest {
  return restRequest(credentials, 'GET', `/rest/message/${messageIdSegment(apiMessageId)}`);
}

/** DELETE /rest/message/{id}: stop a message that is still scheduled or queued. */
export function buildStopRequest(credentials: ClickatellRestCredentials, apiMessageId: string): HttpRequest {
  return restRequest(credentials, 'DELETE', `/rest/message/${messageIdSegment(apiMessageId)}`);
}

/** GET /rest/account/balance. */
export function buildBalanceRequest(credentials: ClickatellRestCredentials): HttpRequest {
  return restRequest(credentials, 'GET', '/rest/account/balance');
}

/** GET /rest/coverage/{msisdn}: routability and minimum charge for a number. */
export function buildCoverageRequest(credentials: ClickatellRestCredentials, msisdn: string): HttpRequest {
  if (typeof msisdn !== 'string' || msisdn.trim() === '') throw invalidInput('msisdn', 'is required');
  return restRequest(credentials, 'GET', `/rest/coverage/${normalizeNumber(msisdn, 'digits', 'msisdn')}`);
}

// ---------------------------------------------------------------------------------------------------
// POST /rest/message



/** The spec's table gives booleans as 0 and 1; undefined stays out of the body (the API's default applies). */
function flagOption(options: SendOptions, name: keyof SendOptions): 0 | 1 | undefined {
  const value = booleanOption(options, name);
  return value === undefined ? undefined : value ? 1 : 0;
}



function clientMessageId(options: SendOptions): string | undefined {
  const value = stringOption(options, 'clientReference');
  if (value === undefined) return undefined;
  // REST error 120: "clientMessageId contains space(s)".
  if (/\s/.test(value)) throw invalidInput('options.clientReference', 'must not contain spaces (Clickatell REST error 120)');
  const max = LIMITS.maxClientReferenceLength;
  if (value.length > max) throw invalidInput('options.clientReference', `must be at most ${max} characters (got ${value.length})`);
  return value;
}

/** ISO 8601 in UTC without milliseconds, the form of the spec's example `2015-06-30T14:00:00Z`. */
export function formatScheduledTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}





function recipients(to: unknown): string[] {
  if (!Array.isArray(to) || to.length === 0) throw invalidInput('to', 'at least one recipient is required');
  const max = LIMITS.maxRecipientsPerRequest;
  if (to.length > max) throw invalidInput('to', `at most ${max} recipients per request (got ${to.length})`, 'Split the list or use the bulk send.');
  return to.map((entry) => {
    if (typeof entry !== 'string') throw invalidInput('to', 'each recipient must be text');
    return normalizeNumber(entry, 'digits', 'to');
  });
}

/** Encoding and parts of the text; binary content is hex of 8-bit data and is measured in bytes. */
function measure(text: string, unicode: UnicodeMode, binary: boolean): { encoding: Encoding; parts: number; unit: string } {
  if (!binary) {
    const analysis = analyzeText(text, unicode);
    return { encoding: analysis.encoding, parts: analysis.parts, unit: `${analysis.encoding} parts` };
  }
  if (unicode === 'on') throw invalidInput('options.unicode', 'cannot be on for binary content', 'Binary content is 8-bit data, not text.');
  // Clickatell's published binary sending: the content is the data as hexadecimal.
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(text.trim())) {
    throw invalidInput('text', 'binary content must be hexadecimal with an even number of digits');
  }
  const bytes = text.trim().length / 2;
  const parts = bytes <= BINARY_SINGLE_BYTES ? 1 : Math.ceil(bytes / BINARY_MULTI_BYTES);
  // 8-bit data has no GSM-7/UCS-2 encoding; GSM-7 is reported only because the event type needs a value.
  return { encoding: 'GSM-7', parts, unit: 'binary parts' };
}

/**
 * Validate a send and turn it into the POST /rest/message body. Throws invalidInput naming the field.
 * `now` anchors the 7-day scheduling window and the conversion of a delivery delay.
 */
export function prepareSend(request: SendRequest, now: Date = new Date()): PreparedRestSend {
  if (request === null || typeof request !== 'object') throw invalidInput('request', 'must be an object with to and text');
  const options: SendOptions = request.options ?? {};
  if (typeof options !== 'object' || options === null) throw invalidInput('options', 'must be an object');

  const text = request.text as unknown;
  if (typeof text !== 'string' || text.trim() === '') throw invalidInput('text', 'the message text is empty');
  const to = recipients(request.to);

  rejectUnsupported(options, UNSUPPORTED_OPTIONS, 'the Clickatell REST API', () => 'Give numbers in international format instead.');
  const unicode = unicodeOption(options);

  const maxParts = integerOption(options, 'maxParts', 1, LIMITS.maxParts);
  const callback = integerOption(options, 'callback', 0, 7, '0 = none … 7 = intermediate, final and error statuses.');
  const delay = integerOption(options, 'deliveryDelayMinutes', 0, MAX_DELAY_MINUTES, 'At most 10080 minutes (7 days).');
  const validity = integerOption(options, 'validityMinutes', 1, MAX_DELAY_MINUTES);
  const queue = integerOption(options, 'priorityQueue', 1, 3, '1 is the highest priority.');
  const features = integerOption(options, 'requiredFeatures', 0, 0xffff, 'A bit mask of FEAT_* flags.');
  const credits = maxCreditsOption(options);
  let schedule = clickatellScheduledAt(options, now);
  if (delay !== undefined && schedule !== undefined) {
    throw invalidInput('options.deliveryDelayMinutes', 'cannot be combined with scheduledAt', 'Give either a delay or a scheduled time.');
  }
  // The REST API has no delay parameter (the HTTP API's deliv_time): a delay becomes the equivalent
  // absolute scheduledDeliveryTime, which the spec limits to the same 7 days.
  if (delay !== undefined && delay > 0) schedule = new Date(now.getTime() + delay * 60_000);

  const from = clickatellSenderId(options);
  const reference = clientMessageId(options);
  const udh = udhOption(options);
  const binary = flagOption(options, 'binary');
  const flash = flagOption(options, 'flash');

  const measured = measure(text, unicode, binary === 1);
  const partLimit = maxParts ?? LIMITS.maxParts;
  if (measured.parts > partLimit) {
    throw invalidInput(
      'text',
      `needs ${measured.parts} ${measured.unit} but at most ${partLimit} are allowed`,
      maxParts !== undefined && maxParts < LIMITS.maxParts ? 'Shorten the text or raise Max Parts (up to 3).' : 'Shorten the text.',
    );
  }

  const body: RestSendBody = { text: binary === 1 ? text.trim().toUpperCase() : text, to };
  const optional: Partial<RestSendBody> = {
    from,
    clientMessageId: reference,
    maxMessageParts: maxParts,
    userPriorityQueue: queue,
    callback,
    escalate: flagOption(options, 'escalate'),
    maxCredits: credits,
    type: flash === 1 ? FLASH_MESSAGE_TYPE : undefined,
    mo: flagOption(options, 'mo'),
    requiredFeatures: features,
    scheduledDeliveryTime: schedule ? formatScheduledTime(schedule) : undefined,
    // JSON carries Unicode text as it is; unicode=1 tells the gateway to send it as UCS-2 on the air.
    unicode: binary === 1 ? undefined : measured.encoding === 'UCS-2' ? 1 : unicode === 'off' ? 0 : undefined,
    udh,
    validityPeriod: validity,
    bypassDNCCheck: flagOption(options, 'bypassDnc'),
    binary,
  };
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined) (body as unknown as Record<string, unknown>)[name] = value;
  }

  return {
    body,
    recipients: to,
    text,
    from: from ?? null,
    clientReference: reference ?? null,
    encoding: measured.encoding,
    parts: measured.parts,
    scheduled: schedule !== undefined,
  };
}

/** The POST /rest/message request for an already prepared send. */
export function sendRequest(credentials: ClickatellRestCredentials, prepared: PreparedRestSend): HttpRequest {
  return restRequest(credentials, 'POST', '/rest/message', prepared.body);
}

/** POST /rest/message: validate and build in one step. */
export function buildSendRequest(credentials: ClickatellRestCredentials, request: SendRequest, now?: Date): HttpRequest {
  return sendRequest(credentials, prepareSend(request, now));
}
