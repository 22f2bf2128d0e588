import type { Provider } from '../gateways/provider';
import { BoundedList } from './bounded';
import type { CallbackRecord } from './callbacks';
import { type AccountConfig, type ResolvedOptions, validateAccount } from './config';
import { sessionId as newSessionId } from './ids';
import { MessageStore, type SandboxMessage } from './message-store';
import { TrafficLog } from './traffic';

/** A ClickSend reply waiting to be pulled by reply.php (each is returned once). */
export interface PendingReply {
  from: string;
  message: string;
  originalmessage: string;
  originalmessageid: string;
  originalsenderid: string;
  customstring: string;
  username: string;
}

/** An inbound (MO) message injected through POST /sandbox/inbound. */
export interface InboundRecord {
  id: string;
  provider: Provider;
  accountId: string;
  from: string;
  to: string;
  text: string;
  charset: string | null;
  receivedAt: number;
  inReplyTo: string | null;
}

export class AccountState {
  balance: number;
  private day = -1;
  private sentOnDay = 0;
  /** ClickSend: replies not yet pulled. */
  readonly replies: BoundedList<PendingReply>;
  /** ClickSend: sent messages whose delivery report has not been pulled yet. */
  readonly pendingReports: BoundedList<SandboxMessage>;
  /** ClickSend history.php `direction=in` items. */
  readonly inbound: BoundedList<InboundRecord>;

  constructor(
    public config: AccountConfig,
    capacity: number,
  ) {
    this.balance = config.balance ?? 0;
    this.replies = new BoundedList(capacity);
    this.pendingReports = new BoundedList(capacity);
    this.inbound = new BoundedList(capacity);
  }

  get id(): string {
    return this.config.id;
  }

  get provider(): Provider {
    return this.config.provider;
  }

  /** Count one message against the daily MT limit; false when the limit is reached. */
  takeDailyMessage(now: number): boolean {
    const limit = this.config.dailyMessageLimit;
    const day = Math.floor(now / 86_400_000);
    if (day !== this.day) {
      this.day = day;
      this.sentOnDay = 0;
    }
    if (limit !== undefined && this.sentOnDay >= limit) return false;
    this.sentOnDay++;
    return true;
  }

  charge(amount: number): void {
    this.balance = roundCredits(this.balance - amount);
  }

  refund(amount: number): void {
    this.balance = roundCredits(this.balance + amount);
  }
}

/** Balances are kept to 6 decimals so repeated 1/3 credit charges do not drift. */
export function roundCredits(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

interface Session {
  accountId: string;
  lastUsed: number;
}

/**
 * ClickSend 2016 "Throttled": an identical text to the same number moments ago. Keys are (account, text
 * digest) -> recipients; two generations rotate every window, so memory holds at most two windows of sends.
 */
class ThrottleWindow {
  private current = new Map<string, Set<string>>();
  private previous = new Map<string, Set<string>>();
  private rotatedAt = Date.now();

  constructor(private readonly windowMs: number) {}

  /** A check for one request's text: true when that recipient got the same text within the window (it is recorded either way). */
  scope(key: string, now: number): (to: string) => boolean {
    if (this.windowMs === 0) return () => false;
    if (now - this.rotatedAt >= this.windowMs) {
      this.previous = now - this.rotatedAt >= 2 * this.windowMs ? new Map() : this.current;
      this.current = new Map();
      this.rotatedAt = now;
    }
    let recent = this.current.get(key);
    if (!recent) {
      recent = new Set();
      this.current.set(key, recent);
    }
    const older = this.previous.get(key);
    const seen = recent;
    return (to) => {
      const hit = seen.has(to) || (older !== undefined && older.has(to));
      seen.add(to);
      return hit;
    };
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
  }
}

export interface RouteStats {
  requests: Record<string, number>;
  total: number;
  messagesAccepted: number;
  messagesRejected: number;
  faultsApplied: number;
  internalErrors: number;
}

/** Everything the sandbox remembers. In memory, bounded, restored to the configuration by reset(). */
export class SandboxState {
  readonly accounts = new Map<string, AccountState>();
  readonly messages: MessageStore;
  readonly inbound: BoundedList<InboundRecord>;
  readonly callbacks: BoundedList<CallbackRecord>;
  /** The last requests for the web page (a ring buffer; secrets masked on the way out). */
  readonly traffic = new TrafficLog(this);
  readonly vouchers = new Map<string, number>();
  private readonly sessions = new Map<string, Session>();
  private readonly throttle: ThrottleWindow;
  private routeCounts = new Map<string, number>();
  stats = { total: 0, messagesAccepted: 0, messagesRejected: 0, faultsApplied: 0, internalErrors: 0 };
  readonly startedAt = Date.now();

  constructor(readonly options: ResolvedOptions) {
    this.messages = new MessageStore(options.maxHistory);
    this.inbound = new BoundedList(options.maxHistory);
    this.callbacks = new BoundedList(options.maxCallbackHistory);
    this.throttle = new ThrottleWindow(options.clicksendThrottleMs);
    this.loadConfiguration();
  }

  /** Forget messages, sessions, callbacks and counters; accounts, balances and vouchers as configured. */
  reset(): void {
    this.messages.clear();
    this.inbound.clear();
    this.callbacks.clear();
    this.traffic.clear();
    this.sessions.clear();
    this.throttle.clear();
    this.routeCounts = new Map();
    this.stats = { total: 0, messagesAccepted: 0, messagesRejected: 0, faultsApplied: 0, internalErrors: 0 };
    this.loadConfiguration();
  }

  private loadConfiguration(): void {
    this.accounts.clear();
    for (const config of this.options.accounts) this.accounts.set(config.id, new AccountState({ ...config }, this.options.maxHistory));
    this.vouchers.clear();
    for (const [token, credits] of Object.entries(this.options.vouchers)) this.vouchers.set(token, credits);
  }

  /** Create an account or change one (PUT /sandbox/accounts/:id). */
  upsertAccount(id: string, patch: Partial<AccountConfig>): AccountState {
    const existing = this.accounts.get(id);
    if (existing && patch.provider !== undefined && patch.provider !== existing.provider) throw new TypeError("an account's provider cannot change");
    const config = validateAccount({ ...(existing?.config ?? {}), ...patch, id } as AccountConfig);
    if (existing) {
      existing.config = config;
      if (patch.balance !== undefined) existing.balance = patch.balance;
      return existing;
    }
    const created = new AccountState(config, this.options.maxHistory);
    this.accounts.set(id, created);
    return created;
  }

  accountsOf(provider: Provider): AccountState[] {
    return [...this.accounts.values()].filter((account) => account.provider === provider);
  }

  findClickatellHttp(apiId: string): AccountState[] {
    return this.accountsOf('clickatell-http').filter((account) => account.config.apiId === apiId);
  }

  findRestToken(token: string): AccountState | undefined {
    return this.accountsOf('clickatell-rest').find((account) => account.config.token === token);
  }

  /** The Portal account whose integration has this API key (Platform SMS API and One API alike). */
  findPortalKey(apiKey: string): AccountState | undefined {
    return this.accountsOf('clickatell-platform').find((account) => account.config.apiKey === apiKey);
  }

  findClickSend(username: string): AccountState | undefined {
    return this.accountsOf('clicksend').find((account) => account.config.username === username);
  }

  // Sessions (Clickatell HTTP) ----------------------------------------------------------------------

  openSession(accountId: string, now: number): string {
    this.sweepSessions(now);
    const id = newSessionId();
    this.sessions.set(id, { accountId, lastUsed: now });
    return id;
  }

  /** The session's account, extending its idle time; undefined when unknown or expired (then forgotten). */
  useSession(id: string, now: number): AccountState | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (now - session.lastUsed > this.options.sessionIdleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastUsed = now;
    return this.accounts.get(session.accountId);
  }

  expireSession(id: string): boolean {
    return this.sessions.delete(id);
  }

  expireAllSessions(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Expired sessions are dropped when a new one opens, so sessions nobody closes cannot pile up. */
  private sweepSessions(now: number): void {
    if (this.sessions.size < 1000) return;
    for (const [id, session] of this.sessions) {
      if (now - session.lastUsed > this.options.sessionIdleMs) this.sessions.delete(id);
    }
  }

  // ClickSend throttle --------------------------------------------------------------------------------

  /** ClickSend 2016 check for one request: `textKey` identifies the text (the caller passes a digest). */
  throttleCheck(accountId: string, textKey: string, now: number): (to: string) => boolean {
    return this.throttle.scope(`${accountId}\u0000${textKey}`, now);
  }

  // Statistics --------------------------------------------------------------------------------------

  countRequest(route: string): void {
    this.stats.total++;
    this.routeCounts.set(route, (this.routeCounts.get(route) ?? 0) + 1);
  }

  routeStats(): RouteStats {
    return { requests: Object.fromEntries([...this.routeCounts].sort(([a], [b]) => a.localeCompare(b))), ...this.stats };
  }
}
