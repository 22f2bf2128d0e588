/**
 * The Node-RED nodes' transport (node-red/shared/http-transport.ts) against real local servers: what it
 * sends and reads, and how each kind of failure is reported (whether the request may have been acted on).
 * The three config nodes' tests exercise it against the sandbox as well.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isGatewayError } from '../../../gateways/errors';
import { NodeHttpTransport } from '../../../node-red/shared/http-transport';

const servers: Server[] = [];
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isGatewayError(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('NodeHttpTransport', () => {
  it('sends method, headers and body, and returns the status, lower-case headers and the body as text', async () => {
    let seen: { method?: string; auth?: string; length?: string; body: string } = { body: '' };
    const url = await serve((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen = { method: req.method, auth: req.headers.authorization, length: req.headers['content-length'], body };
        res.writeHead(207, { 'X-Answer': 'yes', 'Content-Type': 'application/json' });
        res.end('{"data":"é"}');
      });
    });
    const transport = new NodeHttpTransport({ provider: 'clickatell-rest' });
    const response = await transport.send({ method: 'POST', url: `${url}/rest/message`, headers: { Authorization: 'Bearer t' }, body: '{"text":"Grüße"}' });
    expect(seen).toEqual({ method: 'POST', auth: 'Bearer t', length: String(Buffer.byteLength('{"text":"Grüße"}')), body: '{"text":"Grüße"}' });
    expect(response).toMatchObject({ status: 207, body: '{"data":"é"}' });
    expect(response.headers['x-answer']).toBe('yes');
  });

  it('reports a refused connection as NETWORK, certainly not sent', async () => {
    const url = await serve(() => undefined);
    servers[0].close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const error = await failure(new NodeHttpTransport({ provider: 'clicksend' }).send({ method: 'GET', url, headers: {} }));
    expect(error).toMatchObject({ code: 'NETWORK', provider: 'clicksend', delivery: 'no', retryable: true });
  });

  it('gives up after the timeout; the request may have been acted on', async () => {
    const url = await serve(() => undefined); // never answers
    const error = await failure(new NodeHttpTransport({ provider: 'clickatell-http', timeoutMs: 100 }).send({ method: 'POST', url, headers: {}, body: 'x=1' }));
    expect(error).toMatchObject({ code: 'NETWORK', providerText: 'request timed out', delivery: 'unknown', retryable: false });
  });

  it('reports a body cut after the status line as NETWORK with delivery unknown', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('ID: abc');
      setTimeout(() => res.destroy(), 20);
    });
    const error = await failure(new NodeHttpTransport({ provider: 'clickatell-http' }).send({ method: 'GET', url, headers: {} }));
    expect(error).toMatchObject({ code: 'NETWORK', delivery: 'unknown' });
  });
});
