import { ClickSendV3Client } from '../../../gateways/clicksend-v3/client';
import type { SmsGateway } from '../../../gateways/gateway';
import type { HttpRequest, HttpResponse } from '../../../gateways/transport';
import { FakeTransport, json, rejected } from '../clickatell-rest/helpers';
import {
  ACCOUNT_RESPONSE,
  CANCEL_ALL_RESPONSE,
  CANCEL_RESPONSE,
  HISTORY_RESPONSE,
  INBOUND_RESPONSE,
  INBOUND_RULES_RESPONSE,
  PRICE_RESPONSE,
  RECEIPT_RESPONSE,
  RECEIPTS_RESPONSE,
  SEND_RESPONSE,
} from './fixtures';

const CREDENTIALS = { username: 'myusername', key: 'SECRET-KEY-1234' };
const NOW = new Date('2025-03-10T08:00:00Z');

function client(handler: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>) {
  const transport = new FakeTransport(handler);
  return { transport, client: new ClickSendV3Client({ credentials: CREDENTIALS, transport, now: () => NOW }) };
}

function envelope(data: unknown, code = 'SUCCESS', status = 200, message = 'ok') {
  return json(status, { http_code: status, response_code: code, response_msg: message, data });
}

describe('ClickSendV3Client.send', () => {
  it('is an SmsGateway of provider clicksend-v3 batching up to 1000 messages', () => {
    const gateway: SmsGateway = client(() => envelope([])).client;
    expect(gateway.provider).toBe('clicksend-v3');
    expect(gateway.maxRecipientsPerRequest).toBe(1000);
  });

  it("reads the documented answer: one sent event per recipient with ClickSend's id, price and parts", async () => {
    const { transport, client: v3 } = client(() => json(200, SEND_RESPONSE));
    const outcomes = await v3.send({ to: ['+61422222222', '+61411111111'], text: 'Jelly liquorice marshmallow candy carrot cake 4Eyffjs1vL.' });
    expect(transport.requests[0].url).toBe('https://rest.clicksend.com/v3/sms/send');
    // Paired by number, not by position.
    expect(outcomes.map((outcome) => outcome.ok && outcome.event.messageId)).toEqual(['D0C273EE-816D-4DF2-8E9D-9D9C65F168F3', 'BF7AD270-0DE2-418B-B606-71D527D9C1AE']);
    expect(outcomes[1]).toMatchObject({
      ok: true,
      event: {
        type: 'message.sent',
        provider: 'clicksend-v3',
        state: 'accepted',
        providerCode: 'SUCCESS',
        clientReference: 'this is a test',
        from: 'sendmobile',
        parts: 1,
        // +61411111111 is a documented test number: quoted 0.07, never charged.
        charge: 0,
        timestamp: NOW.toISOString(),
        raw: { message_price: 0.07, carrier: 'Telstra' },
      },
    });
  });

  it('charges the quoted price for an ordinary number and marks a scheduled send', async () => {
    const { client: v3 } = client((request) => {
      const [message] = JSON.parse(request.body!).messages;
      return envelope({ messages: [{ to: message.to, message_id: 'ID-1', message_price: '0.0770', message_parts: 2, status: 'SUCCESS' }] });
    });
    const [outcome] = await v3.send({ to: ['+15550001111'], text: 'x'.repeat(200), options: { scheduledAt: new Date('2030-01-01T00:00:00Z') } });
    expect(outcome).toMatchObject({ ok: true, event: { charge: 0.077, parts: 2, state: 'scheduled' } });
  });

  it('fails only the recipients whose own status is not SUCCESS, with the status as the code', async () => {
    const { client: v3 } = client(() =>
      envelope({
        messages: [
          { to: '+15550001111', message_id: 'ID-1', status: 'SUCCESS', message_price: 0.07 },
          { to: '+15550002222', message_id: null, status: 'INSUFFICIENT_CREDIT' },
        ],
      }),
    );
    const outcomes = await v3.send({ to: ['+15550001111', '+15550002222'], text: 'Hello' });
    expect(outcomes[0].ok).toBe(true);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_CREDIT', recipient: '+15550002222', provider: 'clicksend-v3', certainlyNotSent: true } });
    if (!outcomes[1].ok) expect(outcomes[1].error.hint).toBe('Buy more message credits.');
  });

  it('reads per-message statuses from a 400 answer that lists them (shape unconfirmed, §10 item 3)', async () => {
    const { client: v3 } = client(() => envelope({ messages: [{ to: '+15550001111', status: 'INVALID_RECIPIENT' }] }, 'BAD_REQUEST', 400));
    const [outcome] = await v3.send({ to: ['+15550001111'], text: 'Hello' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_RECIPIENT', httpStatus: 400 } });
  });

  it('reports a recipient missing from the answer as MISSING_RESULT that may have been sent', async () => {
    const { client: v3 } = client(() => envelope({ messages: [{ to: '+15550001111', message_id: 'ID-1', status: 'SUCCESS' }] }));
    const outcomes = await v3.send({ to: ['+15550001111', '+15550002222'], text: 'Hello' });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'MISSING_RESULT', certainlyNotSent: false } });
  });

  it('throws whole-request failures: 401 with the envelope code, 429 retryable with Retry-After, 500 maybe sent', async () => {
    const unauthorized = await rejected(client(() => envelope([], 'UNAUTHORIZED', 401, 'Invalid credentials.')).client.send({ to: ['+15550001111'], text: 'x' }));
    expect(unauthorized).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, providerText: 'Invalid credentials.', retryable: false, certainlyNotSent: true });
    const limited = await rejected(client(() => json(429, { http_code: 429, response_code: 'TOO_MANY_REQUESTS', response_msg: 'slow down', data: [] }, { 'retry-after': '3' })).client.send({ to: ['+15550001111'], text: 'x' }));
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryable: true, retryAfterMs: 3000, certainlyNotSent: true });
    const broken = await rejected(client(() => json(500, '<html>oops</html>')).client.send({ to: ['+15550001111'], text: 'x' }));
    expect(broken).toMatchObject({ code: 'HTTP_500', retryable: false, certainlyNotSent: false });
  });

  it('never reads a garbled 200 or a success without a message_id as sent', async () => {
    const garbled = await rejected(client(() => json(200, '{"http_code":200,"response_code":"SUCC')).client.send({ to: ['+15550001111'], text: 'x' }));
    expect(garbled).toMatchObject({ code: 'MALFORMED_RESPONSE', certainlyNotSent: false });
    const noId = await rejected(client(() => envelope({ messages: [{ to: '+15550001111', status: 'SUCCESS' }] })).client.send({ to: ['+15550001111'], text: 'x' }));
    expect(noId.code).toBe('MALFORMED_RESPONSE');
    const noList = await rejected(client(() => envelope({ total_count: 0 })).client.send({ to: ['+15550001111'], text: 'x' }));
    expect(noList.code).toBe('MALFORMED_RESPONSE');
  });

  it('never puts the API key in an error message', async () => {
    const error = await rejected(client(() => envelope([], 'UNAUTHORIZED', 401, 'nope')).client.send({ to: ['+15550001111'], text: 'x' }));
    expect(JSON.stringify(error.toJSON()) + error.message).not.toContain('SECRET-KEY-1234');
  });
});

describe('ClickSendV3Client other operations', () => {
  it('priceEstimate: total, currency and one entry per recipient', async () => {
    const { transport, client: v3 } = client(() => json(200, PRICE_RESPONSE));
    const estimate = await v3.priceEstimate({ to: ['+61411111111', '+61422222222'], text: 'Hello' });
    expect(transport.requests[0].url).toBe('https://rest.clicksend.com/v3/sms/price');
    expect(estimate).toMatchObject({ provider: 'clicksend-v3', totalPrice: 0.1132, currency: 'USD', totalCount: 2, queuedCount: 2 });
    expect(estimate.messages[0]).toEqual({ to: '+61411111111', parts: 1, price: 0.0566, status: 'SUCCESS', ok: true, country: 'AU' });
  });

  it('getBalance: the decimal string as a number, the currency, and no personal account fields in raw', async () => {
    const { transport, client: v3 } = client(() => json(200, ACCOUNT_RESPONSE));
    const balance = await v3.getBalance();
    expect(transport.requests[0]).toMatchObject({ method: 'GET', url: 'https://rest.clicksend.com/v3/account' });
    expect(balance).toMatchObject({ provider: 'clicksend-v3', balance: 1117.46106, currency: 'AUD' });
    expect(JSON.stringify(balance.raw)).not.toContain('person@example.com');
  });

  it('getHistory: a page of status events; the network code decides once the message is Sent', async () => {
    const page = await client(() => json(200, HISTORY_RESPONSE)).client.getHistory({ page: 1 });
    expect(page).toMatchObject({ page: 1, lastPage: 3, total: 31, perPage: 15 });
    expect(page.events[0]).toMatchObject({
      type: 'message.status',
      messageId: '04A69CB4-44A2-4A46-A5A5-FDB3F8AC0C02',
      state: 'delivered',
      final: true,
      providerCode: '201',
      clientReference: 'this is a test',
      timestamp: '2015-07-15T03:53:52.000Z',
      parts: 1,
      // A documented test number: no charge.
      charge: 0,
    });
  });

  it('getHistory: Completed is queued, Scheduled is scheduled, Cancelled (301) is cancelled', async () => {
    const records = [
      { message_id: 'A', status: 'Completed', status_code: null },
      { message_id: 'B', status: 'Scheduled', status_code: null },
      { message_id: 'C', status: 'Cancelled', status_code: '301' },
      { message_id: 'D', status: 'Sent', status_code: '301' },
    ];
    const page = await client(() => envelope({ total: 4, per_page: 15, current_page: 1, last_page: 1, data: records })).client.getHistory();
    expect(page.events.map((event) => event.state)).toEqual(['queued', 'scheduled', 'cancelled', 'failed']);
  });

  it('getInbound: inbound events answering our message (inReplyTo)', async () => {
    const page = await client(() => json(200, INBOUND_RESPONSE)).client.getInbound();
    expect(page.events[0]).toMatchObject({
      type: 'message.inbound',
      provider: 'clicksend-v3',
      from: '+61411111111',
      to: '+61437887776',
      text: 'Hello to you',
      inReplyTo: '2DBD3E54-D1EC-4AB3-9DA4-4AC1A5541F9E',
      clientReference: 'my-ref',
      messageId: '9DB1DBCE-D0F5-4E30-A8B9-B8A53F8ED3EE',
    });
  });

  it('getReplyTo: GET /sms/inbound/{id}, read from a page', async () => {
    const { transport, client: v3 } = client(() => json(200, INBOUND_RESPONSE));
    const replies = await v3.getReplyTo('2DBD3E54-D1EC-4AB3-9DA4-4AC1A5541F9E');
    expect(transport.requests[0].url).toBe('https://rest.clicksend.com/v3/sms/inbound/2DBD3E54-D1EC-4AB3-9DA4-4AC1A5541F9E');
    expect(replies.map((event) => event.text)).toEqual(['Hello to you']);
  });

  it('getDeliveryReports and getDeliveryReport: both documented record forms', async () => {
    const page = await client(() => json(200, RECEIPTS_RESPONSE)).client.getDeliveryReports({ limit: 100 });
    expect(page.events[0]).toMatchObject({ type: 'message.status', provider: 'clicksend-v3', state: 'delivered', final: true, providerCode: '201', providerDescription: 'Success: Message received on handset.' });
    const one = await client(() => json(200, RECEIPT_RESPONSE)).client.getDeliveryReport('1D8E6A55-0B4F-4E1A-8DB0-0E3F6A3C5A32');
    // The single-receipt example's status_code "Completed" is a status word (§10 item 8): queued.
    expect(one).toMatchObject({ messageId: '1D8E6A55-0B4F-4E1A-8DB0-0E3F6A3C5A32', state: 'queued', providerCode: null });
  });

  it('cancel and cancelAll: the documented answers', async () => {
    const { transport, client: v3 } = client((request) => json(200, request.url.endsWith('cancel-all') ? CANCEL_ALL_RESPONSE : CANCEL_RESPONSE));
    const cancelled = await v3.cancel('307EF035-B7CE-4321-93CD-0753597B7293');
    expect(cancelled).toMatchObject({ type: 'message.status', state: 'cancelled', final: true, messageId: '307EF035-B7CE-4321-93CD-0753597B7293', providerDescription: CANCEL_RESPONSE.response_msg });
    expect(await v3.cancelAll()).toEqual({ count: 5 });
    expect(transport.requests.map((request) => request.method)).toEqual(['PUT', 'PUT']);
  });

  it('cancel of an unknown message is the 404 error ClickSend gives', async () => {
    const error = await rejected(client(() => envelope([], 'NOT_FOUND', 404, 'Message not found.')).client.cancel('307EF035-B7CE-4321-93CD-0753597B7293'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, providerText: 'Message not found.' });
  });
});

describe('ClickSendV3Client automation rules', () => {
  it('createInboundRule returns data.inbound_rule_id (C8); list reads the docs example ids (sms_inbound_rule_id)', async () => {
    const { transport, client: v3 } = client((request) =>
      request.method === 'POST'
        ? envelope({ inbound_rule_id: 77, rule_name: 'r', action: 'URL', action_address: 'https://x.test/in', webhook_type: 'json', enabled: 1 })
        : json(200, INBOUND_RULES_RESPONSE),
    );
    expect(await v3.createInboundRule({ url: 'https://x.test/in', ruleName: 'r', webhookType: 'json' })).toEqual({ id: '77' });
    const list = await v3.listInboundRules();
    expect(list.rules.map((rule) => rule.id)).toEqual(['1', '9']);
    expect(list.rules[0]).toMatchObject({ ruleName: 'My Rule 10', action: 'CREATE_CONTACT_PLUS_EMAIL', enabled: true, webhookType: null });
    expect(transport.requests[0].url).toBe('https://rest.clicksend.com/v3/automations/sms/inbound');
  });

  it('receipt rules: create, get and delete by id; a rule without an id is unreadable', async () => {
    const { transport, client: v3 } = client((request) =>
      request.method === 'DELETE' ? envelope([]) : envelope({ receipt_rule_id: 5, rule_name: 'dlr', match_type: 0, action: 'URL', action_address: 'https://x.test/dlr', enabled: 1 }),
    );
    expect(await v3.createReceiptRule({ url: 'https://x.test/dlr', ruleName: 'dlr' })).toEqual({ id: '5' });
    expect(await v3.getReceiptRule('5')).toMatchObject({ id: '5', url: 'https://x.test/dlr', matchType: 0, enabled: true });
    await v3.deleteReceiptRule('5');
    expect(transport.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST https://rest.clicksend.com/v3/automations/sms/receipts',
      'GET https://rest.clicksend.com/v3/automations/sms/receipts/5',
      'DELETE https://rest.clicksend.com/v3/automations/sms/receipts/5',
    ]);
    const noId = await rejected(client(() => envelope({ rule_name: 'x' })).client.createReceiptRule({ url: 'https://x.test', ruleName: 'x' }));
    expect(noId.code).toBe('MALFORMED_RESPONSE');
  });

  it('deleting a rule that is gone is a NOT_FOUND error (the caller decides whether that is fine)', async () => {
    const error = await rejected(client(() => envelope([], 'NOT_FOUND', 404, 'Rule not found.')).client.deleteInboundRule('3'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
  });
});
