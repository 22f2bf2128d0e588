/**
 * The callback attacks of issue 12, as data: requests that must be refused (wrong and near-miss secrets),
 * hostile inputs (floods of fields, deep JSON, large bodies, the token in another shape) and a harmless
 * callback to compare them with. Shared by the abuse tests of both runtimes and by
 * scripts/bench/callbacks.ts, so the figures printed are those of the requests the tests send.
 * Every request goes to 127.0.0.1.
 */
import http from 'node:http';

/** A runtime with the package's callback endpoints, set up by node-red-target.ts or n8n-target.ts. */
export interface CallbackTarget {
  name: string;
  /** Endpoint verifying `?token=<secret>`, for Clickatell HTTP API callbacks (path only, no query). */
  tokenUrl: string;
  /** Endpoint verifying HTTP basic auth, for Clickatell REST callbacks (JSON). */
  basicUrl: string;
  /** The runtime's own webhook endpoint, without this package (core http in / n8n's Webhook node), for comparison. */
  baselineUrl: string;
  baselineName: string;
  secret: string;
  basicUser: string;
  /** Events the runtime emitted so far, as the recorder received them. */
  events(): Array<Record<string, unknown>>;
  /** Whether the runtime's process is still running. */
  alive(): boolean;
  /** Everything the runtime logged. */
  logs(): string;
  stop(): Promise<void>;
}

export interface Probe {
  label: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Answer {
  /** HTTP status, or 0 when the connection closed without an answer. */
  status: number;
  text: string;
  ms: number;
}

/** Sends one probe over a fresh connection and times it until the answer's last byte. */
export function send(probe: Probe, timeoutMs = 120_000): Promise<Answer> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, ms: elapsed() });
    };
    const body = probe.body === undefined ? undefined : Buffer.isBuffer(probe.body) ? probe.body : Buffer.from(probe.body, 'utf8');
    const request = http.request(probe.url, {
      method: probe.method,
      agent: false,
      headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...probe.headers },
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish({ status: 0, text: 'timed out' });
    }, timeoutMs);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => finish({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', () => finish({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    // A server that answers early and closes (401, 413) makes the rest of a large upload fail: the answer counts.
    request.on('error', () => setTimeout(() => finish({ status: 0, text: 'connection closed without an answer' }), 50));
    request.end(body);
  });
}

let sequence = 0;

/** A Clickatell HTTP API status callback as a GET query, with a message id of its own. */
export function statusQuery(id = `abuse-${process.pid}-${++sequence}`): string {
  return new URLSearchParams({ apiMsgId: id, cliMsgId: 'abuse', api_id: '3500001', to: '27999123456', timestamp: '1700000000', status: '004' }).toString();
}

/** A Clickatell REST status callback body. */
export function restStatusJson(id = `abuse-${process.pid}-${++sequence}`): string {
  return JSON.stringify({ data: { apiMessageId: id, clientMessageId: 'abuse', to: '27999123456', timestamp: 1700000000, messageStatus: '004' } });
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

/** The harmless callback hostile inputs are compared with: a verified status callback (one event). */
export function harmless(target: CallbackTarget, id?: string): Probe {
  return { label: 'harmless status callback', method: 'GET', url: `${target.tokenUrl}?token=${encodeURIComponent(target.secret)}&${statusQuery(id)}` };
}

/** Wrong and near-miss secrets: each must get 401 and start nothing. */
export function badSecrets(target: CallbackTarget): Probe[] {
  const s = target.secret;
  const q = () => statusQuery();
  const token = (value: string, name = 'token'): Probe => ({ label: `${name}=${value.length > 40 ? `${value.slice(0, 12)}…` : value}`, method: 'GET', url: `${target.tokenUrl}?${name}=${value}&${q()}` });
  const onBasic = (label: string, headers: Record<string, string>, query = ''): Probe => ({
    label: `basic endpoint: ${label}`,
    method: 'POST',
    url: `${target.basicUrl}${query}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: restStatusJson(),
  });
  return [
    { label: 'no token', method: 'GET', url: `${target.tokenUrl}?${q()}` },
    token(''),
    token('wrong-secret-0123456789'),
    token(encodeURIComponent(s.slice(0, -1))),
    token(encodeURIComponent(`${s}x`)),
    token(encodeURIComponent(s.toUpperCase())),
    token(encodeURIComponent(` ${s}`)),
    token(encodeURIComponent(`${s} `)),
    token(`${encodeURIComponent(s)}%00`),
    // The first character percent-encoded twice: decodes once to '%74…', not to the secret.
    token(`%25${s.charCodeAt(0).toString(16)}${encodeURIComponent(s.slice(1))}`),
    token(encodeURIComponent(s), 'token[]'),
    token(encodeURIComponent(s), 'token%5B%5D'),
    token(encodeURIComponent(s), 'token[0]'),
    token(encodeURIComponent(s), 'TOKEN'),
    token(encodeURIComponent(s), 'tokens'),
    token(encodeURIComponent(s), 'secret'),
    { label: 'token twice', method: 'GET', url: `${target.tokenUrl}?token=${encodeURIComponent(s)}&token=${encodeURIComponent(s)}&${q()}` },
    { label: 'token and a wrong token', method: 'GET', url: `${target.tokenUrl}?token=${encodeURIComponent(s)}&token=wrong&${q()}` },
    { label: 'token in a form body only', method: 'POST', url: target.tokenUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(s)}&${q()}` },
    { label: 'token in a JSON body only', method: 'POST', url: target.tokenUrl, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: s, ...Object.fromEntries(new URLSearchParams(q())) }) },
    { label: 'token as a header', method: 'GET', url: `${target.tokenUrl}?${q()}`, headers: { token: s, 'x-token': s } },
    { label: 'token as basic auth', method: 'GET', url: `${target.tokenUrl}?${q()}`, headers: { authorization: basic('x', s) } },
    { label: 'token as bearer', method: 'GET', url: `${target.tokenUrl}?${q()}`, headers: { authorization: `Bearer ${s}` } },
    onBasic('no Authorization', {}),
    onBasic('wrong password', { authorization: basic(target.basicUser, 'wrong-secret-0123456789') }),
    onBasic('wrong user', { authorization: basic('someone-else', s) }),
    onBasic('password minus one character', { authorization: basic(target.basicUser, s.slice(0, -1)) }),
    onBasic('password plus one character', { authorization: basic(target.basicUser, `${s}x`) }),
    onBasic('empty password', { authorization: basic(target.basicUser, '') }),
    onBasic('user only', { authorization: `Basic ${Buffer.from(target.basicUser).toString('base64')}` }),
    onBasic('secret as user name', { authorization: basic(s, '') }),
    onBasic('not base64', { authorization: 'Basic !!!not-base64!!!' }),
    onBasic('bearer secret', { authorization: `Bearer ${s}` }),
    onBasic('secret as query token', {}, `?token=${encodeURIComponent(s)}`),
    onBasic('digest scheme', { authorization: `Digest username="${target.basicUser}", response="${s}"` }),
    onBasic('password in upper case', { authorization: basic(target.basicUser, s.toUpperCase()) }),
  ];
}

/** What a runtime must answer to a hostile input: the statuses allowed, and why when it is not ours to decide. */
export interface Hostile extends Probe {
  expect: number[];
  /** Present when the answer is the runtime's own behaviour rather than the node's. */
  runtimeNote?: string;
}

const nest = (levels: number): string => `{"data":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`;

/**
 * Hostile inputs. `n8n` switches the expectations where n8n itself answers before the trigger runs (it
 * reads every body first, up to N8N_PAYLOAD_SIZE_MAX, default 16 MB).
 */
export function hostileInputs(target: CallbackTarget, options: { n8n: boolean; hugeBytes?: number }): Hostile[] {
  const withToken = `${target.tokenUrl}?token=${encodeURIComponent(target.secret)}`;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const json = { 'content-type': 'application/json' };
  const hugeBytes = options.hugeBytes ?? 20 * 1024 * 1024;
  return [
    { label: 'query of 7,000 repeats of one key (14 KB), no secret', method: 'GET', url: `${target.tokenUrl}?${'a&'.repeat(7000)}`, expect: [401] },
    { label: 'query of 7,000 repeats of one key (14 KB), with secret', method: 'GET', url: `${withToken}&${'a&'.repeat(7000)}`, expect: [400] },
    { label: 'form of 30,000 repeats of one key (60 KB), no secret', method: 'POST', url: target.tokenUrl, headers: form, body: 'a&'.repeat(30_000), expect: [401] },
    { label: 'form of 30,000 repeats of one key (60 KB), with secret', method: 'POST', url: withToken, headers: form, body: 'a&'.repeat(30_000), expect: [400] },
    { label: 'form of 64,000 repeats of one key (128 KB), with secret', method: 'POST', url: withToken, headers: form, body: 'a&'.repeat(64_000), expect: [413] },
    { label: 'JSON nested 5,000 levels (30 KB), no secret', method: 'POST', url: target.tokenUrl, headers: json, body: nest(5000), expect: [401] },
    { label: 'JSON nested 5,000 levels (30 KB), with secret', method: 'POST', url: withToken, headers: json, body: nest(5000), expect: [400] },
    { label: 'JSON nested 5,000 levels, basic auth', method: 'POST', url: target.basicUrl, headers: { ...json, authorization: basic(target.basicUser, target.secret) }, body: nest(5000), expect: [400] },
    { label: 'JSON array of 20,000 values, with secret', method: 'POST', url: withToken, headers: json, body: JSON.stringify({ data: new Array(20_000).fill(0) }), expect: [400] },
    { label: '1 MB form body, no secret', method: 'POST', url: target.tokenUrl, headers: form, body: `text=${'x'.repeat(1024 * 1024)}`, expect: [401] },
    { label: '1 MB form body, with secret', method: 'POST', url: withToken, headers: form, body: `text=${'x'.repeat(1024 * 1024)}`, expect: [413] },
    options.n8n
      ? {
          label: `${Math.round(hugeBytes / 1024 / 1024)} MB body, no secret`,
          method: 'POST',
          url: target.tokenUrl,
          headers: form,
          body: Buffer.alloc(hugeBytes, 0x61),
          expect: [413, 500],
          runtimeNote: 'n8n reads every webhook body before the trigger runs and refuses one over N8N_PAYLOAD_SIZE_MAX (16 MB) itself',
        }
      : {
          label: `${Math.round(hugeBytes / 1024 / 1024)} MB body, no secret`,
          method: 'POST',
          url: target.tokenUrl,
          headers: form,
          body: Buffer.alloc(hugeBytes, 0x61),
          // 0: the connection closed before the sender read the 401 (it was still sending).
          expect: [401, 0],
          runtimeNote: 'the in node answers 401 without reading and closes the connection after a body announced over 4 MiB',
        },
    { label: 'token as token[] with a valid callback', method: 'GET', url: `${target.tokenUrl}?token[]=${encodeURIComponent(target.secret)}&${statusQuery()}`, expect: [401] },
  ];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
