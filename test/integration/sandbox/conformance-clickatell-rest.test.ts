import type { Sandbox } from '../../../sandbox';
import { DEMO, HEX32, putJson, request, restHeaders, start, xmlChildNames, xmlValues } from './helpers';

/**
 * Every example of ../shared/specs/clickatell-rest-api.txt (sections 3–6), the status codes of section 9
 * and the error codes of section 10, over real HTTP. Texts are copied from the spec.
 */

let sandbox: Sandbox;
let base: string;

/** Section 10, "Description" column, as the spec writes it. */
const SPEC_ERRORS: Record<string, string> = {
  '001': 'Authentication failed',
  '007': 'IP lockdown violation',
  '100': 'Data malformed',
  '101': 'Invalid or missing parameters',
  '102': 'Invalid user data header',
  '105': 'Invalid destination address',
  '106': 'Invalid source address',
  '109': 'Missing message ID',
  '113': 'Maximum message parts exceeded',
  '114': 'Cannot route message',
  '116': 'Invalid unicode data',
  '120': 'clientMessageId contains space(s)',
  '121': 'Destination mobile number blocked',
  '122': 'Destination mobile opted out',
  '123': 'Invalid Sender ID',
  '128': 'Number delisted',
  '160': 'HTTP method is not supported on this resource',
  '161': 'Resource does not exist',
  '165': 'Invalid or no version header specified',
  '166': 'Invalid accept header specified',
  '167': 'Invalid or no content-type specified',
  '250': 'Destination address is on DNC list – Do not contact receiver',
  '301': 'No credit left',
  '901': 'Internal error – please retry',
};

beforeAll(async () => {
  sandbox = await start({
    accounts: [
      { id: 'rest-locked', provider: 'clickatell-rest', token: 'locked-token', balance: 10, ipLockdown: ['10.1.2.3'] },
      { id: 'rest-broke', provider: 'clickatell-rest', token: 'broke-token', balance: 0 },
      { id: 'rest-approved', provider: 'clickatell-rest', token: 'approved-token', balance: 10, approvedSenderIds: ['Acme'] },
      { id: 'rest-limited', provider: 'clickatell-rest', token: 'limited-token', balance: 10, dailyMessageLimit: 0 },
    ],
  });
  base = sandbox.url;
});

afterAll(() => sandbox.close());

function send(body: unknown, headers: Record<string, string> = {}) {
  return request(`${base}/rest/message`, { method: 'POST', headers: restHeaders(headers), body: typeof body === 'string' ? body : JSON.stringify(body) });
}

const XML_HEADERS = { 'Content-Type': 'application/xml', Accept: 'application/xml' };

describe('3. Send message', () => {
  it('3.1 JSON: 202 Accepted, data.message[] with accepted, to, apiMessageId', async () => {
    const result = await send({ text: 'Test Message', to: ['2799900001', '2799900002'] });
    expect(result.status).toBe(202);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(result.text);
    expect(Object.keys(body)).toEqual(['data']);
    expect(body.data.message).toHaveLength(2);
    body.data.message.forEach((entry: Record<string, unknown>, index: number) => {
      expect(Object.keys(entry)).toEqual(['accepted', 'to', 'apiMessageId']);
      expect(entry.accepted).toBe(true);
      expect(entry.to).toBe(`279990000${index + 1}`);
      expect(entry.apiMessageId).toMatch(HEX32);
    });
  });

  it('3.2 XML: the spec request (with its `<?xml version "1.0"?>` prolog) gets <response><data><message>', async () => {
    const xml = '<?xml version "1.0"?>\n<request>\n  <data>\n    <text>Test Message</text>\n    <to>2799900001</to>\n  </data>\n</request>';
    const result = await send(xml, XML_HEADERS);
    expect(result.status).toBe(202);
    expect(result.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(result.text.startsWith('<?xml version="1.0"?>')).toBe(true);
    expect(xmlChildNames(result.text, 'response')).toEqual(['data', 'message', 'accepted', 'to', 'apiMessageId']);
    expect(xmlValues(result.text, 'accepted')).toEqual(['1']);
    expect(xmlValues(result.text, 'to')).toEqual(['2799900001']);
    expect(xmlValues(result.text, 'apiMessageId')[0]).toMatch(HEX32);
  });

  it('XML with several <to> elements sends to each', async () => {
    const xml = '<request><data><text>Hi &amp; bye</text><to>2799900001</to><to>2799900002</to></data></request>';
    const result = await send(xml, XML_HEADERS);
    expect(result.status).toBe(202);
    expect(xmlValues(result.text, 'to')).toEqual(['2799900001', '2799900002']);
    const id = xmlValues(result.text, 'apiMessageId')[0];
    expect(sandbox.state.messages.get(id)?.text).toBe('Hi & bye');
  });

  it('accepts every section 8 feature parameter', async () => {
    const result = await send({
      text: 'Features',
      to: ['2799900001'],
      binary: 0,
      clientMessageId: 'ref-8',
      maxMessageParts: 2,
      userPriorityQueue: 1,
      callback: 3,
      escalate: 1,
      maxCredits: 2,
      type: 'SMS_FLASH',
      mo: 1,
      requiredFeatures: 8,
      scheduledDeliveryTime: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      from: '27999000002',
      unicode: 0,
      udh: '050003CC0201',
      validityPeriod: 25,
      bypassDNCCheck: 1,
    });
    expect(result.status).toBe(202);
    const id = JSON.parse(result.text).data.message[0].apiMessageId;
    const message = sandbox.state.messages.get(id)!;
    expect(message.clientReference).toBe('ref-8');
    expect(message.callback).toBe(3);
    expect(message.scheduledFor).not.toBeNull();
    expect(message.options).toMatchObject({ type: 'SMS_FLASH', userPriorityQueue: 1, udh: '050003CC0201', validityPeriod: 25, mo: true, escalate: true });
  });
});

describe('4. Stop message', () => {
  async function scheduledId(): Promise<string> {
    const result = await send({ text: 'later', to: ['2799900001'], scheduledDeliveryTime: new Date(Date.now() + 3_600_000).toISOString() });
    return JSON.parse(result.text).data.message[0].apiMessageId;
  }

  it('4.1 JSON: 200 with messageStatus 006, description, apiMessageId', async () => {
    const id = await scheduledId();
    const result = await request(`${base}/rest/message/${id}`, { method: 'DELETE', headers: restHeaders() });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ data: { messageStatus: '006', description: 'User cancelled message delivery', apiMessageId: id } });
  });

  it('4.2 XML: the same fields under <response><data>', async () => {
    const id = await scheduledId();
    const result = await request(`${base}/rest/message/${id}`, { method: 'DELETE', headers: restHeaders({ Accept: 'application/xml' }) });
    expect(result.status).toBe(200);
    expect(xmlChildNames(result.text, 'response')).toEqual(['data', 'messageStatus', 'description', 'apiMessageId']);
    expect(xmlValues(result.text, 'messageStatus')).toEqual(['006']);
    expect(xmlValues(result.text, 'description')).toEqual(['User cancelled message delivery']);
    expect(xmlValues(result.text, 'apiMessageId')).toEqual([id]);
  });
});

describe('5. Retrieve balance', () => {
  beforeAll(async () => {
    await putJson(`${base}/sandbox/accounts/${DEMO.clickatellRest.accountId}`, { balance: 300.5 });
  });

  it('5.1 JSON: {"data":{"balance":"300.50"}}', async () => {
    const result = await request(`${base}/rest/account/balance`, { headers: restHeaders() });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ data: { balance: '300.50' } });
  });

  it('5.2 XML: <balance>300.50</balance>', async () => {
    const result = await request(`${base}/rest/account/balance`, { headers: restHeaders({ Accept: 'application/xml' }) });
    expect(xmlChildNames(result.text, 'response')).toEqual(['data', 'balance']);
    expect(xmlValues(result.text, 'balance')).toEqual(['300.50']);
  });
});

describe('6. Get coverage', () => {
  it('6.1 JSON: routable, destination, minimumCharge 0.8 for 27999123456', async () => {
    const result = await request(`${base}/rest/coverage/27999123456`, { headers: restHeaders() });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ data: { routable: true, destination: '27999123456', minimumCharge: 0.8 } });
  });

  it('6.2 XML: <routable>1</routable>', async () => {
    const result = await request(`${base}/rest/coverage/27999123456`, { headers: restHeaders({ Accept: 'application/xml' }) });
    expect(xmlValues(result.text, 'routable')).toEqual(['1']);
    expect(xmlValues(result.text, 'destination')).toEqual(['27999123456']);
    expect(xmlValues(result.text, 'minimumCharge')).toEqual(['0.8']);
  });

  it('the test range is charged a third of a credit; an unroutable prefix is not routable', async () => {
    expect(JSON.parse((await request(`${base}/rest/coverage/2799912345`, { headers: restHeaders() })).text).data.minimumCharge).toBe(0.3333);
    expect(JSON.parse((await request(`${base}/rest/coverage/9991140000`, { headers: restHeaders() })).text).data.routable).toBe(false);
  });
});

describe('7. Message status', () => {
  it('GET /rest/message/{id} reports charge, status and description', async () => {
    const id = JSON.parse((await send({ text: 'status', to: ['2799900001'], clientMessageId: 'st-1' })).text).data.message[0].apiMessageId;
    const result = await request(`${base}/rest/message/${id}`, { headers: restHeaders() });
    expect(result.status).toBe(200);
    const data = JSON.parse(result.text).data;
    expect(data).toMatchObject({ charge: 0.8, apiMessageId: id, clientMessageId: 'st-1' });
    expect(['002', '003', '004']).toContain(data.messageStatus);
  });
});

/** The error code of an error answer: top-level `error`, or the first per-recipient entry's. */
function errorCodeOf(text: string): string | undefined {
  const body = JSON.parse(text);
  return body.error?.code ?? body.data?.message?.[0]?.error?.code;
}

describe('9. Response status codes', () => {
  it('207 when the messages of one request have different outcomes', async () => {
    const result = await send({ text: 'mixed', to: ['2799900001', '9991210000'] });
    expect(result.status).toBe(207);
    const [ok, refused] = JSON.parse(result.text).data.message;
    expect(ok).toMatchObject({ accepted: true, to: '2799900001' });
    expect(refused).toMatchObject({ accepted: false, to: '9991210000', apiMessageId: '', error: { code: '121', description: SPEC_ERRORS['121'] } });
  });

  it.each([
    [400, '105', () => send({ text: 'x', to: ['12ab'] })],
    [401, '001', () => send({ text: 'x', to: ['2799900001'] }, { Authorization: 'Bearer wrong' })],
    [402, '301', () => send({ text: 'x', to: ['2799900001'] }, { Authorization: 'Bearer broke-token' })],
    [404, '161', () => request(`${base}/rest/message/0123456789abcdef0123456789abcdef`, { headers: restHeaders() })],
    [405, '160', () => request(`${base}/rest/coverage/27999123456`, { method: 'POST', headers: restHeaders(), body: '{}' })],
    [410, '121', () => send({ text: 'x', to: ['9991210000'] })],
    [429, '130', () => send({ text: 'x', to: ['2799900001'] }, { Authorization: 'Bearer limited-token' })],
  ])('%i with error %s', async (status, code, run) => {
    const result = await run();
    expect(result.status).toBe(status);
    expect(errorCodeOf(result.text)).toBe(code);
  });

  // The real gateway answers an invalid destination with 400 and per-recipient entries, not a top-level
  // error: capture in dfch's Send-ShortMessage help (biz.dfch.PS.System.Utilities), 16 Feb 2015.
  it('400 for an invalid destination carries the refusal in data.message[], as the real gateway does', async () => {
    const result = await send({ text: 'hello, world!', to: ['12ab'] });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text)).toEqual({
      data: { message: [{ accepted: false, to: '12ab', apiMessageId: '', error: { code: '105', description: SPEC_ERRORS['105'], documentation: 'http://www.clickatell.com/help/apidocs/error/105.htm' } }] },
    });
  });

  it('405 names the allowed methods', async () => {
    const result = await request(`${base}/rest/account/balance`, { method: 'PUT', headers: restHeaders() });
    expect(result.status).toBe(405);
    expect(result.headers.get('allow')).toBe('GET');
  });

  it('429 (fault) carries Retry-After; 503 (fault) is the temporary error 901', async () => {
    sandbox.faults.add({ kind: '429', api: 'clickatell-rest', count: 1, retryAfterSeconds: 7 });
    const limited = await request(`${base}/rest/account/balance`, { headers: restHeaders() });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    sandbox.faults.add({ kind: '503', api: 'clickatell-rest', count: 1 });
    const unavailable = await request(`${base}/rest/account/balance`, { headers: restHeaders() });
    expect(unavailable.status).toBe(503);
    expect(JSON.parse(unavailable.text).error).toMatchObject({ code: '901', description: SPEC_ERRORS['901'] });
  });
});

describe('10. API error codes (code and description)', () => {
  const cases: Array<[string, number, () => Promise<{ status: number; text: string }>]> = [
    ['001', 401, () => request(`${base}/rest/account/balance`, { headers: restHeaders({ Authorization: '' }) })],
    ['007', 401, () => request(`${base}/rest/account/balance`, { headers: restHeaders({ Authorization: 'Bearer locked-token' }) })],
    ['100', 400, () => send('{"text": "unterminated')],
    ['101', 400, () => send({ to: ['2799900001'] })],
    ['102', 400, () => send({ text: 'x', to: ['2799900001'], udh: 'zz' })],
    ['105', 400, () => send({ text: 'x', to: ['+2799900001'] })],
    ['106', 400, () => send({ text: 'x', to: ['2799900001'], from: 'Sender With Spaces+' })],
    ['109', 400, () => request(`${base}/rest/message`, { method: 'DELETE', headers: restHeaders() })],
    ['113', 400, () => send({ text: 'y'.repeat(161), to: ['2799900001'], maxMessageParts: 1 })],
    ['114', 410, () => send({ text: 'x', to: ['9991140000'] })],
    ['116', 400, () => send({ text: 'bad \ud800 pair', to: ['2799900001'], unicode: 1 })],
    ['120', 400, () => send({ text: 'x', to: ['2799900001'], clientMessageId: 'has space' })],
    ['121', 410, () => send({ text: 'x', to: ['9991210000'] })],
    ['122', 410, () => send({ text: 'x', to: ['9991220000'] })],
    ['123', 400, () => send({ text: 'x', to: ['2799900001'], from: 'Other' }, { Authorization: 'Bearer approved-token' })],
    ['128', 410, () => send({ text: 'x', to: ['9991280000'] })],
    ['160', 405, () => request(`${base}/rest/message`, { method: 'PUT', headers: restHeaders(), body: '{}' })],
    ['161', 404, () => request(`${base}/rest/nothing-here`, { headers: restHeaders() })],
    ['165', 400, () => request(`${base}/rest/account/balance`, { headers: restHeaders({ 'X-Version': '2' }) })],
    ['166', 400, () => request(`${base}/rest/account/balance`, { headers: restHeaders({ Accept: 'text/html' }) })],
    ['167', 400, () => send({ text: 'x', to: ['2799900001'] }, { 'Content-Type': 'application/x-www-form-urlencoded' })],
    ['250', 410, () => send({ text: 'x', to: ['9992500000'] })],
    ['301', 402, () => send({ text: 'x', to: ['2799900001'] }, { Authorization: 'Bearer broke-token' })],
  ];

  it.each(cases)('%s (HTTP %i)', async (code, status, run) => {
    const result = await run();
    expect(result.status).toBe(status);
    const body = JSON.parse(result.text);
    // 105 comes per recipient (data.message[0].error), as the real gateway sends it; the rest top-level.
    const error = body.error ?? body.data.message[0].error;
    expect(error.code).toBe(code);
    expect(error.description).toBe(SPEC_ERRORS[code]);
    expect(error.documentation).toContain(code);
  });

  it('errors come in XML when XML is accepted', async () => {
    const result = await request(`${base}/rest/account/balance`, { headers: restHeaders({ Accept: 'application/xml', 'X-Version': '' }) });
    expect(result.status).toBe(400);
    expect(xmlChildNames(result.text, 'response')).toEqual(['error', 'code', 'description', 'documentation']);
    expect(xmlValues(result.text, 'code')).toEqual(['165']);
  });

  it('250 is skipped with bypassDNCCheck=1', async () => {
    expect((await send({ text: 'x', to: ['9992500000'], bypassDNCCheck: 1 })).status).toBe(202);
  });

  it('Accept */* and a missing Accept both answer JSON', async () => {
    expect(JSON.parse((await request(`${base}/rest/account/balance`, { headers: restHeaders({ Accept: '*/*' }) })).text).data.balance).toBeDefined();
    const headers = restHeaders();
    delete headers.Accept;
    expect(JSON.parse((await request(`${base}/rest/account/balance`, { headers })).text).data.balance).toBeDefined();
  });
});
