import { readFileSync } from 'node:fs';
import type { Provider } from '../gateways/provider';
import type { FaultSpec } from './faults';

/**
 * Sandbox configuration: accounts, options and the demo values every test, example and document uses.
 */

/** How status and inbound callbacks travel: query string (GET), form body (POST) or JSON body (POST). */
export type CallbackFormat = 'get' | 'post' | 'json';
/** How a callback proves it comes from the sandbox: `?token=<secret>`, HTTP basic auth, or not at all. */
export type CallbackAuth = 'token' | 'basic' | 'none';
export type AccountStatus = 'active' | 'inactive' | 'banned';

export interface AccountConfig {
  /** The sandbox's own name for the account (used by the inspection API). */
  id: string;
  provider: Provider;
  /** Clickatell (both APIs): the API connection's api_id. */
  apiId?: string;
  /** Clickatell HTTP: user and password. */
  user?: string;
  password?: string;
  /** Clickatell REST: the Bearer token. */
  token?: string;
  /**
   * Clickatell Portal: the integration's API key. One key serves the Platform SMS API and the One API
   * (account provider 'clickatell-platform'; messages sent through /v1 are recorded as 'clickatell-one').
   */
  apiKey?: string;
  /** Clickatell Portal: the integration's name and id, as its callbacks carry them (defaults: the account id, a hex id derived from it). */
  integrationName?: string;
  integrationId?: string;
  /** Clickatell Portal: the account's billing currency, as GET /public-client/balance reports it (default ZAR, the docs' example). */
  currency?: string;
  /** ClickSend: username and API key. */
  username?: string;
  key?: string;
  /** Credits (Clickatell) or currency (ClickSend). */
  balance?: number;
  /** Charge per SMS part: credits (Clickatell, default 0.8) or price (ClickSend, default 0.0282). */
  rate?: number;
  /** Most parts a message may have when the request does not say (Clickatell `concat` / `maxMessageParts`). */
  defaultMaxParts?: number;
  status?: AccountStatus;
  /** Where status callbacks go (Clickatell) or delivery reports are pushed (ClickSend). */
  statusCallbackUrl?: string | null;
  /** Where inbound (MO) messages go (Clickatell) or replies are pushed (ClickSend). */
  inboundUrl?: string | null;
  /**
   * Clickatell only; ClickSend always POSTs a form as its spec says. Default: 'get' (HTTP API), 'json'
   * (REST, Portal). Portal: 'get' (query) or 'json' (POST) for Platform SMS callbacks; One API callbacks
   * are always a JSON POST.
   */
  callbackFormat?: CallbackFormat;
  /** Default 'token' when a secret is set, else 'none'. */
  callbackAuth?: CallbackAuth;
  /** Shared secret for this account's callbacks; falls back to the sandbox's callbackSecret. */
  callbackSecret?: string | null;
  /** Clickatell IP lockdown: requests from other addresses get error 007. */
  ipLockdown?: string[];
  /** When set, alphanumeric sender IDs outside this list get error 123 (Clickatell) or 2017 (ClickSend). */
  approvedSenderIds?: string[];
  /** Most messages per UTC day; beyond it Clickatell error 130. */
  dailyMessageLimit?: number;
  /** The account's two-way number: the default `to` of injected inbound messages. */
  virtualNumber?: string;
}

/** An account, or the fields to change in an account with this id. */
export type AccountPatch = Partial<AccountConfig> & { id: string };

/** The demo credentials. Sandbox-only values: printing them at start is intended. */
export const DEMO_CREDENTIALS = {
  clickatellHttp: { accountId: 'demo-http', apiId: '3500001', user: 'demo', password: 'demo-password' },
  clickatellRest: { accountId: 'demo-rest', apiId: '3500002', token: 'demo-rest-token' },
  /** A Clickatell Portal integration's API key: works for the Platform SMS API and the One API. */
  clickatellPortal: { accountId: 'demo-portal', apiKey: 'demo-portal-api-key' },
  clicksend: { accountId: 'demo-clicksend', username: 'demo', key: 'demo-key' },
  /** The ClickSend spec's test accounts (usernames nocredit, notactive, banned) share this key. */
  clicksendTestKey: 'D83DED51-9E35-4D42-9BB9-0E34B7CA85AE',
  /** Default shared secret carried by every callback (as ?token= unless an account says basic auth). */
  callbackSecret: 'demo-callback-secret',
  /** Clickatell token_pay vouchers and the credits each adds. SANDBOX-605 reproduces the spec's `OK: 605`. */
  vouchers: { 'SANDBOX-605': 605, 'SANDBOX-100': 100, 'SANDBOX-1000': 1000 } as Readonly<Record<string, number>>,
} as const;

/** Charge per part on Clickatell unless an account says otherwise (the REST spec's coverage example: 0.8). */
export const CLICKATELL_DEFAULT_RATE = 0.8;
/** ClickSend price per part unless an account says otherwise (the spec's send example: 0.0282). */
export const CLICKSEND_DEFAULT_RATE = 0.0282;

export const DEMO_ACCOUNTS: readonly AccountConfig[] = [
  {
    id: DEMO_CREDENTIALS.clickatellHttp.accountId,
    provider: 'clickatell-http',
    apiId: DEMO_CREDENTIALS.clickatellHttp.apiId,
    user: DEMO_CREDENTIALS.clickatellHttp.user,
    password: DEMO_CREDENTIALS.clickatellHttp.password,
    balance: 1000,
    // The HTTP spec: texts over 160 characters need `concat` (error 113 says "Select concat equal to 1,2,3").
    defaultMaxParts: 1,
    virtualNumber: '27999000001',
  },
  {
    id: DEMO_CREDENTIALS.clickatellRest.accountId,
    provider: 'clickatell-rest',
    apiId: DEMO_CREDENTIALS.clickatellRest.apiId,
    token: DEMO_CREDENTIALS.clickatellRest.token,
    // The spec's balance example.
    balance: 300.5,
    // REST maxMessageParts "Defaults to setting on your API connection"; the sandbox's connection allows 3.
    defaultMaxParts: 3,
    virtualNumber: '27999000002',
  },
  {
    id: DEMO_CREDENTIALS.clickatellPortal.accountId,
    provider: 'clickatell-platform',
    apiKey: DEMO_CREDENTIALS.clickatellPortal.apiKey,
    integrationName: 'Demo integration',
    // The Platform balance example's currency (S5 of ../shared/specs/clickatell-platform-api.md).
    balance: 500,
    currency: 'ZAR',
    virtualNumber: '27999000003',
  },
  {
    id: DEMO_CREDENTIALS.clicksend.accountId,
    provider: 'clicksend',
    username: DEMO_CREDENTIALS.clicksend.username,
    key: DEMO_CREDENTIALS.clicksend.key,
    // The spec's balance example.
    balance: 125,
    virtualNumber: '+61400000000',
  },
  { id: 'clicksend-nocredit', provider: 'clicksend', username: 'nocredit', key: DEMO_CREDENTIALS.clicksendTestKey, balance: 0 },
  { id: 'clicksend-notactive', provider: 'clicksend', username: 'notactive', key: DEMO_CREDENTIALS.clicksendTestKey, balance: 0, status: 'inactive' },
  { id: 'clicksend-banned', provider: 'clicksend', username: 'banned', key: DEMO_CREDENTIALS.clicksendTestKey, balance: 0, status: 'banned' },
];

export interface SandboxOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Idle time after which a Clickatell session expires (default 15 minutes; not scaled by timeFactor). */
  sessionIdleMs?: number;
  /**
   * Scales the status lifecycle, scheduled/delayed delivery, validity periods and the documented callback
   * retry schedules (e.g. 0.001: the 2-minute first retry happens after 120 ms). Default 1.
   */
  timeFactor?: number;
  /**
   * Accounts, or the path of a JSON file holding `[...]` or `{ "accounts": [...] }`. Merged over the demo
   * accounts by id, so `{ id: 'demo-http', balance: 5 }` changes one field of a demo account.
   */
  accounts?: AccountPatch[] | string;
  /** Keep the demo accounts (default true). */
  includeDemoAccounts?: boolean;
  /** Clickatell token_pay vouchers (default DEMO_CREDENTIALS.vouchers). */
  vouchers?: Record<string, number>;
  /** Shared secret for accounts that have none of their own (default DEMO_CREDENTIALS.callbackSecret; '' for none). */
  callbackSecret?: string;
  /** Messages kept for inspection and status queries; the oldest are evicted beyond it (default 100,000). */
  maxHistory?: number;
  /** Callback records kept for inspection (default 10,000). */
  maxCallbackHistory?: number;
  /** Largest request body accepted (default 1 MiB). */
  maxBodyBytes?: number;
  /** ClickSend 2016 "Throttled": an identical text to the same number within this window (default 10 s, real time). */
  clicksendThrottleMs?: number;
  /** Real-time timeout of one callback attempt (default 10 s). */
  callbackTimeoutMs?: number;
  /** Unscaled lifecycle delays: submission -> 003 and 003 -> final (defaults 1 s and 3 s). */
  lifecycle?: { sentAfterMs?: number; deliveredAfterMs?: number };
  /** Faults active from the start (same shape as POST /sandbox/faults). */
  faults?: FaultSpec[];
  /** No request log (default true for startSandbox; the CLI logs unless --quiet). */
  quiet?: boolean;
  /** Where log lines go when not quiet (default console.log). Lines never contain query strings or secrets. */
  log?: (line: string) => void;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  sessionIdleMs: number;
  timeFactor: number;
  accounts: AccountConfig[];
  vouchers: Record<string, number>;
  callbackSecret: string;
  maxHistory: number;
  maxCallbackHistory: number;
  maxBodyBytes: number;
  clicksendThrottleMs: number;
  callbackTimeoutMs: number;
  sentAfterMs: number;
  deliveredAfterMs: number;
  faults: FaultSpec[];
  log: ((line: string) => void) | null;
}

const PROVIDERS: readonly Provider[] = ['clickatell-http', 'clickatell-rest', 'clickatell-platform', 'clicksend'];

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TypeError(`sandbox option '${name}' must be a ${allowZero ? 'non-negative' : 'positive'} number`);
  }
  return value;
}

/** Read accounts from a JSON file: an array of accounts or an object with an `accounts` array. */
export function loadAccountsFile(path: string): AccountPatch[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const list = Array.isArray(parsed) ? parsed : (parsed as { accounts?: unknown })?.accounts;
  if (!Array.isArray(list)) throw new TypeError(`${path}: expected an array of accounts or { "accounts": [...] }`);
  return list as AccountPatch[];
}

export function validateAccount(account: AccountConfig): AccountConfig {
  if (!account || typeof account !== 'object') throw new TypeError('an account must be an object');
  if (typeof account.id !== 'string' || account.id === '') throw new TypeError("an account needs a non-empty string 'id'");
  if (!PROVIDERS.includes(account.provider)) throw new TypeError(`account '${account.id}': provider must be one of ${PROVIDERS.join(', ')}`);
  const need = (fields: Array<keyof AccountConfig>): void => {
    for (const field of fields) {
      if (typeof account[field] !== 'string' || account[field] === '') throw new TypeError(`account '${account.id}' needs '${field}'`);
    }
  };
  if (account.provider === 'clickatell-http') need(['apiId', 'user', 'password']);
  if (account.provider === 'clickatell-rest') need(['token']);
  if (account.provider === 'clickatell-platform') need(['apiKey']);
  if (account.provider === 'clicksend') need(['username', 'key']);
  if (account.balance !== undefined && (typeof account.balance !== 'number' || !Number.isFinite(account.balance))) {
    throw new TypeError(`account '${account.id}': balance must be a number`);
  }
  return account;
}

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const given = typeof options.accounts === 'string' ? loadAccountsFile(options.accounts) : (options.accounts ?? []);
  const byId = new Map<string, AccountConfig>();
  if (options.includeDemoAccounts !== false) for (const account of DEMO_ACCOUNTS) byId.set(account.id, { ...account });
  for (const account of given) {
    const merged = { ...(byId.get(account?.id) ?? {}), ...account } as AccountConfig;
    byId.set(merged.id, validateAccount(merged));
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError("sandbox option 'port' must be 0–65535");
  return {
    port,
    host: options.host ?? '127.0.0.1',
    sessionIdleMs: positive('sessionIdleMs', options.sessionIdleMs, 15 * 60_000),
    timeFactor: positive('timeFactor', options.timeFactor, 1),
    accounts: [...byId.values()],
    vouchers: { ...(options.vouchers ?? DEMO_CREDENTIALS.vouchers) },
    callbackSecret: options.callbackSecret ?? DEMO_CREDENTIALS.callbackSecret,
    maxHistory: Math.floor(positive('maxHistory', options.maxHistory, 100_000)),
    maxCallbackHistory: Math.floor(positive('maxCallbackHistory', options.maxCallbackHistory, 10_000)),
    maxBodyBytes: Math.floor(positive('maxBodyBytes', options.maxBodyBytes, 1024 * 1024)),
    clicksendThrottleMs: positive('clicksendThrottleMs', options.clicksendThrottleMs, 10_000, true),
    callbackTimeoutMs: positive('callbackTimeoutMs', options.callbackTimeoutMs, 10_000),
    sentAfterMs: positive('lifecycle.sentAfterMs', options.lifecycle?.sentAfterMs, 1000, true),
    deliveredAfterMs: positive('lifecycle.deliveredAfterMs', options.lifecycle?.deliveredAfterMs, 3000, true),
    faults: options.faults ?? [],
    log: options.quiet === false || (options.quiet === undefined && options.log) ? (options.log ?? ((line) => console.log(line))) : null,
  };
}
