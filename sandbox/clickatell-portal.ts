import { API_LIMITS } from '../gateways/limits';
import { nonGsm7Characters } from '../gateways/text/encoding';
import { ipAllowed, measureBinary, measureGsm, measureUnicode, sendClickatell, senderError, type MeasuredText, type RecipientResult } from './clickatell-core';
import { oneErrorFor, oneErrorText, oneStatusFor } from './clickatell-portal-codes';
import type { SandboxCore } from './core';
import type { AccountState } from './state';
import { jsonReply, type Reply, type RequestContext } from './wire';

/**
 * Clickatell's Portal APIs (../shared/specs/clickatell-platform-api.md), one integration API key each:
 * - Platform SMS API: POST /messages (JSON), GET /messages/http/send (apiKey, to, content, from in the
 *   query; one handset per request), GET /public-client/balance.
 * - One API (SMS channel): POST /v1/message, GET /v1/message/{id}.
 * The key is the bare `Authorization` header (the query's apiKey for the HTTP variant). Sends share the
 * legacy Clickatell rules and lifecycle (clickatell-core.ts): test numbers, balances, daily limits.
 * Answers: 202 all accepted, 207 mixed, 400/402 all refused with per-message errors, 401 for the key
 * (One API rules, S11). Errors are One API codes; the Platform writes them flat (errorCode, error,
 * errorDescription) and the One API as `{code, description}`. The Platform's own codes, the status query
 * /public-client/message/status and the One API's /v1/balance are not emulated: they are not published
 * (docs/current-apis.md).
 */

type PortalApi = 'platform' | 'one';

const MAX_MESSAGES = API_LIMITS['clickatell-platform'].maxRecipientsPerRequest;
const MAX_ONE_MESSAGES = API_LIMITS['clickatell-one'].maxRecipientsPerRequest;
const DEFAULT_VALIDITY_MINUTES = 24 * 60;

interface Route {
  api: PortalApi;
  name: string;
  handle: (core: SandboxCore, context: RequestContext, account: AccountState, param: string) => Reply;
  methods: readonly string[];
  /** The path's variable part (the message id of /v1/message/{id}); '' when the route has none. */
  param: string;
}

function matchRoute(path: string): Route | null {
  const clean = path.replace(/\/+$/, '');
  if (clean === '/messages') return { api: 'platform', name: '/messages', handle: platformSend, methods: ['POST'], param: '' };
  if (clean === '/messages/http/send') return { api: 'platform', name: '/messages/http/send', handle: platformHttpSend, methods: ['GET'], param: '' };
  if (clean === '/public-client/balance') return { api: 'platform', name: '/public-client/balance', handle: balance, methods: ['GET'], param: '' };
  if (clean === '/v1/message') return { api: 'one', name: '/v1/message', handle: oneSend, methods: ['POST'], param: '' };
  const withId = /^\/v1\/message\/([^/]+)$/.exec(clean);
  if (withId) return { api: 'one', name: '/v1/message/:id', handle: oneStatus, methods: ['GET'], param: safeDecode(withId[1]) };
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Whether a path belongs to the Portal APIs, and which one ('clickatell-platform' or 'clickatell-one'). */
export function portalApiOf(path: string): 'clickatell-platform' | 'clickatell-one' | null {
  if (path === '/v1' || path.startsWith('/v1/')) return 'clickatell-one';
  if (path === '/messages' || path.startsWith('/messages/') || path.startsWith('/public-client/')) return 'clickatell-platform';
  return null;
}

/** The route name used by statistics and fault scoping ('POST /messages', 'GET /v1/message/:id', ...); null for no route. */
export function portalRouteName(method: string, path: string): string | null {
  const route = matchRoute(path);
  return route ? `${method} ${route.name}` : null;
}

/** An error in the API's own form: flat on the Platform, `{code, description}` on the One API. */
function errorFields(api: PortalApi, code: number, detail?: string): Record<string, unknown> {
  const description = detail ? `${oneErrorText(code)}: ${detail}` : oneErrorText(code);
  if (api === 'one') return { error: { code, description } };
  return { errorCode: code, error: oneErrorText(code), errorDescription: description };
}

/** A whole-request refusal at the table's HTTP status. */
export function portalError(api: PortalApi, code: number, detail?: string, headers: Record<string, string> = {}): Reply {
  const status = code === 1 || code === 7 ? 401 : code === 19 ? 503 : code === 18 ? 500 : 400;
  const body = api === 'one' ? errorFields(api, code, detail) : { messages: [], ...errorFields(api, code, detail) };
  return jsonReply(status, body, headers);
}

function header(context: RequestContext, name: string): string | undefined {
  const value = context.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function handleClickatellPortal(core: SandboxCore, context: RequestContext): Reply {
  const route = matchRoute(context.path);
  const api: PortalApi = portalApiOf(context.path) === 'clickatell-one' ? 'one' : 'platform';
  if (!route) return portalError(api, 41);
  if (!route.methods.includes(context.method)) return portalError(route.api, 42, undefined, { allow: route.methods.join(', ') });
  // The HTTP variant takes the key in the query (S9); everything else in the Authorization header, bare (S1).
  const key = route.name === '/messages/http/send' ? new URLSearchParams(context.query).get('apiKey') : header(context, 'authorization');
  const account = key ? core.state.findPortalKey(key.trim()) : undefined;
  if (!account) return portalError(route.api, 1);
  if (account.config.status !== undefined && account.config.status !== 'active') return portalError(route.api, 2);
  if (!ipAllowed(account, context.remoteAddress)) return portalError(route.api, 7);
  return route.handle(core, context, account, route.param);
}

// GET /public-client/balance ---------------------------------------------------------------------------

function balance(_core: SandboxCore, _context: RequestContext, account: AccountState): Reply {
  return jsonReply(200, { balance: Math.round(account.balance * 1e5) / 1e5, currency: account.config.currency ?? 'ZAR' });
}

// GET /v1/message/{id} ---------------------------------------------------------------------------------

function oneStatus(core: SandboxCore, context: RequestContext, account: AccountState, id: string): Reply {
  const message = core.state.messages.get(id.trim().toLowerCase());
  const now = context.now;
  // "If the message is in an unknown state (message not found), the format is different (since there is
  // no channel) and the timestamp should be set to the current time" (One API OpenAPI).
  if (!message || message.accountId !== account.id) return jsonReply(200, { status: 'UNKNOWN', timestamp: now });
  const status = oneStatusFor(core.lifecycle.status(message, now));
  return jsonReply(200, { sms: { status: status.name, timestamp: core.lifecycle.statusTime(message, now) } });
}

// Sends --------------------------------------------------------------------------------------------------

class Refusal {
  constructor(
    readonly code: number,
    readonly detail?: string,
  ) {}
}

type Fields = Record<string, unknown>;

function readJsonBody(context: RequestContext): Fields | null {
  const type = (header(context, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return null;
  try {
    const value: unknown = JSON.parse(context.body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : null;
  } catch {
    return null;
  }
}

function optionalString(fields: Fields, name: string): string {
  const value = fields[name];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Refusal(23, name);
}

/** A recipient as the Portal takes it: international digits with or without '+' (§8 item 1). */
function recipientDigits(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw new Refusal(25, String(value));
  return String(value).trim().replace(/^\+/, '');
}

/**
 * Measure content the way the Portal chooses the encoding from UTF-8 text: GSM-7 when every character
 * fits, UCS-2 otherwise (neither API has a field that forces it). Binary content is hex (Platform only).
 */
function measure(content: string, binary: boolean): MeasuredText {
  if (binary) {
    if (!/^(?:[0-9A-Fa-f]{2})+$/.test(content.trim())) throw new Refusal(23, 'content');
    return measureBinary(content.trim().toUpperCase());
  }
  return nonGsm7Characters(content).length === 0 ? measureGsm(content) : measureUnicode(content);
}

interface PortalMessage {
  to: string;
  content: string;
  from: string;
  clientMessageId: string;
  binary: boolean;
  delayMs: number | null;
  validityMinutes: number;
  udh: string;
}

/** A plain text message with the API's defaults (no binary, schedule or UDH; a day's validity), as the One API and the Platform's HTTP integration take it. */
function plainTextMessage(fields: Pick<PortalMessage, 'to' | 'content' | 'from' | 'clientMessageId'>): PortalMessage {
  return { ...fields, binary: false, delayMs: null, validityMinutes: DEFAULT_VALIDITY_MINUTES, udh: '' };
}

/** Send one prepared message through the shared rules; a refusal is a One API code. */
function sendOne(core: SandboxCore, api: PortalApi, account: AccountState, message: PortalMessage, now: number): RecipientResult | { to: string; ok: false; oneCode: number; detail?: string } {
  const measured = measure(message.content, message.binary);
  if (measured.parts > API_LIMITS[api === 'one' ? 'clickatell-one' : 'clickatell-platform'].maxParts) return { to: message.to, ok: false, oneCode: 100 };
  if (message.from !== '' && senderError(message.from, account)) return { to: message.to, ok: false, oneCode: 45 };
  const options: Record<string, string | number | boolean> = {};
  if (message.binary) options.binary = true;
  if (message.udh !== '') options.userDataHeader = message.udh;
  if (message.validityMinutes !== DEFAULT_VALIDITY_MINUTES) options.validityPeriod = message.validityMinutes;
  const [result] = sendClickatell(
    core,
    {
      api,
      account,
      recipients: [message.to],
      measured,
      from: message.from,
      clientReference: message.clientMessageId,
      // Portal callbacks are set on the integration, not per message: every status is pushed when the
      // account has a status URL (portal-callbacks.ts picks what each API can express).
      callback: account.config.statusCallbackUrl ? 7 : 0,
      delayMs: message.delayMs,
      validityMinutes: message.validityMinutes,
      maxCredits: null,
      bypassDnc: true,
      options,
    },
    now,
  );
  return result;
}

type Outcome = ReturnType<typeof sendOne>;

/** The answer to a send: 202 all accepted, 207 mixed, 402 all refused for balance, else 400 (S11). */
function sendAnswer(api: PortalApi, outcomes: Outcome[]): Reply {
  const entries = outcomes.map((outcome) => {
    if (outcome.ok) return { apiMessageId: outcome.message.id, accepted: true, to: outcome.to, ...(api === 'one' ? { error: null } : { errorCode: null, error: null, errorDescription: null }) };
    const code = 'oneCode' in outcome ? outcome.oneCode : oneErrorFor(outcome.code);
    const detail = 'oneCode' in outcome ? outcome.detail : undefined;
    return { apiMessageId: '', accepted: false, to: outcome.to, ...errorFields(api, code, detail ?? (code === 25 ? outcome.to : undefined)) };
  });
  const accepted = outcomes.filter((outcome) => outcome.ok).length;
  const refusedForBalance = entries.every((entry) => (entry as { errorCode?: unknown }).errorCode === 20 || (entry as { error?: { code?: unknown } }).error?.code === 20);
  const status = accepted === outcomes.length ? 202 : accepted > 0 ? 207 : refusedForBalance ? 402 : 400;
  const global = api === 'one' ? { error: null } : { errorCode: null, error: null, errorDescription: null };
  return jsonReply(status, { messages: entries, ...global });
}

/** scheduledDeliveryTime: `2017-02-27T14:30:00+0200` (S1/S3) or any ISO time with a zone. */
function scheduledDelay(fields: Fields, now: number): number | null {
  const value = optionalString(fields, 'scheduledDeliveryTime').trim();
  if (value === '') return null;
  const at = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (!Number.isFinite(at)) throw new Refusal(23, 'scheduledDeliveryTime');
  return at - now > 0 ? at - now : null;
}

function validity(fields: Fields): number {
  const value = fields.validityPeriod;
  if (value === undefined || value === null || value === '') return DEFAULT_VALIDITY_MINUTES;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,10}\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647) throw new Refusal(23, 'validityPeriod');
  return number;
}

function flag(fields: Fields, name: string): boolean {
  const value = fields[name];
  if (value === undefined || value === null || value === '' || value === false) return false;
  if (value === true) return true;
  throw new Refusal(23, name);
}

/** POST /messages: `{content, to[], from?, binary?, clientMessageId?, scheduledDeliveryTime?, userDataHeader?, validityPeriod?, charset?}`. */
function platformSend(core: SandboxCore, context: RequestContext, account: AccountState): Reply {
  const fields = readJsonBody(context);
  if (fields === null) return portalError('platform', 21);
  try {
    const list = Array.isArray(fields.to) ? fields.to : fields.to === undefined || fields.to === null || fields.to === '' ? [] : [fields.to];
    if (list.length === 0) throw new Refusal(23, 'to');
    if (list.length > MAX_MESSAGES) throw new Refusal(22);
    const content = optionalString(fields, 'content');
    if (content === '') throw new Refusal(23, 'content');
    const charset = optionalString(fields, 'charset').trim().toUpperCase();
    if (charset !== '' && !['ASCII', 'UCS2-BE', 'UTF-8', 'WINDOWS-1252'].includes(charset)) throw new Refusal(40, charset);
    const udh = optionalString(fields, 'userDataHeader').trim();
    if (udh !== '' && !/^(?:[0-9A-Fa-f]{2})+$/.test(udh)) throw new Refusal(23, 'userDataHeader');
    const common = {
      content,
      from: optionalString(fields, 'from').trim().replace(/^\+/, ''),
      clientMessageId: optionalString(fields, 'clientMessageId').trim(),
      binary: flag(fields, 'binary'),
      delayMs: scheduledDelay(fields, context.now),
      validityMinutes: validity(fields),
      udh: udh.toUpperCase(),
    };
    const outcomes = list.map((value) => sendOne(core, 'platform', account, { ...common, to: recipientDigits(value) }, context.now));
    return sendAnswer('platform', outcomes);
  } catch (error) {
    if (error instanceof Refusal) return portalError('platform', error.code, error.detail);
    throw error;
  }
}

/** GET /messages/http/send?apiKey=&to=&content=&from=: one handset per request (S4, S9). */
function platformHttpSend(core: SandboxCore, context: RequestContext, account: AccountState): Reply {
  const query = new URLSearchParams(context.query);
  const to = (query.get('to') ?? '').trim();
  const content = query.get('content') ?? '';
  if (to === '') return portalError('platform', 23, 'to');
  // "send a message to a single handset in one single HTTPS request" (S4): a list is refused.
  if (to.includes(',')) return portalError('platform', 22);
  if (content === '') return portalError('platform', 23, 'content');
  const message = plainTextMessage({ to: recipientDigits(to), content, from: (query.get('from') ?? '').trim().replace(/^\+/, ''), clientMessageId: '' });
  return sendAnswer('platform', [sendOne(core, 'platform', account, message, context.now)]);
}

/** POST /v1/message: `{messages: [{channel?, to, content, from?, clientMessageId?}]}` (S10, S11). */
function oneSend(core: SandboxCore, context: RequestContext, account: AccountState): Reply {
  const fields = readJsonBody(context);
  if (fields === null || !Array.isArray(fields.messages)) return portalError('one', 21);
  const list = fields.messages as unknown[];
  if (list.length === 0) return portalError('one', 23, 'messages');
  if (list.length > MAX_ONE_MESSAGES) return portalError('one', 22);
  const outcomes: Outcome[] = list.map((entry) => {
    const to = entry !== null && typeof entry === 'object' ? (entry as Fields).to : undefined;
    const shownTo = typeof to === 'string' || typeof to === 'number' ? String(to) : '';
    try {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new Refusal(23, 'message');
      const message = entry as Fields;
      const channel = optionalString(message, 'channel').trim().toLowerCase() || 'sms';
      if (channel === 'whatsapp') throw new Refusal(39, 'whatsapp');
      if (channel !== 'sms') throw new Refusal(23, 'channel');
      if (shownTo.trim() === '') throw new Refusal(23, 'to');
      const content = optionalString(message, 'content');
      if (content === '') throw new Refusal(23, 'content');
      // The recipient is checked first: a message wrong in several fields is refused for its recipient.
      const number = recipientDigits(to);
      const from = optionalString(message, 'from').trim().replace(/^\+/, '');
      const clientMessageId = optionalString(message, 'clientMessageId').trim();
      return sendOne(core, 'one', account, plainTextMessage({ to: number, content, from, clientMessageId }), context.now);
    } catch (error) {
      if (error instanceof Refusal) return { to: shownTo, ok: false as const, oneCode: error.code, detail: error.detail };
      throw error;
    }
  });
  return sendAnswer('one', outcomes);
}
