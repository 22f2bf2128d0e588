import { invalidInput } from '../errors';
import { resolveBaseUrlFrom } from '../base-url';
import { dateValue, rejectUnsupported, stringOption, unicodeOption } from '../send-options';
import type { Encoding } from '../events';
import type { PreparedSend, SendOptions, SendRequest } from '../gateway';
import { API_LIMITS } from '../limits';
import { analyzeText } from '../text/segments';
import { normalizeNumber } from '../text/numbers';
import type { HttpRequest } from '../transport';

/**
 * Request builders for the ClickSend HTTP API v2 (../shared/specs/clicksend-http-api-v2.apib).
 * Every call is `POST ${baseUrl}/http/v2/<name>.php` with a form body. The spec allows the credentials
 * "in the URL or the post body"; we put them in the body so they stay out of URLs and access logs.
 */

export const DEFAULT_BASE_URL = 'https://api-mapper.clicksend.com';

const LIMITS = API_LIMITS.clicksend;

export interface ClickSendCredentials {
  /** API username (or subaccount username). */
  username: string;
  /** API key (or subaccount password). */
  key: string;
  /** Override for the sandbox or a proxy; default https://api-mapper.clicksend.com. */
  baseUrl?: string;
}

type Params = Array<[string, string]>;

/**
 * A validated send: its body is the send.php parameters (without credentials); its recipients are as sent
 * in `to`, in request order: +E.164, or local numbers when `country` is given.
 */
export interface PreparedClickSendSend extends PreparedSend<Params> {
  /** `schedule` in unix seconds, null when sent now (REST v3 puts it in each message). */
  schedule: number | null;
  /** `country` as given (upper case), null when none. */
  country: string | null;
}

/** The two ClickSend APIs share one validation of a send; they differ in the text limit only. */
export type ClickSendApi = 'clicksend' | 'clicksend-v3';

/** Options only the Clickatell APIs have. */
const CLICKATELL_ONLY_OPTIONS = [
  'mo',
  'callback',
  'maxParts',
  'deliveryDelayMinutes',
  'flash',
  'validityMinutes',
  'priorityQueue',
  'escalate',
  'maxCredits',
  'requiredFeatures',
  'bypassDnc',
  'binary',
  'udh',
] as const satisfies ReadonlyArray<keyof SendOptions>;


/**
 * The base URL without trailing slashes; http(s) only. The spec's HOST is
 * https://api-mapper.clicksend.com/http/v2/, so that is accepted pasted as the base too.
 */
export function resolveBaseUrl(baseUrl: string | undefined): string {
  return resolveBaseUrlFrom(baseUrl, DEFAULT_BASE_URL, /\/http\/v2$/i);
}

/** The username (trimmed) and key (as typed) of ClickSend credentials, each required; both APIs use them. */
export function clickSendLogin(credentials: ClickSendCredentials): { username: string; key: string } {
  const given = credentials as Partial<ClickSendCredentials> | undefined;
  if (typeof given?.username !== 'string' || given.username.trim() === '') {
    throw invalidInput('credentials.username', 'is required', 'Use the API username from the ClickSend dashboard.');
  }
  if (typeof given.key !== 'string' || given.key.trim() === '') {
    throw invalidInput('credentials.key', 'is required', "Use the API key shown under 'API Credentials' in the ClickSend dashboard.");
  }
  // The key is sent exactly as typed: a subaccount password used as the key may have spaces at its ends.
  return { username: given.username.trim(), key: given.key };
}

function credentialParams(credentials: ClickSendCredentials): Params {
  const { username, key } = clickSendLogin(credentials);
  return [
    ['username', username],
    ['key', key],
  ];
}

/** POST form request; `lead` parameters go before the credentials (send.php's `method=http`). */
function form(credentials: ClickSendCredentials, name: string, params: Params, lead: Params = []): HttpRequest {
  return {
    method: 'POST',
    url: `${resolveBaseUrl(credentials.baseUrl)}/http/v2/${name}.php`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([...lead, ...credentialParams(credentials), ...params]).toString(),
  };
}

function optionalId(value: unknown, field: string): Params {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') throw invalidInput(field, 'must be text');
  const id = value.trim();
  if (id === '') return [];
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw invalidInput(field, 'must contain only letters, digits, - and _', 'Use the messageid returned when the message was sent.');
  return [['messageid', id]];
}

/** reply.php: inbound replies; without a message id, all unread replies. */
export function buildRepliesRequest(credentials: ClickSendCredentials, messageId?: string): HttpRequest {
  return form(credentials, 'reply', optionalId(messageId, 'messageId'));
}

/** delivery.php: delivery reports; without a message id, all unread reports. */
export function buildDeliveryReportsRequest(credentials: ClickSendCredentials, messageId?: string): HttpRequest {
  return form(credentials, 'delivery', optionalId(messageId, 'messageId'));
}

/** history.php: sent and received messages, optionally only those sent by email-to-SMS from one address. */
export function buildHistoryRequest(credentials: ClickSendCredentials, fromEmail?: string): HttpRequest {
  if (fromEmail === undefined || fromEmail === null || fromEmail === '') return form(credentials, 'history', []);
  if (typeof fromEmail !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(fromEmail.trim())) {
    throw invalidInput('fromEmail', 'must be an email address');
  }
  return form(credentials, 'history', [['from_email', fromEmail.trim()]]);
}

/** balance.php. */
export function buildBalanceRequest(credentials: ClickSendCredentials): HttpRequest {
  return form(credentials, 'balance', []);
}

// ---------------------------------------------------------------------------------------------------
// send.php



function country(options: SendOptions): string | undefined {
  const value = stringOption(options, 'country');
  if (value === undefined) return undefined;
  if (!/^[A-Za-z]{2}$/.test(value)) throw invalidInput('options.country', 'must be a two-letter country code', 'e.g. US, GB, AU.');
  return value.toUpperCase();
}

/** Layout characters people type in numbers; they never reach the API. */
const NUMBER_LAYOUT = /[\s\-./()]/g;

function recipients(to: unknown, withCountry: boolean): string[] {
  if (!Array.isArray(to) || to.length === 0) throw invalidInput('to', 'at least one recipient is required');
  const max = LIMITS.maxRecipientsPerRequest;
  if (to.length > max) throw invalidInput('to', `at most ${max} recipients per request (got ${to.length})`, 'Split the list or use the bulk send.');
  return to.map((entry) => {
    if (typeof entry !== 'string') throw invalidInput('to', 'each recipient must be text');
    if (!withCountry) return normalizeNumber(entry, 'plus', 'to');
    // With `country`, ClickSend completes local numbers itself ("automatically transforms your supplied
    // local number to add the country code"), so a national number such as 0411 111 111 is passed as
    // given, without its layout characters. International numbers are still normalized.
    const compact = entry.trim().replace(NUMBER_LAYOUT, '');
    if (compact.startsWith('+') || compact.startsWith('00')) return normalizeNumber(entry, 'plus', 'to');
    if (!/^\d{3,15}$/.test(compact)) throw invalidInput('to', `'${entry.trim()}' is not a phone number`, 'Use digits only, e.g. 0411111111 or +61411111111.');
    return compact;
  });
}

/**
 * senderid: at most 11 letters and digits without spaces (ClickSend result 2017), or a phone number
 * (an optional + and up to 15 digits, E.164's maximum).
 */
function senderId(options: SendOptions): string | undefined {
  const from = stringOption(options, 'from');
  if (from === undefined) return undefined;
  if (/^[A-Za-z0-9]{1,11}$/.test(from)) return from;
  const compact = from.replace(NUMBER_LAYOUT, '');
  if (/^\+?\d{1,15}$/.test(compact) && /^\+?[\d\s\-./()]+$/.test(from)) return compact;
  throw invalidInput('options.from', 'must be at most 11 letters and digits without spaces, or a phone number', 'ClickSend rejects longer or spaced sender IDs (result 2017).');
}

function customString(options: SendOptions): string | undefined {
  const value = stringOption(options, 'clientReference');
  if (value === undefined) return undefined;
  const max = LIMITS.maxClientReferenceLength;
  const length = [...value].length;
  if (length > max) throw invalidInput('options.clientReference', `must be at most ${max} characters (got ${length})`);
  return value;
}

function schedule(options: SendOptions): number | undefined {
  const value = dateValue(options.scheduledAt, 'options.scheduledAt');
  // ClickSend documents no scheduling window; "unix format" is whole seconds.
  return value === undefined ? undefined : Math.floor(value.getTime() / 1000);
}

/**
 * ClickSend picks the encoding from the text itself and has no parameter to force it. 'on' or 'off'
 * is accepted only when it agrees with what the text needs; otherwise we cannot do what was asked.
 */
function encodingFor(text: string, options: SendOptions): { encoding: Encoding; parts: number } {
  const unicode = unicodeOption(options);
  const analysis = analyzeText(text, 'auto');
  const detected = analysis.encoding;
  if (unicode === 'on' && detected !== 'UCS-2') {
    throw invalidInput('options.unicode', 'cannot force Unicode on ClickSend', 'ClickSend chooses the encoding from the text; leave Unicode on Auto.');
  }
  if (unicode === 'off' && detected !== 'GSM-7') {
    throw invalidInput('options.unicode', 'is off but the text needs Unicode', 'ClickSend chooses the encoding from the text; leave Unicode on Auto.');
  }
  return { encoding: detected, parts: analysis.parts };
}

/**
 * The text's length against the API's limit: HTTP v2 counts characters ("Maximum 960 characters"); REST v3
 * documents no character limit but a credit table up to 8 parts (C1 of ../shared/specs/clicksend-rest-api-v3.md),
 * so a longer text is refused here rather than truncated by ClickSend.
 */
function checkLength(text: string, parts: number, api: ClickSendApi): void {
  const limits = API_LIMITS[api];
  const characters = [...text].length;
  if (limits.maxTextChars !== null && characters > limits.maxTextChars) {
    throw invalidInput('text', `is ${characters} characters long; ClickSend accepts at most ${limits.maxTextChars}`, 'Shorten the text.');
  }
  // v2's character limit is its only documented bound (its UCS-2 texts may have more parts than its GSM ones).
  if (limits.maxTextChars === null && parts > limits.maxParts) {
    throw invalidInput('text', `needs ${parts} SMS parts; the ClickSend REST API sends at most ${limits.maxParts}`, 'Shorten the text.');
  }
}

/**
 * Validate a send and turn it into send.php parameters (REST v3 maps the same prepared values to its JSON
 * messages). Throws invalidInput naming the field at fault.
 */
export function prepareSend(request: SendRequest, api: ClickSendApi = 'clicksend'): PreparedClickSendSend {
  if (request === null || typeof request !== 'object') throw invalidInput('request', 'must be an object with to and text');
  const options: SendOptions = request.options ?? {};
  if (typeof options !== 'object' || options === null) throw invalidInput('options', 'must be an object');

  rejectUnsupported(options, CLICKATELL_ONLY_OPTIONS, 'ClickSend', (name) =>
    name === 'deliveryDelayMinutes' ? 'Use a scheduled time instead.' : 'This option exists only on the Clickatell APIs.',
  );

  const text = request.text as unknown;
  if (typeof text !== 'string' || text.trim() === '') throw invalidInput('text', 'the message text is empty');
  const { encoding, parts } = encodingFor(text, options);
  checkLength(text, parts, api);
  const countryCode = country(options);
  const to = recipients(request.to, countryCode !== undefined);
  const from = senderId(options);
  const reference = customString(options);
  const when = schedule(options);

  const params: Params = [
    ['to', to.join(',')],
    ['message', text],
  ];
  if (from !== undefined) params.push(['senderid', from]);
  if (reference !== undefined) params.push(['customstring', reference]);
  if (when !== undefined) params.push(['schedule', String(when)]);
  if (countryCode !== undefined) params.push(['country', countryCode]);

  return {
    body: params,
    recipients: to,
    text,
    from: from ?? null,
    clientReference: reference ?? null,
    encoding,
    parts,
    scheduled: when !== undefined,
    schedule: when ?? null,
    country: countryCode ?? null,
  };
}

/** The send.php request for an already prepared send; `method=http` leads, as in the spec's POST variables. */
export function sendRequest(credentials: ClickSendCredentials, prepared: PreparedClickSendSend): HttpRequest {
  return form(credentials, 'send', prepared.body, [['method', 'http']]);
}

/** send.php: validate and build in one step. */
export function buildSendRequest(credentials: ClickSendCredentials, request: SendRequest): HttpRequest {
  return sendRequest(credentials, prepareSend(request));
}
