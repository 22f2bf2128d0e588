import { CLICKATELL_STATUS } from '../gateways/codes/clickatell-status';
import { API_LIMITS, MAX_DELAY_MINUTES } from '../gateways/limits';
import {
  DEFAULT_VALIDITY_MINUTES,
  clickatellErrorText,
  clickatellRate,
  findOwnMessage,
  ipAllowed,
  isClickatellNumber,
  measureBinary,
  measureGsm,
  measureUnicode,
  type MeasuredText,
  nextUtcDay,
  sendClickatell,
  senderError,
} from './clickatell-core';
import type { SandboxCore } from './core';
import type { AccountState } from './state';
import { classifyNumber } from './test-numbers';
import { type Reply, type RequestContext } from './wire';
import { readRequestXml, type RequestFields, toResponseXml } from './xml';

/**
 * Clickatell REST API (legacy, X-Version 1): POST /rest/message, GET and DELETE /rest/message/{id},
 * GET /rest/account/balance, GET /rest/coverage/{msisdn}. JSON or XML both ways, Bearer token auth.
 * Errors: `{"error":{"code","description","documentation"}}` with the documented HTTP status codes.
 */

type Format = 'json' | 'xml';
const LIMITS = API_LIMITS['clickatell-rest'];

/** HTTP status for an error code (spec section 9: 400 validation, 401 auth, 402 credit, 410 number, ...). */
function statusFor(code: string): number {
  switch (code) {
    case '001':
    case '007':
      return 401;
    case '301':
      return 402;
    case '161':
      return 404;
    case '160':
      return 405;
    case '114':
    case '121':
    case '122':
    case '128':
    case '250':
      // "410 Gone: The mobile number is blocked, delisted, or cannot be routed."
      return 410;
    case '130':
      // A daily/monthly MT limit: the sandbox answers as a rate limit with the reset time.
      return 429;
    case '901':
      return 503;
    default:
      return 400;
  }
}

export function restErrorBody(code: string, now: number): { code: string; description: string; documentation: string } {
  // Legacy REST errors embed a link to the code's documentation page ("Embedded resource links to our
  // online technical documents").
  return { code, description: clickatellErrorText(code, 'rest', now), documentation: `http://www.clickatell.com/help/apidocs/error/${code}.htm` };
}

export function restReply(status: number, value: Record<string, unknown>, format: Format, headers: Record<string, string> = {}): Reply {
  if (format === 'xml') return { status, headers: { 'content-type': 'application/xml', ...headers }, body: toResponseXml(value) };
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function restError(code: string, format: Format, now: number, headers: Record<string, string> = {}): Reply {
  const extra = code === '130' ? { 'retry-after': String(Math.max(1, nextUtcDay(now) - Math.floor(now / 1000))), ...headers } : headers;
  return restReply(statusFor(code), { error: restErrorBody(code, now) }, format, extra);
}

/**
 * The response format the Accept header asks for, or null when it allows neither JSON nor XML (error 166).
 * Spec: "Defaults to JSON if not specified. If specified, the API expects application/json,
 * application/xml or *\/*". The most preferred acceptable type wins; *\/* means JSON.
 */
export function negotiate(accept: string | undefined): Format | null {
  if (accept === undefined || accept.trim() === '') return 'json';
  let best: { format: Format; q: number } | null = null;
  for (const entry of accept.split(',')) {
    const [type, ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const format: Format | null = type === 'application/json' || type === '*/*' ? 'json' : type === 'application/xml' ? 'xml' : null;
    if (format === null) continue;
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (best === null || q > best.q) best = { format, q };
  }
  return best?.format ?? null;
}

interface Route {
  resource: 'message' | 'message-id' | 'balance' | 'coverage';
  param: string;
  methods: string[];
}

function matchRoute(path: string): Route | null {
  const clean = path.replace(/\/+$/, '');
  if (clean === '/rest/message') return { resource: 'message', param: '', methods: ['POST', 'GET', 'DELETE'] };
  if (clean === '/rest/account/balance') return { resource: 'balance', param: '', methods: ['GET'] };
  if (clean === '/rest/coverage') return { resource: 'coverage', param: '', methods: ['GET'] };
  const withId = /^\/rest\/(message|coverage)\/([^/]+)$/.exec(clean);
  if (!withId) return null;
  let param: string;
  try {
    param = decodeURIComponent(withId[2]);
  } catch {
    param = withId[2];
  }
  return withId[1] === 'message' ? { resource: 'message-id', param, methods: ['GET', 'DELETE'] } : { resource: 'coverage', param, methods: ['GET'] };
}

/** The route name used by statistics and fault scoping ('POST /rest/message', 'GET /rest/message/:id', ...); null for no route. */
export function restRouteName(method: string, path: string): string | null {
  const route = matchRoute(path);
  if (!route) return null;
  const pattern = { message: '/rest/message', 'message-id': '/rest/message/:id', balance: '/rest/account/balance', coverage: '/rest/coverage/:msisdn' }[route.resource];
  return `${method} ${pattern}`;
}

export function handleClickatellRest(core: SandboxCore, context: RequestContext): Reply {
  const now = context.now;
  const negotiated = negotiate(header(context, 'accept'));
  const format = negotiated ?? 'json';
  const route = matchRoute(context.path);
  if (!route) return restError('161', format, now);
  if (!route.methods.includes(context.method)) return restError('160', format, now, { allow: route.methods.join(', ') });
  if (negotiated === null) return restError('166', 'json', now);
  if (header(context, 'x-version')?.trim() !== '1') return restError('165', format, now);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header(context, 'authorization') ?? '');
  const account = bearer ? core.state.findRestToken(bearer[1]) : undefined;
  if (!account) return restError('001', format, now);
  if (!ipAllowed(account, context.remoteAddress)) return restError('007', format, now);

  switch (route.resource) {
    case 'balance':
      return restReply(200, { data: { balance: account.balance.toFixed(2) } }, format);
    case 'coverage':
      return coverage(route.param, account, format, now);
    case 'message':
      // GET or DELETE without an id: "109 Missing message ID ... for example, when using the 'stop message' command".
      if (context.method !== 'POST') return restError('109', format, now);
      return send(core, context, account, format);
    case 'message-id':
      return messageById(core, context, account, route.param, format);
  }
}

function header(context: RequestContext, name: string): string | undefined {
  const value = context.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function coverage(msisdn: string, account: AccountState, format: Format, now: number): Reply {
  if (msisdn.trim() === '') return restError('101', format, now);
  if (!isClickatellNumber(msisdn)) return restError('105', format, now);
  const outcome = classifyNumber(msisdn).outcome;
  const routable = !(outcome.kind === 'reject' && outcome.code === '114');
  const minimumCharge = routable ? Math.round(clickatellRate(account, msisdn) * 10_000) / 10_000 : 0;
  return restReply(200, { data: { routable, destination: msisdn, minimumCharge } }, format);
}

function messageById(core: SandboxCore, context: RequestContext, account: AccountState, id: string, format: Format): Reply {
  const now = context.now;
  const message = findOwnMessage(core, account, id, undefined);
  if (!message) return restError('161', format, now);
  if (context.method === 'DELETE') core.lifecycle.cancel(message, now);
  const status = core.lifecycle.status(message, now);
  const description = CLICKATELL_STATUS.get(status)?.description ?? '';
  if (context.method === 'DELETE') return restReply(200, { data: { messageStatus: status, description, apiMessageId: message.id } }, format);
  // The spec describes the status command only in prose; the fields follow the stop answer plus the charge.
  return restReply(200, { data: { charge: Math.round(message.charge * 10_000) / 10_000, messageStatus: status, description, apiMessageId: message.id, clientMessageId: message.clientReference } }, format);
}

// POST /rest/message ----------------------------------------------------------------------------------

class Refusal {
  constructor(readonly code: string) {}
}

function send(core: SandboxCore, context: RequestContext, account: AccountState, format: Format): Reply {
  const now = context.now;
  const contentType = (header(context, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json' && contentType !== 'application/xml') return restError('167', format, now);
  const fields = contentType === 'application/json' ? readJson(context.body) : readRequestXml(context.body.toString('utf8'));
  if (fields === null) return restError('100', format, now);
  let request: ReturnType<typeof readSend>;
  try {
    request = readSend(fields, account, now);
  } catch (error) {
    if (error instanceof Refusal) return restError(error.code, format, now);
    throw error;
  }
  const results = sendClickatell(core, { api: 'rest', account, ...request }, now);
  const failures = results.filter((result) => !result.ok) as Array<{ to: string; ok: false; code: string }>;
  // All refused for one reason: that reason is the answer. Mixed outcomes: 207 with one entry each.
  if (failures.length === results.length && failures.every((failure) => failure.code === failures[0].code)) {
    // An invalid destination is answered per recipient, as the real gateway does: HTTP 400 with
    // {"data":{"message":[{"accepted":false,"to":"333","apiMessageId":"","error":{"code":"105",…}}]}}
    // (capture in dfch's Send-ShortMessage help, 16 Feb 2015; docs/protocol-fidelity.md).
    if (failures[0].code === '105') {
      const refused = failures.map((failure) => ({ accepted: false, to: failure.to, apiMessageId: '', error: restErrorBody(failure.code, now) }));
      return restReply(statusFor('105'), { data: { message: refused } }, format);
    }
    return restError(failures[0].code, format, now);
  }
  const message = results.map((result) =>
    result.ok
      ? { accepted: true, to: result.to, apiMessageId: result.message.id }
      : { accepted: false, to: result.to, apiMessageId: '', error: restErrorBody(result.code, now) },
  );
  return restReply(failures.length === 0 ? 202 : 207, { data: { message } }, format);
}

function readJson(body: Buffer): RequestFields | Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

type Fields = Record<string, unknown>;

function readSend(fields: Fields, account: AccountState, now: number) {
  const text = fields.text;
  if (typeof text !== 'string' || text === '') throw new Refusal('101');
  const recipients = readRecipients(fields.to);
  const unicode = flag(fields, 'unicode');
  const binary = flag(fields, 'binary');
  let measured: MeasuredText;
  if (binary) {
    if (!/^(?:[0-9A-Fa-f]{2})+$/.test(text.trim())) throw new Refusal('101');
    measured = measureBinary(text.trim().toUpperCase());
  } else if (unicode) {
    // JSON and XML carry Unicode text as it is; unicode=1 asks for UCS-2 on the air. A broken
    // surrogate pair cannot be encoded: 116 Invalid unicode data.
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) throw new Refusal('116');
    measured = measureUnicode(text);
  } else {
    measured = measureGsm(text);
  }
  const maxParts = integer(fields, 'maxMessageParts', 1, LIMITS.maxParts) ?? account.config.defaultMaxParts ?? LIMITS.maxParts;
  if (measured.parts > maxParts) throw new Refusal('113');
  const from = optionalString(fields, 'from').trim();
  if (from !== '') {
    const problem = senderError(from, account);
    if (problem) throw new Refusal(problem);
  }
  const clientReference = optionalString(fields, 'clientMessageId');
  if (/\s/.test(clientReference)) throw new Refusal('120');
  if (clientReference.length > LIMITS.maxClientReferenceLength) throw new Refusal('101');
  const callback = integer(fields, 'callback', 0, 7) ?? 0;
  const queue = integer(fields, 'userPriorityQueue', 1, 3);
  const validity = integer(fields, 'validityPeriod', 1, Number.MAX_SAFE_INTEGER);
  const requiredFeatures = integer(fields, 'requiredFeatures', 0, Number.MAX_SAFE_INTEGER);
  const maxCredits = positiveNumber(fields, 'maxCredits');
  const type = optionalString(fields, 'type').trim().toUpperCase() || 'SMS_TEXT';
  // The spec's "Refer to description": the message types of Clickatell's HTTP API `msg_type`.
  if (type !== 'SMS_TEXT' && type !== 'SMS_FLASH') throw new Refusal('101');
  const udh = optionalString(fields, 'udh').trim();
  if (udh !== '' && !/^(?:[0-9A-Fa-f]{2})+$/.test(udh)) throw new Refusal('102');
  const delayMs = scheduledDelay(fields, now);
  const options: Record<string, string | number | boolean> = { maxParts, type };
  if (flag(fields, 'mo')) options.mo = true;
  if (flag(fields, 'escalate')) options.escalate = true;
  if (unicode) options.unicode = true;
  if (binary) options.binary = true;
  if (queue !== null) options.userPriorityQueue = queue;
  if (validity !== null) options.validityPeriod = validity;
  if (requiredFeatures !== null) options.requiredFeatures = requiredFeatures;
  if (maxCredits !== null) options.maxCredits = maxCredits;
  if (udh !== '') options.udh = udh.toUpperCase();
  const bypassDnc = flag(fields, 'bypassDNCCheck');
  if (bypassDnc) options.bypassDNCCheck = true;
  return {
    recipients,
    measured,
    from,
    clientReference,
    callback,
    delayMs,
    validityMinutes: validity ?? DEFAULT_VALIDITY_MINUTES,
    maxCredits,
    bypassDnc,
    options,
  };
}

/** `to`: a list of numbers (strings; plain numbers are tolerated), at most 500 ("batches of up to 500"). */
function readRecipients(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
  if (list.length === 0 || list.length > LIMITS.maxRecipientsPerRequest) throw new Refusal('101');
  return list.map((entry) => {
    if (typeof entry === 'string') return entry.trim();
    if (typeof entry === 'number' && Number.isSafeInteger(entry)) return String(entry);
    throw new Refusal('105');
  });
}

function scheduledDelay(fields: Fields, now: number): number | null {
  const value = fields.scheduledDeliveryTime;
  if (value === undefined || value === null || value === '') return null;
  // "Specify when a message should get delivered in GMT+0. 2015-06-30T14:00:00Z"; unix seconds are tolerated.
  const at = typeof value === 'number' || (typeof value === 'string' && /^\d{9,12}$/.test(value.trim())) ? Number(value) * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(at)) throw new Refusal('101');
  const ahead = at - now;
  if (ahead > MAX_DELAY_MINUTES * 60_000 + 5 * 60_000) throw new Refusal('101');
  return ahead > 0 ? ahead : null;
}

function optionalString(fields: Fields, name: string): string {
  const value = fields[name];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Refusal('101');
}

function flag(fields: Fields, name: string): boolean {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return false;
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false') return false;
  throw new Refusal('101');
}

function integer(fields: Fields, name: string, min: number, max: number): number | null {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,16}\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) throw new Refusal('101');
  return number;
}

function positiveNumber(fields: Fields, name: string): number | null {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(number) || number <= 0) throw new Refusal('101');
  return number;
}
