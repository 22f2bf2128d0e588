import { resolveBaseUrlFrom } from '../base-url';
import { clickSendLogin, DEFAULT_BASE_URL as V2_DEFAULT_BASE_URL, prepareSend, type ClickSendCredentials, type PreparedClickSendSend } from '../clicksend/requests';
import { invalidInput } from '../errors';
import type { SendRequest } from '../gateway';
import { dateValue } from '../send-options';
import type { HttpMethod, HttpRequest } from '../transport';

/**
 * Request builders for ClickSend REST API v3 (../shared/specs/clicksend-rest-api-v3.md): JSON bodies, HTTP
 * Basic auth with the same API username and key as HTTP v2 (§1, C1), so the credentials never appear in a
 * URL. Paths and query parameters are those of ClickSend's official SDKs (C2 clicksend-php, C3
 * clicksend-nodejs).
 */

export const V3_DEFAULT_BASE_URL = 'https://rest.clicksend.com/v3';

/**
 * The v3 root for a credential. The ClickSend credential is shared with HTTP v2, whose base URL defaults
 * to ClickSend's v2 host: no base URL, or that host, means ClickSend's own v3 host; any other base URL (the
 * sandbox, a proxy) serves v3 under `<baseUrl>/v3`. A pasted `/http/v2` or `/v3` path is dropped first.
 */
export function clickSendV3BaseUrl(credentials: Pick<ClickSendCredentials, 'baseUrl'>): string {
  const given = (credentials?.baseUrl ?? '').trim();
  if (given === '') return V3_DEFAULT_BASE_URL;
  const root = resolveBaseUrlFrom(given, V2_DEFAULT_BASE_URL, /\/(?:http\/v2|v3)$/i);
  if (new URL(root).host.toLowerCase() === new URL(V2_DEFAULT_BASE_URL).host || /^https?:\/\/rest\.clicksend\.com$/i.test(root)) {
    return V3_DEFAULT_BASE_URL;
  }
  return `${root}/v3`;
}

function authorization(credentials: ClickSendCredentials): string {
  const { username, key } = clickSendLogin(credentials);
  return `Basic ${Buffer.from(`${username}:${key}`, 'utf8').toString('base64')}`;
}

type Query = Array<[string, string]>;

function v3Request(credentials: ClickSendCredentials, method: HttpMethod, path: string, options: { query?: Query; body?: unknown } = {}): HttpRequest {
  const query = options.query && options.query.length > 0 ? `?${new URLSearchParams(options.query).toString()}` : '';
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: authorization(credentials) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return {
    method,
    url: `${clickSendV3BaseUrl(credentials)}${path}${query}`,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  };
}

// ---------------------------------------------------------------------------------------------------
// Identifiers and paging

/** A message id for a path: ClickSend's are upper-case GUIDs (C1); anything that could change the path is refused. */
export function messageIdParam(value: unknown, field = 'messageId'): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(field, 'is required', 'Use the message_id returned when the message was sent.');
  const id = value.trim();
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw invalidInput(field, 'must contain only letters, digits and -', 'Use the message_id returned when the message was sent.');
  return id;
}

/** An automation rule id: a number (`inbound_rule_id`, `receipt_rule_id`, C2 models). */
export function ruleIdParam(value: unknown, field = 'id'): string {
  const id = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,20}$/.test(id)) throw invalidInput(field, 'must be the numeric id of an automation rule');
  return id;
}

export interface ClickSendV3PageQuery {
  /** 1-based page number (default 1). */
  page?: number;
  /**
   * Records per page. ClickSend documents default 15, minimum 15, maximum 100 (C1) while its SDK says
   * default 10 (C2); we send what is asked, from 1 to 100, and leave the default to ClickSend.
   */
  limit?: number;
}

export interface ClickSendV3HistoryQuery extends ClickSendV3PageQuery {
  /** Only messages sent at or after this time (`date_from`, unix seconds). */
  dateFrom?: Date;
  /** Only messages sent before this time (`date_to`). */
  dateTo?: Date;
}

function pageParams(query: ClickSendV3PageQuery | undefined): Query {
  if (query === undefined || query === null) return [];
  if (typeof query !== 'object') throw invalidInput('query', 'must be an object');
  const params: Query = [];
  const whole = (name: 'page' | 'limit', min: number, max: number): void => {
    const value = query[name];
    if (value === undefined || value === null || (value as unknown) === '') return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw invalidInput(`query.${name}`, `must be a whole number from ${min} to ${max}`);
    }
    params.push([name, String(value)]);
  };
  whole('page', 1, 1_000_000);
  whole('limit', 1, 100);
  return params;
}

function dateParam(value: unknown, field: string): string | undefined {
  const date = dateValue(value, field);
  return date === undefined ? undefined : String(Math.floor(date.getTime() / 1000));
}

// ---------------------------------------------------------------------------------------------------
// Sending and pricing

/** One `SmsMessage` of a send or price request (C2 docs/Model/SmsMessage.md), for one recipient. */
function message(prepared: PreparedClickSendSend, to: string): Record<string, string | number> {
  const entry: Record<string, string | number> = { body: prepared.text, to };
  if (prepared.from !== null) entry.from = prepared.from;
  if (prepared.schedule !== null) entry.schedule = prepared.schedule;
  if (prepared.clientReference !== null) entry.custom_string = prepared.clientReference;
  if (prepared.country !== null) entry.country = prepared.country;
  return entry;
}

/** Validate a send for REST v3 (the same rules as v2, with v3's length limit). */
export function prepareV3Send(request: SendRequest): PreparedClickSendSend {
  return prepareSend(request, 'clicksend-v3');
}

/** POST /sms/send with an already prepared send: one message per recipient, in request order. */
export function v3SendRequest(credentials: ClickSendCredentials, prepared: PreparedClickSendSend): HttpRequest {
  return v3Request(credentials, 'POST', '/sms/send', { body: { messages: prepared.recipients.map((to) => message(prepared, to)) } });
}

/** POST /sms/price: the same body as a send; nothing is sent (C1 §3). */
export function v3PriceRequest(credentials: ClickSendCredentials, prepared: PreparedClickSendSend): HttpRequest {
  return v3Request(credentials, 'POST', '/sms/price', { body: { messages: prepared.recipients.map((to) => message(prepared, to)) } });
}

// ---------------------------------------------------------------------------------------------------
// Pulls, cancelling, account

/** GET /sms/history: sent messages, newest pages by ClickSend's order, optionally within dates. */
export function buildV3HistoryRequest(credentials: ClickSendCredentials, query: ClickSendV3HistoryQuery = {}): HttpRequest {
  const params = pageParams(query);
  const from = dateParam(query?.dateFrom, 'query.dateFrom');
  const to = dateParam(query?.dateTo, 'query.dateTo');
  if (from !== undefined) params.push(['date_from', from]);
  if (to !== undefined) params.push(['date_to', to]);
  return v3Request(credentials, 'GET', '/sms/history', { query: params });
}

/** GET /sms/inbound: inbound messages. */
export function buildV3InboundRequest(credentials: ClickSendCredentials, query: ClickSendV3PageQuery = {}): HttpRequest {
  return v3Request(credentials, 'GET', '/sms/inbound', { query: pageParams(query) });
}

/** GET /sms/inbound/{outbound_message_id}: the reply to one of our messages (C2 SMSApi). */
export function buildV3ReplyToRequest(credentials: ClickSendCredentials, outboundMessageId: string): HttpRequest {
  return v3Request(credentials, 'GET', `/sms/inbound/${messageIdParam(outboundMessageId, 'outboundMessageId')}`);
}

/** GET /sms/receipts: delivery receipts. */
export function buildV3ReceiptsRequest(credentials: ClickSendCredentials, query: ClickSendV3PageQuery = {}): HttpRequest {
  return v3Request(credentials, 'GET', '/sms/receipts', { query: pageParams(query) });
}

/** GET /sms/receipts/{message_id}: one message's delivery receipt. */
export function buildV3ReceiptRequest(credentials: ClickSendCredentials, messageId: string): HttpRequest {
  return v3Request(credentials, 'GET', `/sms/receipts/${messageIdParam(messageId)}`);
}

/** PUT /sms/{message_id}/cancel: cancel one scheduled message (C1 §5). */
export function buildV3CancelRequest(credentials: ClickSendCredentials, messageId: string): HttpRequest {
  return v3Request(credentials, 'PUT', `/sms/${messageIdParam(messageId)}/cancel`);
}

/** PUT /sms/cancel-all: cancel every scheduled message of the account (C1 §5). */
export function buildV3CancelAllRequest(credentials: ClickSendCredentials): HttpRequest {
  return v3Request(credentials, 'PUT', '/sms/cancel-all');
}

/** GET /account: the balance and its currency (C1 §6). */
export function buildV3AccountRequest(credentials: ClickSendCredentials): HttpRequest {
  return v3Request(credentials, 'GET', '/account');
}

// ---------------------------------------------------------------------------------------------------
// Automation rules: how ClickSend is told to push inbound messages and delivery receipts to a URL (§7)

export type ClickSendWebhookType = 'post' | 'get' | 'json';
const WEBHOOK_TYPES: readonly ClickSendWebhookType[] = ['post', 'get', 'json'];

export interface ClickSendInboundRuleInput {
  /** Where ClickSend pushes inbound messages (`action_address` of a URL action). */
  url: string;
  ruleName: string;
  /** How ClickSend sends them: form POST (its default), GET query or JSON POST (C5 `webhook_type`). */
  webhookType: ClickSendWebhookType;
  /** Only messages to this dedicated number; default '*', every number (C5). */
  dedicatedNumber?: string;
}

export interface ClickSendReceiptRuleInput {
  url: string;
  ruleName: string;
}

function urlParam(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput('url', 'is required', 'The URL ClickSend should push to.');
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw invalidInput('url', 'is not a valid URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw invalidInput('url', 'must start with http:// or https://');
  return value.trim();
}

function ruleNameParam(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput('ruleName', 'is required');
  if ([...value.trim()].length > 100) throw invalidInput('ruleName', 'must be at most 100 characters');
  return value.trim();
}

/** The automation rules this package manages, by their path under /automations/sms: inbound messages, delivery receipts. */
export type ClickSendRuleKind = 'inbound' | 'receipts';

/** GET /automations/sms/<kind>: the account's rules of that kind (paginated). */
export function buildListRulesRequest(credentials: ClickSendCredentials, kind: ClickSendRuleKind, query: ClickSendV3PageQuery = {}): HttpRequest {
  return v3Request(credentials, 'GET', `/automations/sms/${kind}`, { query: pageParams(query) });
}

/** GET /automations/sms/<kind>/{id}. */
export function buildGetRuleRequest(credentials: ClickSendCredentials, kind: ClickSendRuleKind, id: string): HttpRequest {
  return v3Request(credentials, 'GET', `/automations/sms/${kind}/${ruleIdParam(id)}`);
}

/** DELETE /automations/sms/<kind>/{id}. */
export function buildDeleteRuleRequest(credentials: ClickSendCredentials, kind: ClickSendRuleKind, id: string): HttpRequest {
  return v3Request(credentials, 'DELETE', `/automations/sms/${kind}/${ruleIdParam(id)}`);
}

/**
 * POST /automations/sms/inbound with a URL action, for every message (search type 0) to the number, as
 * ClickSend's own n8n trigger creates it (C8: the same flat body, `webhook_type` included).
 */
export function buildCreateInboundRuleRequest(credentials: ClickSendCredentials, input: ClickSendInboundRuleInput): HttpRequest {
  if (input === null || typeof input !== 'object') throw invalidInput('rule', 'must be an object with url, ruleName and webhookType');
  const url = urlParam(input.url);
  const ruleName = ruleNameParam(input.ruleName);
  if (!WEBHOOK_TYPES.includes(input.webhookType)) throw invalidInput('webhookType', "must be 'post', 'get' or 'json'");
  const number = input.dedicatedNumber === undefined || input.dedicatedNumber === '' ? '*' : input.dedicatedNumber;
  if (typeof number !== 'string' || !/^(?:\*|\+?\d{3,15})$/.test(number.trim())) throw invalidInput('dedicatedNumber', "must be '*' or a phone number");
  return v3Request(credentials, 'POST', '/automations/sms/inbound', {
    body: {
      dedicated_number: number.trim(),
      rule_name: ruleName,
      message_search_type: 0,
      message_search_term: '',
      action: 'URL',
      action_address: url,
      enabled: 1,
      webhook_type: input.webhookType,
    },
  });
}


/**
 * POST /automations/sms/receipts with a URL action for all reports (match type 0). The model has no
 * `webhook_type` (C2 DeliveryReceiptRule; developers.clicksend.com/docs/automations/sms lists it for
 * inbound rules only), so the push format of receipts is ClickSend's choice.
 */
export function buildCreateReceiptRuleRequest(credentials: ClickSendCredentials, input: ClickSendReceiptRuleInput): HttpRequest {
  if (input === null || typeof input !== 'object') throw invalidInput('rule', 'must be an object with url and ruleName');
  const url = urlParam(input.url);
  const ruleName = ruleNameParam(input.ruleName);
  return v3Request(credentials, 'POST', '/automations/sms/receipts', {
    body: { rule_name: ruleName, match_type: 0, action: 'URL', action_address: url, enabled: 1 },
  });
}
