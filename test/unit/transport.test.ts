import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayError } from '../../gateways/errors';
import { FetchTransport } from '../../gateways/transport';

const SECRET = 'S3cr3t-T0ken-9f2c';

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** A real HTTP server on 127.0.0.1 with a random port; the handler decides per path. */
async function startServer(handler: Handler): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected the request to fail');
}

/** Nothing secret may leak through any way an error is shown or logged. */
function expectNoSecret(error: GatewayError): void {
  expect(error.message).not.toContain(SECRET);
  expect(JSON.stringify(error.toJSON())).not.toContain(SECRET);
  expect(String(error)).not.toContain(SECRET);
  expect(String(error.providerText ?? '')).not.toContain(SECRET);
  expect(String(error.hint ?? '')).not.toContain(SECRET);
}

describe('FetchTransport against a local HTTP server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer((req, res, body) => {
      if (req.url?.startsWith('/echo')) {
        res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-ID': 'req-42', 'X-Mixed-Case': 'KeepValueCase' });
        res.end(JSON.stringify({ method: req.method, body }));
      } else if (req.url?.startsWith('/limited')) {
        res.writeHead(429, { 'Retry-After': '7' });
        res.end('{"error":"Too many requests"}');
      } else if (req.url?.startsWith('/hang')) {
        // Never answer: the client's timeout must fire.
      } else if (req.url?.startsWith('/drop')) {
        // The whole request was read (the gateway may act on it), then the connection dies.
        req.socket.destroy();
      } else if (req.url?.startsWith('/cut')) {
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('ID: 123');
        setTimeout(() => req.socket.destroy(), 10);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });

  afterAll(() => server.close());

  it('passes method, headers and body to the server, and status, headers and body back', async () => {
    const transport = new FetchTransport();
    const response = await transport.send({
      method: 'POST',
      url: `${server.url}/echo?x=1`,
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer abc', 'X-Version': '1' },
      body: '{"text":"Привет €"}',
    });
    const seen = server.seen[server.seen.length - 1];
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/echo?x=1');
    expect(seen.headers.authorization).toBe('Bearer abc');
    expect(seen.headers['x-version']).toBe('1');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.body).toBe('{"text":"Привет €"}');

    expect(response.status).toBe(201);
    expect(JSON.parse(response.body)).toEqual({ method: 'POST', body: '{"text":"Привет €"}' });
    expect(response.headers['x-request-id']).toBe('req-42');
    expect(response.headers['x-mixed-case']).toBe('KeepValueCase');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(response.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('sends GET and DELETE without a body', async () => {
    const transport = new FetchTransport();
    for (const method of ['GET', 'DELETE'] as const) {
      const response = await transport.send({ method, url: `${server.url}/echo`, headers: {} });
      expect(JSON.parse(response.body)).toEqual({ method, body: '' });
    }
  });

  it('returns HTTP error statuses as responses, not exceptions (parsers decide)', async () => {
    const response = await new FetchTransport().send({ method: 'GET', url: `${server.url}/limited`, headers: {} });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.body).toBe('{"error":"Too many requests"}');
  });

  it('turns a timeout into NETWORK with delivery unknown, not retryable, and no secret', async () => {
    const transport = new FetchTransport({ timeoutMs: 150, provider: 'clickatell-rest' });
    const error = await failure(
      transport.send({
        method: 'POST',
        url: `${server.url}/hang?api_key=${SECRET}`,
        headers: { Authorization: `Bearer ${SECRET}` },
        body: `password=${SECRET}`,
      }),
    );
    expect(error.code).toBe('NETWORK');
    expect(error.provider).toBe('clickatell-rest');
    expect(error.delivery).toBe('unknown');
    expect(error.retryable).toBe(false);
    expect(error.providerText).toBe('request timed out');
    expectNoSecret(error);
  });

  it('turns a refused connection into delivery no, retryable, and no secret', async () => {
    const closed = await startServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const transport = new FetchTransport({ provider: 'clicksend' });
    const error = await failure(
      transport.send({ method: 'POST', url: `${url}/send.php?key=${SECRET}`, headers: {}, body: `username=u&key=${SECRET}` }),
    );
    expect(error.code).toBe('NETWORK');
    expect(error.provider).toBe('clicksend');
    expect(error.delivery).toBe('no');
    expect(error.retryable).toBe(true);
    expect(error.providerText).toContain('ECONNREFUSED');
    expectNoSecret(error);
  });

  it('turns a connection dropped after the request was read into delivery unknown, not retryable', async () => {
    const error = await failure(
      new FetchTransport().send({ method: 'POST', url: `${server.url}/drop?session_id=${SECRET}`, headers: {}, body: `password=${SECRET}&to=27821` }),
    );
    expect(server.seen[server.seen.length - 1].body).toBe(`password=${SECRET}&to=27821`);
    expect(error.code).toBe('NETWORK');
    expect(error.delivery).toBe('unknown');
    expect(error.retryable).toBe(false);
    expectNoSecret(error);
  });

  it('treats a body cut after the status line as delivery unknown', async () => {
    const error = await failure(new FetchTransport().send({ method: 'GET', url: `${server.url}/cut?password=${SECRET}`, headers: {} }));
    expect(error.code).toBe('NETWORK');
    expect(error.delivery).toBe('unknown');
    expect(error.retryable).toBe(false);
    expectNoSecret(error);
  });
});
