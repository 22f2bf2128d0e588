import { resolveBaseUrlFrom } from '../base-url';
import { invalidInput } from '../errors';
import { messageIdSegment } from '../message-id';
import type { Encoding } from '../events';
import type { PreparedSend, SendOptions, SendRequest } from '../gateway';
import { API_LIMITS } from '../limits';
import type { Provider } from '../provider';
import { booleanOption, checkNotPast, clickatellSenderId, dateValue, integerOption, rejectUnsupported, stringOption, udhOption, unicodeOption } from '../send-options';
import { analyzeText } from '../text/segments';
import { normalizeNumber } from '../text/numbers';
import type { HttpMethod, HttpRequest } from '../transport';

/**
 * Request builders for Clickatell's Portal APIs (../shared/specs/clickatell-platform-api.md): the Platform
 * SMS REST API (`POST /messages`, §2) and the One API (`POST /v1/message`, SMS channel, §6). Both take the
 * API key of a Portal integration, bare, in the `Authorization` header (the OpenAPI security scheme of S1;
 * the official PHP and Python clients send exactly that, S8/S9), and speak JSON. Pure functions: they
 * validate input, naming the field at fault, and return an HttpRequest.
 */

export const DEFAULT_PORTAL_BASE_URL = 'https://platform.clickatell.com';

export type PortalProvider = Extract<Provider, 'clickatell-platform' | 'clickatell-one'>;

export interface ClickatellPortalCredentials {
  /** The API key of an integration created in the Clickatell Portal. */
  apiKey: string;
  /** Override for the sandbox or a proxy; default https://platform.clickatell.com. */
  baseUrl?: string;
  /**
   * The Platform SMS integration's API type, chosen when it was created in the Portal (S21): 'rest'
   * (default) sends with POST /messages, "Send message via REST integration" in Clickatell's SMS API
   * OpenAPI (S1); 'http' with GET /messages/http/send, the only send an HTTP integration's key is
   * documented for (S4, S9). The One API ignores it.
   */
  integrationType?: 'rest' | 'http';
}

/** The integration type, checked: 'rest' unless the credentials say 'http'. */
export function portalIntegrationType(credentials: ClickatellPortalCredentials): 'rest' | 'http' {
  const type = (credentials as Partial<ClickatellPortalCredentials> | undefined)?.integrationType;
  if (type === undefined || type === null || (type as string) === '' || type === 'rest') return 'rest';
  if (type === 'http') return 'http';
  throw invalidInput('credentials.integrationType', "must be 'rest' or 'http'");
}

const API_NAMES: Readonly<Record<PortalApi, string>> = {
  'clickatell-platform': 'the Clickatell Platform SMS API',
  'clickatell-one': 'the Clickatell One API',
  'clickatell-platform-http': "the Clickatell Platform SMS API's HTTP integration",
};

/** Most recipients per request of each way to send: the HTTP integration takes one handset (S4). */
function maxRecipients(api: PortalApi): number {
  return api === 'clickatell-platform-http' ? API_LIMITS['clickatell-platform'].maxRecipientsGet : API_LIMITS[api].maxRecipientsPerRequest;
}

/**
 * SendOptions each API has a field for. Platform `SendMessageRequest` (S1, meanings S3): from,
 * clientMessageId, scheduledDeliveryTime, validityPeriod, userDataHeader, binary (plus charset, which
 * describes our JSON text and is left at its UTF-8 default). One API SMS message (S10, S11, S16): from
 * and clientMessageId only. Everything else is refused, naming the option.
 */
type PortalApi = PortalProvider | 'clickatell-platform-http';

const SUPPORTED: Readonly<Record<PortalApi, ReadonlySet<keyof SendOptions>>> = {
  'clickatell-platform': new Set<keyof SendOptions>(['from', 'clientReference', 'scheduledAt', 'validityMinutes', 'udh', 'binary', 'unicode']),
  'clickatell-one': new Set<keyof SendOptions>(['from', 'clientReference', 'unicode']),
  // GET /messages/http/send: apiKey, to, content and optionally from (S9 and the public callers of S19/S21).
  'clickatell-platform-http': new Set<keyof SendOptions>(['from', 'unicode']),
};

/** Every SendOptions key, so that the unsupported ones can be named. */
const ALL_OPTIONS: ReadonlyArray<keyof SendOptions> = [
  'from', 'clientReference', 'scheduledAt', 'unicode', 'mo', 'callback', 'maxParts', 'deliveryDelayMinutes', 'flash', 'validityMinutes',
  'priorityQueue', 'escalate', 'maxCredits', 'requiredFeatures', 'bypassDnc', 'binary', 'udh', 'country',
];

/** Validity in minutes: int32 in the schema (S1), "default 1440" (S3). */
const MAX_VALIDITY_MINUTES = 2_147_483_647;

/** Binary (8-bit) data: 140 bytes fit one SMS, 134 each part once concatenated. */
const BINARY_SINGLE_BYTES = 140;
const BINARY_MULTI_BYTES = 134;

/** The base URL without trailing slashes (and without a pasted `/messages` or `/v1` suffix); http(s) only. */
export function resolvePortalBaseUrl(baseUrl: string | undefined): string {
  return resolveBaseUrlFrom(baseUrl, DEFAULT_PORTAL_BASE_URL, /\/(?:messages|v1)$/i);
}

function apiKey(credentials: ClickatellPortalCredentials): string {
  const key = (credentials as Partial<ClickatellPortalCredentials> | undefined)?.apiKey;
  if (typeof key !== 'string' || key.trim() === '') {
    throw invalidInput('credentials.apiKey', 'is required', "Copy the API key of your integration from the Clickatell Portal (SMS > Integrations).");
  }
  // A key never contains white space; a pasted line break would corrupt the header.
  if (/\s/.test(key.trim())) throw invalidInput('credentials.apiKey', 'must not contain spaces or line breaks');
  if (/^bearer$/i.test(key.trim())) throw invalidInput('credentials.apiKey', 'is the word Bearer, not a key');
  return key.trim();
}

/** A request with the key in the Authorization header: never in the URL, so no log line can show it. */
export function portalRequest(credentials: ClickatellPortalCredentials, method: HttpMethod, path: string, body?: unknown): HttpRequest {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  headers.Accept = 'application/json';
  // The bare key, no "Bearer " (S1 security scheme `Authorization` apiKey; S8, S9).
  headers.Authorization = apiKey(credentials);
  const request: HttpRequest = { method, url: `${resolvePortalBaseUrl(credentials.baseUrl)}${path}`, headers };
  if (body !== undefined) request.body = JSON.stringify(body);
  return request;
}

/** GET /public-client/balance (Platform, S5): `{balance, currency}`. */
export function buildPlatformBalanceRequest(credentials: ClickatellPortalCredentials): HttpRequest {
  return portalRequest(credentials, 'GET', '/public-client/balance');
}

/**
 * GET /v1/message/{id} (One API): the message's status per channel. The response schema is Clickatell's
 * own ("Query status of a message", OmniMessageStatusResponse with `sms`/`whatsapp` entries, One API
 * OpenAPI at help.clickatell.com/developers-api-reference/reference/one-api); the path is the One API's
 * message resource with the id, as the public `clickatell-api` crate calls it (S17).
 */
export function buildOneStatusRequest(credentials: ClickatellPortalCredentials, apiMessageId: string): HttpRequest {
  return portalRequest(credentials, 'GET', `/v1/message/${messageIdSegment(apiMessageId)}`);
}

// ---------------------------------------------------------------------------------------------------
// Sends

/** The JSON body of POST /messages (Platform `SendMessageRequest`, S1). */
export interface PlatformSendBody {
  content: string;
  to: string[];
  from?: string;
  binary?: boolean;
  clientMessageId?: string;
  scheduledDeliveryTime?: string;
  userDataHeader?: string;
  validityPeriod?: number;
}

/** One SMS of a One API send (S11: `{"messages":[{channel, to, content, from?, clientMessageId?}]}`). */
export interface OneMessage {
  channel: 'sms';
  to: string;
  content: string;
  from?: string;
  clientMessageId?: string;
}

export interface OneSendBody {
  messages: OneMessage[];
}

/** A validated Portal send (recipients as international digits). */
export type PreparedPortalSend<Body> = PreparedSend<Body>;

function recipients(to: unknown, api: PortalApi): string[] {
  if (!Array.isArray(to) || to.length === 0) throw invalidInput('to', 'at least one recipient is required');
  const max = maxRecipients(api);
  if (to.length > max) throw invalidInput('to', `at most ${max} recipients per request (got ${to.length})`, 'Split the list or use the bulk send.');
  // With or without '+' (S3 asks for '+', S4 for digits only, §8 item 1): digits are what both accept.
  return to.map((entry) => {
    if (typeof entry !== 'string') throw invalidInput('to', 'each recipient must be text');
    return normalizeNumber(entry, 'digits', 'to');
  });
}

function clientMessageId(options: SendOptions, provider: PortalProvider): string | undefined {
  const value = stringOption(options, 'clientReference');
  if (value === undefined) return undefined;
  const max = API_LIMITS[provider].maxClientReferenceLength;
  if (value.length > max) throw invalidInput('options.clientReference', `must be at most ${max} characters (got ${value.length})`);
  return value;
}

/**
 * `scheduledDeliveryTime` in the form of the Platform's example, `2017-02-27T14:30:00+0200` (S1/S3): we
 * always write UTC, `+0000`. No upper bound is published for the Platform API, so only the past is refused.
 */
export function formatPlatformScheduledTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function scheduledAt(options: SendOptions, now: Date): Date | undefined {
  const value = dateValue(options.scheduledAt, 'options.scheduledAt');
  if (value !== undefined) checkNotPast('options.scheduledAt', value, now);
  return value;
}

function measure(text: string, binary: boolean): { encoding: Encoding; parts: number } {
  if (!binary) {
    const analysis = analyzeText(text, 'auto');
    return { encoding: analysis.encoding, parts: analysis.parts };
  }
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(text.trim())) throw invalidInput('text', 'binary content must be hexadecimal with an even number of digits');
  const bytes = text.trim().length / 2;
  // 8-bit data has no GSM-7/UCS-2 encoding; GSM-7 is reported only because the event type needs a value.
  return { encoding: 'GSM-7', parts: bytes <= BINARY_SINGLE_BYTES ? 1 : Math.ceil(bytes / BINARY_MULTI_BYTES) };
}

interface CommonSend {
  options: SendOptions;
  text: string;
  to: string[];
  from: string | undefined;
  reference: string | undefined;
}

/** What every way to send checks the same way: the request's shape, the text, the recipients, the options offered. */
function commonSend(request: SendRequest, provider: PortalApi): CommonSend {
  if (request === null || typeof request !== 'object') throw invalidInput('request', 'must be an object with to and text');
  const options: SendOptions = request.options ?? {};
  if (typeof options !== 'object' || options === null) throw invalidInput('options', 'must be an object');
  const text = request.text as unknown;
  if (typeof text !== 'string' || text.trim() === '') throw invalidInput('text', 'the message text is empty');
  const to = recipients(request.to, provider);
  const supported = SUPPORTED[provider];
  rejectUnsupported(options, ALL_OPTIONS.filter((name) => !supported.has(name)), API_NAMES[provider], () =>
    provider === 'clickatell-one'
      ? 'The One API takes a sender and a reference only; use the Platform SMS API for more options.'
      : provider === 'clickatell-platform-http'
        ? 'An HTTP integration takes a sender only; use a REST integration for more options.'
        : 'Clear this option.',
  );
  // The Portal APIs take the text as UTF-8 JSON and choose the encoding on the air themselves: neither has
  // a field that forces GSM-7 or UCS-2 (the Platform's `charset` describes the request text, S3).
  if (unicodeOption(options) !== 'auto') {
    throw invalidInput('options.unicode', `cannot be forced with ${API_NAMES[provider]}`, 'Leave Unicode on Auto: the gateway picks the encoding from the text.');
  }
  return { options, text, to, from: clickatellSenderId(options), reference: provider === 'clickatell-platform-http' ? undefined : clientMessageId(options, provider) };
}

/** Validate a Platform send and build the POST /messages body. Throws invalidInput naming the field. */
export function preparePlatformSend(request: SendRequest, now: Date = new Date()): PreparedPortalSend<PlatformSendBody> {
  const { options, text, to, from, reference } = commonSend(request, 'clickatell-platform');
  const binary = booleanOption(options, 'binary') === true;
  const schedule = scheduledAt(options, now);
  const validity = integerOption(options, 'validityMinutes', 1, MAX_VALIDITY_MINUTES, 'Minutes during which delivery is retried (default 1440, one day).');
  const udh = udhOption(options);
  const measured = measure(text, binary);
  const body: PlatformSendBody = { content: binary ? text.trim().toUpperCase() : text, to };
  if (from !== undefined) body.from = from;
  if (binary) body.binary = true;
  if (reference !== undefined) body.clientMessageId = reference;
  if (schedule !== undefined) body.scheduledDeliveryTime = formatPlatformScheduledTime(schedule);
  if (udh !== undefined) body.userDataHeader = udh;
  if (validity !== undefined) body.validityPeriod = validity;
  return { body, recipients: to, text, from: from ?? null, clientReference: reference ?? null, ...measured, scheduled: schedule !== undefined };
}

/** Validate a One API send and build the POST /v1/message body: one SMS message per recipient. */
export function prepareOneSend(request: SendRequest): PreparedPortalSend<OneSendBody> {
  const { text, to, from, reference } = commonSend(request, 'clickatell-one');
  const messages = to.map((number): OneMessage => {
    const message: OneMessage = { channel: 'sms', to: number, content: text };
    if (from !== undefined) message.from = from;
    if (reference !== undefined) message.clientMessageId = reference;
    return message;
  });
  return { body: { messages }, recipients: to, text, from: from ?? null, clientReference: reference ?? null, ...measure(text, false), scheduled: false };
}

/** The query of GET /messages/http/send, without the key (S9: apiKey, to, content, optionally from). */
export interface PlatformHttpSendQuery {
  to: string;
  content: string;
  from?: string;
}

/** Validate a send through a Platform HTTP integration: one handset, a sender at most. */
export function preparePlatformHttpSend(request: SendRequest): PreparedPortalSend<PlatformHttpSendQuery> {
  const { text, to, from } = commonSend(request, 'clickatell-platform-http');
  const query: PlatformHttpSendQuery = { to: to[0], content: text };
  if (from !== undefined) query.from = from;
  return { body: query, recipients: to, text, from: from ?? null, clientReference: null, ...measure(text, false), scheduled: false };
}

/**
 * GET /messages/http/send for a prepared send. The key has to be in the query here: it is the only way
 * this endpoint takes it (S4, S9). It goes first, under the documented name, so that the masking of
 * secret-named query parameters (and nothing that prints URLs: the clients never do) covers it.
 */
export function platformHttpSendRequest(credentials: ClickatellPortalCredentials, prepared: PreparedPortalSend<PlatformHttpSendQuery>): HttpRequest {
  const query = new URLSearchParams({ apiKey: apiKey(credentials), ...prepared.body });
  return { method: 'GET', url: `${resolvePortalBaseUrl(credentials.baseUrl)}/messages/http/send?${query}`, headers: { Accept: 'application/json' } };
}

/** POST /messages for an already prepared send. */
export function platformSendRequest(credentials: ClickatellPortalCredentials, prepared: PreparedPortalSend<PlatformSendBody>): HttpRequest {
  return portalRequest(credentials, 'POST', '/messages', prepared.body);
}

/** POST /v1/message for an already prepared send. */
export function oneSendRequest(credentials: ClickatellPortalCredentials, prepared: PreparedPortalSend<OneSendBody>): HttpRequest {
  return portalRequest(credentials, 'POST', '/v1/message', prepared.body);
}
