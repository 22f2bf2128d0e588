import { ClickatellRestClient } from '../../../gateways/clickatell-rest/client';
import { GatewayError } from '../../../gateways/errors';
import type { SmsGateway } from '../../../gateways/gateway';
import type { HttpRequest, HttpResponse } from '../../../gateways/transport';
import { CREDENTIALS, FakeTransport, NOW, TOKEN, json, rejected } from './helpers';

const ID1 = 'a55b8f8d56f33440e993aa614c68bf8b';

function client(handler: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>) {
  const transport = new FakeTransport(handler);
  return { transport, client: new ClickatellRestClient({ credentials: CREDENTIALS, transport, now: () => NOW }) };
}

describe('ClickatellRestClient', () => {
  it('is an SmsGateway with the REST limit of 500 recipients', () => {
    const gateway: SmsGateway = client(() => json(200, '')).client;
    expect(gateway.provider).toBe('clickatell-rest');
    expect(gateway.maxRecipientsPerRequest).toBe(500);
  });

  it('send: posts the JSON body and returns one outcome per recipient in order', async () => {
    const { transport, client: rest } = client((request) => {
      const body = JSON.parse(request.body!);
      return json(207, {
        data: {
          message: [
            { accepted: false, to: body.to[1], error: { code: '121', description: 'Destination mobile number blocked' } },
            { accepted: true, to: body.to[0], apiMessageId: ID1 },
          ],
        },
      });
    });
    const outcomes = await rest.send({ to: ['+27 99 900 001', '2799900002'], text: 'Hi', options: { clientReference: 'batch7' } });
    expect(transport.requests).toHaveLength(1);
    expect(transport.requests[0].method).toBe('POST');
    expect(transport.requests[0].url).toBe('https://api.clickatell.com/rest/message');
    expect(JSON.parse(transport.requests[0].body!)).toEqual({ text: 'Hi', to: ['2799900001', '2799900002'], clientMessageId: 'batch7' });
    expect(outcomes[0]).toMatchObject({ to: '2799900001', ok: true, event: { messageId: ID1, clientReference: 'batch7', timestamp: NOW.toISOString() } });
    expect(outcomes[1]).toMatchObject({ to: '2799900002', ok: false, error: { code: '121', recipient: '2799900002' } });
  });

  it('send: invalid input fails before any request', async () => {
    const { transport, client: rest } = client(() => json(202, ''));
    const error = await rejected(rest.send({ to: ['2799900001'], text: '' }));
    expect(error.field).toBe('text');
    expect(transport.requests).toHaveLength(0);
  });

  it('send: a whole-request failure is thrown', async () => {
    const { client: rest } = client(() => json(401, { error: { code: '001', description: 'Authentication failed' } }));
    const error = await rejected(rest.send({ to: ['2799900001'], text: 'Hi' }));
    expect(error).toMatchObject({ code: '001', httpStatus: 401 });
    expect(error.message).not.toContain(TOKEN);
  });

  it('getStatus returns status and charge', async () => {
    const { transport, client: rest } = client(() => json(200, { data: { charge: 1, messageStatus: '003', description: 'Delivered to gateway', apiMessageId: ID1, clientMessageId: '' } }));
    const event = await rest.getStatus(` ${ID1} `);
    expect(transport.requests[0]).toMatchObject({ method: 'GET', url: `https://api.clickatell.com/rest/message/${ID1}` });
    expect(event).toMatchObject({ messageId: ID1, state: 'sent', charge: 1, providerCode: '003' });
  });

  it('stop sends DELETE and returns the cancelled status', async () => {
    const { transport, client: rest } = client(() => json(200, { data: { messageStatus: '006', description: 'User cancelled message delivery', apiMessageId: ID1 } }));
    const event = await rest.stop(ID1);
    expect(transport.requests[0].method).toBe('DELETE');
    expect(event).toMatchObject({ state: 'cancelled', final: true });
  });

  it('getBalance and coverage', async () => {
    const { transport, client: rest } = client((request) =>
      request.url.endsWith('/balance') ? json(200, { data: { balance: '300.50' } }) : json(200, { data: { routable: true, minimumCharge: 0.8 } }),
    );
    expect((await rest.getBalance()).balance).toBe(300.5);
    expect(await rest.coverage('+27 999 123 456')).toMatchObject({ destination: '27999123456', routable: true, minimumCharge: 0.8 });
    expect(transport.requests.map((request) => request.url)).toEqual([
      'https://api.clickatell.com/rest/account/balance',
      'https://api.clickatell.com/rest/coverage/27999123456',
    ]);
  });

  it('passes a transport GatewayError through and wraps anything else as NETWORK', async () => {
    const own = new GatewayError({ provider: 'clickatell-rest', code: 'NETWORK', delivery: 'unknown' });
    expect(await rejected(client(() => Promise.reject(own)).client.getBalance())).toBe(own);
    const wrapped = await rejected(client(() => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).client.getBalance());
    expect(wrapped).toMatchObject({ code: 'NETWORK', provider: 'clickatell-rest', delivery: 'no', retryable: true });
  });
});
