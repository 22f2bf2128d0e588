import { parseCallbackQuery } from '../../../gateways/callbacks/body';
import { normalizeClickatellInbound } from '../../../gateways/callbacks/clickatell';
import { clickatellMoTime } from '../../../sandbox/inbound';
import { sandboxPerFile } from '../../sandbox-per-file';
import { CS_AUTH, DEMO, getQuery, HTTP_AUTH, json, postForm, postJson, putJson, receiverPerFile, start, waitFor, xmlValues } from './helpers';

/** POST /sandbox/inbound: a handset replies; the provider's inbound callback and the ClickSend reply pull. */

const receiver = receiverPerFile();
const sandbox = sandboxPerFile(() => start());

beforeAll(async () => {
  await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { inboundUrl: `${receiver.url}/mo` });
  await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellRest.accountId}`, { inboundUrl: `${receiver.url}/rest-mo` });
  await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clicksend.accountId}`, { inboundUrl: `${receiver.url}/reply` });
});

const inject = (body: Record<string, unknown>) => postJson(`${sandbox.url}/sandbox/inbound`, body);

describe('Clickatell MO callbacks', () => {
  it('pushes api_id, moMsgId, from, to, timestamp, text and charset (GET, with the token)', async () => {
    const sent = await getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900400', text: 'Reply YES', from: '27999000001', mo: 1 });
    const original = sent.text.slice(4);
    const result = await inject({ provider: 'clickatell-http', replyTo: original, text: 'YES' });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ provider: 'clickatell-http', account: DEMO.clickatellHttp.accountId, from: '447700900400', to: '27999000001', inReplyTo: original });
    expect(result.body.id).toMatch(/^[0-9a-f]{32}$/);
    const push = await waitFor(() => receiver.at('/mo')[0]);
    expect(push.method).toBe('GET');
    expect(push.query.get('token')).toBe(DEMO.callbackSecret);
    expect(push.fields).toEqual({
      api_id: DEMO.clickatellHttp.apiId,
      moMsgId: result.body.id,
      from: '447700900400',
      to: '27999000001',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      text: 'YES',
      charset: 'ISO-8859-1',
    });
  });

  // The real gateway escapes MO text declared ISO-8859-1 as ISO-8859-1 bytes: the published sample MO
  // callback declares charset=ISO-8859-1 (HCL volt-mx docs), and nyaruka/courier's Clickatell handler notes
  // "clickatell URL encodes escapes ISO 8859 escape sequences". Our callback parser reads them back.
  it('escapes ISO-8859-1 MO text as single bytes, which the callback parser and normalizer read back', async () => {
    await inject({ provider: 'clickatell-http', from: '447700900403', text: 'Café £5' });
    const push = await waitFor(() => receiver.at('/mo').find((entry) => entry.fields.from === '447700900403'));
    expect(push.rawUrl).toContain('text=Caf%E9+%A35');
    expect(push.rawUrl).toContain('charset=ISO-8859-1');
    expect(normalizeClickatellInbound(parseCallbackQuery(push.rawUrl)).text).toBe('Café £5');
  });

  // Issue 11 item 9: the real gateway's MO timestamp is a GMT+2 date-time such as `2015-02-04 09:30:36`
  // (published sample MO callback, HCL volt-mx docs "Clickatell Inbound Format"), not unix seconds; our
  // normalizer must turn the sandbox's into the right UTC instant (a wrong zone is hours off).
  it('sends the MO timestamp as a GMT+2 date-time that normalizes to the instant it was sent', async () => {
    const before = Date.now();
    await inject({ provider: 'clickatell-http', from: '447700900402', text: 'when' });
    const push = await waitFor(() => receiver.at('/mo').find((entry) => entry.fields.from === '447700900402'));
    const event = normalizeClickatellInbound(push.fields);
    const instant = Date.parse(event.timestamp!);
    expect(instant).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(instant).toBeLessThanOrEqual(Date.now());
    expect(push.fields.timestamp).toBe(clickatellMoTime(instant));
  });

  it('Unicode text arrives as UCS-2 hex with charset UTF-16BE; udh is passed on', async () => {
    await inject({ provider: 'clickatell-http', from: '447700900401', text: 'Да 👍', udh: '050003010201' });
    const push = await waitFor(() => receiver.at('/mo').find((entry) => entry.fields.from === '447700900401'));
    expect(push.fields.charset).toBe('UTF-16BE');
    expect(push.fields.text).toBe('041404300020D83DDC4D');
    expect(push.fields.udh).toBe('050003010201');
    // Without a message to reply to, `to` is the account's two-way number.
    expect(push.fields.to).toBe('27999000001');
  });

  it('REST accounts receive it as JSON', async () => {
    await inject({ provider: 'clickatell-rest', from: '447700900402', text: 'json mo' });
    const push = await waitFor(() => receiver.at('/rest-mo')[0]);
    expect(push.headers['content-type']).toBe('application/json');
    expect(push.fields).toMatchObject({ api_id: DEMO.clickatellRest.apiId, from: '447700900402', to: '27999000002', text: 'json mo' });
  });
});

describe('ClickSend replies', () => {
  it('pushes the documented reply parameters and queues the reply for one reply.php pull', async () => {
    const sent = await postForm(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+447700900410', message: 'Hello. Please reply', senderid: 'MyCompany', customstring: 'ref-410' });
    const original = xmlValues(sent.text, 'messageid')[0];
    const result = await inject({ provider: 'clicksend', originalMessageId: original, text: 'This is a reply' });
    expect(result.body).toMatchObject({ replyQueued: true, from: '+447700900410', inReplyTo: original });
    const push = await waitFor(() => receiver.at('/reply')[0]);
    expect(push.method).toBe('POST');
    expect(push.fields).toEqual({
      from: '+447700900410',
      message: 'This is a reply',
      originalmessage: 'Hello. Please reply',
      originalmessageid: original,
      originalsenderid: 'MyCompany',
      customstring: 'ref-410',
      username: DEMO.clicksend.username,
    });
    const pulled = await postForm(`${sandbox.url}/http/v2/reply.php`, CS_AUTH);
    expect(xmlValues(pulled.text, 'message')).toEqual(['This is a reply']);
    expect(xmlValues((await postForm(`${sandbox.url}/http/v2/reply.php`, CS_AUTH)).text, 'reply')).toEqual([]);
  });
});

describe('inspection and validation', () => {
  it('GET /sandbox/inbound lists what was injected', async () => {
    const listed = await json(`${sandbox.url}/sandbox/inbound`);
    expect(listed.body.count).toBeGreaterThanOrEqual(4);
    expect(listed.body.inbound.map((entry: { text: string }) => entry.text)).toContain('This is a reply');
  });

  it.each([
    [{ from: '447700900000', text: 'x' }, 400, /provider/],
    [{ provider: 'nokia', from: '447700900000', text: 'x' }, 400, /provider/],
    [{ provider: 'clickatell-http', from: '447700900000' }, 400, /text/],
    [{ provider: 'clickatell-http', text: 'x' }, 400, /from/],
    [{ provider: 'clickatell-http', from: 'not a number', text: 'x' }, 400, /from/],
    [{ provider: 'clicksend', replyTo: 'NOPE', text: 'x' }, 404, /NOPE/],
    [{ provider: 'clicksend', account: 'demo-http', from: '+447700900000', text: 'x' }, 400, /account/],
  ])('%j -> %i', async (body, status, message) => {
    const result = await inject(body);
    expect(result.status).toBe(status);
    expect(result.body.error).toMatch(message);
  });

  it('a body that is not JSON is refused with 400', async () => {
    const result = await json(`${sandbox.url}/sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(result.status).toBe(400);
  });
});
