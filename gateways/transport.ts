import { GatewayError, type Delivery } from './errors';
import type { Provider } from './provider';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A fully built HTTP request: the builders in each API folder produce these, a Transport sends them. */
export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * The only way gateways/ code does I/O. n8n wraps its own http helper; Node-RED and the rest use
 * FetchTransport (Node's built-in fetch: the project's one HTTP client outside n8n).
 * A transport throws GatewayError code 'NETWORK' (with `delivery`) when no HTTP response arrived.
 */
export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>;
}

export interface FetchTransportOptions {
  /** Abort a request that has not answered after this many milliseconds (default 30 s). */
  timeoutMs?: number;
  provider?: Provider;
}

/** Error codes from Node's networking that prove the request never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Transport on Node's built-in fetch (undici), which keeps connections alive by default. */
export class FetchTransport implements Transport {
  private readonly timeoutMs: number;
  private readonly provider: Provider;

  constructor(options: FetchTransportOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.provider = options.provider ?? 'clickatell-http';
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw networkError(this.provider, error);
    }
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      // The server answered with a status line but the body was cut: it has acted on the request.
      throw networkError(this.provider, error, 'unknown');
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body };
  }
}

/**
 * Send one request for an API client: the response, or a GatewayError. Transports throw GatewayError
 * 'NETWORK'; anything else they throw is wrapped the same way, named for the client's API.
 */
export async function exchange(transport: Transport, provider: Provider, request: HttpRequest): Promise<HttpResponse> {
  try {
    return await transport.send(request);
  } catch (error) {
    throw error instanceof GatewayError ? error : networkError(provider, error);
  }
}

/** Turn a fetch failure into a GatewayError that says whether the request may have been acted on. */
export function networkError(provider: Provider, error: unknown, delivery?: Delivery): GatewayError {
  const cause = (error as { cause?: { code?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code ?? (error as Error)?.name ?? 'UNKNOWN';
  // fetch's timeout is a DOMException whose legacy numeric `code` (23) hides its name.
  const name = (error as Error)?.name;
  const timedOut = [code, name].some((value) => value === 'TimeoutError' || value === 'AbortError');
  const notSent = NOT_SENT_CODES.has(code);
  const outcome: Delivery = delivery ?? (notSent ? 'no' : 'unknown');
  return new GatewayError({
    provider,
    code: 'NETWORK',
    providerText: timedOut ? 'request timed out' : `connection failed (${code})`,
    hint: notSent
      ? 'Check the base URL in the credentials and that the gateway is reachable.'
      : 'The gateway may have accepted the request; check the message status before sending again.',
    delivery: outcome,
    // Safe to repeat only when the request certainly never reached the gateway.
    retryable: outcome === 'no',
  });
}
