import { clickSendResult } from '../gateways/codes/clicksend-results';
import { API_LIMITS } from '../gateways/limits';
import { ClickSendSubmitter, scheduleDelay, toInternational, validSender, type ClickSendSubmitResult } from './clicksend-submit';
import { inboundFields, MAX_RULES, newRuleId, receiptFields, rulesOf, userIdOf, type V3InboundRule, type V3ReceiptRule, type WebhookType } from './clicksend-v3-rules';
import type { SandboxCore } from './core';
import type { SandboxMessage } from './message-store';
import type { AccountState, InboundRecord } from './state';
import { jsonReply, type Reply, type RequestContext, unixSeconds } from './wire';

/**
 * ClickSend REST API v3 (../shared/specs/clicksend-rest-api-v3.md) under /v3: JSON in and out, the
 * `{http_code, response_code, response_msg, data}` envelope, HTTP Basic auth with the same accounts (API
 * username and key) as the HTTP v2 emulation, whose balances, throttle, test numbers and lifecycle it shares.
 *
 * Where ClickSend's documents are silent the sandbox chooses, and sandbox/README.md says so: a send whose
 * messages partly fail answers 200 SUCCESS with each message's own status; cancelling an unknown message
 * is 404 NOT_FOUND, one that is no longer scheduled 400 BAD_REQUEST; inactive and banned accounts get 403
 * ACCOUNT_NOT_ACTIVATED.
 */

const LIMITS = API_LIMITS['clicksend-v3'];
const CURRENCY = { currency_name_short: 'USD', currency_prefix_d: '$', currency_prefix_c: '¢', currency_name_long: 'US Dollars' };
const DEFAULT_PAGE_SIZE = 15;
const MAX_PAGE_SIZE = 100;
const ACTIONS = ['AUTO_REPLY', 'EMAIL_USER', 'EMAIL_FIXED', 'URL', 'SMS', 'POLL', 'GROUP_SMS', 'MOVE_CONTACT', 'CREATE_CONTACT', 'CREATE_CONTACT_PLUS_EMAIL', 'CREATE_CONTACT_PLUS_NAME_EMAIL', 'CREATE_CONTACT_PLUS_NAME', 'SMPP', 'NONE'];

/** The response envelope (§1.1). */
export function v3Reply(status: number, code: string, message: string, data: unknown = []): Reply {
  return jsonReply(status, { http_code: status, response_code: code, response_msg: message, data });
}

/** HTTP status -> response_code (§1.2; 405 prints as NOT_FOUND in C1). */
const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  413: 'BAD_REQUEST',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'INTERNAL_SERVER_ERROR',
};

export function v3Error(status: number, message: string, code = STATUS_CODES[status] ?? 'INTERNAL_SERVER_ERROR'): Reply {
  return v3Reply(status, code, message);
}

// Routing ---------------------------------------------------------------------------------------------

type Handler = (core: SandboxCore, context: RequestContext, account: AccountState, id: string | undefined) => Reply;

interface V3Route {
  method: string;
  pattern: RegExp;
  name: string;
  handle: Handler;
}

const ID = '([A-Za-z0-9-]{1,64})';
const RULE_ID = '([0-9]{1,20})';

const ROUTES: readonly V3Route[] = [
  { method: 'POST', pattern: /^\/sms\/send$/, name: 'POST /v3/sms/send', handle: (core, context, account) => send(core, context, account) },
  { method: 'POST', pattern: /^\/sms\/price$/, name: 'POST /v3/sms/price', handle: (core, context, account) => price(core, context, account) },
  { method: 'GET', pattern: /^\/sms\/history$/, name: 'GET /v3/sms/history', handle: (core, context, account) => history(core, context, account) },
  { method: 'GET', pattern: /^\/sms\/inbound$/, name: 'GET /v3/sms/inbound', handle: (core, context, account) => inbound(core, context, account) },
  { method: 'GET', pattern: new RegExp(`^/sms/inbound/${ID}$`), name: 'GET /v3/sms/inbound/{id}', handle: (core, context, account, id) => inbound(core, context, account, id) },
  { method: 'GET', pattern: /^\/sms\/receipts$/, name: 'GET /v3/sms/receipts', handle: (core, context, account) => receipts(core, context, account) },
  { method: 'GET', pattern: new RegExp(`^/sms/receipts/${ID}$`), name: 'GET /v3/sms/receipts/{id}', handle: (core, context, account, id) => receipt(core, context, account, id!) },
  { method: 'PUT', pattern: /^\/sms\/cancel-all$/, name: 'PUT /v3/sms/cancel-all', handle: (core, context, account) => cancelAll(core, context, account) },
  { method: 'PUT', pattern: new RegExp(`^/sms/${ID}/cancel$`), name: 'PUT /v3/sms/{id}/cancel', handle: (core, context, account, id) => cancel(core, context, account, id!) },
  { method: 'GET', pattern: /^\/account$/, name: 'GET /v3/account', handle: (_core, _context, account) => accountInfo(account) },
  { method: 'GET', pattern: /^\/automations\/sms\/inbound$/, name: 'GET /v3/automations/sms/inbound', handle: (_core, context, account) => listRules(context, [...rulesOf(account).inbound.values()]) },
  { method: 'POST', pattern: /^\/automations\/sms\/inbound$/, name: 'POST /v3/automations/sms/inbound', handle: (_core, context, account) => createInboundRule(context, account) },
  { method: 'GET', pattern: new RegExp(`^/automations/sms/inbound/${RULE_ID}$`), name: 'GET /v3/automations/sms/inbound/{id}', handle: (_c, _x, account, id) => getRule(rulesOf(account).inbound, id!) },
  { method: 'DELETE', pattern: new RegExp(`^/automations/sms/inbound/${RULE_ID}$`), name: 'DELETE /v3/automations/sms/inbound/{id}', handle: (_c, _x, account, id) => deleteRule(rulesOf(account).inbound, id!) },
  { method: 'GET', pattern: /^\/automations\/sms\/receipts$/, name: 'GET /v3/automations/sms/receipts', handle: (_core, context, account) => listRules(context, [...rulesOf(account).receipts.values()]) },
  { method: 'POST', pattern: /^\/automations\/sms\/receipts$/, name: 'POST /v3/automations/sms/receipts', handle: (_core, context, account) => createReceiptRule(context, account) },
  { method: 'GET', pattern: new RegExp(`^/automations/sms/receipts/${RULE_ID}$`), name: 'GET /v3/automations/sms/receipts/{id}', handle: (_c, _x, account, id) => getRule(rulesOf(account).receipts, id!) },
  { method: 'DELETE', pattern: new RegExp(`^/automations/sms/receipts/${RULE_ID}$`), name: 'DELETE /v3/automations/sms/receipts/{id}', handle: (_c, _x, account, id) => deleteRule(rulesOf(account).receipts, id!) },
];

function subPath(path: string): string {
  return path.slice('/v3'.length).replace(/\/+$/, '') || '/';
}

/** A fixed name for statistics and fault scoping, or null for a path the API does not have. */
export function clickSendV3RouteName(method: string, path: string): string | null {
  const rest = subPath(path);
  return ROUTES.find((route) => route.method === method && route.pattern.test(rest))?.name ?? null;
}

/** HTTP Basic `username:key` of a ClickSend account (§1: API username and API key). */
function authenticate(core: SandboxCore, context: RequestContext): AccountState | Reply {
  const header = context.headers.authorization;
  const match = /^\s*Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(typeof header === 'string' ? header : '');
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) return v3Error(401, 'Missing credentials: use HTTP Basic auth with your API username and key.');
  const account = core.state.findClickSend(decoded.slice(0, colon));
  if (!account || account.config.key !== decoded.slice(colon + 1)) return v3Error(401, 'Invalid credentials: the username or API key is incorrect.');
  if (account.config.status === 'inactive' || account.config.status === 'banned') return v3Error(403, 'Your account has not been activated.', 'ACCOUNT_NOT_ACTIVATED');
  return account;
}

export function handleClickSendV3(core: SandboxCore, context: RequestContext): Reply {
  const rest = subPath(context.path);
  const candidates = ROUTES.filter((route) => route.pattern.test(rest));
  if (candidates.length === 0) return v3Error(404, 'Resource not found.');
  const route = candidates.find((candidate) => candidate.method === context.method);
  if (!route) return { ...v3Error(405, 'Method not allowed.'), headers: { 'content-type': 'application/json; charset=utf-8', allow: candidates.map((c) => c.method).join(', ') } };
  const account = authenticate(core, context);
  if ('status' in account && 'body' in account) return account;
  return route.handle(core, context, account as AccountState, route.pattern.exec(rest)?.[1]);
}

// Request reading ---------------------------------------------------------------------------------------

class BadRequest {
  constructor(
    readonly message: string,
    readonly code = 'BAD_REQUEST',
  ) {}
}

function jsonBody(context: RequestContext): Record<string, unknown> {
  const text = context.body.toString('utf8').trim();
  if (text === '') throw new BadRequest('The request body is empty; send JSON.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequest('The request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BadRequest('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

function field(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function guarded(run: () => Reply): Reply {
  try {
    return run();
  } catch (error) {
    if (error instanceof BadRequest) return v3Error(400, error.message, error.code);
    throw error;
  }
}

/** `page` and `limit` (§1: default page 1, limit 15, at most 100). */
function paging(context: RequestContext): { page: number; limit: number } {
  const params = new URLSearchParams(context.query);
  const read = (name: string, fallback: number, max: number): number => {
    const value = params.get(name);
    if (value === null || value === '') return fallback;
    if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > max) throw new BadRequest(`'${name}' must be a whole number from 1 to ${max}.`);
    return Number(value);
  };
  return { page: read('page', 1, 1_000_000), limit: read('limit', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
}

/** The paginated `data` of §1 (total, per_page, current_page, last_page, next/prev_page_url, from, to, data). */
function paginated<T>(context: RequestContext, items: readonly T[], toRecord: (item: T) => unknown): Record<string, unknown> {
  const { page, limit } = paging(context);
  const lastPage = Math.max(1, Math.ceil(items.length / limit));
  const start = (page - 1) * limit;
  const slice = items.slice(start, start + limit);
  const link = (target: number): string | null => (target < 1 || target > lastPage ? null : `/v3${subPath(context.path)}?page=${target}&limit=${limit}`);
  return {
    total: items.length,
    per_page: limit,
    current_page: page,
    last_page: lastPage,
    next_page_url: link(page + 1),
    prev_page_url: page > 1 ? link(Math.min(page - 1, lastPage)) : null,
    from: slice.length > 0 ? start + 1 : null,
    to: slice.length > 0 ? start + slice.length : null,
    data: slice.map(toRecord),
  };
}

// POST /sms/send, /sms/price --------------------------------------------------------------------------

interface MessageInput {
  to: string;
  body: string;
  from: string;
  customString: string;
  country: string;
  schedule: string;
}

function messageInputs(context: RequestContext): MessageInput[] {
  const body = jsonBody(context);
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw new BadRequest("'messages' is required: a list of messages.", 'MISSING_REQUIRED_FIELDS');
  // "up to 1000 messages" per call (C1, C2).
  if (messages.length > LIMITS.maxRecipientsPerRequest) throw new BadRequest(`Too many messages: at most ${LIMITS.maxRecipientsPerRequest} per request.`, 'TOO_MANY_RECIPIENTS');
  return messages.map((entry) => {
    const message = (entry !== null && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    return {
      to: field(message.to).trim(),
      body: field(message.body),
      from: field(message.from).trim(),
      customString: field(message.custom_string).slice(0, LIMITS.maxClientReferenceLength),
      country: field(message.country).trim().toUpperCase(),
      schedule: field(message.schedule),
    };
  });
}

function messageRecord(account: AccountState, input: MessageInput, result: ClickSendSubmitResult, now: number): Record<string, unknown> {
  const message = result.ok ? result.message : null;
  return {
    direction: 'out',
    date: unixSeconds(now),
    to: result.to,
    body: input.body,
    from: input.from,
    schedule: input.schedule,
    message_id: message?.id ?? null,
    message_parts: message?.parts ?? (result.ok ? 0 : result.parts),
    message_price: (message?.price ?? (result.ok ? 0 : result.price)).toFixed(4),
    custom_string: input.customString,
    user_id: userIdOf(account),
    subaccount_id: userIdOf(account),
    country: input.country,
    carrier: '',
    status: result.ok ? 'SUCCESS' : (clickSendResult(result.code).name ?? result.code),
  };
}

/** A send's or a price's answer (C1 §2.2, §3): the messages with their totals, the price to four places. */
function messagesReply(message: string, records: object[], queued: number, totalPrice: number): Reply {
  return v3Reply(200, 'SUCCESS', message, {
    total_price: Math.round(totalPrice * 10_000) / 10_000,
    total_count: records.length,
    queued_count: queued,
    messages: records,
    currency: CURRENCY,
  });
}

function send(core: SandboxCore, context: RequestContext, account: AccountState): Reply {
  return guarded(() => {
    const inputs = messageInputs(context);
    const now = context.now;
    const submitter = new ClickSendSubmitter(core, account, now);
    let totalPrice = 0;
    let queued = 0;
    const records = inputs.map((input) => {
      const result: ClickSendSubmitResult =
        input.body.trim() === ''
          ? { to: input.to, ok: false, code: '2051', price: 0, parts: 0 }
          : submitter.submit({
              raw: input.to,
              body: input.body,
              senderId: input.from,
              customString: input.customString,
              country: input.country,
              delayMs: scheduleDelay(input.schedule, now),
              options: { api: 'REST v3', ...(input.country ? { country: input.country } : {}) },
            });
      if (result.ok) {
        queued++;
        totalPrice += result.message.price;
      }
      return messageRecord(account, input, result, now);
    });
    return messagesReply('Messages queued for delivery.', records, queued, totalPrice);
  });
}

/** The same checks as a send, without sending, charging or throttling (C1 §3). */
function price(core: SandboxCore, context: RequestContext, account: AccountState): Reply {
  return guarded(() => {
    const inputs = messageInputs(context);
    const submitter = new ClickSendSubmitter(core, account, context.now);
    let total = 0;
    let queued = 0;
    const records = inputs.map((input) => {
      const info = submitter.textInfo(input.body);
      const number = toInternational(input.to, input.country);
      const status =
        input.body.trim() === '' ? 'EMPTY_MESSAGE' : number === null ? 'INVALID_RECIPIENT' : input.from !== '' && !validSender(input.from, account) ? 'INVALID_SENDER_ID' : 'SUCCESS';
      if (status === 'SUCCESS') {
        queued++;
        total += info.price;
      }
      return {
        to: number ?? input.to,
        body: input.body,
        from: input.from,
        schedule: input.schedule,
        custom_string: input.customString,
        country: input.country,
        message_parts: info.analysis.parts,
        message_price: info.price.toFixed(4),
        status,
      };
    });
    return messagesReply('Here are your data.', records, queued, total);
  });
}

// History, inbound, receipts ----------------------------------------------------------------------------

/** Messages sent through either ClickSend API belong to the same account (options.api says which). */
function isClickSendFamily(message: SandboxMessage): boolean {
  return message.provider === 'clicksend';
}

/** The account's ClickSend messages, newest first. */
function messagesOf(core: SandboxCore, account: AccountState): SandboxMessage[] {
  return core.state.messages.values().filter((message) => message.accountId === account.id && isClickSendFamily(message)).reverse();
}

/** History `status` and `status_code` for a Clickatell-style lifecycle code (C1 §4, C7). */
function historyStatus(code: string): { status: string; status_code: string | null; status_text: string } {
  switch (code) {
    case '011':
      return { status: 'Scheduled', status_code: null, status_text: 'Scheduled' };
    case '002':
      return { status: 'Completed', status_code: null, status_text: 'Queued for delivery' };
    case '003':
      return { status: 'Sent', status_code: '200', status_text: 'Sent to the network' };
    case '004':
      return { status: 'Sent', status_code: '201', status_text: 'Success: Message received on handset.' };
    case '006':
      return { status: 'Cancelled', status_code: '301', status_text: 'Cancelled' };
    case '010':
      return { status: 'Sent', status_code: '301', status_text: 'Failed: Delivery receipt expired.' };
    default:
      return { status: 'Sent', status_code: '301', status_text: 'Failed: Unknown failure.' };
  }
}

function history(core: SandboxCore, context: RequestContext, account: AccountState): Reply {
  return guarded(() => {
    const params = new URLSearchParams(context.query);
    const bound = (name: string): number | null => {
      const value = params.get(name);
      if (value === null || value === '') return null;
      if (!/^\d{1,12}$/.test(value)) throw new BadRequest(`'${name}' must be a unix timestamp.`);
      return Number(value) * 1000;
    };
    const from = bound('date_from');
    const to = bound('date_to');
    const now = context.now;
    const items = messagesOf(core, account).filter((message) => (from === null || message.createdAt >= from) && (to === null || message.createdAt <= to));
    const username = account.config.username ?? '';
    const data = paginated(context, items, (message) => {
      const status = historyStatus(core.lifecycle.status(message, now));
      return {
        direction: 'out',
        date: String(unixSeconds(message.createdAt)),
        to: message.to,
        body: message.text,
        from: message.from,
        schedule: message.scheduledFor === null ? '' : String(unixSeconds(message.scheduledFor)),
        message_id: message.id,
        message_parts: message.parts.toFixed(2),
        message_price: message.price.toFixed(6),
        custom_string: message.clientReference,
        user_id: userIdOf(account),
        subaccount_id: userIdOf(account),
        country: '',
        carrier: '',
        _api_username: username,
        status: status.status,
        status_code: status.status_code,
        status_text: status.status_text,
        error_code: status.status_code === '301' ? '301' : null,
        error_text: status.status_code === '301' ? status.status_text : null,
      };
    });
    return v3Reply(200, 'SUCCESS', 'Here is your history.', data);
  });
}

function inbound(core: SandboxCore, context: RequestContext, account: AccountState, outboundId?: string): Reply {
  return guarded(() => {
    let records: InboundRecord[] = account.inbound.toArray().reverse();
    if (outboundId !== undefined) {
      const original = core.state.messages.get(outboundId.toUpperCase());
      if (!original || original.accountId !== account.id) return v3Error(404, `Message ${outboundId} not found.`);
      records = records.filter((record) => record.inReplyTo === original.id);
    }
    const data = paginated(context, records, (record) => {
      const original = record.inReplyTo ? core.state.messages.get(record.inReplyTo) : undefined;
      const fields = inboundFields(record, original, account);
      return {
        timestamp: fields.timestamp,
        from: fields.from,
        body: fields.body,
        original_body: fields.original_body,
        original_message_id: fields.original_message_id,
        to: fields.to,
        custom_string: fields.custom_string,
        message_id: fields.message_id,
        _keyword: record.text.trim().split(/\s+/)[0]?.toLowerCase() ?? '',
      };
    });
    return v3Reply(200, 'SUCCESS', 'Here are your data.', data);
  });
}

/** Messages whose final status was reached and that get a receipt (not test numbers, not cancelled). */
function finalReceipt(core: SandboxCore, message: SandboxMessage, now: number): Record<string, string> | null {
  if (!message.reportable) return null;
  const final = message.steps[message.steps.length - 1];
  if (!final || final.at > now || final.code === '006') return null;
  return receiptFields(message, final.code, final.at);
}

function receipts(core: SandboxCore, context: RequestContext, account: AccountState): Reply {
  return guarded(() => {
    const now = context.now;
    const items = messagesOf(core, account)
      .map((message) => finalReceipt(core, message, now))
      .filter((record): record is Record<string, string> => record !== null);
    return v3Reply(200, 'SUCCESS', 'Here are your delivery receipts.', paginated(context, items, (record) => record));
  });
}

function receipt(core: SandboxCore, context: RequestContext, account: AccountState, id: string): Reply {
  const message = core.state.messages.get(id.toUpperCase());
  const record = message && message.accountId === account.id ? finalReceipt(core, message, context.now) : null;
  if (!record) return v3Error(404, `No delivery receipt for message ${id}.`);
  const { _message_type: type, ...rest } = record;
  // The single-receipt example names the type without the underscore (C1; §10 item 8).
  return v3Reply(200, 'SUCCESS', 'Here is your receipt.', { ...rest, message_type: type });
}

// Cancelling ----------------------------------------------------------------------------------------------

function cancel(core: SandboxCore, context: RequestContext, account: AccountState, id: string): Reply {
  const message = core.state.messages.get(id.toUpperCase());
  if (!message || message.accountId !== account.id || !isClickSendFamily(message)) return v3Error(404, `Message ${id} not found.`);
  // ClickSend cancels scheduled messages (C1 §5); one already on its way cannot be called back.
  if (core.lifecycle.status(message, context.now) !== '011' || !core.lifecycle.cancel(message, context.now)) {
    return v3Error(400, `Message ${message.id} cannot be cancelled: it is not scheduled.`);
  }
  return v3Reply(200, 'SUCCESS', `Message ${message.id} has been cancelled.`, []);
}

function cancelAll(core: SandboxCore, context: RequestContext, account: AccountState): Reply {
  let count = 0;
  for (const message of messagesOf(core, account)) {
    if (core.lifecycle.status(message, context.now) === '011' && core.lifecycle.cancel(message, context.now)) count++;
  }
  return v3Reply(200, 'SUCCESS', `${count} messages has been cancelled.`, { count });
}

// Account -------------------------------------------------------------------------------------------------

function accountInfo(account: AccountState): Reply {
  return v3Reply(200, 'SUCCESS', "Here's your account", {
    user_id: userIdOf(account),
    username: account.config.username ?? '',
    active: 1,
    banned: 0,
    // A decimal string, as in the example (C1 §6: "balance": "1117.461060").
    balance: account.balance.toFixed(6),
    country: 'AU',
    default_country_sms: 'AU',
    _currency: CURRENCY,
  });
}

// Automation rules ------------------------------------------------------------------------------------------

function listRules(context: RequestContext, rules: ReadonlyArray<V3InboundRule | V3ReceiptRule>): Reply {
  return guarded(() => v3Reply(200, 'SUCCESS', 'Your list of rules.', paginated(context, rules, (rule) => rule)));
}

function getRule<T>(rules: Map<number, T>, id: string): Reply {
  const rule = rules.get(Number(id));
  return rule ? v3Reply(200, 'SUCCESS', 'Here is your rule.', rule) : v3Error(404, `Rule ${id} not found.`);
}

function deleteRule<T>(rules: Map<number, T>, id: string): Reply {
  if (!rules.delete(Number(id))) return v3Error(404, `Rule ${id} not found.`);
  return v3Reply(200, 'SUCCESS', 'Your rule has been deleted.', []);
}

function requiredText(body: Record<string, unknown>, name: string, allowEmpty = false): string {
  const value = body[name];
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === '')) throw new BadRequest(`'${name}' is required.`, 'MISSING_REQUIRED_FIELDS');
  return value.trim();
}

function choice(body: Record<string, unknown>, name: string, allowed: readonly number[]): number {
  const value = typeof body[name] === 'string' && /^\d+$/.test(body[name] as string) ? Number(body[name]) : body[name];
  if (typeof value !== 'number' || !allowed.includes(value)) throw new BadRequest(`'${name}' must be one of ${allowed.join(', ')}.`, 'MISSING_REQUIRED_FIELDS');
  return value;
}

/** action and action_address; a URL action needs an http(s) URL. */
function action(body: Record<string, unknown>): { action: string; action_address: string } {
  const name = requiredText(body, 'action').toUpperCase();
  if (!ACTIONS.includes(name)) throw new BadRequest(`'action' must be one of ${ACTIONS.join(', ')}.`);
  const address = requiredText(body, 'action_address', name === 'NONE');
  if (name === 'URL' && !/^https?:\/\/[^\s]+$/i.test(address)) throw new BadRequest("'action_address' must be an http(s) URL for a URL action.");
  return { action: name, action_address: address };
}

function createInboundRule(context: RequestContext, account: AccountState): Reply {
  return guarded(() => {
    const rules = rulesOf(account).inbound;
    if (rules.size >= MAX_RULES) throw new BadRequest(`An account has at most ${MAX_RULES} inbound rules in the sandbox.`);
    const body = jsonBody(context);
    const type = body.webhook_type === undefined || body.webhook_type === null || body.webhook_type === '' ? 'post' : String(body.webhook_type).toLowerCase();
    if (type !== 'post' && type !== 'get' && type !== 'json') throw new BadRequest("'webhook_type' must be post, get or json.");
    const number = requiredText(body, 'dedicated_number');
    const rule: V3InboundRule = {
      inbound_rule_id: newRuleId(),
      dedicated_number: number,
      rule_name: requiredText(body, 'rule_name'),
      message_search_type: choice(body, 'message_search_type', [0, 1, 2, 3]),
      message_search_term: requiredText(body, 'message_search_term', true),
      ...action(body),
      enabled: choice(body, 'enabled', [0, 1]),
      webhook_type: type as WebhookType,
    };
    rules.set(rule.inbound_rule_id, rule);
    return v3Reply(200, 'SUCCESS', 'Automation inbound rule has been created.', rule);
  });
}

function createReceiptRule(context: RequestContext, account: AccountState): Reply {
  return guarded(() => {
    const rules = rulesOf(account).receipts;
    if (rules.size >= MAX_RULES) throw new BadRequest(`An account has at most ${MAX_RULES} receipt rules in the sandbox.`);
    const body = jsonBody(context);
    const rule: V3ReceiptRule = {
      receipt_rule_id: newRuleId(),
      rule_name: requiredText(body, 'rule_name'),
      match_type: choice(body, 'match_type', [0]),
      ...action(body),
      enabled: choice(body, 'enabled', [0, 1]),
    };
    rules.set(rule.receipt_rule_id, rule);
    return v3Reply(200, 'SUCCESS', 'Automation receipt rule has been created.', rule);
  });
}
