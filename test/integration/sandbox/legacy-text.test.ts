import { buildSendMsgRequest } from '../../../gateways/clickatell-http/requests';
import type { Sandbox } from '../../../sandbox';
import { HEX32, HTTP_AUTH, json, postForm, request, start } from './helpers';

/**
 * Issue 11 items 7 and 10: the sandbox reads the legacy API's non-Unicode `text` as the real gateway
 * does, one Windows-1252 byte per character (rule and sources: gateways/clickatell-http/text-rule.ts).
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

async function sent(id: string): Promise<{ text: string; encoding: string; parts: number; replacedCharacters?: string[] }> {
  return (await json(`${sandbox.url}/sandbox/messages/${id}`)).body;
}

function messageId(body: string): string {
  const id = /^ID: (\S+)$/.exec(body.trim())?.[1];
  expect(id).toMatch(HEX32);
  return id!;
}

describe('Clickatell HTTP sendmsg text without unicode=1', () => {
  it("decodes the Clickatell FAQ's single-byte example as the FAQ says the handset shows it (support.clickatell.com kbid=121)", async () => {
    const body = `${new URLSearchParams({ ...HTTP_AUTH, to: '447700900601' }).toString()}&text=%C7a+va%2C+mon+%E9l%E8ve%2C+mi+ni%F1a%3F`;
    const result = await request(`${sandbox.url}/http/sendmsg`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(await sent(messageId(result.text))).toMatchObject({ text: 'Ça va, mon élève, mi niña?', encoding: 'GSM-7', parts: 1 });
  });

  it('reads the same bytes in a GET query string', async () => {
    const query = `${new URLSearchParams({ ...HTTP_AUTH, to: '447700900602' }).toString()}&text=Caf%E9+%A35+%80`;
    const result = await request(`${sandbox.url}/http/sendmsg?${query}`);
    expect((await sent(messageId(result.text))).text).toBe('Café £5 €');
  });

  it('shows UTF-8 escapes as a handset would: each byte a character, those outside GSM-7 as ?', async () => {
    // What a client that sends UTF-8 gets (the garbling Stack Overflow question 4305334 reports).
    const result = await postForm(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900603', text: 'Café' });
    expect(await sent(messageId(result.text))).toMatchObject({ text: 'Caf??', replacedCharacters: ['Ã', '©'] });
  });

  it('carries what our request builder sends unchanged, so a customer\'s Café £5 reaches the handset as typed', async () => {
    const built = buildSendMsgRequest({ baseUrl: sandbox.url, auth: { mode: 'perRequest', apiId: HTTP_AUTH.api_id, user: HTTP_AUTH.user, password: HTTP_AUTH.password } }, { to: ['447700900604'], text: 'Café £5 [€]' });
    const result = await request(built.url, { method: built.method, headers: built.headers, body: built.body });
    const message = await sent(messageId(result.text));
    expect(message).toMatchObject({ text: 'Café £5 [€]', encoding: 'GSM-7', parts: 1 });
    expect(message.replacedCharacters).toBeUndefined();
  });
});
