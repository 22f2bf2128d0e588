import { ClickatellOneClient, ClickatellPlatformClient, PORTAL_OPERATIONS } from '../../../gateways/clickatell-portal';
import type { SmsGateway } from '../../../gateways/gateway';
import type { HttpRequest, HttpResponse } from '../../../gateways/transport';
import { API_KEY, CREDENTIALS, FakeTransport, NOW, json, rejected } from './helpers';

const ID = '77fb29998253415fa5d66971d519d362';

function transport(handler: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>) {
  return new FakeTransport(handler);
}

describe('ClickatellPlatformClient', () => {
  it('is an SmsGateway with the documented limit of 200', () => {
    const gateway: SmsGateway = new ClickatellPlatformClient({ credentials: CREDENTIALS, transport: transport(() => json(200, '')) });
    expect(gateway).toMatchObject({ provider: 'clickatell-platform', maxRecipientsPerRequest: 200 });
  });

  it('send: one request, one outcome per recipient with the send timestamp', async () => {
    const fake = transport((request) => {
      const body = JSON.parse(request.body!);
      return json(202, { messages: body.to.map((to: string, i: number) => ({ apiMessageId: `${i}${ID.slice(1)}`, accepted: true, to })), error: null });
    });
    const client = new ClickatellPlatformClient({ credentials: CREDENTIALS, transport: fake, now: () => NOW });
    const outcomes = await client.send({ to: ['+27 99 900 0001', '27999000002'], text: 'Hi' });
    expect(fake.requests).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.ok && outcome.event.timestamp)).toEqual([NOW.toISOString(), NOW.toISOString()]);
  });

  it('send: invalid input fails before any request; a network failure may have sent', async () => {
    const fake = transport(() => {
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    });
    const client = new ClickatellPlatformClient({ credentials: CREDENTIALS, transport: fake });
    expect((await rejected(client.send({ to: ['27999000001'], text: '' }))).field).toBe('text');
    expect(fake.requests).toHaveLength(0);
    const error = await rejected(client.send({ to: ['27999000001'], text: 'Hi' }));
    expect(error).toMatchObject({ code: 'NETWORK', provider: 'clickatell-platform', certainlyNotSent: false });
  });

  it('getBalance reads amount and currency; a wrong key is a whole-request error without the key', async () => {
    const ok = new ClickatellPlatformClient({ credentials: CREDENTIALS, transport: transport(() => json(200, { balance: 12.34, currency: 'ZAR' })) });
    expect(await ok.getBalance()).toMatchObject({ balance: 12.34, currency: 'ZAR' });
    const denied = new ClickatellPlatformClient({ credentials: CREDENTIALS, transport: transport(() => json(401, { errorCode: 1, error: 'Invalid API key', errorDescription: `Key ${API_KEY.slice(0, 3)}… refused` })) });
    const error = await rejected(denied.getBalance());
    expect(error).toMatchObject({ code: '1', httpStatus: 401 });
    expect(error.message).not.toContain(API_KEY);
  });

  it('an HTTP integration sends one recipient per GET, and says so in its limit', async () => {
    const fake = transport((request) => json(202, { messages: [{ apiMessageId: ID, accepted: true, to: new URL(request.url).searchParams.get('to') }], error: null }));
    const client = new ClickatellPlatformClient({ credentials: { ...CREDENTIALS, integrationType: 'http' }, transport: fake });
    expect(client.maxRecipientsPerRequest).toBe(1);
    const [outcome] = await client.send({ to: ['27999000001'], text: 'Hi' });
    expect(outcome).toMatchObject({ ok: true, event: { messageId: ID } });
    expect(fake.requests[0].method).toBe('GET');
    expect((await rejected(client.send({ to: ['27999000001', '27999000002'], text: 'Hi' }))).field).toBe('to');
    expect(fake.requests).toHaveLength(1);
  });

  it('offers no status query (unconfirmed), as PORTAL_OPERATIONS says', () => {
    expect(PORTAL_OPERATIONS['clickatell-platform']).toEqual(['send', 'balance']);
    expect((new ClickatellPlatformClient({ credentials: CREDENTIALS, transport: transport(() => json(200, '')) }) as unknown as Record<string, unknown>).getStatus).toBeUndefined();
  });
});

describe('ClickatellOneClient', () => {
  it('send posts one SMS message per recipient; getStatus reads the sms entry', async () => {
    const fake = transport((request) =>
      request.method === 'POST' ? json(202, { messages: [{ apiMessageId: ID, accepted: true, to: '27999000001', error: null }], error: null }) : json(200, { sms: { status: 'SENT_TO_SUPPLIER', timestamp: 1506607698000 } }),
    );
    const client = new ClickatellOneClient({ credentials: CREDENTIALS, transport: fake, now: () => NOW });
    const [outcome] = await client.send({ to: ['27999000001'], text: 'Hi', options: { clientReference: 'r1' } });
    expect(outcome).toMatchObject({ ok: true, event: { provider: 'clickatell-one', messageId: ID, clientReference: 'r1' } });
    expect(JSON.parse(fake.requests[0].body!)).toEqual({ messages: [{ channel: 'sms', to: '27999000001', content: 'Hi', clientMessageId: 'r1' }] });
    const status = await client.getStatus(` ${ID} `);
    expect(fake.requests[1]).toMatchObject({ method: 'GET', url: `https://platform.clickatell.com/v1/message/${ID}` });
    expect(status).toMatchObject({ messageId: ID, state: 'sent', providerCode: 'SENT_TO_SUPPLIER' });
  });

  it('offers no balance (unconfirmed), as PORTAL_OPERATIONS says', () => {
    expect(PORTAL_OPERATIONS['clickatell-one']).toEqual(['send', 'status']);
    expect((new ClickatellOneClient({ credentials: CREDENTIALS, transport: transport(() => json(200, '')) }) as unknown as Record<string, unknown>).getBalance).toBeUndefined();
  });
});
