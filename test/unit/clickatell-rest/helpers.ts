import { GatewayError } from '../../../gateways/errors';
import type { HttpRequest, HttpResponse, Transport } from '../../../gateways/transport';

export const TOKEN = '4ZnXsl.LcQrDI4ZHWBt6_J1KLqNZVV7Tfg9KK25nd1EYaQ7SPP2mmLkODKhzJ1S';
export const CREDENTIALS = { token: TOKEN };
export const NOW = new Date('2025-03-10T08:00:00Z');

/** A JSON response; `body` objects are serialized, strings are sent as they are. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** The GatewayError `run` throws (fails the test when it returns or throws something else). */
export function thrown(run: () => unknown): GatewayError {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error(`expected a GatewayError, got ${JSON.stringify(result)}`);
}

export async function rejected(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a GatewayError');
}

/** In-memory Transport: records every request and answers from `handler`. */
export class FakeTransport implements Transport {
  readonly requests: HttpRequest[] = [];

  constructor(private readonly handler: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    return this.handler(request);
  }
}
