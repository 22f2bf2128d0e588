import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_CREDENTIALS, startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';

/** Test tools: a sandbox on a free port with compressed time, a callback receiver, small HTTP helpers. */

export const DEMO = DEMO_CREDENTIALS;
export const HEX32 = /^[0-9a-f]{32}$/;
export const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** Lifecycle steps of ~1 ms and ~3 ms, callback retries after 120 ms, 240 ms, ... */
export const FAST = 0.001;

export function start(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, timeFactor: FAST, quiet: true, ...options });
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

export async function request(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export function form(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([name, value]): [string, string] => [name, String(value)])).toString();
}

export async function postForm(url: string, params: Record<string, string | number>): Promise<HttpResult> {
  return request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(params) });
}

export async function getQuery(url: string, params: Record<string, string | number>): Promise<HttpResult> {
  return request(`${url}?${form(params)}`);
}

// Test answers are read loosely: a wrong field fails the expectation that reads it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json<T = any>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const result = await request(url, init);
  return { status: result.status, headers: result.headers, body: JSON.parse(result.text) as T };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function putJson(url: string, body: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  return json(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function postJson(url: string, body: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  return json(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Clickatell HTTP per-request credentials of the demo account. */
export const HTTP_AUTH = { api_id: DEMO.clickatellHttp.apiId, user: DEMO.clickatellHttp.user, password: DEMO.clickatellHttp.password };
/** ClickSend demo credentials. */
export const CS_AUTH = { username: DEMO.clicksend.username, key: DEMO.clicksend.key };

export function restHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'X-Version': '1', 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${DEMO.clickatellRest.token}`, ...extra };
}

/** Text content of every `<tag>` element (no nesting of the same tag). */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1]);
}

/** Child element names of the first `<tag>` block, in order. */
export function xmlChildNames(xml: string, tag: string): string[] {
  const block = xmlValues(xml, tag)[0] ?? '';
  return [...block.matchAll(/<([A-Za-z_]+)(?:\s[^>]*)?>/g)].map((match) => match[1]);
}

/** Poll until `check` neither throws nor returns false, or fail with its last error. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== false) return value;
      throw new Error('condition still false');
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Poll until `get` returns something (not undefined, null or false). */
export function waitFor<T>(get: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  return eventually(() => {
    const value = get();
    if (value === undefined || value === null || value === false) throw new Error('nothing yet');
    return value;
  }, timeoutMs);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Received {
  method: string;
  path: string;
  /** The request line's target as received (percent-escapes untouched). */
  rawUrl: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Form fields (POST form) or query fields (GET), or the JSON object's fields, as strings. */
  fields: Record<string, string>;
  at: number;
}

/** A Receiver for the whole test file: listening before its tests, stopped after them. */
export function receiverPerFile(): Receiver {
  const receiver = new Receiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  return receiver;
}

/** A local HTTP server that records what the sandbox pushes to it and can fail on purpose. */
export class Receiver {
  readonly received: Received[] = [];
  private failures = 0;
  private failStatus = 500;
  private server!: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const target = new URL(req.url ?? '/', 'http://receiver');
        let fields: Record<string, string> = {};
        const type = req.headers['content-type'] ?? '';
        if (type.startsWith('application/json')) fields = JSON.parse(body) as Record<string, string>;
        else if (type.startsWith('application/x-www-form-urlencoded')) fields = Object.fromEntries(new URLSearchParams(body));
        else fields = Object.fromEntries([...target.searchParams].filter(([name]) => name !== 'token'));
        this.received.push({ method: req.method ?? '', path: target.pathname, rawUrl: req.url ?? '', query: target.searchParams, headers: req.headers, body, fields, at: Date.now() });
        if (this.failures > 0) {
          this.failures--;
          res.writeHead(this.failStatus).end('no');
          return;
        }
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Answer the next `count` pushes with `status` (default 500). */
  failNext(count: number, status = 500): void {
    this.failures = count;
    this.failStatus = status;
  }

  at(path: string): Received[] {
    return this.received.filter((entry) => entry.path === path);
  }

  clear(): void {
    this.received.length = 0;
    this.failures = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
