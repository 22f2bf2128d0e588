import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import type { Provider } from '../../gateways/provider';
import { networkError, type HttpRequest, type HttpResponse, type Transport } from '../../gateways/transport';

export interface NodeHttpTransportOptions {
  provider: Provider;
  /** Abort a request that has not been fully answered after this many milliseconds (default 30 s). */
  timeoutMs?: number;
}

/** Named as fetch names its timeout, so networkError reports it the same way ('request timed out'). */
class RequestTimeout extends Error {
  override name = 'TimeoutError';
}

/**
 * The Node-RED nodes' transport, on node:http / node:https with keep-alive connections (one pool per
 * config node). Same contract as gateways' FetchTransport, but about a quarter of its CPU per request:
 * measured on Node 20, 0.12–0.19 ms against 0.51–0.66 ms for fetch (undici turns every string body into a
 * web stream and back), which made a flow of distinct msgs cost more CPU per msg than Node-RED's own
 * http request node (scripts/bench, issue 13). Like the http request node, it does not follow redirects:
 * none of the three APIs answers a send with one, and an unexpected 3xx is reported, not followed.
 * n8n never loads this file (node-red/ is not part of the n8n package).
 */
export class NodeHttpTransport implements Transport {
  private readonly provider: Provider;
  private readonly timeoutMs: number;
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true });

  constructor(options: NodeHttpTransportOptions) {
    this.provider = options.provider;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch (error) {
        reject(networkError(this.provider, error, 'no'));
        return;
      }
      const secure = url.protocol === 'https:';
      const headers: Record<string, string | number> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
      let answered = false;
      const outgoing = (secure ? httpsRequest : httpRequest)(url, { method: request.method, headers, agent: secure ? this.httpsAgent : this.httpAgent }, (response: IncomingMessage) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          const responseHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: response.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8') });
        });
        // The server answered with a status line but the body was cut: it has acted on the request.
        response.on('error', (error) => fail(error, 'unknown'));
        response.on('aborted', () => fail(new Error('response aborted'), 'unknown'));
      });
      const timer = setTimeout(() => outgoing.destroy(new RequestTimeout('request timed out')), this.timeoutMs);
      const fail = (error: unknown, delivery?: 'unknown'): void => {
        clearTimeout(timer);
        reject(networkError(this.provider, error, delivery ?? (answered ? 'unknown' : undefined)));
      };
      outgoing.on('error', (error) => fail(error));
      outgoing.end(request.body);
    });
  }
}
