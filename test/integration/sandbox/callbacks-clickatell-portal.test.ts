import { parseCallbackBody, parseCallbackQuery } from '../../../gateways/callbacks/body';
import { normalizeCallbackEvents } from '../../../gateways/callbacks/normalize';
import { ClickatellOneClient, ClickatellPlatformClient } from '../../../gateways/clickatell-portal';
import type { SmsEvent } from '../../../gateways/events';
import { FetchTransport } from '../../../gateways/transport';
import { sandboxPerFile } from '../../sandbox-per-file';
import { DEMO, eventually, postJson, putJson, receiverPerFile, start, waitFor, type Received } from './helpers';

/**
 * The Portal's pushes from the sandbox to a local receiver, read by the package's own callback parsing
 * (body.ts) and normalizers: Platform status and reply callbacks (JSON POST and GET query), One API
 * envelopes, the shared secret, and no API key in any push.
 */

const receiver = receiverPerFile();
const sandbox = sandboxPerFile(() => start({ callbackSecret: 'portal-secret' }));
const ACCOUNT = DEMO.clickatellPortal.accountId;
const KEY: string = DEMO.clickatellPortal.apiKey;

function credentials() {
  return { apiKey: KEY, baseUrl: sandbox.url };
}

/** What a trigger does: verify-free here (the token is checked by verify.ts's own tests), parse, normalize. */
function eventsOf(received: Received, provider: 'clickatell-platform' | 'clickatell-one'): SmsEvent[] {
  const query = parseCallbackQuery(received.rawUrl);
  const params = received.method === 'GET' ? query : parseCallbackBody(received.headers['content-type'], received.body, query);
  return normalizeCallbackEvents(provider, params, { secretParams: ['token'] });
}

beforeAll(async () => {
  await putJson(`${sandbox.url}/sandbox/accounts/${ACCOUNT}`, { statusCallbackUrl: `${receiver.url}/status`, inboundUrl: `${receiver.url}/reply` });
});

beforeEach(() => receiver.clear());

describe('Platform SMS API callbacks', () => {
  it('pushes DELIVERED_TO_GATEWAY then RECEIVED_BY_RECIPIENT as JSON POSTs with the secret, never the key', async () => {
    const [sent] = await new ClickatellPlatformClient({ credentials: credentials(), transport: new FetchTransport() }).send({ to: ['27999000001'], text: 'Hi', options: { clientReference: 'ref-1' } });
    const id = sent.ok ? sent.event.messageId : '';
    const pushes = await eventually(() => {
      const list = receiver.at('/status');
      if (list.length < 2) throw new Error(`${list.length} pushes`);
      return list;
    });
    expect(pushes.map((push) => push.method)).toEqual(['POST', 'POST']);
    expect(pushes.every((push) => push.query.get('token') === 'portal-secret')).toBe(true);
    expect(pushes.some((push) => push.body.includes(KEY) || push.rawUrl.includes(KEY))).toBe(false);
    const events = pushes.flatMap((push) => eventsOf(push, 'clickatell-platform'));
    expect(events.map((event) => [event.messageId, event.state, event.providerCode, event.clientReference])).toEqual([
      [id, 'sent', 'DELIVERED_TO_GATEWAY', 'ref-1'],
      [id, 'delivered', 'RECEIVED_BY_RECIPIENT', 'ref-1'],
    ]);
    expect(JSON.parse(pushes[1].body)).toMatchObject({ integrationName: 'Demo integration', messageId: id, statusCode: 4, to: '27999000001' });
  });

  it('sends the same fields as a GET query when the account says callbackFormat get', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${ACCOUNT}`, { callbackFormat: 'get' });
    try {
      await new ClickatellPlatformClient({ credentials: credentials(), transport: new FetchTransport() }).send({ to: ['27999000002'], text: 'Hi' });
      const push = await waitFor(() => receiver.at('/status').find((entry) => entry.query.get('status') === 'RECEIVED_BY_RECIPIENT'));
      expect(push.method).toBe('GET');
      expect(eventsOf(push, 'clickatell-platform')[0]).toMatchObject({ state: 'delivered', to: '27999000002' });
    } finally {
      await putJson(`${sandbox.url}/sandbox/accounts/${ACCOUNT}`, { callbackFormat: 'json' });
    }
  });

  it('pushes a reply to a Platform message with messageId pointing at it', async () => {
    const [sent] = await new ClickatellPlatformClient({ credentials: credentials(), transport: new FetchTransport() }).send({ to: ['27999000003'], text: 'Question?' });
    const id = sent.ok ? sent.event.messageId : '';
    const injected = await postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clickatell-platform', replyTo: id, text: 'Yes 👍' });
    expect(injected.status).toBe(201);
    const push = await waitFor(() => receiver.at('/reply')[0]);
    const [event] = eventsOf(push, 'clickatell-platform');
    expect(event).toMatchObject({ type: 'message.inbound', provider: 'clickatell-platform', from: '27999000003', to: '27999000003', text: 'Yes 👍', inReplyTo: id });
  });
});

describe('One API callbacks', () => {
  it('pushes every status in the envelope, ending DEVICE_ACK; a failing number ends ROUTING_ERROR', async () => {
    const one = new ClickatellOneClient({ credentials: credentials(), transport: new FetchTransport() });
    const outcomes = await one.send({ to: ['27999000004', '9990090000'], text: 'Hi' });
    const [good, bad] = outcomes.map((outcome) => (outcome.ok ? outcome.event.messageId : ''));
    const events = await eventually(() => {
      const all = receiver.at('/status').flatMap((push) => eventsOf(push, 'clickatell-one'));
      const finals = all.filter((event) => event.final);
      if (finals.length < 2) throw new Error(`${finals.length} final events`);
      return all;
    });
    expect(events.every((event) => event.provider === 'clickatell-one')).toBe(true);
    expect(events.filter((event) => event.messageId === good).map((event) => event.providerCode)).toEqual(['SENT_TO_SUPPLIER', 'DEVICE_ACK']);
    expect(events.filter((event) => event.messageId === bad).map((event) => [event.providerCode, event.error])).toEqual([['ROUTING_ERROR', true]]);
    const envelope = JSON.parse(receiver.at('/status')[0].body);
    expect(envelope).toMatchObject({ integrationName: 'Demo integration', integrationId: expect.stringMatching(/^[0-9a-f]{32}$/), event: { messageStatusUpdate: [expect.objectContaining({ channel: 'sms' })] } });
  });

  it('pushes a reply to a One API message as moText with relatedMessageId', async () => {
    const [sent] = await new ClickatellOneClient({ credentials: credentials(), transport: new FetchTransport() }).send({ to: ['27999000005'], text: 'Question?', options: { clientReference: 'q-7' } });
    const id = sent.ok ? sent.event.messageId : '';
    await postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clickatell-one', replyTo: id, text: 'No' });
    const push = await waitFor(() => receiver.at('/reply')[0]);
    expect(eventsOf(push, 'clickatell-one')).toEqual([expect.objectContaining({ type: 'message.inbound', text: 'No', inReplyTo: id, clientReference: 'q-7', from: '27999000005' })]);
  });
});
