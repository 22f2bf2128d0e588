import { clickatellError } from '../codes/clickatell-errors';
import { isGatewayError } from '../errors';
import { networkError, type HttpRequest, type Transport } from '../transport';
import { isSuccessStatus, httpStatusError } from './http-status';
import { parseAuthResponse, parsePingResponse, wholeRequestError, type ClickatellCommand } from './parser';
import {
  buildAuthRequest,
  buildPingRequest,
  perRequestAuth,
  type ClickatellHttpCredentials,
  type RequestTarget,
  type SessionAuth,
} from './requests';

/**
 * Where the session id lives. The default keeps it in the ClickatellSession object; a runtime may keep
 * it elsewhere (a Node-RED config node shared by several flows, for example).
 */
export interface SessionStore {
  get(): string | undefined;
  set(id: string | undefined): void;
}

export class MemorySessionStore implements SessionStore {
  private id: string | undefined;
  get(): string | undefined {
    return this.id;
  }
  set(id: string | undefined): void {
    this.id = id;
  }
}

export interface ClickatellSessionOptions {
  credentials: ClickatellHttpCredentials;
  transport: Transport;
  store?: SessionStore;
  /** Clock for Retry-After dates (tests pass a fixed one). */
  now?: () => Date;
}

/** Builds a command's request for the given target; called again with a new session after a renewal. */
export type RequestBuilder = (target: RequestTarget) => HttpRequest;

/**
 * Runs Clickatell HTTP commands with the credentials' auth mode.
 *
 * Session mode: authenticates lazily on the first call, reuses the session id, and when a call answers
 * that the session is gone (ERR 003 expired, or 001/005 for a call that carried a session id) it
 * authenticates once more and repeats that call once. Concurrent calls share one `auth` request.
 * perRequest mode sends api_id + user + password on every call and keeps no session.
 *
 * Returns the body of a 2xx response; parsing (and turning `ERR:` into errors) is the caller's job.
 */
export class ClickatellSession {
  private readonly credentials: ClickatellHttpCredentials;
  private readonly transport: Transport;
  private readonly store: SessionStore;
  private readonly now: () => Date;
  private pending: Promise<string> | undefined;
  /** Bumped by close(), so an auth that was in flight does not store its session afterwards. */
  private generation = 0;

  constructor(options: ClickatellSessionOptions) {
    this.credentials = options.credentials;
    this.transport = options.transport;
    this.store = options.store ?? new MemorySessionStore();
    this.now = options.now ?? (() => new Date());
  }

  get mode(): 'session' | 'perRequest' {
    return this.credentials.authMode === 'perRequest' ? 'perRequest' : 'session';
  }

  /** Whether a session id is currently held (never the id itself). */
  get hasSession(): boolean {
    return this.storedSession() !== undefined;
  }

  /** Send one command and return the body of its 2xx answer. */
  async call(command: ClickatellCommand, build: RequestBuilder): Promise<string> {
    if (this.mode === 'perRequest') {
      return this.exchange(command, build({ baseUrl: this.credentials.baseUrl, auth: perRequestAuth(this.credentials) }));
    }
    return this.sessionCall(command, build);
  }

  /**
   * Keep the session alive (the spec: each `ping` extends it by 15 minutes). Without a session yet this
   * authenticates, which starts a fresh 15 minutes. perRequest mode has no session to keep: nothing is sent.
   */
  async ping(): Promise<void> {
    if (this.mode === 'perRequest') return;
    if (this.storedSession() === undefined) {
      await this.authenticate();
      return;
    }
    const body = await this.sessionCall('ping', (target) => buildPingRequest(target as RequestTarget<SessionAuth>));
    parsePingResponse(body);
  }

  /** Forget the session (the gateway lets it expire after 15 idle minutes). */
  close(): void {
    this.generation++;
    this.pending = undefined;
    this.store.set(undefined);
  }

  private async sessionCall(command: ClickatellCommand, build: RequestBuilder): Promise<string> {
    const sessionId = this.storedSession() ?? (await this.authenticate());
    const body = await this.exchange(command, build(this.sessionTarget(sessionId)));
    if (!this.sessionGone(body)) return body;
    // Repeating is safe: an ERR answer to the whole request means the gateway refused it before
    // accepting any message, so the repeat cannot deliver anything twice. Only this one case is
    // repeated, and only once: a second "session gone" is returned to the caller as an error, and any
    // other failure (network with delivery 'unknown', malformed answer, HTTP status) is never repeated.
    const renewed = await this.renew(sessionId);
    return this.exchange(command, build(this.sessionTarget(renewed)));
  }

  /** The stored session id; an empty string (a runtime's cleared store) counts as none. */
  private storedSession(): string | undefined {
    const id = this.store.get();
    return typeof id === 'string' && id !== '' ? id : undefined;
  }

  private sessionTarget(sessionId: string): RequestTarget<SessionAuth> {
    return { baseUrl: this.credentials.baseUrl, auth: { mode: 'session', sessionId } };
  }

  /** ERR 003 (expired), 001 (authentication failed) or 005 (missing session) on a call that carried a session. */
  private sessionGone(body: string): boolean {
    const err = wholeRequestError(body);
    return err !== null && clickatellError(err.code, 'http')?.sessionGone === true;
  }

  /** A new session after `stale` was refused, unless another call already renewed it. */
  private renew(stale: string): Promise<string> {
    const current = this.storedSession();
    if (current !== undefined && current !== stale) return Promise.resolve(current);
    if (current === stale) this.store.set(undefined);
    return this.authenticate();
  }

  /** Single flight: every caller waiting for a session shares one `auth` request. */
  private authenticate(): Promise<string> {
    if (this.pending) return this.pending;
    const generation = this.generation;
    const attempt = (async () => {
      const body = await this.exchange('auth', buildAuthRequest(this.credentials));
      const sessionId = parseAuthResponse(body);
      if (generation === this.generation) this.store.set(sessionId);
      return sessionId;
    })();
    this.pending = attempt;
    const clear = (): void => {
      if (this.pending === attempt) this.pending = undefined;
    };
    attempt.then(clear, clear);
    return attempt;
  }

  private async exchange(command: ClickatellCommand, request: HttpRequest): Promise<string> {
    let response;
    try {
      response = await this.transport.send(request);
    } catch (error) {
      // A transport should throw GatewayError; anything else is treated as "may have been sent".
      throw isGatewayError(error) ? error : networkError('clickatell-http', error);
    }
    if (!isSuccessStatus(response.status)) {
      // The auth answer is never quoted: whatever it holds could be a session id.
      throw httpStatusError(response, { quoteBody: command !== 'auth', now: this.now() });
    }
    return typeof response.body === 'string' ? response.body : String(response.body ?? '');
  }
}
