import type { SendOptions, SendRequest } from '../../../gateways/gateway';
import {
  DEFAULT_BASE_URL,
  FLASH_MESSAGE_TYPE,
  buildBalanceRequest,
  buildCoverageRequest,
  buildSendRequest,
  buildStatusRequest,
  buildStopRequest,
  formatScheduledTime,
  prepareSend,
  resolveBaseUrl,
} from '../../../gateways/clickatell-rest/requests';
import { CREDENTIALS, NOW, TOKEN, thrown } from './helpers';

const AUTH = `Bearer ${TOKEN}`;

function send(text: string, to: string[], options?: SendOptions): SendRequest {
  return { text, to, options };
}

function body(options: SendOptions, text = 'Hello', to = ['447700900123']): Record<string, unknown> {
  return JSON.parse(buildSendRequest(CREDENTIALS, send(text, to, options), NOW).body ?? 'null');
}

function fieldOf(run: () => unknown): string | undefined {
  const error = thrown(run);
  expect(error.code).toBe('INVALID_INPUT');
  expect(error.provider).toBe('local');
  expect(error.delivery).toBe('no');
  return error.field;
}

describe('spec examples: requests', () => {
  it('2.1 send your first message: the curl body and headers, byte for byte', () => {
    const request = buildSendRequest(CREDENTIALS, send('My message', ['2799900001', '2799900002']), NOW);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://api.clickatell.com/rest/message');
    expect(request.body).toBe('{"text":"My message","to":["2799900001","2799900002"]}');
    expect(request.headers).toEqual({
      'X-Version': '1',
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Authorization: AUTH,
    });
  });

  it('3.1 send message (JSON): same fields as the spec request', () => {
    const request = buildSendRequest(CREDENTIALS, send('Test Message', ['2799900001', '2799900002']), NOW);
    expect(new URL(request.url).host).toBe('api.clickatell.com');
    expect(new URL(request.url).pathname).toBe('/rest/message');
    // The spec writes `["2799900001", "2799900002"]` with a space; the JSON value is the same.
    expect(JSON.parse(request.body!)).toEqual(JSON.parse('{"text":"Test Message","to":["2799900001", "2799900002"]}'));
    expect(Object.keys(request.headers)).toEqual(['X-Version', 'Content-Type', 'Authorization', 'Accept']);
  });

  it('3.3 sample code: the same request with one number', () => {
    const request = buildSendRequest(CREDENTIALS, send('Test Message', ['27999000001']), NOW);
    expect(request.body).toBe('{"text":"Test Message","to":["27999000001"]}');
  });

  it('4.1 stop message: DELETE with no body and no Content-Type', () => {
    const request = buildStopRequest(CREDENTIALS, '360586640fe9846954897dffe6c13dfc');
    expect(request).toEqual({
      method: 'DELETE',
      url: 'https://api.clickatell.com/rest/message/360586640fe9846954897dffe6c13dfc',
      headers: { 'X-Version': '1', Authorization: AUTH, Accept: 'application/json' },
    });
  });

  it('5.1 retrieve balance: GET /rest/account/balance', () => {
    expect(buildBalanceRequest(CREDENTIALS)).toEqual({
      method: 'GET',
      url: 'https://api.clickatell.com/rest/account/balance',
      headers: { 'X-Version': '1', Authorization: AUTH, Accept: 'application/json' },
    });
  });

  it('6.1 get coverage: GET /rest/coverage/27999123456', () => {
    expect(buildCoverageRequest(CREDENTIALS, '27999123456')).toEqual({
      method: 'GET',
      url: 'https://api.clickatell.com/rest/coverage/27999123456',
      headers: { 'X-Version': '1', Authorization: AUTH, Accept: 'application/json' },
    });
  });

  it('7 message status: GET /rest/message/{id}', () => {
    const request = buildStatusRequest(CREDENTIALS, 'a55b8f8d56f33440e993aa614c68bf8b');
    expect(request.method).toBe('GET');
    expect(request.url).toBe('https://api.clickatell.com/rest/message/a55b8f8d56f33440e993aa614c68bf8b');
    expect(request.body).toBeUndefined();
    expect(request.headers['Content-Type']).toBeUndefined();
  });
});

describe('base URL and token', () => {
  it('defaults to api.clickatell.com and accepts an override (trailing slash and /rest dropped)', () => {
    expect(DEFAULT_BASE_URL).toBe('https://api.clickatell.com');
    expect(resolveBaseUrl(undefined)).toBe('https://api.clickatell.com');
    expect(resolveBaseUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(resolveBaseUrl('http://localhost:9000/rest/')).toBe('http://localhost:9000');
    expect(buildBalanceRequest({ token: 't', baseUrl: 'http://localhost:9000/' }).url).toBe('http://localhost:9000/rest/account/balance');
  });

  it('rejects a base URL that is not http(s)', () => {
    expect(fieldOf(() => resolveBaseUrl('ftp://example.com'))).toBe('credentials.baseUrl');
    expect(fieldOf(() => resolveBaseUrl('not a url'))).toBe('credentials.baseUrl');
  });

  it('requires a token and never echoes it in the error', () => {
    expect(fieldOf(() => buildBalanceRequest({ token: '' }))).toBe('credentials.token');
    expect(fieldOf(() => buildBalanceRequest({ token: '   ' }))).toBe('credentials.token');
    const error = thrown(() => buildBalanceRequest({ token: 'abc def' }));
    expect(error.field).toBe('credentials.token');
    expect(error.message).not.toContain('abc def');
  });

  it('trims the token', () => {
    expect(buildBalanceRequest({ token: `  ${TOKEN}\n` }).headers.Authorization).toBe(AUTH);
  });
});

describe('message ids and msisdn', () => {
  it('rejects empty ids and ids that would change the path', () => {
    expect(fieldOf(() => buildStatusRequest(CREDENTIALS, ''))).toBe('messageId');
    expect(fieldOf(() => buildStopRequest(CREDENTIALS, '  '))).toBe('messageId');
    expect(fieldOf(() => buildStatusRequest(CREDENTIALS, '../account/balance'))).toBe('messageId');
    expect(fieldOf(() => buildStopRequest(CREDENTIALS, 'abc?x=1'))).toBe('messageId');
  });

  it('normalizes the coverage number to digits and rejects non-numbers', () => {
    expect(buildCoverageRequest(CREDENTIALS, '+27 99 912 3456').url).toBe('https://api.clickatell.com/rest/coverage/27999123456');
    expect(fieldOf(() => buildCoverageRequest(CREDENTIALS, 'abc'))).toBe('msisdn');
    expect(fieldOf(() => buildCoverageRequest(CREDENTIALS, ''))).toBe('msisdn');
    expect(fieldOf(() => buildCoverageRequest(CREDENTIALS, '0821234567'))).toBe('msisdn');
  });
});

describe('send body: every feature parameter of section 8', () => {
  it('maps all options to their REST names, booleans as 0/1', () => {
    const scheduledAt = new Date(NOW.getTime() + 2 * 86_400_000);
    expect(
      body({
        from: 'Acme',
        clientReference: '2993b6b548',
        maxParts: 2,
        priorityQueue: 1,
        callback: 7,
        escalate: true,
        maxCredits: 1.5,
        flash: true,
        mo: true,
        requiredFeatures: 8192,
        scheduledAt,
        unicode: 'auto',
        udh: '0b0504158200000003010201',
        validityMinutes: 25,
        bypassDnc: true,
      }),
    ).toEqual({
      text: 'Hello',
      to: ['447700900123'],
      from: 'Acme',
      clientMessageId: '2993b6b548',
      maxMessageParts: 2,
      userPriorityQueue: 1,
      callback: 7,
      escalate: 1,
      maxCredits: 1.5,
      type: FLASH_MESSAGE_TYPE,
      mo: 1,
      requiredFeatures: 8192,
      scheduledDeliveryTime: '2025-03-12T08:00:00Z',
      udh: '0B0504158200000003010201',
      validityPeriod: 25,
      bypassDNCCheck: 1,
    });
    expect(FLASH_MESSAGE_TYPE).toBe('SMS_FLASH');
  });

  it('sends false booleans as 0 and leaves unset ones out', () => {
    expect(body({ escalate: false, mo: false, bypassDnc: false, binary: undefined })).toEqual({
      text: 'Hello',
      to: ['447700900123'],
      escalate: 0,
      mo: 0,
      bypassDNCCheck: 0,
    });
    expect(body({ flash: false })).toEqual({ text: 'Hello', to: ['447700900123'] });
  });

  it('treats empty strings and null as not given', () => {
    expect(body({ from: '', clientReference: '', udh: '', maxParts: null as unknown as number })).toEqual({
      text: 'Hello',
      to: ['447700900123'],
    });
  });

  it('sets unicode=1 for text GSM-7 cannot carry and keeps the text as it is (JSON is Unicode)', () => {
    expect(body({}, 'Привет 👋')).toEqual({ text: 'Привет 👋', to: ['447700900123'], unicode: 1 });
    expect(body({ unicode: 'on' }, 'Hello')).toMatchObject({ unicode: 1 });
    expect(body({ unicode: 'off' }, 'Hello')).toMatchObject({ unicode: 0 });
    expect(body({ unicode: 'auto' }, 'Hello')).not.toHaveProperty('unicode');
  });

  it('rejects unicode off for a text that needs it, naming the field', () => {
    expect(fieldOf(() => body({ unicode: 'off' }, 'Привет'))).toBe('options.unicode');
    expect(fieldOf(() => body({ unicode: 'maybe' as never }))).toBe('options.unicode');
  });

  it('normalizes numbers to international digits and the numeric sender too', () => {
    expect(body({ from: '+27 83 123 4567' }, 'Hi', ['+44 7700 900123', '0044-7700-900124'])).toEqual({
      text: 'Hi',
      to: ['447700900123', '447700900124'],
      from: '27831234567',
    });
  });

  it('sends binary content as hex with binary=1 and no unicode flag', () => {
    expect(body({ binary: true, udh: '0605040B8423F0' }, 'c0ffee00')).toEqual({
      text: 'C0FFEE00',
      to: ['447700900123'],
      binary: 1,
      udh: '0605040B8423F0',
    });
    expect(fieldOf(() => body({ binary: true }, 'not hex'))).toBe('text');
    expect(fieldOf(() => body({ binary: true, unicode: 'on' }, 'AB'))).toBe('options.unicode');
  });

  it('counts binary parts in bytes: 140 fit one part, 3 × 134 at most', () => {
    expect(prepareSend(send('AB'.repeat(140), ['447700900123'], { binary: true }), NOW).parts).toBe(1);
    expect(prepareSend(send('AB'.repeat(141), ['447700900123'], { binary: true }), NOW).parts).toBe(2);
    expect(fieldOf(() => prepareSend(send('AB'.repeat(403), ['447700900123'], { binary: true }), NOW))).toBe('text');
  });

  it('converts a delivery delay into scheduledDeliveryTime (the REST API has no delay parameter)', () => {
    expect(body({ deliveryDelayMinutes: 90 })).toMatchObject({ scheduledDeliveryTime: '2025-03-10T09:30:00Z' });
    expect(body({ deliveryDelayMinutes: 10080 })).toMatchObject({ scheduledDeliveryTime: '2025-03-17T08:00:00Z' });
    expect(body({ deliveryDelayMinutes: 0 })).not.toHaveProperty('scheduledDeliveryTime');
    expect(prepareSend(send('Hi', ['447700900123'], { deliveryDelayMinutes: 5 }), NOW).scheduled).toBe(true);
  });

  it('formats scheduled times in UTC without milliseconds, like the spec example', () => {
    expect(formatScheduledTime(new Date('2015-06-30T14:00:00.123+02:00'))).toBe('2015-06-30T12:00:00Z');
  });

  it('reports what the parser needs', () => {
    const prepared = prepareSend(send('Привет', ['+447700900123'], { from: 'Acme', clientReference: 'ref-1' }), NOW);
    expect(prepared).toMatchObject({
      recipients: ['447700900123'],
      text: 'Привет',
      from: 'Acme',
      clientReference: 'ref-1',
      encoding: 'UCS-2',
      parts: 1,
      scheduled: false,
    });
  });
});

describe('send validation: errors name the field', () => {
  const to = ['447700900123'];

  it('text', () => {
    expect(fieldOf(() => body({}, ''))).toBe('text');
    expect(fieldOf(() => body({}, '   \n'))).toBe('text');
    expect(fieldOf(() => buildSendRequest(CREDENTIALS, { to, text: 42 as unknown as string }, NOW))).toBe('text');
  });

  it('parts: 3 when maxParts is not given, else maxParts', () => {
    expect(body({}, 'a'.repeat(459))).toMatchObject({ text: 'a'.repeat(459) });
    expect(fieldOf(() => body({}, 'a'.repeat(460)))).toBe('text');
    expect(fieldOf(() => body({ maxParts: 1 }, 'a'.repeat(161)))).toBe('text');
    expect(body({ maxParts: 2 }, 'a'.repeat(306))).toMatchObject({ maxMessageParts: 2 });
    expect(fieldOf(() => body({}, 'Ж'.repeat(202)))).toBe('text');
  });

  it('recipients: at least one, at most 500, each a valid number', () => {
    expect(fieldOf(() => buildSendRequest(CREDENTIALS, send('Hi', []), NOW))).toBe('to');
    const many = Array.from({ length: 501 }, (_, i) => `4477009${String(i).padStart(5, '0')}`);
    const error = thrown(() => buildSendRequest(CREDENTIALS, send('Hi', many), NOW));
    expect(error.field).toBe('to');
    expect(error.message).toContain('500');
    expect(JSON.parse(buildSendRequest(CREDENTIALS, send('Hi', many.slice(0, 500)), NOW).body!).to).toHaveLength(500);
    expect(fieldOf(() => body({}, 'Hi', ['447700900123', 'hello']))).toBe('to');
    expect(fieldOf(() => body({}, 'Hi', ['07700900123']))).toBe('to');
    expect(fieldOf(() => body({}, 'Hi', [447700900123 as unknown as string]))).toBe('to');
  });

  it('client message ID: no spaces (REST error 120), at most 32 characters', () => {
    expect(fieldOf(() => body({ clientReference: 'my ref' }))).toBe('options.clientReference');
    expect(fieldOf(() => body({ clientReference: 'x'.repeat(33) }))).toBe('options.clientReference');
    expect(body({ clientReference: 'x'.repeat(32) })).toMatchObject({ clientMessageId: 'x'.repeat(32) });
  });

  it('numeric ranges', () => {
    expect(fieldOf(() => body({ maxParts: 0 }))).toBe('options.maxParts');
    expect(fieldOf(() => body({ maxParts: 4 }))).toBe('options.maxParts');
    expect(fieldOf(() => body({ priorityQueue: 0 }))).toBe('options.priorityQueue');
    expect(fieldOf(() => body({ priorityQueue: 4 }))).toBe('options.priorityQueue');
    expect(fieldOf(() => body({ callback: 8 }))).toBe('options.callback');
    expect(fieldOf(() => body({ callback: 1.5 }))).toBe('options.callback');
    expect(fieldOf(() => body({ validityMinutes: 0 }))).toBe('options.validityMinutes');
    expect(fieldOf(() => body({ maxCredits: 0 }))).toBe('options.maxCredits');
    expect(fieldOf(() => body({ maxCredits: Number.NaN }))).toBe('options.maxCredits');
    expect(fieldOf(() => body({ requiredFeatures: -1 }))).toBe('options.requiredFeatures');
    expect(fieldOf(() => body({ deliveryDelayMinutes: 10081 }))).toBe('options.deliveryDelayMinutes');
    expect(fieldOf(() => body({ mo: 'yes' as unknown as boolean }))).toBe('options.mo');
  });

  it('scheduled time: valid, at most 7 days ahead, not in the past', () => {
    const limit = new Date(NOW.getTime() + 7 * 86_400_000);
    expect(body({ scheduledAt: limit })).toMatchObject({ scheduledDeliveryTime: '2025-03-17T08:00:00Z' });
    expect(fieldOf(() => body({ scheduledAt: new Date(limit.getTime() + 1000) }))).toBe('options.scheduledAt');
    expect(fieldOf(() => body({ scheduledAt: new Date(NOW.getTime() - 3_600_000) }))).toBe('options.scheduledAt');
    expect(fieldOf(() => body({ scheduledAt: new Date('nonsense') }))).toBe('options.scheduledAt');
    expect(fieldOf(() => body({ scheduledAt: '2025-03-11' as unknown as Date }))).toBe('options.scheduledAt');
    expect(fieldOf(() => body({ scheduledAt: limit, deliveryDelayMinutes: 5 }))).toBe('options.deliveryDelayMinutes');
  });

  it('sender ID: an international number or at most 11 alphanumerics', () => {
    expect(fieldOf(() => body({ from: 'ACME Company Ltd' }))).toBe('options.from');
    expect(fieldOf(() => body({ from: 'Acme!' }))).toBe('options.from');
    expect(body({ from: 'Acme Ltd' })).toMatchObject({ from: 'Acme Ltd' });
  });

  it('udh must be hex', () => {
    expect(fieldOf(() => body({ udh: 'xyz' }))).toBe('options.udh');
    expect(fieldOf(() => body({ udh: 'ABC' }))).toBe('options.udh');
  });

  it('options it cannot express: country', () => {
    const error = thrown(() => body({ country: 'ZA' }));
    expect(error.field).toBe('options.country');
    expect(error.message).toContain('not supported');
  });
});
