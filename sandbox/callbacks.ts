import http from 'node:http';
import https from 'node:https';
import type { Provider } from '../gateways/provider';
import type { CallbackAuth, CallbackFormat } from './config';
import type { Scheduler } from './scheduler';
import type { AccountState, SandboxState } from './state';
import { formEncodePayload } from './legacy-text';

/**
 * Pushes to the user's server: Clickatell status and inbound callbacks, ClickSend delivery reports and
 * replies. A push that does not get a 2xx answer is retried on the documented schedule, scaled by the
 * time factor. Every push carries the account's shared secret (query token or basic auth), so a trigger
 * can tell the sandbox's calls from anyone else's.
 */

export type CallbackKind = 'clickatell-status' | 'clickatell-inbound' | 'clicksend-delivery' | 'clicksend-reply';

/**
 * Retry delays in minutes after each failed attempt.
 * Clickatell HTTP spec, `callback`: 2, 4, 8, 16, 32, 64, 128 minutes, then 3 days ("retry up to 8 times").
 * Clickatell HTTP spec, "Receiving Messages": 2, 4, 8, 16, 25 minutes ("retry up to 5 times").
 * ClickSend documents no retry cycle; the sandbox uses Clickatell's for the same kind of push.
 */
export const STATUS_RETRY_MINUTES: readonly number[] = [2, 4, 8, 16, 32, 64, 128, 3 * 24 * 60];
export const INBOUND_RETRY_MINUTES: readonly number[] = [2, 4, 8, 16, 25];

const SCHEDULES: Readonly<Record<CallbackKind, readonly number[]>> = {
  'clickatell-status': STATUS_RETRY_MINUTES,
  'clickatell-inbound': INBOUND_RETRY_MINUTES,
  'clicksend-delivery': STATUS_RETRY_MINUTES,
  'clicksend-reply': INBOUND_RETRY_MINUTES,
};

/** The user name of basic-auth callbacks; the password is the shared secret. */
export const CALLBACK_BASIC_USER = 'sandbox';

export interface CallbackAttempt {
  attempt: number;
  at: string;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

export interface CallbackRecord {
  id: number;
  kind: CallbackKind;
  provider: Provider;
  accountId: string;
  messageId: string | null;
  /** The account's URL, without the secret. */
  url: string;
  method: 'GET' | 'POST';
  format: CallbackFormat;
  auth: CallbackAuth;
  /** The pushed fields (for a JSON envelope, its event's fields, flat, for inspection). */
  payload: Record<string, string>;
  /** The exact JSON body when the push is not the flat payload (the One API's envelope). */
  body?: string;
  state: 'pending' | 'delivered' | 'retrying' | 'failed';
  attempts: CallbackAttempt[];
  maxAttempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
}

interface Delivery {
  record: CallbackRecord;
  secret: string;
}

export interface DispatcherOptions {
  timeFactor: number;
  timeoutMs: number;
  defaultSecret: string;
}

export class CallbackDispatcher {
  private nextId = 1;
  private closed = false;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };
  private readonly inFlight = new Set<http.ClientRequest>();

  constructor(
    private readonly state: SandboxState,
    private readonly scheduler: Scheduler,
    private readonly options: DispatcherOptions,
  ) {}

  /**
   * Push `payload` to `url` for the account. Returns the record (also kept for GET /sandbox/callbacks),
   * or null when the account has no URL for this kind of push.
   */
  send(
    kind: CallbackKind,
    account: AccountState,
    url: string | null | undefined,
    payload: Record<string, string>,
    messageId: string | null,
    shape: { format?: CallbackFormat; body?: string; auth?: CallbackAuth } = {},
  ): CallbackRecord | null {
    if (this.closed || !url) return null;
    const config = account.config;
    const secret = (config.callbackSecret ?? this.options.defaultSecret) || '';
    // `auth: 'none'` for pushes to a URL the user registered as is (ClickSend v3 automation rules add no secret).
    const auth: CallbackAuth = shape.auth ?? (secret === '' ? 'none' : (config.callbackAuth ?? 'token'));
    // ClickSend's spec: "The following parameters will be POSTED". Clickatell: the account's setting.
    const format: CallbackFormat =
      shape.format ??
      (account.provider === 'clicksend' ? 'post' : (config.callbackFormat ?? (account.provider === 'clickatell-http' ? 'get' : 'json')));
    const record: CallbackRecord = {
      id: this.nextId++,
      kind,
      provider: account.provider,
      accountId: account.id,
      messageId,
      url,
      method: format === 'get' ? 'GET' : 'POST',
      format,
      auth,
      payload,
      ...(shape.body !== undefined ? { body: shape.body } : {}),
      state: 'pending',
      attempts: [],
      maxAttempts: SCHEDULES[kind].length + 1,
      nextAttemptAt: null,
      createdAt: new Date().toISOString(),
    };
    this.state.callbacks.push(record);
    this.attempt({ record, secret });
    return record;
  }

  close(): void {
    this.closed = true;
    for (const request of this.inFlight) request.destroy();
    this.inFlight.clear();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private attempt(delivery: Delivery): void {
    if (this.closed) return;
    const { record } = delivery;
    const number = record.attempts.length + 1;
    record.nextAttemptAt = null;
    this.request(delivery, (httpStatus, error) => {
      if (this.closed) return;
      const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
      record.attempts.push({ attempt: number, at: new Date().toISOString(), ok, httpStatus, error: ok ? null : (error ?? `HTTP ${httpStatus}`) });
      if (ok) {
        record.state = 'delivered';
        return;
      }
      const delays = SCHEDULES[record.kind];
      if (number > delays.length) {
        record.state = 'failed';
        return;
      }
      const due = Date.now() + delays[number - 1] * 60_000 * this.options.timeFactor;
      record.state = 'retrying';
      record.nextAttemptAt = new Date(due).toISOString();
      this.scheduler.at(due, () => this.attempt(delivery));
    });
  }

  private request(delivery: Delivery, done: (httpStatus: number | null, error: string | null) => void): void {
    const { record, secret } = delivery;
    let target: URL;
    try {
      target = new URL(record.url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      done(null, 'invalid callback URL');
      return;
    }
    if (record.auth === 'token') target.searchParams.set('token', secret);
    // Inbound text declared ISO-8859-1 goes as ISO-8859-1 escapes, as the real gateway sends it (legacy-text.ts).
    const form = formEncodePayload(record.payload);
    if (record.format === 'get' && form !== '') target.search = target.search === '' ? `?${form}` : `${target.search}&${form}`;
    const body = record.format === 'post' ? form : record.format === 'json' ? (record.body ?? JSON.stringify(record.payload)) : undefined;
    const headers: Record<string, string> = { 'user-agent': 'sms-sandbox' };
    if (body !== undefined) {
      headers['content-type'] = record.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    if (record.auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${CALLBACK_BASIC_USER}:${secret}`).toString('base64')}`;
    const secure = target.protocol === 'https:';
    let settled = false;
    const finish = (status: number | null, error: string | null): void => {
      if (settled) return;
      settled = true;
      this.inFlight.delete(request);
      done(status, error);
    };
    const request = (secure ? https : http).request(
      target,
      { method: record.method, headers, agent: secure ? this.agents.https : this.agents.http, timeout: this.options.timeoutMs },
      (response) => {
        response.resume();
        response.on('end', () => finish(response.statusCode ?? null, null));
        response.on('error', () => finish(response.statusCode ?? null, null));
      },
    );
    this.inFlight.add(request);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    // Never the URL in the error: it may carry the token.
    request.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message));
    request.end(body);
  }
}
