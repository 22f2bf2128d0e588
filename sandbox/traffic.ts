import type { IncomingMessage } from 'node:http';
import type { Provider } from '../gateways/provider';
import { BoundedList } from './bounded';
import { isSecretName, knownSecrets, MASK, maskAuthorization, maskKnown, maskUrl } from './redact';
import type { SandboxState } from './state';
import type { Reply } from './wire';

/**
 * The traffic log the web page shows: the last requests to the three APIs and the sandbox's control
 * routes that change something (GETs of /sandbox/ are the page's own polling and are not logged).
 * A ring buffer of TRAFFIC_CAPACITY entries, each with bounded fields, so memory stays flat however much
 * traffic a benchmark sends. Secrets are masked when an entry is recorded (see redact.ts): the log never
 * holds one, so no later view can leak one.
 */

export const TRAFFIC_CAPACITY = 500;
/** Most parameters kept per request, and characters per value / answer. */
const MAX_PARAMS = 24;
const MAX_VALUE_CHARS = 160;
const MAX_ANSWER_CHARS = 400;
/** Bodies larger than this are summarised by size instead of being parsed for the log. */
const MAX_PARSED_BODY_BYTES = 16 * 1024;

export interface TrafficEntry {
  id: number;
  at: string;
  method: string;
  /** Path without the query string. */
  path: string;
  api: Provider | 'sandbox' | null;
  /** The route's name as /sandbox/stats counts it ('sendmsg', 'POST /rest/message', 'send.php'). */
  route: string;
  /** HTTP status; null while pending or when the connection was dropped without an answer. */
  status: number | null;
  outcome: 'pending' | 'answered' | 'dropped';
  durationMs: number | null;
  /** Kinds of the faults that hit this request ('429', 'latency', ...). */
  faults: string[];
  /** Query, form or top-level JSON fields, secrets masked, bounded. */
  params: Array<[string, string]>;
  /** The start of the answer's body, secrets masked. */
  answer: string;
}

/** Handle for one request being recorded. */
export interface TrafficRecorder {
  request(query: string, headers: IncomingMessage['headers'], body: Buffer): void;
  faults(kinds: string[]): void;
  answer(reply: Reply): void;
  finish(status: number | null): void;
}

export class TrafficLog {
  private readonly entries: BoundedList<TrafficEntry>;
  private nextId = 1;
  /** Bumped on every change, so a viewer can tell cheaply whether anything happened. */
  version = 0;

  constructor(capacity: number = TRAFFIC_CAPACITY) {
    this.entries = new BoundedList(capacity);
  }

  get length(): number {
    return this.entries.length;
  }

  /** Oldest first, the newest `limit`. */
  list(limit = TRAFFIC_CAPACITY): TrafficEntry[] {
    const all = this.entries.toArray();
    return all.length > limit ? all.slice(all.length - limit) : all;
  }

  clear(): void {
    this.entries.clear();
    this.version++;
  }

  /**
   * Start recording a request, or null when it is not logged (GETs of the sandbox's own inspection
   * routes: the page reads them every second).
   */
  begin(state: SandboxState, method: string, path: string, api: TrafficEntry['api'], route: string, started: number): TrafficRecorder | null {
    if (api === 'sandbox' && (method === 'GET' || method === 'HEAD')) return null;
    const entry: TrafficEntry = {
      id: this.nextId++,
      at: new Date(started).toISOString(),
      method,
      path: path.length > 200 ? `${path.slice(0, 200)}…` : path,
      api,
      route,
      status: null,
      outcome: 'pending',
      durationMs: null,
      faults: [],
      params: [],
      answer: '',
    };
    this.entries.push(entry);
    this.version++;
    const secrets = (): string[] => knownSecrets(state, state.options.callbackSecret);
    return {
      request: (query, headers, body) => {
        entry.params = readParams(query, headers, body, secrets());
        entry.path = maskKnown(entry.path, secrets());
        this.version++;
      },
      faults: (kinds) => {
        entry.faults = kinds;
      },
      answer: (reply) => {
        entry.answer = maskAnswer(api, route, reply.body, secrets());
      },
      finish: (status) => {
        if (entry.outcome !== 'pending') return;
        entry.status = status;
        entry.outcome = status === null ? 'dropped' : 'answered';
        entry.durationMs = Date.now() - started;
        this.version++;
      },
    };
  }
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function shown(name: string, value: string, secrets: readonly string[]): string {
  if (isSecretName(name)) return MASK;
  // A URL (a callback URL being set) may carry a token the sandbox does not know yet.
  return clip(/^https?:\/\//i.test(value) ? maskUrl(value, secrets) : maskKnown(value, secrets), MAX_VALUE_CHARS);
}

function readParams(query: string, headers: IncomingMessage['headers'], body: Buffer, secrets: readonly string[]): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  const add = (name: string, value: string): void => {
    if (params.length < MAX_PARAMS) params.push([clip(name, 60), shown(name, value, secrets)]);
  };
  const authorization = headers.authorization;
  if (typeof authorization === 'string') params.push(['Authorization', maskAuthorization(authorization)]);
  for (const [name, value] of new URLSearchParams(query)) add(name, value);
  if (body.length === 0) return params;
  const type = String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (body.length > MAX_PARSED_BODY_BYTES) {
    params.push(['(body)', `${body.length} bytes of ${type || 'unknown type'}, not shown`]);
    return params;
  }
  const text = body.toString('utf8');
  if (type === 'application/json' || /^\s*[[{]/.test(text)) {
    readJsonFields(text, add, secrets);
  } else if (type === '' || type === 'application/x-www-form-urlencoded' || type === 'text/plain') {
    for (const [name, value] of new URLSearchParams(text)) add(name, value);
  } else {
    params.push(['(body)', `${body.length} bytes of ${type}`]);
  }
  return params;
}

function readJsonFields(text: string, add: (name: string, value: string) => void, secrets: readonly string[]): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    add('(body)', `unreadable JSON, ${text.length} characters`);
    return;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    add('(body)', Array.isArray(parsed) ? `JSON array of ${parsed.length}` : clip(maskKnown(String(parsed), secrets), MAX_VALUE_CHARS));
    return;
  }
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) add(name, value.join(','));
    else if (value !== null && typeof value === 'object') add(name, isSecretName(name) ? MASK : maskNested(value, secrets));
    else add(name, String(value));
  }
}

/** A nested JSON value as text, with secret-named fields inside it masked. */
function maskNested(value: unknown, secrets: readonly string[]): string {
  const text = JSON.stringify(value, (name, inner: unknown) => (name !== '' && isSecretName(name) ? MASK : inner));
  return maskKnown(text ?? '', secrets);
}

/**
 * The start of an answer. Clickatell's `auth` answers a session id ('OK: <id>'), which is as good as the
 * password for 15 minutes: it is masked.
 */
function maskAnswer(api: TrafficEntry['api'], route: string, body: string, secrets: readonly string[]): string {
  // Masked before it is cut, so a secret straddling the cut cannot leave half of itself behind.
  let text = body.slice(0, MAX_ANSWER_CHARS + 256);
  if (api === 'clickatell-http' && route === 'auth') text = text.replace(/OK:\s*\S+/g, `OK: ${MASK}`);
  return clip(maskKnown(text, secrets), MAX_ANSWER_CHARS);
}
