import type { Provider } from './provider';
import { exchange, type HttpRequest, type HttpResponse, type Transport } from './transport';

/** What every API client is built from: its credentials, a Transport, and a clock. */
export interface ApiClientOptions<Credentials> {
  credentials: Credentials;
  transport: Transport;
  /** Clock for scheduling checks and send timestamps (tests pass a fixed one). */
  now?: () => Date;
}

/**
 * The plumbing the API clients share: builders in, parsers out, no state between calls. A client adds
 * its provider, its limit and its operations; every request goes out through `exchange`, so a transport
 * failure is always a GatewayError named for the client's API.
 */
export abstract class ApiClient<Credentials> {
  abstract readonly provider: Provider;
  protected readonly credentials: Credentials;
  protected readonly transport: Transport;
  protected readonly now: () => Date;

  constructor(options: ApiClientOptions<Credentials>) {
    this.credentials = options.credentials;
    this.transport = options.transport;
    this.now = options.now ?? (() => new Date());
  }

  protected exchange(request: HttpRequest): Promise<HttpResponse> {
    return exchange(this.transport, this.provider, request);
  }
}
