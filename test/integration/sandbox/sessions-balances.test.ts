import type { Sandbox } from '../../../sandbox';
import { CS_AUTH, DEMO, getQuery, HTTP_AUTH, json, postForm, putJson, request, restHeaders, sleep, start, xmlValues } from './helpers';

/** Sessions and per-request auth, balances charged per part and recipient, vouchers, idempotent resends, bounded history. */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await start();
});

afterAll(() => sandbox.close());

const http = (command: string, params: Record<string, string | number>) => getQuery(`${sandbox.url}/http/${command}`, params);

async function credit(auth: Record<string, string> = HTTP_AUTH): Promise<number> {
  const text = (await http('getbalance', auth)).text;
  expect(text).toMatch(/^Credit: /);
  return Number(text.slice(8));
}

describe('sessions', () => {
  it('expire after the idle time; ping keeps them alive', async () => {
    const short = await start({ sessionIdleMs: 1000 });
    try {
      const session = (await getQuery(`${short.url}/http/auth`, HTTP_AUTH)).text.slice(4);
      for (let i = 0; i < 6; i++) {
        await sleep(200);
        expect((await getQuery(`${short.url}/http/ping`, { session_id: session })).text).toBe('OK: ');
      }
      await sleep(1300);
      expect((await getQuery(`${short.url}/http/getbalance`, { session_id: session })).text).toBe('ERR: 003, Session ID expired');
    } finally {
      await short.close();
    }
  });

  it('DELETE /sandbox/sessions expires every session', async () => {
    const session = (await http('auth', HTTP_AUTH)).text.slice(4);
    expect((await json(`${sandbox.url}/sandbox/sessions`, { method: 'DELETE' })).body.expired).toBeGreaterThanOrEqual(1);
    expect((await http('ping', { session_id: session })).text).toBe('ERR: 003, Session ID expired');
  });

  it('every command works with a session and with per-request credentials', async () => {
    const session = { session_id: (await http('auth', HTTP_AUTH)).text.slice(4) };
    for (const auth of [session, HTTP_AUTH]) {
      expect((await http('ping', auth)).text).toBe('OK: ');
      const id = (await http('sendmsg', { ...auth, to: '447700900700', text: 'auth', deliv_time: 60 })).text.slice(4);
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect((await http('querymsg', { ...auth, apimsgid: id })).text).toBe(`ID: ${id} Status: 011`);
      expect((await http('getmsgcharge', { ...auth, apimsgid: id })).text).toBe(`apiMsgId: ${id} charge: 0.8 status: 011`);
      expect((await http('delmsg', { ...auth, apimsgid: id })).text).toBe(`ID: ${id} Status: 006`);
      expect((await http('getbalance', auth)).text).toMatch(/^Credit: /);
      expect((await http('token_pay', { ...auth, token: 'SANDBOX-100' })).text).toBe('OK: 100');
      expect((await getQuery(`${sandbox.url}/utils/routeCoverage`, { ...auth, msisdn: '447700900700' })).text).toMatch(/^OK: /);
    }
  });

  it("one account cannot see another's messages", async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/other-http`, { provider: 'clickatell-http', apiId: '3500999', user: 'other', password: 'pw', balance: 5 });
    const id = (await http('sendmsg', { ...HTTP_AUTH, to: '447700900701', text: 'mine' })).text.slice(4);
    expect((await http('querymsg', { api_id: '3500999', user: 'other', password: 'pw', apimsgid: id })).text).toBe('ERR: 103, Unknown API message ID');
  });
});

describe('balances', () => {
  it('Clickatell charges per part per recipient (0.8 a part; 1/3 for the test range)', async () => {
    const before = await credit();
    // 200 GSM-7 characters: 2 parts of 153; two recipients.
    const result = await http('sendmsg', { ...HTTP_AUTH, to: '447700900710,447700900711', text: 'g'.repeat(200), concat: 2 });
    expect(result.text.split('\n')).toHaveLength(2);
    expect(await credit()).toBeCloseTo(before - 3.2, 6);
    // 71 UCS-2 characters: 2 parts of 67; a test-range number costs 1/3 a part.
    const unicode = await http('sendmsg', { ...HTTP_AUTH, to: '2799912345', text: '0416'.repeat(71), unicode: 1, concat: 3 });
    const id = unicode.text.slice(4);
    expect((await http('getmsgcharge', { ...HTTP_AUTH, apimsgid: id })).text).toMatch(new RegExp(`^apiMsgId: ${id} charge: 0\\.6667 status: \\d{3}$`));
    expect(await credit()).toBeCloseTo(before - 3.2 - 2 / 3, 4);
  });

  it('running out of credit mid-list refuses the rest with 301', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { balance: 1 });
    const result = await http('sendmsg', { ...HTTP_AUTH, to: '447700900720,447700900721', text: 'last credit' });
    const lines = result.text.split('\n');
    expect(lines[0]).toMatch(/^ID: [0-9a-f]{32} To: 447700900720$/);
    expect(lines[1]).toBe('ERR: 301, No credit left To: 447700900721');
    expect(await credit()).toBeCloseTo(0.2, 6);
  });

  it('token_pay vouchers add credit; an unknown voucher is refused', async () => {
    const before = await credit();
    expect((await http('token_pay', { ...HTTP_AUTH, token: 'SANDBOX-1000' })).text).toBe('OK: 1000');
    expect(await credit()).toBeCloseTo(before + 1000, 6);
    expect((await http('token_pay', { ...HTTP_AUTH, token: 'NOT-A-VOUCHER' })).text).toBe('ERR: 101, Invalid or missing parameters');
  });

  it('REST: 402 when nothing can be paid, 207 when only some can', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellRest.accountId}`, { balance: 1 });
    const mixed = await request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ text: 'pay', to: ['447700900730', '447700900731'] }) });
    expect(mixed.status).toBe(207);
    expect(JSON.parse(mixed.text).data.message[1].error.code).toBe('301');
    const none = await request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ text: 'pay', to: ['447700900732'] }) });
    expect(none.status).toBe(402);
    expect(JSON.parse((await request(`${sandbox.url}/rest/account/balance`, { headers: restHeaders() })).text).data.balance).toBe('0.20');
  });

  it('ClickSend charges the price per part and answers 2018 when it cannot', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clicksend.accountId}`, { balance: 0.1 });
    const result = await postForm(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+447700900740,+447700900741', message: 'p'.repeat(161) });
    expect(xmlValues(result.text, 'result')).toEqual(['0000', '2018']);
    expect(xmlValues(result.text, 'price')).toEqual(['0.0564']);
    const balance = await getQuery(`${sandbox.url}/http/v2/balance.php`, CS_AUTH);
    expect(xmlValues(balance.text, 'balance')).toEqual(['0.04']);
  });
});

describe('idempotent resend (same client message id, same recipient, same account)', () => {
  it('HTTP: returns the existing message and charges nothing more', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { balance: 100 });
    const first = await http('sendmsg', { ...HTTP_AUTH, to: '447700900750,447700900751', text: 'once', climsgid: 'idem-1' });
    const balance = await credit();
    const again = await http('sendmsg', { ...HTTP_AUTH, to: '447700900750,447700900751', text: 'once', climsgid: 'idem-1' });
    expect(again.text).toBe(first.text);
    expect(await credit()).toBe(balance);
    const other = await http('sendmsg', { ...HTTP_AUTH, to: '447700900752', text: 'once', climsgid: 'idem-1' });
    expect(first.text).not.toContain(other.text.slice(4));
    expect((await json(`${sandbox.url}/sandbox/messages?clientReference=idem-1`)).body.count).toBe(3);
  });

  it('REST: the same clientMessageId gives the same apiMessageId', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellRest.accountId}`, { balance: 100 });
    const send = () => request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ text: 'once', to: ['447700900760'], clientMessageId: 'idem-rest' }) });
    const first = JSON.parse((await send()).text).data.message[0].apiMessageId;
    const second = await send();
    expect(second.status).toBe(202);
    expect(JSON.parse(second.text).data.message[0].apiMessageId).toBe(first);
  });
});

describe('bounded history', () => {
  it('evicts the oldest messages beyond maxHistory; evicted ids are unknown', async () => {
    const small = await start({ maxHistory: 10 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 15; i++) ids.push((await getQuery(`${small.url}/http/sendmsg`, { ...HTTP_AUTH, to: `4477009008${String(i).padStart(2, '0')}`, text: 'h', climsgid: `h${i}` })).text.slice(4));
      expect(small.state.messages.size).toBe(10);
      expect(small.state.messages.evicted).toBe(5);
      expect((await getQuery(`${small.url}/http/querymsg`, { ...HTTP_AUTH, apimsgid: ids[0] })).text).toBe('ERR: 103, Unknown API message ID');
      expect((await getQuery(`${small.url}/http/querymsg`, { ...HTTP_AUTH, apimsgid: ids[14] })).text).toMatch(/^ID: /);
      // The idempotency index forgot the evicted reference too: a resend is a new message.
      const resent = await getQuery(`${small.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900800', text: 'h', climsgid: 'h0' });
      expect(resent.text).not.toBe(`ID: ${ids[0]}`);
    } finally {
      await small.close();
    }
  });
});
