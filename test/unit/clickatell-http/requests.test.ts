import { GatewayError } from '../../../gateways/errors';
import type { SendOptions, SendRequest } from '../../../gateways/gateway';
import {
  buildAuthRequest,
  buildCoverageRequest,
  buildDelMsgRequest,
  buildGetBalanceRequest,
  buildGetMsgChargeRequest,
  buildPingRequest,
  buildQueryMsgRequest,
  buildSendMsgRequest,
  buildTokenPayRequest,
  prepareSend,
  type RequestTarget,
  type SessionAuth,
} from '../../../gateways/clickatell-http/requests';
import type { HttpRequest } from '../../../gateways/transport';
import { decodeWindows1252 } from '../../../gateways/text/windows-1252';
import { CREDENTIALS, SESSION_1 } from './fake-transport';

const NOW = new Date('2024-05-01T12:00:00Z');
const SESSION: RequestTarget<SessionAuth> = { auth: { mode: 'session', sessionId: SESSION_1 } };
const PER_REQUEST: RequestTarget = { auth: { mode: 'perRequest', apiId: 'xxxxx', user: 'xxxxx', password: 'xxxxx' } };

/** The form as the gateway reads it: `text` without unicode=1 is Windows-1252 bytes (text-rule.ts), the rest ASCII. */
function form(request: HttpRequest): Record<string, string> {
  const fields = Object.fromEntries(new URLSearchParams(request.body ?? ''));
  const raw = /(?:^|&)text=([^&]*)/.exec(request.body ?? '');
  if (raw && fields.unicode !== '1') fields.text = decodeWindows1252(Buffer.from(raw[1].replace(/\+/g, ' ').replace(/%([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1'));
  return fields;
}

function rawText(request: HttpRequest): string {
  return /(?:^|&)text=([^&]*)/.exec(request.body ?? '')![1];
}

function send(options: SendOptions = {}, text = 'Hello World', to: string[] = ['447700900123']): Record<string, string> {
  return form(buildSendMsgRequest(SESSION, { to, text, options }, NOW));
}

function rejection(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a GatewayError');
}

function expectField(run: () => unknown, field: string): GatewayError {
  const error = rejection(run);
  expect(error.code).toBe('INVALID_INPUT');
  expect(error.field).toBe(field);
  expect(error.provider).toBe('local');
  expect(error.delivery).toBe('no');
  return error;
}

describe('spec examples: call format https://api.clickatell.com/http/<command>, POST form', () => {
  it('intro: sendmsg with user, password, api_id, to and text on the call', () => {
    const request = buildSendMsgRequest(PER_REQUEST, { to: ['27831234567'], text: 'Hello World' }, NOW);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://api.clickatell.com/http/sendmsg');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form(request)).toEqual({ api_id: 'xxxxx', user: 'xxxxx', password: 'xxxxx', to: '27831234567', text: 'Hello World' });
  });

  it('auth: required api_id, user, password', () => {
    const request = buildAuthRequest(CREDENTIALS);
    expect(request.url).toBe('https://api.clickatell.com/http/auth');
    expect(form(request)).toEqual({ api_id: '3344556', user: 'acme-user', password: 'S3cr3t&Pa ss=word' });
  });

  it('ping: required session_id', () => {
    const request = buildPingRequest(SESSION);
    expect(request.url).toBe('https://api.clickatell.com/http/ping');
    expect(form(request)).toEqual({ session_id: SESSION_1 });
  });

  it('sendmsg: required session_id, to, text', () => {
    const request = buildSendMsgRequest(SESSION, { to: ['27831234567'], text: 'Hi' }, NOW);
    expect(form(request)).toEqual({ session_id: SESSION_1, to: '27831234567', text: 'Hi' });
  });

  it('sendmsg: multiple recipients as a comma separated list', () => {
    expect(send({}, 'Hi', ['27831234567', '+44 7700 900123', '0016501234567']).to).toBe('27831234567,447700900123,16501234567');
  });

  it.each([
    ['querymsg', buildQueryMsgRequest],
    ['getmsgcharge', buildGetMsgChargeRequest],
    ['delmsg', buildDelMsgRequest],
  ] as const)('%s: required session_id, apimsgid', (command, build) => {
    const request = build(SESSION, 'f7012c1edff2509a19ce1667c7f52b18');
    expect(request.url).toBe(`https://api.clickatell.com/http/${command}`);
    expect(form(request)).toEqual({ session_id: SESSION_1, apimsgid: 'f7012c1edff2509a19ce1667c7f52b18' });
  });

  it('getbalance: required session_id', () => {
    const request = buildGetBalanceRequest(SESSION);
    expect(request.url).toBe('https://api.clickatell.com/http/getbalance');
    expect(form(request)).toEqual({ session_id: SESSION_1 });
  });

  it('token_pay: required session_id, token', () => {
    const request = buildTokenPayRequest(SESSION, 'ABCD-1234');
    expect(request.url).toBe('https://api.clickatell.com/http/token_pay');
    expect(form(request)).toEqual({ session_id: SESSION_1, token: 'ABCD-1234' });
  });

  it('route coverage (published behaviour): /utils/routeCoverage with msisdn', () => {
    const request = buildCoverageRequest(PER_REQUEST, '+27 83 123 4567');
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://api.clickatell.com/utils/routeCoverage');
    expect(form(request)).toEqual({ api_id: 'xxxxx', user: 'xxxxx', password: 'xxxxx', msisdn: '27831234567' });
  });

  it('uses the base URL override without a trailing slash', () => {
    expect(buildGetBalanceRequest({ ...SESSION, baseUrl: 'http://127.0.0.1:8080/' }).url).toBe('http://127.0.0.1:8080/http/getbalance');
    expect(buildAuthRequest({ ...CREDENTIALS, baseUrl: 'http://localhost:9/gw//' }).url).toBe('http://localhost:9/gw/http/auth');
  });

  it('URL-encodes parameter values in the form body', () => {
    const body = buildAuthRequest(CREDENTIALS).body ?? '';
    expect(body).toContain('password=S3cr3t%26Pa+ss%3Dword');
    expect(body).not.toContain('S3cr3t&Pa');
  });
});

describe('sendmsg options', () => {
  it('maps every supported option to its legacy parameter', () => {
    const params = send({
      from: '27831234567',
      mo: true,
      callback: 3,
      clientReference: 'order12345',
      maxParts: 2,
      deliveryDelayMinutes: 30,
      flash: true,
      validityMinutes: 120,
      priorityQueue: 1,
      escalate: true,
      maxCredits: 1.5,
      requiredFeatures: 0x4000,
      udh: '0605040b8423f0',
    });
    expect(params).toEqual({
      session_id: SESSION_1,
      to: '447700900123',
      text: 'Hello World',
      from: '27831234567',
      mo: '1',
      callback: '3',
      climsgid: 'order12345',
      concat: '2',
      deliv_time: '30',
      msg_type: 'SMS_FLASH',
      validity: '120',
      queue: '1',
      escalate: '1',
      max_credits: '1.5',
      req_feat: '16384',
      udh: '0605040B8423F0',
    });
  });

  it('scheduledAt becomes scheduled_time in unix seconds', () => {
    const at = new Date(NOW.getTime() + 3 * 24 * 3600_000 + 500);
    expect(send({ scheduledAt: at }).scheduled_time).toBe(String(Math.floor(at.getTime() / 1000)));
  });

  it('accepts a scheduled time exactly 7 days ahead', () => {
    const at = new Date(NOW.getTime() + 10080 * 60_000);
    expect(send({ scheduledAt: at }).scheduled_time).toBe(String(at.getTime() / 1000));
  });

  it('leaves false booleans and blank strings out', () => {
    expect(send({ mo: false, flash: false, escalate: false, from: '', clientReference: '', udh: '' })).toEqual({
      session_id: SESSION_1,
      to: '447700900123',
      text: 'Hello World',
    });
  });

  it('accepts an alphanumeric sender ID of up to 11 characters', () => {
    expect(send({ from: 'ACME Shop' }).from).toBe('ACME Shop');
  });

  it.each([0, 7])('accepts callback level %i', (level) => {
    expect(send({ callback: level }).callback).toBe(String(level));
  });

  it('sends non-GSM text as UCS-2 hex with unicode=1 (auto)', () => {
    const params = send({}, 'Привет €');
    expect(params.unicode).toBe('1');
    expect(params.text).toBe('041F04400438043204350442002020AC');
  });

  it('sends GSM text as it is (auto) and as UCS-2 when unicode is on', () => {
    expect(send({ unicode: 'auto' }, 'Hello €').text).toBe('Hello €');
    expect(send({ unicode: 'auto' }, 'Hello €').unicode).toBeUndefined();
    const forced = send({ unicode: 'on' }, 'Hi');
    expect(forced).toMatchObject({ text: '00480069', unicode: '1' });
  });

  // Issue 11 item 7: the legacy API reads non-Unicode text as single-byte Windows-1252 (rule and sources in
  // gateways/clickatell-http/text-rule.ts), never UTF-8.
  it("sends the Clickatell FAQ's own example byte for byte (support.clickatell.com kbid=121)", () => {
    const request = buildSendMsgRequest(SESSION, { to: ['447700900123'], text: 'Ça va, mon élève, mi niña?' }, NOW);
    expect(rawText(request)).toBe('%C7a+va%2C+mon+%E9l%E8ve%2C+mi+ni%F1a%3F');
  });

  it('sends Café £5 as Windows-1252 escapes, not UTF-8 (civicrm-core PR #2265, pyclickatell smsEncode)', () => {
    const request = buildSendMsgRequest(SESSION, { to: ['447700900123'], text: 'Café £5' }, NOW);
    expect(rawText(request)).toBe('Caf%E9+%A35');
    expect(request.body).not.toContain('%C3');
    expect(form(request)).toMatchObject({ text: 'Café £5' });
    expect(form(request).unicode).toBeUndefined();
  });

  it('sends € as Windows-1252 byte 0x80 and the extension characters as their ASCII bytes (BenMorel/Clickatell MessageConverter.php)', () => {
    expect(rawText(buildSendMsgRequest(SESSION, { to: ['447700900123'], text: '5€ [x] ~{|}^\\' }, NOW))).toBe('5%80+%5Bx%5D+%7E%7B%7C%7D%5E%5C');
  });

  it('switches to UCS-2 for GSM-7 characters that have no Windows-1252 byte (the Greek capitals), never replacing them', () => {
    const params = send({}, 'ΔΣ ok');
    expect(params).toMatchObject({ unicode: '1', text: '039403A30020006F006B' });
    const error = rejection(() => send({ unicode: 'off' }, 'Δ ok'));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'options.unicode' });
    expect(error.providerText ?? error.message).toContain("'Δ' (U+0394)");
  });

  it('counts parts under the same rule: 160 single-byte characters fit one part, a Greek capital makes it UCS-2', () => {
    expect(prepareSend({ to: ['447700900123'], text: 'é'.repeat(160) }, NOW)).toMatchObject({ encoding: 'GSM-7', parts: 1 });
    expect(prepareSend({ to: ['447700900123'], text: 'Ω'.repeat(70) }, NOW)).toMatchObject({ encoding: 'UCS-2', parts: 1 });
  });

  it('sends concat = the parts needed when maxParts is not given', () => {
    expect(send({}, 'a'.repeat(160)).concat).toBeUndefined();
    expect(send({}, 'a'.repeat(161)).concat).toBe('2');
    expect(send({}, 'a'.repeat(459)).concat).toBe('3');
    expect(send({}, 'д'.repeat(71)).concat).toBe('2');
  });

  it('sends concat = maxParts when given', () => {
    expect(send({ maxParts: 3 }, 'short').concat).toBe('3');
    expect(send({ maxParts: 1 }, 'a'.repeat(160)).concat).toBe('1');
  });

  it('prepareSend reports recipients, encoding and parts for the parser', () => {
    const prepared = prepareSend({ to: ['+44 7700 900123', '27831234567'], text: 'д'.repeat(80), options: { clientReference: 'ref1', from: 'ACME' } }, NOW);
    expect(prepared).toMatchObject({
      recipients: ['447700900123', '27831234567'],
      requested: ['+44 7700 900123', '27831234567'],
      encoding: 'UCS-2',
      parts: 2,
      clientReference: 'ref1',
      from: 'ACME',
    });
  });

  it('accepts exactly 600 recipients', () => {
    const to = Array.from({ length: 600 }, (_, i) => `4477009${String(i).padStart(5, '0')}`);
    expect(send({}, 'Hi', to).to.split(',')).toHaveLength(600);
  });
});

describe('sendmsg validation names the field', () => {
  const base: SendRequest = { to: ['447700900123'], text: 'Hello' };
  const build = (request: Omit<Partial<SendRequest>, 'options'> & { options?: Record<string, unknown> }) => () =>
    buildSendMsgRequest(SESSION, { ...base, ...request } as SendRequest, NOW);

  it('missing text', () => {
    expectField(build({ text: undefined as unknown as string }), 'text');
  });

  it.each(['', '   ', '\n'])('empty text %j', (text) => {
    expectField(build({ text }), 'text');
  });

  it('no recipients, or not a list', () => {
    expectField(build({ to: [] }), 'to');
    expectField(build({ to: '447700900123' as unknown as string[] }), 'to');
  });

  it('601 recipients', () => {
    const to = Array.from({ length: 601 }, (_, i) => `4477009${String(i).padStart(5, '0')}`);
    const error = expectField(build({ to }), 'to');
    expect(error.message).toContain('600');
  });

  it('an invalid number', () => {
    expectField(build({ to: ['447700900123', '07700 900123'] }), 'to');
    expectField(build({ to: ['not a number'] }), 'to');
  });

  it('text over the default limit of 3 parts', () => {
    expectField(build({ text: 'a'.repeat(460) }), 'text');
    expectField(build({ text: 'д'.repeat(202) }), 'text');
  });

  it('text over the maxParts given', () => {
    expectField(build({ text: 'a'.repeat(161), options: { maxParts: 1 } }), 'text');
    expectField(build({ text: 'a'.repeat(307), options: { maxParts: 2 } }), 'text');
  });

  it.each([
    ['callback', 8],
    ['callback', -1],
    ['callback', 2.5],
    ['callback', '3'],
    ['maxParts', 0],
    ['maxParts', 4],
    ['deliveryDelayMinutes', 10081],
    ['deliveryDelayMinutes', 0],
    ['deliveryDelayMinutes', Number.NaN],
    ['validityMinutes', 0],
    ['validityMinutes', 10081],
    ['priorityQueue', 0],
    ['priorityQueue', 4],
    ['requiredFeatures', -1],
    ['requiredFeatures', 0x10000],
    ['maxCredits', 0],
    ['maxCredits', 3.5],
    ['maxCredits', Number.POSITIVE_INFINITY],
    ['mo', 'yes'],
    ['flash', 1],
    ['escalate', 'true'],
    ['unicode', 'sometimes'],
    ['clientReference', 'has space'],
    ['clientReference', 'x'.repeat(33)],
    ['clientReference', 'ümlaut'],
    ['from', 'Twelve Chars'],
    ['from', 'ACME!'],
    ['udh', '0G'],
    ['udh', '060'],
  ])('options.%s = %p', (name, value) => {
    expectField(build({ options: { [name]: value } }), `options.${name}`);
  });

  it('deliv_time 10081 is rejected, 10080 accepted', () => {
    expectField(build({ options: { deliveryDelayMinutes: 10081 } }), 'options.deliveryDelayMinutes');
    expect(send({ deliveryDelayMinutes: 10080 }).deliv_time).toBe('10080');
  });

  it('scheduledAt: invalid, past, or more than 7 days ahead', () => {
    expectField(build({ options: { scheduledAt: new Date('nope') } }), 'options.scheduledAt');
    expectField(build({ options: { scheduledAt: '2024-05-02T00:00:00Z' } }), 'options.scheduledAt');
    expectField(build({ options: { scheduledAt: new Date(NOW.getTime() - 3600_000) } }), 'options.scheduledAt');
    expectField(build({ options: { scheduledAt: new Date(NOW.getTime() + 10080 * 60_000 + 1000) } }), 'options.scheduledAt');
  });

  it('a delay and a scheduled time together', () => {
    expectField(build({ options: { deliveryDelayMinutes: 5, scheduledAt: new Date(NOW.getTime() + 3600_000) } }), 'options.deliveryDelayMinutes');
  });

  it.each([
    ['bypassDnc', true],
    ['binary', true],
    ['country', 'GB'],
  ])('options the legacy API lacks: %s', (name, value) => {
    const error = expectField(build({ options: { [name]: value } }), `options.${name}`);
    expect(error.message).toContain('not supported');
  });

  it('unicode off with characters GSM-7 cannot carry', () => {
    expectField(build({ text: 'Привет', options: { unicode: 'off' } }), 'options.unicode');
  });
});

describe('other builders validate their input', () => {
  it.each([
    ['querymsg', () => buildQueryMsgRequest(SESSION, '')],
    ['getmsgcharge', () => buildGetMsgChargeRequest(SESSION, '  ')],
    ['delmsg', () => buildDelMsgRequest(SESSION, 'abc def')],
  ])('%s needs a message id', (_, run) => {
    expectField(run, 'apiMsgId');
  });

  it('token_pay needs a token', () => {
    expectField(() => buildTokenPayRequest(SESSION, ''), 'token');
  });

  it('coverage needs a valid msisdn', () => {
    expectField(() => buildCoverageRequest(SESSION, 'abc'), 'msisdn');
    expectField(() => buildCoverageRequest(SESSION, ''), 'msisdn');
  });

  it('per-request auth needs every credential, and never quotes it', () => {
    const error = expectField(() => buildAuthRequest({ ...CREDENTIALS, password: '' }), 'credentials.password');
    expect(error.message).not.toContain(CREDENTIALS.user);
    expectField(() => buildGetBalanceRequest({ auth: { mode: 'perRequest', apiId: '', user: 'u', password: 'p' } }), 'credentials.apiId');
    expectField(() => buildGetBalanceRequest({ auth: { mode: 'perRequest', apiId: '1', user: ' ', password: 'p' } }), 'credentials.user');
  });

  it('rejects a base URL that is not http(s)', () => {
    expectField(() => buildGetBalanceRequest({ ...SESSION, baseUrl: 'ftp://example.com' }), 'credentials.baseUrl');
    expectField(() => buildGetBalanceRequest({ ...SESSION, baseUrl: 'not a url' }), 'credentials.baseUrl');
  });
});
