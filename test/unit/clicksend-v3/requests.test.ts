import {
  buildCreateInboundRuleRequest,
  buildCreateReceiptRuleRequest,
  buildDeleteRuleRequest,
  buildV3CancelRequest,
  buildV3HistoryRequest,
  buildV3InboundRequest,
  clickSendV3BaseUrl,
  prepareV3Send,
  v3SendRequest,
} from '../../../gateways/clicksend-v3/requests';
import { thrown } from '../clickatell-rest/helpers';

const CREDENTIALS = { username: 'myusername', key: 'SECRET-KEY-1234' };


describe('clickSendV3BaseUrl', () => {
  it("uses ClickSend's v3 host without a base URL or with the v2 default host (the credential is shared)", () => {
    expect(clickSendV3BaseUrl({})).toBe('https://rest.clicksend.com/v3');
    expect(clickSendV3BaseUrl({ baseUrl: '  ' })).toBe('https://rest.clicksend.com/v3');
    expect(clickSendV3BaseUrl({ baseUrl: 'https://api-mapper.clicksend.com' })).toBe('https://rest.clicksend.com/v3');
    expect(clickSendV3BaseUrl({ baseUrl: 'https://api-mapper.clicksend.com/http/v2/' })).toBe('https://rest.clicksend.com/v3');
    expect(clickSendV3BaseUrl({ baseUrl: 'https://rest.clicksend.com/v3' })).toBe('https://rest.clicksend.com/v3');
  });

  it('serves v3 under any other base URL (the sandbox, a proxy)', () => {
    expect(clickSendV3BaseUrl({ baseUrl: 'http://127.0.0.1:4010' })).toBe('http://127.0.0.1:4010/v3');
    expect(clickSendV3BaseUrl({ baseUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010/v3');
    expect(clickSendV3BaseUrl({ baseUrl: 'https://proxy.example/clicksend/v3' })).toBe('https://proxy.example/clicksend/v3');
  });

  it('refuses a base URL that is not http(s), naming the field', () => {
    expect(thrown(() => clickSendV3BaseUrl({ baseUrl: 'ftp://x' })).field).toBe('credentials.baseUrl');
  });
});

describe('send request', () => {
  it('posts one JSON message per recipient with Basic auth, never the key in the URL or body', () => {
    const prepared = prepareV3Send({
      to: ['+61 411 111 111', '+61422222222'],
      text: 'Hello',
      options: { from: 'Acme', clientReference: 'order-7', scheduledAt: new Date('2030-01-01T00:00:00Z') },
    });
    const request = v3SendRequest(CREDENTIALS, prepared);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://rest.clicksend.com/v3/sms/send');
    expect(request.headers.Authorization).toBe(`Basic ${Buffer.from('myusername:SECRET-KEY-1234').toString('base64')}`);
    expect(request.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(request.body!)).toEqual({
      messages: [
        { body: 'Hello', to: '+61411111111', from: 'Acme', schedule: 1893456000, custom_string: 'order-7' },
        { body: 'Hello', to: '+61422222222', from: 'Acme', schedule: 1893456000, custom_string: 'order-7' },
      ],
    });
    expect(request.url + request.body).not.toContain('SECRET-KEY-1234');
  });

  it('passes local numbers with country, as v2 does', () => {
    const request = v3SendRequest(CREDENTIALS, prepareV3Send({ to: ['0411 111 111'], text: 'Hi', options: { country: 'au' } }));
    expect(JSON.parse(request.body!).messages[0]).toEqual({ body: 'Hi', to: '0411111111', country: 'AU' });
  });

  it('refuses bad input naming the field: Clickatell-only options, empty text, too many recipients, more than 8 parts', () => {
    expect(thrown(() => prepareV3Send({ to: ['+61411111111'], text: 'x', options: { flash: true } })).field).toBe('options.flash');
    expect(thrown(() => prepareV3Send({ to: ['+61411111111'], text: '  ' })).field).toBe('text');
    expect(thrown(() => prepareV3Send({ to: Array.from({ length: 1001 }, () => '+61411111111'), text: 'x' })).field).toBe('to');
    // 8 GSM-7 parts carry 1224 characters (C1's credit table); one more needs a ninth part.
    expect(() => prepareV3Send({ to: ['+61411111111'], text: 'a'.repeat(1224) })).not.toThrow();
    const long = thrown(() => prepareV3Send({ to: ['+61411111111'], text: 'a'.repeat(1225) }));
    expect(long.field).toBe('text');
    expect(long.message).toContain('9 SMS parts');
  });

  it("does not apply HTTP v2's 960-character limit", () => {
    // REST v3 has no character limit of its own: 1000 GSM characters are 7 parts.
    expect(() => prepareV3Send({ to: ['+61411111111'], text: 'a'.repeat(1000) })).not.toThrow();
  });

  it('refuses missing credentials naming the field', () => {
    const prepared = prepareV3Send({ to: ['+61411111111'], text: 'x' });
    expect(thrown(() => v3SendRequest({ username: '', key: 'k' }, prepared)).field).toBe('credentials.username');
    expect(thrown(() => v3SendRequest({ username: 'u', key: '' }, prepared)).field).toBe('credentials.key');
  });
});

describe('pull and cancel requests', () => {
  it('pages and filters history by date (unix seconds)', () => {
    const request = buildV3HistoryRequest(CREDENTIALS, { page: 2, limit: 50, dateFrom: new Date('2025-01-01T00:00:00Z'), dateTo: new Date('2025-02-01T00:00:00Z') });
    expect(request.method).toBe('GET');
    expect(request.url).toBe('https://rest.clicksend.com/v3/sms/history?page=2&limit=50&date_from=1735689600&date_to=1738368000');
    expect(request.body).toBeUndefined();
  });

  it('refuses page and limit outside their range, naming the field', () => {
    expect(thrown(() => buildV3InboundRequest(CREDENTIALS, { limit: 101 })).field).toBe('query.limit');
    expect(thrown(() => buildV3InboundRequest(CREDENTIALS, { page: 0 })).field).toBe('query.page');
    expect(thrown(() => buildV3HistoryRequest(CREDENTIALS, { dateFrom: new Date('nonsense') })).field).toBe('query.dateFrom');
  });

  it('cancels with PUT /sms/{id}/cancel and refuses an id that could change the path', () => {
    expect(buildV3CancelRequest(CREDENTIALS, ' 307EF035-B7CE-4321-93CD-0753597B7293 ')).toMatchObject({
      method: 'PUT',
      url: 'https://rest.clicksend.com/v3/sms/307EF035-B7CE-4321-93CD-0753597B7293/cancel',
    });
    expect(thrown(() => buildV3CancelRequest(CREDENTIALS, '../account')).field).toBe('messageId');
  });
});

describe('automation rule requests', () => {
  it("creates an inbound URL rule with the body ClickSend's own n8n trigger sends (C8)", () => {
    const request = buildCreateInboundRuleRequest(CREDENTIALS, { url: 'https://n8n.example/webhook/abc?token=s3cret', ruleName: 'n8n trigger', webhookType: 'json' });
    expect(request.url).toBe('https://rest.clicksend.com/v3/automations/sms/inbound');
    expect(JSON.parse(request.body!)).toEqual({
      dedicated_number: '*',
      rule_name: 'n8n trigger',
      message_search_type: 0,
      message_search_term: '',
      action: 'URL',
      action_address: 'https://n8n.example/webhook/abc?token=s3cret',
      enabled: 1,
      webhook_type: 'json',
    });
  });

  it('creates a receipt URL rule for all reports (match_type 0), without webhook_type (C2 model has none)', () => {
    const request = buildCreateReceiptRuleRequest(CREDENTIALS, { url: 'https://n8n.example/webhook/dlr', ruleName: 'receipts' });
    expect(JSON.parse(request.body!)).toEqual({ rule_name: 'receipts', match_type: 0, action: 'URL', action_address: 'https://n8n.example/webhook/dlr', enabled: 1 });
  });

  it('refuses a bad URL, name, format or id, naming the field', () => {
    expect(thrown(() => buildCreateInboundRuleRequest(CREDENTIALS, { url: 'mailto:x@y', ruleName: 'r', webhookType: 'json' })).field).toBe('url');
    expect(thrown(() => buildCreateInboundRuleRequest(CREDENTIALS, { url: 'https://x.test', ruleName: '', webhookType: 'json' })).field).toBe('ruleName');
    expect(thrown(() => buildCreateInboundRuleRequest(CREDENTIALS, { url: 'https://x.test', ruleName: 'r', webhookType: 'xml' as never })).field).toBe('webhookType');
    expect(thrown(() => buildDeleteRuleRequest(CREDENTIALS, 'inbound', '12/../3')).field).toBe('id');
    expect(buildDeleteRuleRequest(CREDENTIALS, 'inbound', '42')).toMatchObject({ method: 'DELETE', url: 'https://rest.clicksend.com/v3/automations/sms/inbound/42' });
    expect(buildDeleteRuleRequest(CREDENTIALS, 'receipts', '42')).toMatchObject({ method: 'DELETE', url: 'https://rest.clicksend.com/v3/automations/sms/receipts/42' });
  });
});
