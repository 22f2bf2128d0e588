import { ClickSendClient } from '../../../gateways/clicksend/client';
import { GatewayError } from '../../../gateways/errors';
import type { SmsGateway } from '../../../gateways/gateway';
import type { HttpRequest, HttpResponse } from '../../../gateways/transport';
import { BALANCE_RESPONSE, DELIVERY_RESPONSE, HISTORY_RESPONSE, REPLY_RESPONSE } from './fixtures';
import { FakeTransport, NOW, rejected, xml } from './helpers';

const CREDENTIALS = { username: 'myusername', key: 'SECRET-KEY-1234' };

function client(handler: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>) {
  const transport = new FakeTransport(handler);
  return { transport, client: new ClickSendClient({ credentials: CREDENTIALS, transport, now: () => NOW }) };
}

function form(request: HttpRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.body ?? ''));
}

describe('ClickSendClient', () => {
  it('is an SmsGateway with the ClickSend limit of 1000 recipients', () => {
    const gateway: SmsGateway = client(() => xml('')).client;
    expect(gateway.provider).toBe('clicksend');
    expect(gateway.maxRecipientsPerRequest).toBe(1000);
  });

  it('send: posts the form and returns outcomes in request order', async () => {
    const { transport, client: clicksend } = client((request) => {
      const [first, second] = form(request).to.split(',');
      return xml(
        `<xml><messages recipientcount="2">` +
          `<message><to>${second}</to><messageid></messageid><result>2015</result><errortext>Invalid recipient</errortext></message>` +
          `<message><to>${first}</to><messageid>ID-1</messageid><result>0000</result><errortext>Success</errortext><price>0.05</price></message>` +
          `</messages></xml>`,
      );
    });
    const outcomes = await clicksend.send({ to: ['+61 411 111 111', '+61422222222'], text: 'Hello', options: { clientReference: 'order-7' } });
    expect(transport.requests[0].url).toBe('https://api-mapper.clicksend.com/http/v2/send.php');
    expect(form(transport.requests[0])).toEqual({
      method: 'http',
      username: 'myusername',
      key: 'SECRET-KEY-1234',
      to: '+61411111111,+61422222222',
      message: 'Hello',
      customstring: 'order-7',
    });
    expect(outcomes[0]).toMatchObject({ to: '+61411111111', ok: true, event: { messageId: 'ID-1', charge: 0, raw: { price: '0.05' }, clientReference: 'order-7' } }); // a free test number
    expect(outcomes[1]).toMatchObject({ to: '+61422222222', ok: false, error: { code: '2015', recipient: '+61422222222' } });
  });

  it('send: invalid input fails before any request', async () => {
    const { transport, client: clicksend } = client(() => xml(''));
    expect((await rejected(clicksend.send({ to: ['+61411111111'], text: 'x'.repeat(961) }))).field).toBe('text');
    expect(transport.requests).toHaveLength(0);
  });

  it('send: invalid credentials fail the whole request without showing the key', async () => {
    const { client: clicksend } = client(() => xml(`<xml><result>2022</result><errortext>Invalid credentials</errortext></xml>`));
    const error = await rejected(clicksend.send({ to: ['+61411111111'], text: 'Hi' }));
    expect(error.code).toBe('2022');
    expect(JSON.stringify(error.toJSON())).not.toContain('SECRET-KEY-1234');
    expect(error.message).not.toContain('SECRET-KEY-1234');
  });

  it('getReplies, getDeliveryReports, getHistory and getBalance call their endpoints', async () => {
    const answers: Record<string, string> = {
      'reply.php': REPLY_RESPONSE,
      'delivery.php': DELIVERY_RESPONSE,
      'history.php': HISTORY_RESPONSE,
      'balance.php': BALANCE_RESPONSE,
    };
    const { transport, client: clicksend } = client((request) => xml(answers[request.url.split('/').pop()!]));
    expect(await clicksend.getReplies('MSG-1')).toHaveLength(2);
    expect((await clicksend.getDeliveryReports()).map((event) => event.state)).toEqual(['delivered', 'failed']);
    expect((await clicksend.getHistory('me@example.com')).map((event) => event.type)).toEqual(['message.sent', 'message.inbound']);
    expect((await clicksend.getBalance()).balance).toBe(125);
    expect(transport.requests.map((request) => [request.url.split('/').pop(), form(request).messageid ?? form(request).from_email ?? null])).toEqual([
      ['reply.php', 'MSG-1'],
      ['delivery.php', null],
      ['history.php', 'me@example.com'],
      ['balance.php', null],
    ]);
  });

  it('non-2xx HTTP: HTTP_<status>, 429/503 retryable with delivery no', async () => {
    const limited = await rejected(client(() => xml('', 429, { 'retry-after': '2' })).client.getBalance());
    expect(limited).toMatchObject({ code: 'HTTP_429', retryable: true, delivery: 'no', retryAfterMs: 2000 });
    const unavailable = await rejected(client(() => xml('<html>down</html>', 503)).client.send({ to: ['+61411111111'], text: 'Hi' }));
    expect(unavailable).toMatchObject({ code: 'HTTP_503', retryable: true, delivery: 'no' });
    const broken = await rejected(client(() => xml('', 500)).client.getHistory());
    expect(broken).toMatchObject({ code: 'HTTP_500', retryable: false, delivery: 'unknown' });
  });

  it('passes a transport GatewayError through and wraps anything else as NETWORK', async () => {
    const own = new GatewayError({ provider: 'clicksend', code: 'NETWORK', delivery: 'unknown' });
    expect(await rejected(client(() => Promise.reject(own)).client.getBalance())).toBe(own);
    const wrapped = await rejected(client(() => Promise.reject(new TypeError('fetch failed'))).client.getBalance());
    expect(wrapped).toMatchObject({ code: 'NETWORK', provider: 'clicksend' });
  });
});
