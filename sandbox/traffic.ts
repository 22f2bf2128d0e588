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
 * traffic a benchmark sends.
 *
 * Recording is cheap on purpose (references to the query string, a small body and the start of the
 * answer); reading the parameters and masking the secrets (see redact.ts) happens once, the first time
 * an entry is read. Nothing leaves the log unmasked: list() is the only way out.
 */

export const TRAFFIC_CAPACITY = 500;
/** Most parameters kept per request, and characters per value / answer. */
const MAX_PARAMS = 24;
const MAX_VALUE_CHARS = 160;
const MAX_ANSWER_CHARS = 400;
/** Bodies larger than this are summarised by size instead of being kept and parsed for the log. */
const MAX_PARSED_BODY_BYTES = 16 * 1024;
/** The part of an answer kept until it is masked: enough to mask a secret straddling the cut. */
const KEPT_ANSWER_CHARS = MAX_ANSWER_CHARS + 256;

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

/** What a request carried, kept as it came until the entry is first read (then masked and dropped). */
interface Unmasked {
  query: string;
  authorization: string | undefined;
  contentType: string;
  /** The body, or its size when it is too large to keep. */
  body: Buffer | number;
  answer: string;
}

interface Recorded {
  entry: TrafficEntry;
  unmasked: Unmasked | null;
}

export class TrafficLog {
  private readonly records: BoundedList<Recorded>;
  private nextId = 1;

  constructor(
    private readonly state: SandboxState,
    capacity: number = TRAFFIC_CAPACITY,
  ) {
    this.records = new BoundedList(capacity);
  }

  get length(): number {
    return this.records.length;
  }

  /** Oldest first, the newest `limit`, secrets masked. */
  list(limit = TRAFFIC_CAPACITY): TrafficEntry[] {
    const all = this.records.toArray();
    const shown = all.length > limit ? all.slice(all.length - limit) : all;
    let secrets: string[] | null = null;
    return shown.map((record) => {
      if (record.unmasked) {
        secrets ??= knownSecrets(this.state, this.state.options.callbackSecret);
        mask(record, secrets);
      }
      return record.entry;
    });
  }

  clear(): void {
    this.records.clear();
  }

  /**
   * Start recording a request, or null when it is not logged (GETs of the sandbox's own inspection
   * routes: the page reads them every second).
   */
  begin(method: string, path: string, api: TrafficEntry['api'], route: string, started: number): TrafficRecorder | null {
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
    const unmasked: Unmasked = { query: '', authorization: undefined, contentType: '', body: 0, answer: '' };
    const record: Recorded = { entry, unmasked };
    this.records.push(record);
    // After the entry was read (and masked), later parts of the request are masked as they come.
    const late = (): string[] | null => (record.unmasked === null ? knownSecrets(this.state, this.state.options.callbackSecret) : null);
    return {
      request: (query, headers, body) => {
        unmasked.query = query.length > 8192 ? query.slice(0, 8192) : query;
        unmasked.authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
        unmasked.contentType = String(headers['content-type'] ?? '');
        unmasked.body = body.length > MAX_PARSED_BODY_BYTES ? body.length : body;
        const secrets = late();
        if (secrets) entry.params = readParams(unmasked, secrets);
      },
      faults: (kinds) => {
        entry.faults = kinds;
      },
      answer: (reply) => {
        // Only the start is kept, copied flat so a large answer is not kept alive by its slice.
        unmasked.answer = reply.body.length > KEPT_ANSWER_CHARS ? Buffer.from(reply.body.slice(0, KEPT_ANSWER_CHARS)).toString() : reply.body;
        const secrets = late();
        if (secrets) entry.answer = maskAnswer(api, route, unmasked.answer, secrets);
      },
      finish: (status) => {
        if (entry.outcome !== 'pending') return;
        entry.status = status;
        entry.outcome = status === null ? 'dropped' : 'answered';
        entry.durationMs = Date.now() - started;
      },
    };
  }
}

/** Read and mask what the request carried, then forget the unmasked copy. */
function mask(record: Recorded, secrets: readonly string[]): void {
  const { entry, unmasked } = record;
  if (!unmasked) return;
  entry.params = readParams(unmasked, secrets);
  entry.path = maskKnown(entry.path, secrets);
  entry.answer = maskAnswer(entry.api, entry.route, unmasked.answer, secrets);
  record.unmasked = null;
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function shown(name: string, value: string, secrets: readonly string[]): string {
  if (isSecretName(name)) return MASK;
  // A URL (a callback URL being set) may carry a token the sandbox does not know yet.
  return clip(/^https?:\/\//i.test(value) ? maskUrl(value, secrets) : maskKnown(value, secrets), MAX_VALUE_CHARS);
}

function readParams(request: Unmasked, secrets: readonly string[]): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  const add = (name: string, value: string): void => {
    if (params.length < MAX_PARAMS) params.push([clip(name, 60), shown(name, value, secrets)]);
  };
  if (request.authorization !== undefined) params.push(['Authorization', maskAuthorization(request.authorization)]);
  for (const [name, value] of new URLSearchParams(request.query)) add(name, value);
  const type = request.contentType.split(';')[0].trim().toLowerCase();
  if (typeof request.body === 'number') {
    if (request.body > 0) params.push(['(body)', `${request.body} bytes of ${type || 'unknown type'}, not shown`]);
    return params;
  }
  if (request.body.length === 0) return params;
  const text = request.body.toString('utf8');
  if (type === 'application/json' || /^\s*[[{]/.test(text)) {
    readJsonFields(text, add, secrets);
  } else if (type === '' || type === 'application/x-www-form-urlencoded' || type === 'text/plain') {
    for (const [name, value] of new URLSearchParams(text)) add(name, value);
  } else {
    params.push(['(body)', `${request.body.length} bytes of ${type}`]);
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
    if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) add(name, joinShown(value));
    else if (value !== null && typeof value === 'object') add(name, isSecretName(name) ? MASK : maskNested(value, secrets));
    else add(name, String(value));
  }
}

/** A list as 'a,b,c', only as far as the page shows it (a bulk send lists hundreds of numbers), with its length. */
function joinShown(items: unknown[]): string {
  let text = '';
  for (let i = 0; i < items.length; i++) {
    text += (i === 0 ? '' : ',') + String(items[i]);
    if (text.length > MAX_VALUE_CHARS) return `${text.slice(0, MAX_VALUE_CHARS - 20)}… (${items.length} items)`;
  }
  return text;
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
  let text = body;
  if (api === 'clickatell-http' && route === 'auth') text = text.replace(/OK:\s*\S+/g, `OK: ${MASK}`);
  // An account's callback URLs, as /sandbox/accounts answers them, and ClickSend v3 automation rules'
  // action_address, as the rule endpoints echo it, may carry a token of the user's own.
  if (api === 'sandbox' || api === 'clicksend-v3') text = text.replace(/https?:\/\/[^\s"'<>]+/gi, (url) => maskUrl(url, secrets));
  return clip(maskKnown(text, secrets), MAX_ANSWER_CHARS);
}
