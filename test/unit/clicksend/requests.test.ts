import type { SendOptions } from '../../../gateways/gateway';
import {
  DEFAULT_BASE_URL,
  buildBalanceRequest,
  buildDeliveryReportsRequest,
  buildHistoryRequest,
  buildRepliesRequest,
  buildSendRequest,
  prepareSend,
  resolveBaseUrl,
} from '../../../gateways/clicksend/requests';
import { thrown } from './helpers';

/** The spec's example credentials. */
const SPEC = { username: 'myusername', key: '094F2_FA56B10A_0F8F6B_A35FD650D829' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function form(body: string | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body ?? ''));
}

function sendForm(to: string[], text: string, options?: SendOptions): Record<string, string> {
  return form(buildSendRequest(SPEC, { to, text, options }).body);
}

function fieldOf(run: () => unknown): string | undefined {
  const error = thrown(run);
  expect(error.code).toBe('INVALID_INPUT');
  expect(error.delivery).toBe('no');
  return error.field;
}

describe('spec examples: requests', () => {
  it('send.php: the POST variables in the order of the example (method, username, key, to, message)', () => {
    const request = buildSendRequest({ username: 'myusername', key: '1234-I3U2RN34IU-43UNG' }, { to: ['61411111111'], text: 'testing' });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://api-mapper.clicksend.com/http/v2/send.php');
    expect(request.headers).toEqual(FORM);
    expect([...new URLSearchParams(request.body).keys()]).toEqual(['method', 'username', 'key', 'to', 'message']);
    // The spec's request example is `username=myusername&key=1234-I3U2RN34IU-43UNG&to=61411111111&message=testing`.
    // We add method=http (as the POST variables example does) and send `to` in +E.164 as the parameter
    // table asks ("with leading + and country code"), so the + is encoded as %2B.
    expect(request.body).toBe('method=http&username=myusername&key=1234-I3U2RN34IU-43UNG&to=%2B61411111111&message=testing');
  });

  it('send.php: all optional parameters of the table', () => {
    const schedule = new Date(1435100575 * 1000);
    expect(sendForm(['+614 1111 1111'], 'This is a test', { from: 'MyCompany', clientReference: 'my_ref', scheduledAt: schedule, country: 'us' })).toEqual({
      method: 'http',
      username: 'myusername',
      key: SPEC.key,
      to: '+61411111111',
      message: 'This is a test',
      senderid: 'MyCompany',
      customstring: 'my_ref',
      schedule: '1435100575',
      country: 'US',
    });
  });

  it('reply.php with a message id, exactly as the spec shows', () => {
    const request = buildRepliesRequest(SPEC, 'DAA581CB_D739_4675_A506_993679713FF8');
    expect(request).toEqual({
      method: 'POST',
      url: 'https://api-mapper.clicksend.com/http/v2/reply.php',
      headers: FORM,
      body: 'username=myusername&key=094F2_FA56B10A_0F8F6B_A35FD650D829&messageid=DAA581CB_D739_4675_A506_993679713FF8',
    });
  });

  it('delivery.php with a message id, exactly as the spec shows', () => {
    const request = buildDeliveryReportsRequest(SPEC, 'DAA581CB-D739-4675-A506-993679713FF8');
    expect(request.url).toBe('https://api-mapper.clicksend.com/http/v2/delivery.php');
    expect(request.body).toBe('username=myusername&key=094F2_FA56B10A_0F8F6B_A35FD650D829&messageid=DAA581CB-D739-4675-A506-993679713FF8');
  });

  it('history.php and balance.php, exactly as the spec shows', () => {
    const history = buildHistoryRequest(SPEC);
    expect(history.url).toBe('https://api-mapper.clicksend.com/http/v2/history.php');
    expect(history.body).toBe('username=myusername&key=094F2_FA56B10A_0F8F6B_A35FD650D829');
    const balance = buildBalanceRequest(SPEC);
    expect(balance.url).toBe('https://api-mapper.clicksend.com/http/v2/balance.php');
    expect(balance.body).toBe('username=myusername&key=094F2_FA56B10A_0F8F6B_A35FD650D829');
  });

  it('optional ids and from_email: omitted when empty, sent when given', () => {
    expect(buildRepliesRequest(SPEC).body).toBe('username=myusername&key=094F2_FA56B10A_0F8F6B_A35FD650D829');
    expect(buildDeliveryReportsRequest(SPEC, '').body).toBe('username=myusername&key=094F2_FA56B10A_0F8F6B_A35FD650D829');
    expect(form(buildHistoryRequest(SPEC, 'myemail@email.com').body)).toEqual({ ...SPEC, from_email: 'myemail@email.com' });
  });
});

describe('base URL and credentials', () => {
  it('defaults to api-mapper.clicksend.com; an override may include the /http/v2 path', () => {
    expect(DEFAULT_BASE_URL).toBe('https://api-mapper.clicksend.com');
    expect(resolveBaseUrl('https://api-mapper.clicksend.com/http/v2/')).toBe('https://api-mapper.clicksend.com');
    expect(buildBalanceRequest({ ...SPEC, baseUrl: 'http://127.0.0.1:4000/' }).url).toBe('http://127.0.0.1:4000/http/v2/balance.php');
    expect(fieldOf(() => buildBalanceRequest({ ...SPEC, baseUrl: 'mailto:x@y' }))).toBe('credentials.baseUrl');
  });

  it('credentials go in the body, never in the URL', () => {
    const request = buildSendRequest(SPEC, { to: ['+61411111111'], text: 'Hi' });
    expect(request.url).not.toContain(SPEC.key);
    expect(request.url).not.toContain(SPEC.username);
  });

  it('requires username and key and never echoes the key', () => {
    expect(fieldOf(() => buildBalanceRequest({ username: '', key: 'k' }))).toBe('credentials.username');
    const error = thrown(() => buildBalanceRequest({ username: 'u', key: ' ' }));
    expect(error.field).toBe('credentials.key');
    expect(fieldOf(() => buildBalanceRequest({} as never))).toBe('credentials.username');
  });

  it('sends the key exactly as typed (a subaccount password may contain spaces)', () => {
    expect(form(buildBalanceRequest({ username: 'sub', key: ' pass word ' }).body).key).toBe(' pass word ');
  });

  it('validates message ids and the email', () => {
    expect(fieldOf(() => buildRepliesRequest(SPEC, 'abc&key=x'))).toBe('messageId');
    expect(fieldOf(() => buildDeliveryReportsRequest(SPEC, 'a b'))).toBe('messageId');
    expect(fieldOf(() => buildHistoryRequest(SPEC, 'not-an-email'))).toBe('fromEmail');
  });
});

describe('send.php parameters', () => {
  it('joins recipients with commas in +E.164', () => {
    expect(sendForm(['0061 411 111 111', '+61422222222', '447777777777'], 'Hi').to).toBe('+61411111111,+61422222222,+447777777777');
  });

  it('with country, passes local numbers as given (ClickSend completes them) and still normalizes international ones', () => {
    const prepared = prepareSend({ to: ['0411 111 111', '(02) 9999-0000', '+61 422 222 222'], text: 'Hi', options: { country: 'AU' } });
    expect(prepared.recipients).toEqual(['0411111111', '0299990000', '+61422222222']);
    expect(form(buildSendRequest(SPEC, { to: ['0411 111 111'], text: 'Hi', options: { country: 'au' } }).body)).toMatchObject({ to: '0411111111', country: 'AU' });
    expect(fieldOf(() => prepareSend({ to: ['call me'], text: 'Hi', options: { country: 'AU' } }))).toBe('to');
  });

  it("accepts every test number of the spec's Testing section", () => {
    const numbers = ['+61411111111', '+61422222222', '+61433333333', '+61444444444', '+14055555555', '+14055555666', '+447777777777', '+447778888888', '+8615555555555'];
    expect(sendForm(numbers, 'Hi').to).toBe(numbers.join(','));
  });

  it('without country, a national number is refused', () => {
    expect(fieldOf(() => sendForm(['0411111111'], 'Hi'))).toBe('to');
  });

  it('accepts a phone number as sender ID', () => {
    expect(sendForm(['+61411111111'], 'Hi', { from: '+61 400 000 000' }).senderid).toBe('+61400000000');
    expect(sendForm(['+61411111111'], 'Hi', { from: 'ABCDEFGHIJK' }).senderid).toBe('ABCDEFGHIJK');
  });

  it('message text is sent as typed, Unicode included', () => {
    expect(sendForm(['+61411111111'], 'Grüße & 你好 +1').message).toBe('Grüße & 你好 +1');
    expect(buildSendRequest(SPEC, { to: ['+61411111111'], text: 'a b+c' }).body).toContain('message=a+b%2Bc');
  });

  it('reports encoding, parts and schedule for the parser', () => {
    expect(prepareSend({ to: ['+61411111111'], text: '你好' })).toMatchObject({ encoding: 'UCS-2', parts: 1, scheduled: false, from: null, clientReference: null });
    expect(prepareSend({ to: ['+61411111111'], text: 'x'.repeat(161), options: { scheduledAt: new Date() } })).toMatchObject({ encoding: 'GSM-7', parts: 2, scheduled: true });
  });

  it('false for a Clickatell-only flag asks for nothing and is accepted', () => {
    expect(sendForm(['+61411111111'], 'Hi', { flash: false, mo: false, unicode: 'auto' })).not.toHaveProperty('flash');
  });
});

describe('send.php validation: errors name the field', () => {
  const to = ['+61411111111'];

  it('recipients: 1 to 1000', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `+614${String(i).padStart(8, '0')}`);
    const error = thrown(() => prepareSend({ to: many, text: 'Hi' }));
    expect(error.field).toBe('to');
    expect(error.message).toContain('1000');
    expect(prepareSend({ to: many.slice(0, 1000), text: 'Hi' }).recipients).toHaveLength(1000);
    expect(fieldOf(() => prepareSend({ to: [], text: 'Hi' }))).toBe('to');
    expect(fieldOf(() => prepareSend({ to: 'x' as unknown as string[], text: 'Hi' }))).toBe('to');
    expect(fieldOf(() => prepareSend({ to: ['+61411111111', 'abc'], text: 'Hi' }))).toBe('to');
  });

  it('message: not empty, at most 960 characters', () => {
    expect(fieldOf(() => prepareSend({ to, text: '' }))).toBe('text');
    expect(fieldOf(() => prepareSend({ to, text: ' \n ' }))).toBe('text');
    expect(fieldOf(() => prepareSend({ to, text: 'x'.repeat(961) }))).toBe('text');
    expect(prepareSend({ to, text: 'x'.repeat(960) }).text).toHaveLength(960);
    // Characters, not UTF-16 units: 960 emoji are 960 characters.
    expect(prepareSend({ to, text: '😀'.repeat(960) }).text).toHaveLength(1920);
    expect(fieldOf(() => prepareSend({ to, text: '😀'.repeat(961) }))).toBe('text');
  });

  it('sender ID: at most 11 alphanumerics without spaces, or a phone number', () => {
    expect(fieldOf(() => sendForm(to, 'Hi', { from: 'My Company' }))).toBe('options.from');
    expect(fieldOf(() => sendForm(to, 'Hi', { from: 'ABCDEFGHIJKL' }))).toBe('options.from');
    expect(fieldOf(() => sendForm(to, 'Hi', { from: 'Acme-Co' }))).toBe('options.from');
    expect(fieldOf(() => sendForm(to, 'Hi', { from: '+6141111111111111' }))).toBe('options.from');
  });

  it('customstring: at most 50 characters', () => {
    expect(fieldOf(() => sendForm(to, 'Hi', { clientReference: 'r'.repeat(51) }))).toBe('options.clientReference');
    expect(sendForm(to, 'Hi', { clientReference: 'r'.repeat(50) }).customstring).toHaveLength(50);
  });

  it('schedule must be a valid date; country two letters', () => {
    expect(fieldOf(() => sendForm(to, 'Hi', { scheduledAt: new Date('x') }))).toBe('options.scheduledAt');
    expect(fieldOf(() => sendForm(to, 'Hi', { scheduledAt: 1435100575 as unknown as Date }))).toBe('options.scheduledAt');
    expect(fieldOf(() => sendForm(to, 'Hi', { country: 'USA' }))).toBe('options.country');
    expect(fieldOf(() => sendForm(to, 'Hi', { country: 'U1' }))).toBe('options.country');
  });

  it('unicode: ClickSend picks the encoding, so only a value that agrees with the text is accepted', () => {
    expect(sendForm(to, 'Привет', { unicode: 'on' }).message).toBe('Привет');
    expect(sendForm(to, 'Hello', { unicode: 'off' }).message).toBe('Hello');
    expect(fieldOf(() => sendForm(to, 'Hello', { unicode: 'on' }))).toBe('options.unicode');
    expect(fieldOf(() => sendForm(to, 'Привет', { unicode: 'off' }))).toBe('options.unicode');
  });

  it.each([
    ['mo', true],
    ['callback', 3],
    ['maxParts', 2],
    ['deliveryDelayMinutes', 10],
    ['flash', true],
    ['validityMinutes', 60],
    ['priorityQueue', 1],
    ['escalate', true],
    ['maxCredits', 1],
    ['requiredFeatures', 1],
    ['bypassDnc', true],
    ['binary', true],
    ['udh', '0605040B8423F0'],
  ])('Clickatell-only option %s is refused naming options.%s', (name, value) => {
    const error = thrown(() => sendForm(to, 'Hi', { [name]: value } as SendOptions));
    expect(error.field).toBe(`options.${name}`);
    expect(error.message).toContain('not supported by ClickSend');
  });
});
