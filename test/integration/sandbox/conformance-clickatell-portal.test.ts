import { ClickatellOneClient, ClickatellPlatformClient } from '../../../gateways/clickatell-portal';
import { FetchTransport } from '../../../gateways/transport';
import { rejected } from '../../unit/clickatell-rest/helpers';
import type { Sandbox } from '../../../sandbox';
import { DEMO, HEX32, eventually, json, putJson, request, start } from './helpers';

/**
 * The Portal APIs over real HTTP: the sandbox's emulation of ../shared/specs/clickatell-platform-api.md
 * read by the package's own clients (the parsers check every answer strictly), plus the raw shapes the
 * digest documents (202/207/400/401/402, global vs per-message errors, both error forms).
 */

let sandbox: Sandbox;
let base: string;
const KEY: string = DEMO.clickatellPortal.apiKey;

function platform(apiKey = KEY): ClickatellPlatformClient {
  return new ClickatellPlatformClient({ credentials: { apiKey, baseUrl: base }, transport: new FetchTransport({ provider: 'clickatell-platform' }) });
}

function one(apiKey = KEY): ClickatellOneClient {
  return new ClickatellOneClient({ credentials: { apiKey, baseUrl: base }, transport: new FetchTransport({ provider: 'clickatell-one' }) });
}

function headers(apiKey = KEY): Record<string, string> {
  return { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: apiKey };
}

beforeAll(async () => {
  sandbox = await start({
    accounts: [
      { id: 'portal-broke', provider: 'clickatell-platform', apiKey: 'broke-portal-key', balance: 0 },
      { id: 'portal-inactive', provider: 'clickatell-platform', apiKey: 'inactive-portal-key', balance: 10, status: 'inactive' },
      { id: 'portal-locked', provider: 'clickatell-platform', apiKey: 'locked-portal-key', balance: 10, ipLockdown: ['10.1.2.3'] },
    ],
  });
  base = sandbox.url;
});

afterAll(async () => {
  await sandbox.close();
});

describe('Platform SMS API: POST /messages', () => {
  it('accepts a send with 202 and one apiMessageId per recipient, read by ClickatellPlatformClient', async () => {
    const outcomes = await platform().send({ to: ['+27 99 900 0001', '27999000002'], text: 'Hello', options: { clientReference: 'order-42' } });
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    const ids = outcomes.map((outcome) => (outcome.ok ? outcome.event.messageId : null));
    expect(ids[0]).toMatch(HEX32);
    expect(ids[1]).toMatch(HEX32);
    expect(ids[0]).not.toBe(ids[1]);
    expect(outcomes[0]).toMatchObject({ to: '27999000001', event: { provider: 'clickatell-platform', clientReference: 'order-42', state: 'accepted' } });
  });

  it('answers the documented shape: messages[] with apiMessageId, accepted, to, errorCode, error, errorDescription', async () => {
    const { status, body } = await json(`${base}/messages`, { method: 'POST', headers: headers(), body: JSON.stringify({ content: 'Hi', to: ['27999000001'] }) });
    expect(status).toBe(202);
    expect(body).toEqual({
      messages: [{ apiMessageId: expect.stringMatching(HEX32), accepted: true, to: '27999000001', errorCode: null, error: null, errorDescription: null }],
      errorCode: null,
      error: null,
      errorDescription: null,
    });
  });

  it('answers 207 with a per-message refusal beside an accepted message', async () => {
    const outcomes = await platform().send({ to: ['27999000001', '9991220000'], text: 'Hi' });
    expect(outcomes[0].ok).toBe(true);
    expect(outcomes[1]).toMatchObject({ ok: false, to: '9991220000', error: { code: '26', httpStatus: 207, recipient: '9991220000' } });
  });

  it('refuses a wrong key with 401 and code 1, thrown as a whole-request error without the key', async () => {
    const error = await rejected(platform('not-a-key').send({ to: ['27999000001'], text: 'Hi' }));
    expect(error).toMatchObject({ code: '1', httpStatus: 401, certainlyNotSent: true });
    expect(error.message).not.toContain('not-a-key');
  });

  it('a Bearer prefix is not the key', async () => {
    const { status } = await request(`${base}/messages`, { method: 'POST', headers: headers(`Bearer ${KEY}`), body: JSON.stringify({ content: 'Hi', to: ['27999000001'] }) });
    expect(status).toBe(401);
  });

  it('refuses an empty balance with 402 per message (code 20)', async () => {
    const outcomes = await platform('broke-portal-key').send({ to: ['27999000001'], text: 'Hi' });
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: '20', httpStatus: 402 } });
  });

  it('refuses an inactive account (2) and a foreign IP address (7) as whole requests', async () => {
    expect(await rejected(platform('inactive-portal-key').send({ to: ['27999000001'], text: 'Hi' }))).toMatchObject({ code: '2', httpStatus: 400 });
    expect(await rejected(platform('locked-portal-key').send({ to: ['27999000001'], text: 'Hi' }))).toMatchObject({ code: '7', httpStatus: 401 });
  });

  it('refuses malformed JSON (21) and more than 200 recipients (22)', async () => {
    const bad = await json(`${base}/messages`, { method: 'POST', headers: headers(), body: '{"content":' });
    expect(bad).toMatchObject({ status: 400, body: { errorCode: 21, error: 'Payload data is malformed' } });
    const many = Array.from({ length: 201 }, (_, i) => `2799900${String(i).padStart(4, '0')}`);
    const tooMany = await json(`${base}/messages`, { method: 'POST', headers: headers(), body: JSON.stringify({ content: 'Hi', to: many }) });
    expect(tooMany).toMatchObject({ status: 400, body: { errorCode: 22 } });
  });

  it('schedules a message given scheduledDeliveryTime in the documented +HHMM form', async () => {
    const at = new Date(Date.now() + 3_600_000);
    const [outcome] = await platform().send({ to: ['27999000001'], text: 'Later', options: { scheduledAt: at } });
    expect(outcome).toMatchObject({ ok: true, event: { state: 'scheduled' } });
    const id = outcome.ok ? outcome.event.messageId : '';
    const view = await json(`${base}/sandbox/messages/${id}`);
    expect(view.body.scheduledFor).toBeTruthy();
  });

  it('GET /public-client/balance answers {balance, currency}, and a send lowers it', async () => {
    const before = await platform().getBalance();
    expect(before).toMatchObject({ provider: 'clickatell-platform', currency: 'ZAR' });
    await platform().send({ to: ['27999000001'], text: 'Hi' });
    const after = await platform().getBalance();
    expect(after.balance).toBeCloseTo(before.balance - 0.8, 5);
  });
});

describe('Platform SMS API: GET /messages/http/send', () => {
  it('sends to one handset with the key in the query and answers the same JSON shape', async () => {
    const { status, body } = await json(`${base}/messages/http/send?${new URLSearchParams({ apiKey: KEY, to: '27999000001', content: 'Hi there' })}`);
    expect(status).toBe(202);
    expect(body.messages[0]).toMatchObject({ accepted: true, to: '27999000001', apiMessageId: expect.stringMatching(HEX32) });
  });

  it('ClickatellPlatformClient with integrationType http sends through it', async () => {
    const client = new ClickatellPlatformClient({ credentials: { apiKey: KEY, baseUrl: base, integrationType: 'http' }, transport: new FetchTransport() });
    const [outcome] = await client.send({ to: ['+27999000001'], text: 'Hi über', options: { from: '27999000100' } });
    expect(outcome).toMatchObject({ ok: true, to: '27999000001', event: { messageId: expect.stringMatching(HEX32) } });
    const view = await json(`${base}/sandbox/messages/${outcome.ok ? outcome.event.messageId : ''}`);
    expect(view.body).toMatchObject({ text: 'Hi über', from: '27999000100', provider: 'clickatell-platform' });
  });

  it('refuses a list of handsets (one per request) and a wrong key', async () => {
    const list = await json(`${base}/messages/http/send?${new URLSearchParams({ apiKey: KEY, to: '27999000001,27999000002', content: 'Hi' })}`);
    expect(list).toMatchObject({ status: 400, body: { errorCode: 22 } });
    const wrong = await json(`${base}/messages/http/send?${new URLSearchParams({ apiKey: 'nope', to: '27999000001', content: 'Hi' })}`);
    expect(wrong).toMatchObject({ status: 401, body: { errorCode: 1 } });
  });
});

describe('One API: POST /v1/message and GET /v1/message/{id}', () => {
  it('accepts SMS messages with 202, read by ClickatellOneClient', async () => {
    const outcomes = await one().send({ to: ['27999000001', '+27999000002'], text: 'Here is my message', options: { clientReference: 'abc' } });
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    expect(outcomes[1]).toMatchObject({ to: '27999000002', event: { provider: 'clickatell-one', clientReference: 'abc' } });
  });

  it('writes errors as {code, description}: 400 with message-level errors when all are refused', async () => {
    const { status, body } = await json(`${base}/v1/message`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ messages: [{ channel: 'sms', to: '27999abcde', content: 'Hi' }] }),
    });
    expect(status).toBe(400);
    expect(body).toEqual({ messages: [{ apiMessageId: '', accepted: false, to: '27999abcde', error: { code: 25, description: 'Invalid recipient address: 27999abcde' } }], error: null });
  });

  it('answers 207 for mixed results and a global error for a wrong key', async () => {
    const mixed = await json(`${base}/v1/message`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ messages: [{ to: '27999000001', content: 'Hi' }, { channel: 'whatsapp', to: '27999000002', content: 'Hi' }] }),
    });
    expect(mixed.status).toBe(207);
    expect(mixed.body.messages[1]).toMatchObject({ accepted: false, error: { code: 39 } });
    const unauthorized = await json(`${base}/v1/message`, { method: 'POST', headers: headers('nope'), body: JSON.stringify({ messages: [] }) });
    expect(unauthorized).toEqual(expect.objectContaining({ status: 401, body: { error: { code: 1, description: 'Invalid or missing integration API Key' } } }));
  });

  it('getStatus follows the lifecycle to DEVICE_ACK (delivered), and a failing number to ROUTING_ERROR', async () => {
    const [sent] = await one().send({ to: ['27999000001'], text: 'Hi' });
    const id = sent.ok ? sent.event.messageId! : '';
    const delivered = await eventually(async () => {
      const event = await one().getStatus(id);
      if (event.providerCode !== 'DEVICE_ACK') throw new Error(`still ${event.providerCode}`);
      return event;
    });
    expect(delivered).toMatchObject({ messageId: id, state: 'delivered', final: true, error: false });
    expect((await json(`${base}/sandbox/messages/${id}`)).body).toMatchObject({ provider: 'clickatell-one', status: '004', oneApiStatus: 'DEVICE_ACK' });
    const [failing] = await one().send({ to: ['9990090000'], text: 'Hi' });
    const failed = await eventually(async () => {
      const event = await one().getStatus(failing.ok ? failing.event.messageId! : '');
      if (!event.final) throw new Error('not final yet');
      return event;
    });
    expect(failed).toMatchObject({ state: 'failed', error: true, providerCode: 'ROUTING_ERROR' });
  });

  it('an unknown id answers status UNKNOWN without a channel', async () => {
    const { status, body } = await json(`${base}/v1/message/00000000000000000000000000000000`, { headers: headers() });
    expect(status).toBe(200);
    expect(body.status).toBe('UNKNOWN');
    expect((await one().getStatus('00000000000000000000000000000000')).state).toBe('unknown');
  });
});

describe('Portal account configuration', () => {
  it('the demo Portal account is listed without its key', async () => {
    const { body } = await json(`${base}/sandbox/accounts/${DEMO.clickatellPortal.accountId}`);
    expect(body).toMatchObject({ provider: 'clickatell-platform', currency: 'ZAR' });
    expect(JSON.stringify(body)).not.toContain(KEY);
  });

  it('an account of provider clickatell-platform needs an apiKey', async () => {
    const { status } = await putJson(`${base}/sandbox/accounts/keyless`, { provider: 'clickatell-platform' });
    expect(status).toBe(400);
  });
});

describe('faults on the Portal routes, as the clients see them', () => {
  afterEach(() => sandbox.faults.clear());

  it('503 on POST /messages: code 19, retryable, certainly not sent; scoped to its API and route', async () => {
    sandbox.faults.add({ kind: '503', api: 'clickatell-platform', route: 'POST /messages', count: 1 });
    const error = await rejected(platform().send({ to: ['27999000001'], text: 'Hi' }));
    expect(error).toMatchObject({ code: '19', httpStatus: 503, retryable: true, certainlyNotSent: true });
    // The fault was used up by that request; the One API was never in its scope.
    expect((await one().send({ to: ['27999000001'], text: 'Hi' }))[0].ok).toBe(true);
  });

  it('a processed request whose answer is garbled is MALFORMED_RESPONSE, maybe sent (and it was)', async () => {
    const before = (await json(`${base}/sandbox/messages?account=${DEMO.clickatellPortal.accountId}`)).body.messages.length;
    sandbox.faults.add({ kind: 'malformed', api: 'clickatell-one', count: 1 });
    const error = await rejected(one().send({ to: ['27999000001'], text: 'Hi' }));
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE', certainlyNotSent: false });
    const after = (await json(`${base}/sandbox/messages?account=${DEMO.clickatellPortal.accountId}`)).body.messages.length;
    expect(after).toBe(before + 1);
  });

  it('a dropped connection is a NETWORK error that may have sent', async () => {
    sandbox.faults.add({ kind: 'reset', api: 'clickatell-platform', processed: true, count: 1 });
    expect(await rejected(platform().send({ to: ['27999000001'], text: 'Hi' }))).toMatchObject({ code: 'NETWORK', certainlyNotSent: false });
  });
});
