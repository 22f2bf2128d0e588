import { invalidInput } from '../errors';
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
import type { SendOptions, SendRequest } from '../gateway';
import { API_LIMITS, MAX_DELAY_MINUTES } from '../limits';
import { analyzeText } from '../text/segments';
import { toUcs2Hex } from '../text/ucs2';
import { CLICKATELL_HTTP_ALPHABET, singleByteTextParam } from './text-rule';
import { normalizeNumber } from '../text/numbers';
import type { HttpRequest } from '../transport';

/**
 * Request builders for the Clickatell legacy HTTP API (../shared/specs/clickatell-http-api.md).
 * Pure functions: they validate input (naming the field at fault) and return an HttpRequest; they never
 * do I/O. Every call is `POST ${baseUrl}/http/<command>` with a form body, as the spec recommends POST
 * (parameters stay out of URLs and access logs, and POST allows 600 recipients instead of 300).
 */

export const DEFAULT_BASE_URL = 'https://api.clickatell.com';

const LIMITS = API_LIMITS['clickatell-http'];

/** Account credentials as a runtime stores them. */
export interface ClickatellHttpCredentials {
  apiId: string;
  user: string;
  password: string;
  /** Override for the sandbox or a proxy; default https://api.clickatell.com. */
  baseUrl?: string;
  /** 'session': `auth` once, then session_id on each call. 'perRequest': api_id + user + password on each call. */
  authMode: 'session' | 'perRequest';
}

export interface SessionAuth {
  mode: 'session';
  sessionId: string;
}

export interface PerRequestAuth {
  mode: 'perRequest';
  apiId: string;
  user: string;
  password: string;
}

/** How one request authenticates. */
export type ClickatellAuth = SessionAuth | PerRequestAuth;

/** Where a request goes and how it authenticates. */
export interface RequestTarget<A extends ClickatellAuth = ClickatellAuth> {
  baseUrl?: string;
  auth: A;
}

/** Form parameters; a third element 'encoded' marks a value that is already percent-escaped (the single-byte text). */
type Params = Array<[string, string] | [string, string, 'encoded']>;

const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded' } as const;

/** The base URL without trailing slashes; http(s) only. */
export function resolveBaseUrl(baseUrl: string | undefined): string {
  return resolveBaseUrlFrom(baseUrl, DEFAULT_BASE_URL);
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(field, 'is required');
  return value;
}

function authParams(auth: ClickatellAuth): Params {
  if (auth.mode === 'session') return [['session_id', requireText(auth.sessionId, 'sessionId')]];
  return [
    ['api_id', requireText(auth.apiId, 'credentials.apiId').trim()],
    ['user', requireText(auth.user, 'credentials.user').trim()],
    // Passwords are sent exactly as typed: leading or trailing spaces may be part of them.
    ['password', requireText(auth.password, 'credentials.password')],
  ];
}

function formBody(params: Params): string {
  return params
    .map(([name, value, encoded]) => (encoded === 'encoded' ? `${new URLSearchParams([[name, '']]).toString()}${value}` : new URLSearchParams([[name, value]]).toString()))
    .join('&');
}

function form(path: string, baseUrl: string | undefined, params: Params): HttpRequest {
  return {
    method: 'POST',
    url: `${resolveBaseUrl(baseUrl)}${path}`,
    headers: { ...FORM_HEADERS },
    body: formBody(params),
  };
}

function command(name: string, target: RequestTarget, params: Params = []): HttpRequest {
  return form(`/http/${name}`, target.baseUrl, [...authParams(target.auth), ...params]);
}

/** The per-request auth a set of credentials gives (also what `auth` itself sends). */
export function perRequestAuth(credentials: Pick<ClickatellHttpCredentials, 'apiId' | 'user' | 'password'>): PerRequestAuth {
  return { mode: 'perRequest', apiId: credentials.apiId, user: credentials.user, password: credentials.password };
}

/** `auth`: api_id + user + password; answers `OK: <session_id>`. */
export function buildAuthRequest(credentials: Pick<ClickatellHttpCredentials, 'apiId' | 'user' | 'password' | 'baseUrl'>): HttpRequest {
  return command('auth', { baseUrl: credentials.baseUrl, auth: perRequestAuth(credentials) });
}

/** `ping`: extends a session by 15 minutes; the spec requires a session_id, so only session auth is accepted. */
export function buildPingRequest(target: RequestTarget<SessionAuth>): HttpRequest {
  return command('ping', target);
}

function requireMessageId(apiMsgId: unknown): string {
  const id = requireText(apiMsgId, 'apiMsgId').trim();
  if (/\s/.test(id)) throw invalidInput('apiMsgId', 'must not contain spaces', 'Use the ID returned when the message was sent.');
  return id;
}

/** `querymsg`: answers `ID: <apimsgid> Status: <status>`. */
export function buildQueryMsgRequest(target: RequestTarget, apiMsgId: string): HttpRequest {
  return command('querymsg', target, [['apimsgid', requireMessageId(apiMsgId)]]);
}

/** `getmsgcharge`: answers `ID: <apimsgid> Charge: <n> Status: <status>`. */
export function buildGetMsgChargeRequest(target: RequestTarget, apiMsgId: string): HttpRequest {
  return command('getmsgcharge', target, [['apimsgid', requireMessageId(apiMsgId)]]);
}

/** `delmsg`: stops a message still queued at the gateway; answers `ID: <apimsgid> Status: <status>`. */
export function buildDelMsgRequest(target: RequestTarget, apiMsgId: string): HttpRequest {
  return command('delmsg', target, [['apimsgid', requireMessageId(apiMsgId)]]);
}

/** `getbalance`: answers `Credit: <n>`. */
export function buildGetBalanceRequest(target: RequestTarget): HttpRequest {
  return command('getbalance', target);
}

/** `token_pay`: redeems a credit voucher; answers `OK: <n>` (the spec's example is `OK: 605`). */
export function buildTokenPayRequest(target: RequestTarget, token: string): HttpRequest {
  const value = requireText(token, 'token').trim();
  if (/\s/.test(value)) throw invalidInput('token', 'must not contain spaces');
  return command('token_pay', target, [['token', value]]);
}

/**
 * Route coverage: `${baseUrl}/utils/routeCoverage` with `msisdn`. The spec is silent on this command;
 * this follows Clickatell's published behaviour (HTTP API guide and its official client libraries):
 * it lives outside /http/, takes the usual authentication plus `msisdn`, and answers
 * `OK: <text> Charge: <n>` when the prefix is routable or `ERR: <text>` (no numeric code) when it is not.
 */
export function buildCoverageRequest(target: RequestTarget, msisdn: string): HttpRequest {
  const number = normalizeNumber(requireText(msisdn, 'msisdn'), 'digits', 'msisdn');
  return form('/utils/routeCoverage', target.baseUrl, [...authParams(target.auth), ['msisdn', number]]);
}

// ---------------------------------------------------------------------------------------------------
// sendmsg

/** A validated send: the sendmsg parameters (without auth) plus what the parser needs to build results. */
export interface PreparedSend {
  /** Normalized recipients (international digits), in request order. */
  recipients: string[];
  /** The recipients exactly as the caller gave them, in the same order. */
  requested: string[];
  text: string;
  from: string | null;
  clientReference: string | null;
  encoding: Encoding;
  parts: number;
  params: Params;
}


/** Options the legacy HTTP API has no parameter for. */
const UNSUPPORTED_OPTIONS = ['bypassDnc', 'binary', 'country'] as const;







function clientReference(options: SendOptions): string | undefined {
  const value = stringOption(options, 'clientReference');
  if (value === undefined) return undefined;
  const max = LIMITS.maxClientReferenceLength;
  if (!new RegExp(`^[A-Za-z0-9]{1,${max}}$`).test(value)) {
    throw invalidInput('options.clientReference', `must be 1 to ${max} letters and digits (climsgid)`);
  }
  return value;
}

function scheduledTime(options: SendOptions, now: Date): number | undefined {
  const when = clickatellScheduledAt(options, now);
  return when === undefined ? undefined : Math.floor(when.getTime() / 1000);
}



function recipients(to: unknown): { requested: string[]; normalized: string[] } {
  if (!Array.isArray(to) || to.length === 0) throw invalidInput('to', 'at least one recipient is required');
  const max = LIMITS.maxRecipientsPerRequest;
  if (to.length > max) throw invalidInput('to', `at most ${max} recipients per request (got ${to.length})`, 'Split the list or use the bulk send.');
  const requested = to.map((entry) => {
    if (typeof entry !== 'string') throw invalidInput('to', 'each recipient must be text');
    return entry;
  });
  return { requested, normalized: requested.map((entry) => normalizeNumber(entry, 'digits', 'to')) };
}

/** The validated text and options of a send, as sendmsg parameters (without `to` and auth). */
export type PreparedMessage = Omit<PreparedSend, 'recipients' | 'requested'>;

/**
 * Validate a send's text and options (everything but the recipients). Throws invalidInput naming the
 * field at fault. `now` is only used to check `scheduledAt` (at most 7 days ahead).
 */
export function prepareMessage(text: unknown, options: SendOptions = {}, now: Date = new Date()): PreparedMessage {
  if (options === null || typeof options !== 'object') throw invalidInput('options', 'must be an object');
  if (typeof text !== 'string' || text.trim() === '') throw invalidInput('text', 'the message text is empty');
  rejectUnsupported(options, UNSUPPORTED_OPTIONS, 'the Clickatell HTTP API', () => 'Use the Clickatell REST API for this option.');
  const unicode = unicodeOption(options);

  const maxParts = integerOption(options, 'maxParts', 1, LIMITS.maxParts);
  const callback = integerOption(options, 'callback', 0, 7, '0 = none … 7 = intermediate, final and error statuses.');
  const delay = integerOption(options, 'deliveryDelayMinutes', 1, MAX_DELAY_MINUTES, 'At most 10080 minutes (7 days).');
  const validity = integerOption(options, 'validityMinutes', 1, MAX_DELAY_MINUTES);
  const queue = integerOption(options, 'priorityQueue', 1, 3, '1 is the highest priority.');
  const features = integerOption(options, 'requiredFeatures', 0, 0xffff, 'A bit mask of FEAT_* flags.');
  const credits = maxCreditsOption(options);
  const scheduled = scheduledTime(options, now);
  if (delay !== undefined && scheduled !== undefined) {
    throw invalidInput('options.deliveryDelayMinutes', 'cannot be combined with scheduledAt', 'Give either a delay or a scheduled time.');
  }
  const from = clickatellSenderId(options);
  const reference = clientReference(options);
  const udh = udhOption(options);
  const mo = booleanOption(options, 'mo');
  const flash = booleanOption(options, 'flash');
  const escalate = booleanOption(options, 'escalate');

  // Encoding and parts under the legacy API's text rule (text-rule.ts): GSM-7 characters without a
  // Windows-1252 byte switch the message to UCS-2 ('auto') or are refused ('off').
  const analysis = analyzeText(text, unicode, CLICKATELL_HTTP_ALPHABET);
  const partLimit = maxParts ?? LIMITS.maxParts;
  if (analysis.parts > partLimit) {
    throw invalidInput(
      'text',
      `needs ${analysis.parts} ${analysis.encoding} parts but at most ${partLimit} are allowed`,
      maxParts !== undefined && maxParts < LIMITS.maxParts ? 'Shorten the text or raise Max Parts (up to 3).' : 'Shorten the text.',
    );
  }
  // concat: when Max Parts is given it is sent as is (the caller's ceiling). When it is not, the legacy
  // API falls back to the API connection's setting (often 1) and answers ERR 113 for a longer text, so we
  // send the number of parts the text needs — long texts just work, and never beyond the API's maximum of 3.
  const concat = maxParts ?? (analysis.parts > 1 ? analysis.parts : undefined);

  const params: Params = [];
  if (analysis.encoding === 'UCS-2') {
    // The legacy API takes Unicode text as UCS-2 big-endian hex with unicode=1.
    params.push(['text', toUcs2Hex(text)], ['unicode', '1']);
  } else {
    // Single-byte text: Windows-1252 percent-escapes, never UTF-8 (text-rule.ts has the rule and sources).
    params.push(['text', singleByteTextParam(text), 'encoded']);
  }
  const optional: Array<[string, string | number | undefined]> = [
    ['from', from],
    ['mo', mo ? 1 : undefined],
    ['callback', callback],
    ['climsgid', reference],
    ['concat', concat],
    ['deliv_time', delay],
    ['scheduled_time', scheduled],
    ['msg_type', flash ? 'SMS_FLASH' : undefined],
    ['validity', validity],
    ['queue', queue],
    ['escalate', escalate ? 1 : undefined],
    ['max_credits', credits],
    ['req_feat', features],
    ['udh', udh],
  ];
  for (const [name, value] of optional) if (value !== undefined) params.push([name, String(value)]);

  return {
    text,
    from: from ?? null,
    clientReference: reference ?? null,
    encoding: analysis.encoding,
    parts: analysis.parts,
    params,
  };
}

/** Validate a whole send (recipients, text, options) and turn it into sendmsg parameters. */
export function prepareSend(request: SendRequest, now: Date = new Date()): PreparedSend {
  if (request === null || typeof request !== 'object') throw invalidInput('request', 'must be an object with to and text');
  const message = prepareMessage(request.text, request.options, now);
  const { requested, normalized } = recipients(request.to);
  return { ...message, recipients: normalized, requested, params: [['to', normalized.join(',')], ...message.params] };
}

/** The sendmsg request for an already prepared send (the session helper rebuilds it with a new session). */
export function sendMsgRequest(target: RequestTarget, prepared: PreparedSend): HttpRequest {
  return command('sendmsg', target, prepared.params);
}

/** `sendmsg`: validate and build in one step. */
export function buildSendMsgRequest(target: RequestTarget, request: SendRequest, now?: Date): HttpRequest {
  return sendMsgRequest(target, prepareSend(request, now));
}
