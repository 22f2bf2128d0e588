import { API_LIMITS } from '../../../gateways/limits';
import type { Sandbox } from '../../../sandbox';
import { CS_AUTH, DEMO, form, HTTP_AUTH, putJson, request, restHeaders, start, xmlValues } from './helpers';

/** Documented recipient limits per request (gateways/limits.ts) and the body size cap. */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await start({ maxBodyBytes: 64 * 1024 });
  for (const id of [DEMO.clickatellHttp.accountId, DEMO.clickatellRest.accountId, DEMO.clicksend.accountId]) {
    await putJson(`${sandbox.url}/sandbox/accounts/${id}`, { balance: 100_000 });
  }
});

afterAll(() => sandbox.close());

function numbers(count: number, plus = false): string[] {
  return Array.from({ length: count }, (_, i) => `${plus ? '+' : ''}4477${String(1_000_000 + i).padStart(8, '0')}`);
}

const formPost = (url: string, params: Record<string, string>) => request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(params) });

describe('Clickatell HTTP: 600 recipients on POST, 300 on GET', () => {
  it('POST 600 is accepted, 601 is ERR: 101', async () => {
    const max = API_LIMITS['clickatell-http'].maxRecipientsPerRequest;
    expect(max).toBe(600);
    const ok = await formPost(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: numbers(max).join(','), text: 'limit' });
    expect(ok.text.split('\n').filter((line) => line.startsWith('ID: '))).toHaveLength(max);
    const over = await formPost(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: numbers(max + 1).join(','), text: 'limit' });
    expect(over.text).toBe('ERR: 101, Invalid or missing parameters');
  });

  it('GET 300 is accepted, 301 is ERR: 101', async () => {
    const max = API_LIMITS['clickatell-http'].maxRecipientsGet;
    expect(max).toBe(300);
    const ok = await request(`${sandbox.url}/http/sendmsg?${form({ ...HTTP_AUTH, to: numbers(max).join(','), text: 'limit' })}`);
    expect(ok.text.split('\n')).toHaveLength(max);
    const over = await request(`${sandbox.url}/http/sendmsg?${form({ ...HTTP_AUTH, to: numbers(max + 1).join(','), text: 'limit' })}`);
    expect(over.text).toBe('ERR: 101, Invalid or missing parameters');
  });
});

describe('Clickatell REST: 500 recipients', () => {
  it('500 is accepted (202), 501 is 400 with error 101', async () => {
    const max = API_LIMITS['clickatell-rest'].maxRecipientsPerRequest;
    expect(max).toBe(500);
    const ok = await request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ text: 'limit', to: numbers(max) }) });
    expect(ok.status).toBe(202);
    expect(JSON.parse(ok.text).data.message).toHaveLength(max);
    const over = await request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ text: 'limit', to: numbers(max + 1) }) });
    expect(over.status).toBe(400);
    expect(JSON.parse(over.text).error.code).toBe('101');
  });
});

describe('ClickSend: 1000 recipients on POST, fewer than 100 on GET', () => {
  it('POST 1000 is accepted, 1001 is 2052 Too many recipients', async () => {
    const max = API_LIMITS.clicksend.maxRecipientsPerRequest;
    expect(max).toBe(1000);
    const ok = await formPost(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: numbers(max, true).join(','), message: 'limit post' });
    expect(ok.text).toContain(`<messages recipientcount="${max}">`);
    expect(xmlValues(ok.text, 'result').filter((code) => code === '0000')).toHaveLength(max);
    const over = await formPost(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: numbers(max + 1, true).join(','), message: 'limit post 2' });
    expect(xmlValues(over.text, 'result')).toEqual(['2052']);
    expect(xmlValues(over.text, 'errortext')).toEqual(['Too many recipients']);
  });

  it('GET 99 is accepted, 100 is 2052', async () => {
    const max = API_LIMITS.clicksend.maxRecipientsGet;
    const ok = await request(`${sandbox.url}/http/v2/send.php?${form({ ...CS_AUTH, to: numbers(max, true).join(','), message: 'limit get' })}`);
    expect(xmlValues(ok.text, 'result')).toHaveLength(max);
    const over = await request(`${sandbox.url}/http/v2/send.php?${form({ ...CS_AUTH, to: numbers(max + 1, true).join(','), message: 'limit get 2' })}`);
    expect(xmlValues(over.text, 'result')).toEqual(['2052']);
  });

  it('a message over 960 characters is cut to 960 (the spec gives the limit but no error)', async () => {
    const result = await formPost(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+447700900900', message: 'L'.repeat(1000) });
    const message = sandbox.state.messages.get(xmlValues(result.text, 'messageid')[0])!;
    expect(message.text).toHaveLength(960);
    expect(message.options.truncated).toBe(true);
  });
});

describe('request body cap', () => {
  it('answers 413 in each API’s own form and keeps serving', async () => {
    const big = 'x'.repeat(70 * 1024);
    const http = await formPost(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900901', text: big });
    expect(http.status).toBe(413);
    expect(http.text).toBe('ERR: 101, Invalid or missing parameters');
    const rest = await request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ text: big, to: ['447700900901'] }) });
    expect(rest.status).toBe(413);
    expect(JSON.parse(rest.text).error.code).toBe('100');
    expect((await request(`${sandbox.url}/http/getbalance?${form(HTTP_AUTH)}`)).text).toMatch(/^Credit: /);
  });
});
