import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from '../gateways/provider';
import { CLICKATELL_HTTP_COMMANDS, handleClickatellHttp } from './clickatell-http';
import { handleClickatellPortal, portalApiOf, portalError, portalRouteName } from './clickatell-portal';
import { handleClickatellRest, negotiate, restError, restReply, restErrorBody, restRouteName } from './clickatell-rest';
import { CLICKSEND_ENDPOINTS, clickSendError, handleClickSend } from './clicksend';
import { clickSendV3RouteName, handleClickSendV3, v3Error } from './clicksend-v3';
import type { ResolvedOptions } from './config';
import type { SandboxCore } from './core';
import { type Fault, MALFORMED_BODIES } from './faults';
import { handleSandbox } from './inspect';
import { createWebRoutes } from './web-routes';
import { jsonReply, type Reply, type RequestContext, textReply } from './wire';

/**
 * The HTTP front: route a request to one API, read its body (with a size cap), apply faults, answer.
 * Whatever a request contains, the answer is the provider's own error form, never a stack trace.
 */

interface Route {
  api: Provider | 'sandbox' | null;
  /** Name for statistics and fault scoping; a fixed set, so odd paths cannot grow the counters. */
  name: string;
  handle: (context: RequestContext) => Reply;
}

export interface ServerDeps {
  core: SandboxCore;
  options: ResolvedOptions;
  baseUrl: () => string;
  initialFaults: unknown[];
}

const CLICKSEND_PATH = /^\/http\/v2\/([A-Za-z_]+)(?:\.php)?\/?$/;
const CLICKATELL_HTTP_PATH = /^\/http\/([A-Za-z_]+)(?:\.php)?\/?$/;
const ROUTE_COVERAGE_PATH = /^\/utils\/routecoverage(?:\.php)?\/?$/i;
const SANDBOX_RESOURCES: ReadonlySet<string> = new Set(['', 'messages', 'callbacks', 'inbound', 'stats', 'reset', 'accounts', 'faults', 'sessions']);
const CLICKATELL_COMMANDS: ReadonlySet<string> = new Set(CLICKATELL_HTTP_COMMANDS);
const CLICKSEND_NAMES: ReadonlySet<string> = new Set(CLICKSEND_ENDPOINTS.map((endpoint) => endpoint.replace(/\.php$/, '')));

function resolve(deps: ServerDeps, method: string, path: string): Route {
  const { core } = deps;
  if (path === '/sandbox' || path.startsWith('/sandbox/')) {
    const resource = path.split('/')[2] ?? '';
    const name = SANDBOX_RESOURCES.has(resource) ? `${method} /sandbox${resource ? `/${resource}` : ''}` : `${method} /sandbox (unknown)`;
    return { api: 'sandbox', name, handle: (context) => handleSandbox(core, context, { baseUrl: deps.baseUrl(), initialFaults: deps.initialFaults }) };
  }
  // /http/v2/... shares its prefix with /http/<command>: ClickSend first.
  if (path.startsWith('/http/v2/') || path === '/http/v2') {
    const match = CLICKSEND_PATH.exec(path);
    const endpoint = match && CLICKSEND_NAMES.has(match[1].toLowerCase()) ? `${match[1].toLowerCase()}.php` : null;
    return { api: 'clicksend', name: endpoint ?? '(unknown)', handle: (context) => (endpoint ? handleClickSend(core, context, endpoint) : textReply(404, 'Not Found')) };
  }
  const command = CLICKATELL_HTTP_PATH.exec(path)?.[1].toLowerCase() ?? (ROUTE_COVERAGE_PATH.test(path) ? 'routecoverage' : null);
  if (command !== null) {
    const known = command === 'routecoverage' || CLICKATELL_COMMANDS.has(command);
    return { api: 'clickatell-http', name: known ? command : '(unknown)', handle: (context) => (known ? handleClickatellHttp(core, context, command) : textReply(404, 'Not Found')) };
  }
  if (path === '/rest' || path.startsWith('/rest/')) {
    return { api: 'clickatell-rest', name: restRouteName(method, path) ?? `${method} (unknown)`, handle: (context) => handleClickatellRest(core, context) };
  }
  if (path === '/v3' || path.startsWith('/v3/')) {
    return { api: 'clicksend-v3', name: clickSendV3RouteName(method, path) ?? `${method} (unknown)`, handle: (context) => handleClickSendV3(core, context) };
  }
  const portal = portalApiOf(path);
  if (portal !== null) {
    return { api: portal, name: portalRouteName(method, path) ?? `${method} (unknown)`, handle: (context) => handleClickatellPortal(core, context) };
  }
  if (path === '/' || path === '') {
    // A browser gets the web page (web-routes.ts); anything else this pointer to the JSON API.
    return { api: null, name: 'GET /', handle: () => jsonReply(200, { name: 'SMS gateway sandbox', info: `${deps.baseUrl()}/sandbox`, page: `${deps.baseUrl()}/` }) };
  }
  return { api: null, name: '(unknown)', handle: () => textReply(404, 'Not Found') };
}

/** The API's own answer for a request the sandbox could not handle (internal error or oversized body). */
function providerError(api: Route['api'], headers: IncomingMessage['headers'], status: number, now: number): Reply {
  switch (api) {
    case 'clickatell-http':
      return textReply(status, status === 413 ? 'ERR: 101, Invalid or missing parameters' : 'ERR: 901, Internal error');
    case 'clickatell-rest': {
      const format = negotiate(headers.accept as string | undefined) ?? 'json';
      return status === 413 ? restReply(413, { error: restErrorBody('100', now) }, format) : restError('901', format, now);
    }
    case 'clickatell-platform':
    case 'clickatell-one':
      // 21 "Payload data is malformed" for an oversized body; 18 "Internal error" otherwise (One API table).
      return status === 413 ? { ...portalError(api === 'clickatell-one' ? 'one' : 'platform', 21), status: 413 } : { ...portalError(api === 'clickatell-one' ? 'one' : 'platform', status === 503 ? 19 : 18), status };
    case 'clicksend-v3':
      return status === 413 ? v3Error(413, 'The request body is too large.') : v3Error(status, 'Internal server error.');
    case 'clicksend':
      // ClickSend has no code for an oversized body: the web server in front refuses it.
      return status === 413 ? textReply(413, 'Request Entity Too Large') : { ...clickSendError('2100'), status };
    default:
      return jsonReply(status, { error: status === 413 ? 'request body too large' : 'internal error' });
  }
}

function faultReply(fault: Fault, api: Provider, headers: IncomingMessage['headers'], now: number): Reply {
  if (fault.kind === '429') {
    const retry = { 'retry-after': String(fault.retryAfterSeconds) };
    if (api === 'clickatell-rest') return restReply(429, { error: { description: 'Too many requests' } }, negotiate(headers.accept as string | undefined) ?? 'json', retry);
    if (api === 'clicksend-v3') {
      const reply = v3Error(429, 'Too many requests.');
      return { ...reply, headers: { ...reply.headers, ...retry } };
    }
    return textReply(429, 'Too Many Requests', retry);
  }
  return providerError(api, headers, 503, now);
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function send(response: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  if (response.writableEnded || response.destroyed) return;
  response.writeHead(reply.status, { ...reply.headers, ...extraHeaders, 'content-length': String(Buffer.byteLength(reply.body)) });
  response.end(reply.body);
}

export function createRequestHandler(deps: ServerDeps): (request: IncomingMessage, response: ServerResponse) => void {
  const { core, options } = deps;
  const log = options.log;
  const web = createWebRoutes(core);
  return (request, response) => {
    const started = Date.now();
    const rawUrl = request.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = queryAt < 0 ? '' : rawUrl.slice(queryAt + 1);
    const method = (request.method ?? 'GET').toUpperCase();
    // The web page's own files and data are not API traffic: not counted, not logged.
    if (web.handle(request, response, method, path)) return;
    const route = resolve(deps, method, path);
    core.state.countRequest(route.api ? `${route.api} ${route.name}` : route.name);
    if (log) response.on('finish', () => log(`${method} ${path} ${response.statusCode} ${Date.now() - started}ms`));
    const traffic = core.state.traffic.begin(method, path, route.api, route.name, started);
    if (traffic) response.on('close', () => traffic.finish(response.writableFinished ? response.statusCode : null));
    const answer = (reply: Reply, extraHeaders?: Record<string, string>): void => {
      traffic?.answer(reply);
      send(response, reply, extraHeaders);
    };

    const fail = (error: unknown): void => {
      core.state.stats.internalErrors++;
      if (log) log(`internal error on ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      answer(providerError(route.api, request.headers, route.api === 'clickatell-http' || route.api === 'clicksend' ? 200 : 503, Date.now()));
    };

    void (async () => {
      const body = await readBody(request, options.maxBodyBytes);
      traffic?.request(query, request.headers, body ?? Buffer.alloc(0));
      if (body === null) {
        answer(providerError(route.api, request.headers, 413, Date.now()), { connection: 'close' });
        return;
      }
      const faults = route.api && route.api !== 'sandbox' ? core.faults.hit({ api: route.api, name: route.name, path }) : [];
      if (faults.length > 0) traffic?.faults(faults.map((fault) => fault.kind));
      core.state.stats.faultsApplied += faults.length;
      const latency = faults.filter((fault) => fault.kind === 'latency').reduce((sum, fault) => sum + fault.latencyMs, 0);
      if (latency > 0) await sleep(latency);
      const api = route.api as Provider;
      const refusal = faults.find((fault) => fault.kind === '429' || fault.kind === '503' || (fault.kind === 'reset' && !fault.processed) || (fault.kind === 'malformed' && !fault.processed));
      if (refusal?.kind === 'reset') {
        request.socket.destroy();
        return;
      }
      if (refusal?.kind === 'malformed') {
        answer(malformed(api));
        return;
      }
      if (refusal) {
        answer(faultReply(refusal, api, request.headers, Date.now()));
        return;
      }
      const context: RequestContext = {
        method,
        path,
        query,
        headers: request.headers,
        body,
        remoteAddress: request.socket.remoteAddress ?? '',
        now: Date.now(),
        expireSession: faults.some((fault) => fault.kind === 'session-expiry'),
      };
      const reply = route.handle(context);
      if (faults.some((fault) => fault.kind === 'reset')) {
        // Processed, then the connection drops: the client cannot know whether it worked.
        request.socket.destroy();
        return;
      }
      answer(faults.some((fault) => fault.kind === 'malformed') ? malformed(api) : reply);
    })().catch(fail);
  };
}

function malformed(api: Provider): Reply {
  const { contentType, body } = MALFORMED_BODIES[api];
  return { status: 200, headers: { 'content-type': contentType }, body };
}
