import type { Sandbox } from '../../../sandbox';
import { CS_AUTH, DEMO, eventually, form, getQuery, postForm, postJson, request, start, UUID_UPPER, xmlChildNames, xmlValues } from './helpers';

/**
 * Every example of ../shared/specs/clicksend-http-api-v2.apib over real HTTP: send.php, reply.php,
 * delivery.php, history.php, balance.php, the response codes, the test credentials and test numbers.
 */

let sandbox: Sandbox;
let base: string;

/** "Response Codes": code -> Error Text, as the spec writes them. */
const SPEC_RESULTS: Record<string, string> = {
  '0000': 'Success',
  '2006': 'Missing credentials',
  '2007': 'Account not activated',
  '2015': 'Invalid recipient',
  '2016': 'Throttled',
  '2017': 'Invalid sender id',
  '2018': 'Low credit',
  '2022': 'Invalid credentials',
  '2051': 'Empty message',
  '2052': 'Too many recipients',
  '2100': 'Internal error',
};

const SPEC_TEST_NUMBERS = ['+61411111111', '+61422222222', '+61433333333', '+61444444444', '+14055555555', '+14055555666', '+447777777777', '+447778888888', '+8615555555555'];

beforeAll(async () => {
  sandbox = await start();
  base = `${sandbox.url}/http/v2`;
});

afterAll(() => sandbox.close());

let unique = 0;
const text = (label: string): string => `${label} ${++unique}`;

function sendPost(params: Record<string, string | number>) {
  return postForm(`${base}/send.php`, { ...CS_AUTH, ...params });
}

function topResult(xml: string): { result: string; errortext: string } {
  return { result: xmlValues(xml, 'result').at(-1)!, errortext: xmlValues(xml, 'errortext').at(-1)! };
}

describe('Send an SMS [POST /send.php]', () => {
  it('reproduces the example: recipientcount, +E.164 to, upper-case UUID, 0000 Success, price and currency', async () => {
    // Request (application/x-www-form-urlencoded): username=...&key=...&to=61411111111&message=testing
    const result = await sendPost({ to: '61411111111', message: 'testing' });
    expect(result.status).toBe(200);
    expect(result.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<xml>')).toBe(true);
    expect(result.text).toContain('<messages recipientcount="1">');
    expect(xmlChildNames(result.text, 'message')).toEqual(['to', 'messageid', 'result', 'errortext', 'price', 'currency_symbol', 'currency_type']);
    expect(xmlValues(result.text, 'to')).toEqual(['+61411111111']);
    expect(xmlValues(result.text, 'messageid')[0]).toMatch(UUID_UPPER);
    expect(xmlValues(result.text, 'result')).toEqual(['0000']);
    expect(xmlValues(result.text, 'errortext')).toEqual(['Success']);
    expect(xmlValues(result.text, 'price')).toEqual(['0.0282']);
    expect(xmlValues(result.text, 'currency_symbol')).toEqual(['$']);
    expect(xmlValues(result.text, 'currency_type')).toEqual(['USD']);
  });

  it('the GET form with method=http works too, one <message> per recipient', async () => {
    const result = await getQuery(`${base}/send.php`, { method: 'http', ...CS_AUTH, to: '+61411111111,+61422222222', message: text('get') });
    expect(result.text).toContain('<messages recipientcount="2">');
    expect(xmlValues(result.text, 'to')).toEqual(['+61411111111', '+61422222222']);
    expect(xmlValues(result.text, 'result')).toEqual(['0000', '0000']);
  });

  it('senderid, customstring, schedule and country are taken', async () => {
    const schedule = Math.floor(Date.now() / 1000) + 3600;
    const result = await sendPost({ to: '0411111111', country: 'AU', message: text('opts'), senderid: 'MyCompany', customstring: 'my_ref', schedule });
    expect(xmlValues(result.text, 'to')).toEqual(['+61411111111']);
    const message = sandbox.state.messages.get(xmlValues(result.text, 'messageid')[0])!;
    expect(message).toMatchObject({ from: 'MyCompany', clientReference: 'my_ref' });
    expect(message.scheduledFor).not.toBeNull();
  });
});

describe('Get all Inbound SMS - Pull [POST /reply.php]', () => {
  it('returns the example shape with replycount, then nothing (each reply is returned once)', async () => {
    const sent = await sendPost({ to: '+61411111111,+61422222222', message: 'Hello. Please reply', senderid: '+61400000000' });
    const [first, second] = xmlValues(sent.text, 'messageid');
    await postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clicksend', replyTo: first, text: 'This is a reply' });
    await postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clicksend', replyTo: second, text: 'This is another reply' });
    const result = await postForm(`${base}/reply.php`, CS_AUTH);
    expect(result.text.startsWith("<?xml version='1.0' encoding='UTF-8' ?>")).toBe(true);
    expect(result.text).toContain("<replies replycount='2'>");
    expect(xmlChildNames(result.text, 'reply')).toEqual(['from', 'message', 'originalmessage', 'originalmessageid', 'originalsenderid', 'customstring', 'username']);
    expect(xmlValues(result.text, 'from')).toEqual(['+61411111111', '+61422222222']);
    expect(xmlValues(result.text, 'message')).toEqual(['This is a reply', 'This is another reply']);
    expect(xmlValues(result.text, 'originalmessage')).toEqual(['Hello. Please reply', 'Hello. Please reply']);
    expect(xmlValues(result.text, 'originalmessageid')).toEqual([first, second]);
    expect(xmlValues(result.text, 'originalsenderid')).toEqual(['+61400000000', '+61400000000']);
    expect(xmlValues(result.text, 'username')).toEqual([DEMO.clicksend.username, DEMO.clicksend.username]);
    expect(topResult(result.text)).toEqual({ result: '0000', errortext: 'Success' });
    expect((await postForm(`${base}/reply.php`, CS_AUTH)).text).toContain("<replies replycount='0'>");
  });

  it('messageid limits the pull to replies to that message', async () => {
    const sent = await sendPost({ to: '+61433333333,+61444444444', message: text('two') });
    const [first, second] = xmlValues(sent.text, 'messageid');
    await postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clicksend', replyTo: first, text: 'one' });
    await postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clicksend', replyTo: second, text: 'two' });
    const only = await postForm(`${base}/reply.php`, { ...CS_AUTH, messageid: second });
    expect(xmlValues(only.text, 'message')).toEqual(['two']);
    expect(xmlValues((await postForm(`${base}/reply.php`, CS_AUTH)).text, 'message')).toEqual(['one']);
  });
});

describe('Get all Delivery Receipts - Pull [GET /delivery.php]', () => {
  it('returns Delivered (201) and Undelivered (301) reports once, in the example shape', async () => {
    const sent = await sendPost({ to: '+447700900123,+9990070000', message: text('dlr'), customstring: 'dlr-ref' });
    const [delivered, failed] = xmlValues(sent.text, 'messageid');
    const pulled = await eventually(async () => {
      const result = await getQuery(`${base}/delivery.php`, CS_AUTH);
      expect(result.text).toContain("<dlrs dlrcount='2'>");
      return result.text;
    });
    expect(xmlChildNames(pulled, 'dlr')).toEqual(['messageid', 'status', 'status_code', 'customstring', 'username']);
    const reports = xmlValues(pulled, 'dlr').map((block) => ({ id: xmlValues(block, 'messageid')[0], status: xmlValues(block, 'status')[0], code: xmlValues(block, 'status_code')[0] }));
    expect(reports).toEqual(
      expect.arrayContaining([
        { id: delivered, status: 'Delivered', code: '201' },
        { id: failed, status: 'Undelivered', code: '301' },
      ]),
    );
    expect(xmlValues(pulled, 'customstring')).toEqual(['dlr-ref', 'dlr-ref']);
    expect(topResult(pulled)).toEqual({ result: '0000', errortext: 'Success' });
    expect((await getQuery(`${base}/delivery.php`, CS_AUTH)).text).toContain("<dlrs dlrcount='0'>");
  });
});

describe('Get SMS History [GET /history.php]', () => {
  it('lists out and in items with the example fields; result and errortext inside <history>', async () => {
    const sent = await sendPost({ to: '+61411111111', message: 'This is a test message', senderid: 'MyCompany', customstring: 'our-ref-1234' });
    const id = xmlValues(sent.text, 'messageid')[0];
    await postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clicksend', replyTo: id, text: 'This is a test message reply' });
    const result = await getQuery(`${base}/history.php`, CS_AUTH);
    const history = xmlValues(result.text, 'history')[0];
    expect(history).toMatch(/<result>0000<\/result>\s*<errortext>Success<\/errortext>\s*$/);
    const items = xmlValues(history, 'item');
    const out = items.find((item) => item.includes(`<messageid>${id}</messageid>`))!;
    expect(xmlChildNames(`<i>${out}</i>`, 'i')).toEqual(['messageid', 'direction', 'date', 'to', 'message', 'status', 'senderid', 'schedule', 'customstring', 'from_email', 'username']);
    expect(xmlValues(out, 'direction')).toEqual(['out']);
    expect(xmlValues(out, 'date')[0]).toMatch(/^\d{10}$/);
    const incoming = items.find((item) => item.includes('This is a test message reply'))!;
    expect(xmlValues(incoming, 'direction')).toEqual(['in']);
    expect(xmlValues(incoming, 'status')).toEqual(['Received']);
    expect(xmlValues(incoming, 'senderid')).toEqual(['+61411111111']);
    expect(xmlValues(incoming, 'customstring')).toEqual(['our-ref-1234']);
    expect(result.text).toMatch(new RegExp(`<history historycount='${items.length}'>`));
  });
});

describe('Get Account Balance [GET /balance.php]', () => {
  it('reproduces the example fields in order', async () => {
    const fresh = await start();
    try {
      const result = await getQuery(`${fresh.url}/http/v2/balance.php`, CS_AUTH);
      expect(xmlChildNames(result.text, 'xml')).toEqual(['result', 'errortext', 'balance', 'type', 'currency_symbol']);
      expect(xmlValues(result.text, 'balance')).toEqual(['125.00']);
      expect(xmlValues(result.text, 'type')).toEqual(['Prepay']);
      expect(xmlValues(result.text, 'currency_symbol')).toEqual(['$']);
    } finally {
      await fresh.close();
    }
  });
});

describe('Response codes (always HTTP 200)', () => {
  const cases: Array<[string, () => Promise<{ status: number; text: string }>]> = [
    ['2006', () => postForm(`${base}/send.php`, { username: 'demo', to: '+61411111111', message: 'x' })],
    ['2007', () => postForm(`${base}/balance.php`, { username: 'notactive', key: DEMO.clicksendTestKey })],
    ['2015', () => sendPost({ to: 'not-a-number', message: text('bad') })],
    ['2017', () => sendPost({ to: '+447700900123', message: text('sender'), senderid: 'Far Too Long' })],
    ['2018', () => postForm(`${base}/send.php`, { username: 'nocredit', key: DEMO.clicksendTestKey, to: '+447700900123', message: text('broke') })],
    ['2022', () => postForm(`${base}/balance.php`, { username: 'demo', key: 'wrong' })],
    ['2051', () => sendPost({ to: '+61411111111', message: '' })],
    ['2052', () => sendPost({ to: Array.from({ length: 1001 }, (_, i) => `+4477009${String(i).padStart(5, '0')}`).join(','), message: 'x' })],
  ];

  it.each(cases)('%s', async (code, run) => {
    const result = await run();
    expect(result.status).toBe(200);
    expect(topResult(result.text)).toEqual({ result: code, errortext: SPEC_RESULTS[code] });
  });

  it('2016 Throttled: the identical message to the same recipient moments later', async () => {
    const body = text('same');
    expect(xmlValues((await sendPost({ to: '+447700900555', message: body })).text, 'result')).toEqual(['0000']);
    const again = await sendPost({ to: '+447700900555', message: body });
    expect(topResult(again.text)).toEqual({ result: '2016', errortext: 'Throttled' });
    expect(xmlValues(again.text, 'messageid')).toEqual(['']);
  });

  it('2100-2199 Internal error (503 fault)', async () => {
    sandbox.faults.add({ kind: '503', api: 'clicksend', route: 'balance.php', count: 1 });
    const result = await getQuery(`${base}/balance.php`, CS_AUTH);
    expect(topResult(result.text)).toEqual({ result: '2100', errortext: SPEC_RESULTS['2100'] });
  });
});

describe('Test credentials and test numbers', () => {
  it('nocredit has no credit; notactive is not active; banned is refused', async () => {
    const noCredit = await postForm(`${base}/balance.php`, { username: 'nocredit', key: DEMO.clicksendTestKey });
    expect(xmlValues(noCredit.text, 'balance')).toEqual(['0.00']);
    expect(topResult((await postForm(`${base}/send.php`, { username: 'notactive', key: DEMO.clicksendTestKey, to: '+447700900123', message: 'x' })).text).result).toBe('2007');
    expect(topResult((await postForm(`${base}/send.php`, { username: 'banned', key: DEMO.clicksendTestKey, to: '+447700900123', message: 'x' })).text).result).not.toBe('0000');
  });

  it('test numbers answer Success, are not charged and never produce a delivery report', async () => {
    const before = sandbox.state.accounts.get(DEMO.clicksend.accountId)!.balance;
    const result = await request(`${base}/send.php`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ ...CS_AUTH, to: SPEC_TEST_NUMBERS.join(','), message: text('tests') }) });
    expect(xmlValues(result.text, 'result')).toEqual(SPEC_TEST_NUMBERS.map(() => '0000'));
    expect(sandbox.state.accounts.get(DEMO.clicksend.accountId)!.balance).toBe(before);
    const ids = xmlValues(result.text, 'messageid');
    await eventually(() => ids.every((id) => sandbox.state.messages.get(id)!.steps.at(-1)!.at <= Date.now()));
    const reports = await getQuery(`${base}/delivery.php`, CS_AUTH);
    for (const id of ids) expect(reports.text).not.toContain(id);
  });

  it('the nocredit account can still send to a test number', async () => {
    const result = await postForm(`${base}/send.php`, { username: 'nocredit', key: DEMO.clicksendTestKey, to: '+61411111111', message: text('free') });
    expect(xmlValues(result.text, 'result')).toEqual(['0000']);
  });
});
