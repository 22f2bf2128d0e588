import type { HttpRequest, HttpResponse, Transport } from '../../../gateways/transport';

export type Handler = (request: HttpRequest, form: URLSearchParams) => HttpResponse | string | Promise<HttpResponse | string>;

/** In-memory Transport: records every request and answers with `handler` (a string is an HTTP 200 body). */
export class FakeTransport implements Transport {
  readonly requests: HttpRequest[] = [];

  constructor(private handler: Handler) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const answer = await this.handler(request, new URLSearchParams(request.body ?? ''));
    return typeof answer === 'string' ? { status: 200, headers: {}, body: answer } : answer;
  }

  /** The command of each request: 'auth', 'sendmsg', ... ('routeCoverage' for the utils call). */
  commands(): string[] {
    return this.requests.map((request) => commandOf(request));
  }

  forms(command?: string): URLSearchParams[] {
    return this.requests.filter((request) => command === undefined || commandOf(request) === command).map((request) => new URLSearchParams(request.body ?? ''));
  }
}

export function commandOf(request: HttpRequest): string {
  return new URL(request.url).pathname.split('/').pop() ?? '';
}

/** A promise with its resolve exposed, to hold an answer back until the test releases it. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

export const CREDENTIALS = {
  apiId: '3344556',
  user: 'acme-user',
  password: 'S3cr3t&Pa ss=word',
  authMode: 'session' as const,
};

export const SESSION_1 = 'a5d8e0c1f2b3a4958677e6d5c4b3a291';
export const SESSION_2 = 'b6e9f1d2a3c4b5069788f7e6d5c4b3a2';
