import type { Provider } from '../gateways/provider';

/**
 * Fault injection: make the provider APIs misbehave the way real networks and gateways do, so clients
 * can be tested against it. Faults are scoped by API and route, and fire by probability and/or for a
 * number of requests. They never touch the /sandbox/ control routes.
 *
 * - latency: wait `latencyMs` before handling.
 * - 429: answer 429 Too Many Requests with Retry-After (`retryAfterSeconds`), nothing processed.
 * - 503: answer 503 with the API's internal-error body (Clickatell 901, ClickSend 2100), nothing processed.
 * - reset: close the connection without any answer; with `processed: true` the request is handled
 *   first (the messages exist, the client never learns their ids).
 * - malformed: answer 200 with a body the API's client cannot read (cut JSON/XML, an HTML page);
 *   processed unless `processed: false`.
 * - session-expiry: the Clickatell session the request uses has expired (ERR: 003).
 */
export type FaultKind = 'latency' | '429' | '503' | 'reset' | 'malformed' | 'session-expiry';

export const FAULT_KINDS: readonly FaultKind[] = ['latency', '429', '503', 'reset', 'malformed', 'session-expiry'];
const APIS: readonly Provider[] = ['clickatell-http', 'clickatell-rest', 'clickatell-platform', 'clickatell-one', 'clicksend', 'clicksend-v3'];

export interface FaultSpec {
  kind: FaultKind;
  /** Only this API (default: all three). */
  api?: Provider;
  /** A route name ('sendmsg', 'auth', 'send.php', 'POST /rest/message', 'GET /rest/message/:id') or a path prefix ('/rest/'). */
  route?: string;
  /** Chance that a matching request is hit, 0–1 (default 1). */
  probability?: number;
  /** Hit this many requests, then disappear (default: until removed). */
  count?: number;
  /** latency: milliseconds (default 1000). */
  latencyMs?: number;
  /** 429: the Retry-After header in seconds (default 1). */
  retryAfterSeconds?: number;
  /** reset/malformed: handle the request before failing (defaults: reset false, malformed true). */
  processed?: boolean;
}

export interface Fault {
  id: string;
  kind: FaultKind;
  api: Provider | null;
  route: string | null;
  probability: number;
  /** Hits left, null for unlimited. */
  remaining: number | null;
  latencyMs: number;
  retryAfterSeconds: number;
  processed: boolean;
  hits: number;
}

export interface RouteRef {
  api: Provider;
  /** Route name, e.g. 'sendmsg' or 'POST /rest/message'. */
  name: string;
  path: string;
}

function fail(problem: string): never {
  throw new TypeError(`invalid fault: ${problem}`);
}

function numberField(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) fail(`'${name}' must be a number from ${min} to ${max}`);
  return number;
}

/** Check a fault specification (from JSON or the CLI) and fill in its defaults. */
export function validateFault(input: unknown, id: string): Fault {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) fail('expected an object');
  const spec = input as Record<string, unknown>;
  const kind = String(spec.kind ?? '') as FaultKind;
  if (!FAULT_KINDS.includes(kind)) fail(`'kind' must be one of ${FAULT_KINDS.join(', ')}`);
  const api = spec.api === undefined || spec.api === null || spec.api === '' ? null : (String(spec.api) as Provider);
  if (api !== null && !APIS.includes(api)) fail(`'api' must be one of ${APIS.join(', ')}`);
  const route = spec.route === undefined || spec.route === null || spec.route === '' ? null : String(spec.route);
  const count = numberField(spec.count, 'count', 1, Number.MAX_SAFE_INTEGER);
  const processed = spec.processed === undefined ? kind === 'malformed' : spec.processed === true || spec.processed === 'true' || spec.processed === '1';
  return {
    id,
    kind,
    api,
    route,
    probability: numberField(spec.probability, 'probability', 0, 1) ?? 1,
    remaining: count === undefined ? null : Math.floor(count),
    latencyMs: numberField(spec.latencyMs, 'latencyMs', 0, 600_000) ?? 1000,
    retryAfterSeconds: Math.floor(numberField(spec.retryAfterSeconds, 'retryAfterSeconds', 0, 86_400) ?? 1),
    processed,
    hits: 0,
  };
}

/**
 * A fault for the CLI's --fault: the same fields as the JSON API, written as JSON or as
 * `kind=429,api=clickatell-rest,route=POST /rest/message,count=2,retryAfterSeconds=5`.
 */
export function parseFaultArgument(text: string): FaultSpec {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return JSON.parse(trimmed) as FaultSpec;
  const spec: Record<string, string> = {};
  for (const pair of trimmed.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) fail(`'${pair}' is not name=value`);
    spec[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return spec as unknown as FaultSpec;
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: unknown): Fault {
    const fault = validateFault(spec, `f${this.nextId}`);
    this.nextId++;
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  /** The faults that hit this request (counting the hit), in the order they were added. */
  hit(route: RouteRef): Fault[] {
    if (this.faults.length === 0) return [];
    const hits: Fault[] = [];
    for (const fault of this.faults) {
      if (fault.api !== null && fault.api !== route.api) continue;
      if (fault.route !== null && !routeMatches(fault.route, route)) continue;
      if (fault.probability < 1 && Math.random() >= fault.probability) continue;
      fault.hits++;
      if (fault.remaining !== null) fault.remaining--;
      hits.push({ ...fault });
    }
    this.faults = this.faults.filter((fault) => fault.remaining === null || fault.remaining > 0);
    return hits;
  }
}

function routeMatches(pattern: string, route: RouteRef): boolean {
  const wanted = pattern.trim().toLowerCase();
  if (wanted === route.name.toLowerCase()) return true;
  return wanted.startsWith('/') && route.path.toLowerCase().startsWith(wanted);
}

/** Bodies a client cannot read, in each API's dress. */
export const MALFORMED_BODIES: Readonly<Record<Provider, { contentType: string; body: string }>> = {
  'clickatell-http': { contentType: 'text/html; charset=utf-8', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
  'clickatell-rest': { contentType: 'application/json', body: '{"data":{"message":[{"accepted":tru' },
  clicksend: { contentType: 'text/xml; charset=utf-8', body: '<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n    <messages recipientcount="1">\n        <mess' },
  'clickatell-platform': { contentType: 'application/json', body: '{"messages":[{"apiMessageId":"af75' },
  'clickatell-one': { contentType: 'application/json', body: '{"messages":[{"apiMessageId":"77fb' },
  'clicksend-v3': { contentType: 'application/json', body: '{"http_code":200,"response_code":"SUCC' },
};
