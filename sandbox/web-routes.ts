import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxCore } from './core';
import { PAGE_HTML } from './web/page-html';
import { PAGE_CSS } from './web/page-css';
import { PAGE_SCRIPT } from './web/page-script';
import { pageSnapshot } from './web/snapshot';

/**
 * The sandbox's own web page (see sandbox/README.md, "The sandbox's web page"): the page at `/` for a
 * browser, its stylesheet and script under /ui/, and the data it reads:
 *   GET /sandbox/snapshot   messages, inbound, callbacks, traffic, accounts, faults (JSON)
 *   GET /sandbox/events     the same document as Server-Sent Events, sent again whenever it changes
 *   GET /sandbox/traffic    the traffic log alone (JSON)
 * Everything the page changes goes through the /sandbox/ JSON API a script would use (inbound, faults,
 * reset). The files are strings in TypeScript modules: no build step and nothing to copy into dist/.
 */

/** How often an open event stream looks for changes. Statuses move with time, not with requests. */
export const EVENT_INTERVAL_MS = 1000;
/** A comment line now and then keeps proxies and idle timeouts from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * The page may load only its own files and talk only to the sandbox: no inline script, nothing from
 * elsewhere, no framing. Text from messages is put on the page as text, never as markup.
 */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const ASSETS: Readonly<Record<string, { type: string; body: string }>> = {
  '/ui/page.css': { type: 'text/css; charset=utf-8', body: PAGE_CSS },
  '/ui/page.js': { type: 'text/javascript; charset=utf-8', body: PAGE_SCRIPT },
};

export interface WebRoutes {
  /** Answer the request when it is one of the page's routes; false when it is not (the API handles it). */
  handle(request: IncomingMessage, response: ServerResponse, method: string, path: string): boolean;
}

function wantsHtml(request: IncomingMessage): boolean {
  return /\btext\/html\b/i.test(String(request.headers.accept ?? ''));
}

function reply(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...PAGE_HEADERS, ...headers });
  response.end(body);
}

export function createWebRoutes(core: SandboxCore): WebRoutes {
  return {
    handle(request, response, method, path) {
      if (method !== 'GET' && method !== 'HEAD') return false;
      if ((path === '/' || path === '/index.html') && wantsHtml(request)) {
        reply(response, 200, 'text/html; charset=utf-8', PAGE_HTML);
        return true;
      }
      const asset = ASSETS[path];
      if (asset) {
        reply(response, 200, asset.type, asset.body);
        return true;
      }
      switch (path.replace(/\/+$/, '')) {
        case '/sandbox/snapshot':
          reply(response, 200, 'application/json; charset=utf-8', JSON.stringify(pageSnapshot(core, Date.now())));
          return true;
        case '/sandbox/traffic':
          reply(response, 200, 'application/json; charset=utf-8', JSON.stringify({ count: core.state.traffic.length, traffic: core.state.traffic.list() }));
          return true;
        case '/sandbox/events':
          streamEvents(core, request, response);
          return true;
        default:
          return false;
      }
    },
  };
}

/**
 * Server-Sent Events: the snapshot now, then again each time it differs. One timer per open page,
 * stopped when the page goes away or the sandbox closes (closeAllConnections ends the stream).
 */
function streamEvents(core: SandboxCore, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { ...PAGE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
  // A dropped stream reconnects after a second (EventSource's own default is three).
  response.write('retry: 1000\n\n');
  let last = '';
  let quietSince = Date.now();
  const tick = (): void => {
    if (response.destroyed || response.writableEnded) return;
    const now = Date.now();
    const data = JSON.stringify(pageSnapshot(core, now));
    if (data !== last) {
      last = data;
      quietSince = now;
      response.write(`event: snapshot\ndata: ${data}\n\n`);
    } else if (now - quietSince >= HEARTBEAT_MS) {
      quietSince = now;
      response.write(': still here\n\n');
    }
  };
  tick();
  const timer = setInterval(tick, EVENT_INTERVAL_MS);
  // The timer must never keep a process alive that is otherwise done (tests, CLI shutdown).
  timer.unref();
  const stop = (): void => clearInterval(timer);
  request.on('close', stop);
  response.on('close', stop);
}
