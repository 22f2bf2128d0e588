import { CLICKATELL_STATUS } from '../gateways/codes/clickatell-status';
import type { Provider } from '../gateways/provider';
import type { CallbackRecord } from './callbacks';
import { oneStatusFor } from './clickatell-portal-codes';
import type { AccountConfig } from './config';
import type { SandboxCore } from './core';
import { injectInbound } from './inbound';
import { clickSendHistoryStatus } from './lifecycle';
import type { SandboxMessage } from './message-store';
import type { AccountState } from './state';
import { jsonReply, type Reply, type RequestContext } from './wire';

/**
 * The sandbox's own JSON API under /sandbox/: look at messages, callbacks and counters, change accounts,
 * inject inbound messages, manage faults, reset. Never part of any provider's API.
 */

export interface MessageView {
  id: string;
  provider: Provider;
  account: string;
  to: string;
  from: string;
  text: string;
  clientReference: string;
  /** Clickatell status code ('004'); ClickSend messages carry it too, with `clicksendStatus`. */
  status: string;
  statusDescription: string;
  state: string;
  final: boolean;
  clicksendStatus?: string;
  /** One API messages: the status name the One API reports for it (QUEUED, DEVICE_ACK, ...). */
  oneApiStatus?: string;
  parts: number;
  encoding: string;
  charge: number;
  price?: number;
  callback: number;
  behaviour: string;
  createdAt: string;
  scheduledFor: string | null;
  history: Array<{ status: string; at: string }>;
  options: Record<string, string | number | boolean>;
  replacedCharacters?: string[];
}

export function messageView(core: SandboxCore, message: SandboxMessage, now: number): MessageView {
  const status = core.lifecycle.status(message, now);
  const info = CLICKATELL_STATUS.get(status);
  return {
    id: message.id,
    provider: message.provider,
    account: message.accountId,
    to: message.to,
    from: message.from,
    text: message.text,
    clientReference: message.clientReference,
    status,
    statusDescription: info?.description ?? '',
    state: info?.state ?? 'unknown',
    final: info?.final ?? false,
    ...(message.provider === 'clicksend' ? { clicksendStatus: clickSendHistoryStatus(status), price: message.price } : {}),
    ...(message.provider === 'clickatell-one' ? { oneApiStatus: oneStatusFor(status).name } : {}),
    parts: message.parts,
    encoding: message.encoding,
    charge: Math.round(message.charge * 1e6) / 1e6,
    callback: message.callback,
    behaviour: message.behaviour,
    createdAt: new Date(message.createdAt).toISOString(),
    scheduledFor: message.scheduledFor === null ? null : new Date(message.scheduledFor).toISOString(),
    history: core.lifecycle.history(message, now).map((step) => ({ status: step.code, at: new Date(step.at).toISOString() })),
    options: { ...message.options },
    ...(message.replacedCharacters ? { replacedCharacters: message.replacedCharacters } : {}),
  };
}

/** An account as the inspection API shows it: no password, token or key, and no callback secret. */
export function accountView(account: AccountState): Record<string, unknown> {
  const { password, token, key, apiKey, callbackSecret, ...visible } = account.config;
  void password;
  void token;
  void key;
  void apiKey;
  return { ...visible, balance: Math.round(account.balance * 1e6) / 1e6, hasCallbackSecret: callbackSecret !== undefined && callbackSecret !== null && callbackSecret !== '' };
}

class BadRequest {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

function readJson(context: RequestContext): unknown {
  if (context.body.length === 0) return {};
  try {
    return JSON.parse(context.body.toString('utf8'));
  } catch {
    throw new BadRequest(400, 'the body is not valid JSON');
  }
}

export interface InspectOptions {
  baseUrl: string;
  /** Faults configured at start: reset restores them. */
  initialFaults: unknown[];
}

export function handleSandbox(core: SandboxCore, context: RequestContext, options: InspectOptions): Reply {
  try {
    return route(core, context, options);
  } catch (error) {
    if (error instanceof BadRequest) return jsonReply(error.status, { error: error.message });
    if (error instanceof TypeError) return jsonReply(400, { error: error.message });
    throw error;
  }
}

function route(core: SandboxCore, context: RequestContext, options: InspectOptions): Reply {
  const path = context.path.replace(/\/+$/, '') || '/sandbox';
  const [, , resource = '', id] = path.split('/').map((part) => safeDecode(part));
  const method = context.method;
  const query = new URLSearchParams(context.query);
  const allow = (methods: string[]): void => {
    if (!methods.includes(method)) throw new BadRequest(405, `${method} is not supported here; use ${methods.join(' or ')}`);
  };
  switch (resource) {
    case '':
      allow(['GET']);
      return jsonReply(200, index(options.baseUrl));
    case 'messages':
      allow(['GET']);
      return id === undefined ? jsonReply(200, listMessages(core, query, context.now)) : oneMessage(core, id, context.now);
    case 'callbacks':
      allow(['GET']);
      return jsonReply(200, listCallbacks(core, query));
    case 'inbound':
      allow(['GET', 'POST']);
      if (method === 'POST') return injectInbound(core, readJson(context), context.now);
      return jsonReply(200, { count: core.state.inbound.length, inbound: limit(core.state.inbound.toArray(), query).map((record) => ({ ...record, receivedAt: new Date(record.receivedAt).toISOString() })) });
    case 'stats':
      allow(['GET']);
      // ?gc=1 collects garbage first when Node runs with --expose-gc, so the memory figures show live data.
      if (query.get('gc') === '1') (globalThis as { gc?: () => void }).gc?.();
      return jsonReply(200, stats(core));
    case 'reset':
      allow(['POST']);
      core.scheduler.clear();
      core.state.reset();
      core.faults.clear();
      for (const fault of options.initialFaults) core.faults.add(fault);
      return jsonReply(200, { ok: true });
    case 'accounts':
      return accounts(core, context, method, id);
    case 'faults':
      return faults(core, context, method, id);
    case 'sessions':
      allow(['DELETE']);
      return jsonReply(200, { expired: core.state.expireAllSessions() });
    default:
      throw new BadRequest(404, `no sandbox resource '${resource}'; see GET /sandbox`);
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function index(baseUrl: string): Record<string, unknown> {
  return {
    name: 'SMS gateway sandbox',
    apis: {
      'clickatell-http': `${baseUrl}/http/`,
      'clickatell-rest': `${baseUrl}/rest/`,
      'clickatell-platform': `${baseUrl}/messages`,
      'clickatell-one': `${baseUrl}/v1/`,
      clicksend: `${baseUrl}/http/v2/`,
      'clicksend-v3': `${baseUrl}/v3/`,
    },
    endpoints: [
      'GET /sandbox/messages?provider=&account=&to=&clientReference=&status=&limit=',
      'GET /sandbox/messages/:id',
      'GET /sandbox/callbacks?kind=&account=&messageId=&state=&limit=',
      'GET /sandbox/inbound',
      'POST /sandbox/inbound {provider, from, text, to?, replyTo?, charset?, udh?, account?}',
      'GET /sandbox/stats',
      'POST /sandbox/reset',
      'GET /sandbox/accounts',
      'GET|PUT /sandbox/accounts/:id',
      'GET|POST|DELETE /sandbox/faults',
      'DELETE /sandbox/faults/:id',
      'DELETE /sandbox/sessions',
      'GET /sandbox/snapshot (what the web page shows)',
      'GET /sandbox/events (the same as Server-Sent Events)',
      'GET /sandbox/traffic (the last requests, secrets masked)',
    ],
    page: `${baseUrl}/`,
  };
}

function limit<T>(items: T[], query: URLSearchParams): T[] {
  const raw = query.get('limit');
  const count = raw !== null && /^\d+$/.test(raw) ? Number(raw) : 1000;
  return count >= items.length ? items : items.slice(items.length - count);
}

function listMessages(core: SandboxCore, query: URLSearchParams, now: number): Record<string, unknown> {
  const provider = query.get('provider');
  const account = query.get('account');
  const to = query.get('to');
  const reference = query.get('clientReference');
  const status = query.get('status');
  const matches: SandboxMessage[] = [];
  for (const message of core.state.messages.values()) {
    if (provider && message.provider !== provider) continue;
    if (account && message.accountId !== account) continue;
    if (to && message.to !== to && message.to !== `+${to}` && message.to.replace(/^\+/, '') !== to) continue;
    if (reference && message.clientReference !== reference) continue;
    if (status && core.lifecycle.status(message, now) !== status) continue;
    matches.push(message);
  }
  const shown = limit(matches, query);
  return { count: matches.length, stored: core.state.messages.size, totalSent: core.state.messages.total, evicted: core.state.messages.evicted, messages: shown.map((message) => messageView(core, message, now)) };
}

function oneMessage(core: SandboxCore, id: string, now: number): Reply {
  const message = core.state.messages.get(id) ?? core.state.messages.get(id.toLowerCase()) ?? core.state.messages.get(id.toUpperCase());
  if (!message) throw new BadRequest(404, `no message '${id}' (unknown, or evicted from the history)`);
  return jsonReply(200, messageView(core, message, now));
}

function listCallbacks(core: SandboxCore, query: URLSearchParams): Record<string, unknown> {
  const kind = query.get('kind');
  const account = query.get('account');
  const messageId = query.get('messageId');
  const state = query.get('state');
  const matches = core.state.callbacks.toArray().filter(
    (record: CallbackRecord) =>
      (!kind || record.kind === kind) && (!account || record.accountId === account) && (!messageId || record.messageId === messageId) && (!state || record.state === state),
  );
  return { count: matches.length, callbacks: limit(matches, query) };
}

function stats(core: SandboxCore): Record<string, unknown> {
  const memory = process.memoryUsage();
  return {
    ...core.state.routeStats(),
    messages: { stored: core.state.messages.size, totalSent: core.state.messages.total, evicted: core.state.messages.evicted },
    callbacks: core.state.callbacks.length,
    sessions: core.state.sessionCount,
    scheduledJobs: core.scheduler.size,
    faults: core.faults.size,
    uptimeMs: Date.now() - core.state.startedAt,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
  };
}

const URL_FIELDS: ReadonlyArray<keyof AccountConfig> = ['statusCallbackUrl', 'inboundUrl'];

function accounts(core: SandboxCore, context: RequestContext, method: string, id: string | undefined): Reply {
  if (id === undefined) {
    if (method === 'GET') return jsonReply(200, { accounts: [...core.state.accounts.values()].map(accountView) });
    if (method !== 'PUT' && method !== 'POST') throw new BadRequest(405, 'use GET, or PUT /sandbox/accounts/:id');
    const body = readJson(context) as Record<string, unknown>;
    if (typeof body?.id !== 'string') throw new BadRequest(400, "the body needs the account's 'id'");
    return putAccount(core, body.id, body);
  }
  if (method === 'GET') {
    const account = core.state.accounts.get(id);
    if (!account) throw new BadRequest(404, `no account '${id}'`);
    return jsonReply(200, accountView(account));
  }
  if (method !== 'PUT' && method !== 'PATCH') throw new BadRequest(405, 'use GET or PUT');
  return putAccount(core, id, readJson(context));
}

function putAccount(core: SandboxCore, id: string, body: unknown): Reply {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest(400, 'the body must be a JSON object');
  const patch = body as Partial<AccountConfig>;
  for (const field of URL_FIELDS) {
    const value = patch[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || !/^https?:\/\/\S+$/i.test(value)) throw new BadRequest(400, `'${field}' must be an http(s) URL or null`);
  }
  if (patch.callbackAuth !== undefined && !['token', 'basic', 'none'].includes(patch.callbackAuth)) throw new BadRequest(400, "'callbackAuth' must be token, basic or none");
  if (patch.callbackFormat !== undefined && !['get', 'post', 'json'].includes(patch.callbackFormat)) throw new BadRequest(400, "'callbackFormat' must be get, post or json");
  if (patch.status !== undefined && !['active', 'inactive', 'banned'].includes(patch.status)) throw new BadRequest(400, "'status' must be active, inactive or banned");
  const existed = core.state.accounts.has(id);
  const account = core.state.upsertAccount(id, patch);
  return jsonReply(existed ? 200 : 201, accountView(account));
}

function faults(core: SandboxCore, context: RequestContext, method: string, id: string | undefined): Reply {
  if (method === 'GET' && id === undefined) return jsonReply(200, { faults: core.faults.list() });
  if (method === 'POST' && id === undefined) {
    const body = readJson(context);
    const added = (Array.isArray(body) ? body : [body]).map((spec) => core.faults.add(spec));
    return jsonReply(201, Array.isArray(body) ? { faults: added } : added[0]);
  }
  if (method === 'DELETE') {
    if (id === undefined) {
      const removed = core.faults.size;
      core.faults.clear();
      return jsonReply(200, { removed });
    }
    if (!core.faults.remove(id)) throw new BadRequest(404, `no fault '${id}'`);
    return jsonReply(200, { removed: 1 });
  }
  throw new BadRequest(405, 'use GET, POST or DELETE');
}
