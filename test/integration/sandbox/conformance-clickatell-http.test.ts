import type { Sandbox } from '../../../sandbox';
import { getQuery, HEX32, HTTP_AUTH, postForm, request, start, DEMO } from './helpers';

/**
 * Every example of ../shared/specs/clickatell-http-api.md and clickatell-http-api-intro.txt, over real
 * HTTP. Expected texts are copied from the spec (Error Codes table), not from our code tables.
 */

let sandbox: Sandbox;
let base: string;

/** Error descriptions exactly as the spec's "Error Codes" table writes them. */
const SPEC_ERRORS: Record<string, string> = {
  '001': 'Authentication failed',
  '002': 'Unknown username or password',
  '003': 'Session ID expired',
  '005': 'Missing session ID',
  '007': 'IP Lockdown violation',
  '101': 'Invalid or missing parameters',
  '102': 'Invalid user data header',
  '103': 'Unknown API message ID',
  '104': 'Unknown client message ID',
  '105': 'Invalid destination address',
  '106': 'Invalid source address',
  '107': 'Empty message',
  '108': 'Invalid or missing API ID',
  '109': 'Missing message ID',
  '113': 'Maximum message parts exceeded',
  '114': 'Cannot route message',
  '116': 'Invalid Unicode data',
  '120': 'Invalid delivery time',
  '121': 'Destination mobile number blocked',
  '122': 'Destination mobile opted out',
  '123': 'Invalid Sender ID',
  '128': 'Number delisted',
  '301': 'No credit left',
  '901': 'Internal error',
};

beforeAll(async () => {
  sandbox = await start({
    accounts: [
      { id: 'locked', provider: 'clickatell-http', apiId: '3500101', user: 'locked', password: 'pw', balance: 10, ipLockdown: ['10.1.2.3'] },
      { id: 'approved-only', provider: 'clickatell-http', apiId: '3500102', user: 'approved', password: 'pw', balance: 10, approvedSenderIds: ['Acme'] },
      { id: 'broke', provider: 'clickatell-http', apiId: '3500103', user: 'broke', password: 'pw', balance: 0 },
      { id: 'limited', provider: 'clickatell-http', apiId: '3500104', user: 'limited', password: 'pw', balance: 10, dailyMessageLimit: 1 },
    ],
  });
  base = sandbox.url;
});

afterAll(() => sandbox.close());

function command(name: string, params: Record<string, string | number>) {
  return getQuery(`${base}/http/${name}`, params);
}

async function sessionId(): Promise<string> {
  const auth = await command('auth', HTTP_AUTH);
  return auth.text.slice(4);
}

describe('commands (spec "Commonly Used Commands")', () => {
  it('auth: `OK: <session_id>`, a 32 character hexadecimal string', async () => {
    const result = await command('auth', HTTP_AUTH);
    expect(result.status).toBe(200);
    expect(result.text).toMatch(/^OK: [0-9a-f]{32}$/);
  });

  it('ping: `OK: ` and the session keeps working', async () => {
    const session = await sessionId();
    expect((await command('ping', { session_id: session })).text).toBe('OK: ');
    expect((await command('getbalance', { session_id: session })).text).toMatch(/^Credit: \d+\.\d+$/);
  });

  it('sendmsg, one recipient: `ID: <apimsgid>`', async () => {
    const result = await command('sendmsg', { session_id: await sessionId(), to: '2799900001', text: 'Test Message' });
    expect(result.text).toMatch(/^ID: [0-9a-f]{32}$/);
  });

  it('sendmsg, one recipient failing: `ERR: <code>, <description>`', async () => {
    const result = await command('sendmsg', { ...HTTP_AUTH, to: '27-99', text: 'x' });
    expect(result.text).toBe(`ERR: 105, ${SPEC_ERRORS['105']}`);
  });

  it('sendmsg, several recipients: `ID: <apimsgid> To: <recipient>` per line', async () => {
    const result = await postForm(`${base}/http/sendmsg`, { ...HTTP_AUTH, to: '2799900001,2799900002,2799900003', text: 'Hello' });
    const lines = result.text.split('\n');
    expect(lines).toHaveLength(3);
    lines.forEach((line, index) => expect(line).toMatch(new RegExp(`^ID: [0-9a-f]{32} To: 279990000${index + 1}$`)));
  });

  it('sendmsg, several recipients all failing: `ERR: <code>, <description> To: <recipient>`', async () => {
    const result = await postForm(`${base}/http/sendmsg`, { ...HTTP_AUTH, to: 'abc,9991210000', text: 'Hello' });
    expect(result.text.split('\n')).toEqual([`ERR: 105, ${SPEC_ERRORS['105']} To: abc`, `ERR: 121, ${SPEC_ERRORS['121']} To: 9991210000`]);
  });

  it('sendmsg, mixed answer keeps the recipients in request order', async () => {
    const result = await postForm(`${base}/http/sendmsg`, { ...HTTP_AUTH, to: '2799900001,9991220000,2799900002', text: 'Hello' });
    const lines = result.text.split('\n');
    expect(lines[0]).toMatch(/^ID: [0-9a-f]{32} To: 2799900001$/);
    expect(lines[1]).toBe(`ERR: 122, ${SPEC_ERRORS['122']} To: 9991220000`);
    expect(lines[2]).toMatch(/^ID: [0-9a-f]{32} To: 2799900002$/);
  });

  it('querymsg: `ID: <apimsgid> Status: <status code>`', async () => {
    const id = (await command('sendmsg', { ...HTTP_AUTH, to: '2799900001', text: 'q' })).text.slice(4);
    const result = await command('querymsg', { ...HTTP_AUTH, apimsgid: id });
    expect(result.text).toMatch(new RegExp(`^ID: ${id} Status: (002|003|004)$`));
  });

  it('getmsgcharge: `apiMsgId: <apimsgid> charge: <0.0> status: <status code>` (the real gateway form; Net::Clickatell 0.5 on CPAN)', async () => {
    const id = (await command('sendmsg', { ...HTTP_AUTH, to: '2799900001', text: 'c' })).text.slice(4);
    const result = await command('getmsgcharge', { ...HTTP_AUTH, apimsgid: id });
    expect(result.text).toMatch(new RegExp(`^apiMsgId: ${id} charge: 0\\.8 status: (002|003|004)$`));
  });

  it('delmsg: `ID: <apimsgid> Status: <status code>` (006 for a message that had not left)', async () => {
    const id = (await command('sendmsg', { ...HTTP_AUTH, to: '2799900001', text: 'later', deliv_time: 60 })).text.slice(4);
    expect((await command('delmsg', { ...HTTP_AUTH, apimsgid: id })).text).toBe(`ID: ${id} Status: 006`);
  });

  it('getbalance: `Credit: <0.0>`', async () => {
    expect((await command('getbalance', HTTP_AUTH)).text).toMatch(/^Credit: \d+\.\d+$/);
  });

  it('token_pay: `OK: 605`', async () => {
    expect((await command('token_pay', { ...HTTP_AUTH, token: 'SANDBOX-605' })).text).toBe('OK: 605');
  });

  it('the intro example URL sends with per-request credentials: `ID: <32 hex>`', async () => {
    // https://api.clickatell.com/http/sendmsg?user=xxxxx&password=xxxxx&api_id=xxxxx&to=xxxxx&text=xxxxx
    const result = await request(`${base}/http/sendmsg?user=${DEMO.clickatellHttp.user}&password=${DEMO.clickatellHttp.password}&api_id=${DEMO.clickatellHttp.apiId}&to=2799900001&text=Hello+world`);
    expect(result.text.slice(4)).toMatch(HEX32);
    expect(result.text.startsWith('ID: ')).toBe(true);
  });

  it('answers POST forms and the .php suffix like GET', async () => {
    expect((await postForm(`${base}/http/getbalance.php`, HTTP_AUTH)).text).toMatch(/^Credit: /);
    expect((await getQuery(`${base}/http/auth.php`, HTTP_AUTH)).text).toMatch(/^OK: [0-9a-f]{32}$/);
  });

  it('route coverage at /utils/routeCoverage (published format: OK ... Charge / ERR without code)', async () => {
    expect((await getQuery(`${base}/utils/routeCoverage`, { ...HTTP_AUTH, msisdn: '27999123456' })).text).toBe(
      'OK: This prefix is currently supported. Messages sent to this prefix will be routed. Charge: 0.8',
    );
    expect((await getQuery(`${base}/utils/routeCoverage.php`, { ...HTTP_AUTH, msisdn: '9991140000' })).text).toBe(
      'ERR: This prefix is not currently supported. Messages sent to this prefix will fail. Please contact support for assistance.',
    );
  });
});

describe('error codes (spec "Error Codes": exact code and description)', () => {
  const cases: Array<[string, () => Promise<string>]> = [
    ['001', async () => (await command('auth', { ...HTTP_AUTH, password: 'wrong' })).text],
    ['002', async () => (await command('auth', { ...HTTP_AUTH, user: 'nobody' })).text],
    ['003', async () => (await command('ping', { session_id: 'ffffffffffffffffffffffffffffffff' })).text],
    ['005', async () => (await command('getbalance', {})).text],
    ['007', async () => (await command('getbalance', { api_id: '3500101', user: 'locked', password: 'pw' })).text],
    ['101', async () => (await command('sendmsg', { ...HTTP_AUTH, text: 'no recipient' })).text],
    ['102', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '2799900001', text: 'x', udh: 'XYZ' })).text],
    ['103', async () => (await command('querymsg', { ...HTTP_AUTH, apimsgid: '0123456789abcdef0123456789abcdef' })).text],
    ['104', async () => (await command('querymsg', { ...HTTP_AUTH, climsgid: 'never-used' })).text],
    ['105', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '+27 99 900', text: 'x' })).text],
    ['106', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '2799900001', text: 'x', from: 'Far+Too_Long_Sender' })).text],
    ['107', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '2799900001', text: '' })).text],
    ['108', async () => (await command('auth', { ...HTTP_AUTH, api_id: '999' })).text],
    ['109', async () => (await command('querymsg', HTTP_AUTH)).text],
    ['113', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '2799900001', text: 'x'.repeat(161), concat: 1 })).text],
    ['114', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '9991140000', text: 'x' })).text],
    ['116', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '2799900001', text: '00Z', unicode: 1 })).text],
    ['120', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '2799900001', text: 'x', deliv_time: 10081 })).text],
    ['121', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '9991210000', text: 'x' })).text],
    ['122', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '9991220000', text: 'x' })).text],
    ['123', async () => (await command('sendmsg', { api_id: '3500102', user: 'approved', password: 'pw', to: '2799900001', text: 'x', from: 'Other' })).text],
    ['128', async () => (await command('sendmsg', { ...HTTP_AUTH, to: '9991280000', text: 'x' })).text],
    ['301', async () => (await command('sendmsg', { api_id: '3500103', user: 'broke', password: 'pw', to: '2799900001', text: 'x' })).text],
  ];

  it.each(cases)('ERR: %s', async (code, run) => {
    expect(await run()).toBe(`ERR: ${code}, ${SPEC_ERRORS[code]}`);
  });

  it('ERR: 130 carries the unix time when sending is allowed again', async () => {
    const auth = { api_id: '3500104', user: 'limited', password: 'pw' };
    expect((await command('sendmsg', { ...auth, to: '2799900001', text: 'first' })).text).toMatch(/^ID: /);
    const result = (await command('sendmsg', { ...auth, to: '2799900001', text: 'second' })).text;
    const match = /^ERR: 130, Maximum MT limit exceeded until (\d+)$/.exec(result);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThan(Date.now() / 1000);
  });

  it('ERR: 901 is the temporary error (503 fault)', async () => {
    sandbox.faults.add({ kind: '503', api: 'clickatell-http', route: 'getbalance', count: 1 });
    const result = await command('getbalance', HTTP_AUTH);
    expect(result.status).toBe(503);
    expect(result.text).toBe(`ERR: 901, ${SPEC_ERRORS['901']}`);
  });

  it('the intro writes "ERR: 101, Authentication failed"; the error table (and the sandbox) use 001', async () => {
    expect((await command('sendmsg', { ...HTTP_AUTH, password: 'bad', to: '2799900001', text: 'x' })).text).toBe('ERR: 001, Authentication failed');
  });
});
