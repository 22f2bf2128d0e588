import { runBulk, type BatchReport } from '../../../gateways/bulk';
import { normalizeCallback } from '../../../gateways/callbacks/normalize';
import { ClickSendV3Client } from '../../../gateways/clicksend-v3/client';
import { FetchTransport } from '../../../gateways/transport';
import { sandboxPerFile } from '../../sandbox-per-file';
import { DEMO, eventually, postJson, receiverPerFile, start } from './helpers';

/**
 * ClickSendV3Client against the sandbox over real HTTP (Node's fetch): what the n8n and Node-RED nodes do
 * with it, end to end below the runtimes: send, pulls, cancel, balance, automation rules whose pushes the
 * callback normalizer reads, and the bulk planner batching to REST v3's 1000 messages per request.
 */

const sandbox = sandboxPerFile(() => start());
const receiver = receiverPerFile();
let client: ClickSendV3Client;

beforeAll(async () => {
  client = new ClickSendV3Client({
    credentials: { username: DEMO.clicksend.username, key: DEMO.clicksend.key, baseUrl: sandbox.url },
    transport: new FetchTransport({ provider: 'clicksend-v3' }),
  });
});

let unique = 0;
const text = (label: string): string => `${label} ${++unique}`;

it('sends, then finds the message delivered in the history and its receipt', async () => {
  const [outcome] = await client.send({ to: ['+15550101001'], text: text('hello'), options: { clientReference: 'c-1' } });
  expect(outcome).toMatchObject({ ok: true, event: { provider: 'clicksend-v3', state: 'accepted', clientReference: 'c-1', charge: 0.0282 } });
  const id = outcome.ok ? outcome.event.messageId! : '';
  const delivered = await eventually(async () => {
    const page = await client.getHistory({ limit: 100 });
    const event = page.events.find((entry) => entry.messageId === id);
    expect(event?.state).toBe('delivered');
    return event!;
  });
  expect(delivered).toMatchObject({ to: '+15550101001', clientReference: 'c-1', final: true });
  expect(await client.getDeliveryReport(id)).toMatchObject({ messageId: id, state: 'delivered', clientReference: 'c-1' });
});

it('reports refused recipients per recipient and the rest as sent', async () => {
  const outcomes = await client.send({ to: ['+15550101002', '+9991210000'], text: text('mixed') });
  expect(outcomes[0].ok).toBe(true);
  expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'INVALID_RECIPIENT', recipient: '+9991210000', certainlyNotSent: true } });
});

it('prices without sending, reads the balance, cancels a scheduled message and cancels all', async () => {
  const before = await client.getBalance();
  const estimate = await client.priceEstimate({ to: ['+15550101003'], text: 'x'.repeat(161) });
  expect(estimate).toMatchObject({ totalPrice: 0.0564, currency: 'USD', messages: [{ parts: 2, status: 'SUCCESS', ok: true }] });
  expect((await client.getBalance()).balance).toBe(before.balance);
  const later = new Date(Date.now() + 30 * 24 * 3600_000);
  const [scheduled] = await client.send({ to: ['+15550101004'], text: text('later'), options: { scheduledAt: later } });
  expect(scheduled).toMatchObject({ ok: true, event: { state: 'scheduled' } });
  const id = scheduled.ok ? scheduled.event.messageId! : '';
  expect(await client.cancel(id)).toMatchObject({ state: 'cancelled', messageId: id });
  expect((await client.getBalance()).balance).toBeCloseTo(before.balance, 6);
  await expect(client.cancel(id)).rejects.toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
  await client.send({ to: ['+15550101005'], text: text('later'), options: { scheduledAt: later } });
  expect(await client.cancelAll()).toEqual({ count: 1 });
});

it('registers an inbound rule whose pushes normalize to inbound events, and removes it', async () => {
  receiver.clear();
  const { id } = await client.createInboundRule({ url: `${receiver.url}/trigger?token=mine`, ruleName: 'n8n', webhookType: 'json' });
  expect((await client.getInboundRule(id)).url).toBe(`${receiver.url}/trigger?token=mine`);
  const [sent] = await client.send({ to: ['+15550101006'], text: text('question'), options: { clientReference: 'q-9' } });
  const original = sent.ok ? sent.event.messageId : null;
  await postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clicksend', replyTo: original, text: 'yes please' });
  const push = await eventually(() => {
    const [entry] = receiver.at('/trigger');
    expect(entry).toBeDefined();
    return entry;
  });
  // The receiver's own token stays as registered: the push adds none of its own.
  expect(push.query.getAll('token')).toEqual(['mine']);
  const event = normalizeCallback('clicksend-v3', JSON.parse(push.body) as Record<string, unknown>);
  expect(event).toMatchObject({ type: 'message.inbound', provider: 'clicksend-v3', text: 'yes please', inReplyTo: original, clientReference: 'q-9', from: '+15550101006' });
  expect((await client.getReplyTo(original!)).map((reply) => reply.text)).toEqual(['yes please']);
  expect((await client.getInbound({ limit: 100 })).events.some((entry) => entry.text === 'yes please')).toBe(true);
  await client.deleteInboundRule(id);
  expect((await client.listInboundRules()).rules.map((rule) => rule.id)).not.toContain(id);
  await expect(client.getInboundRule(id)).rejects.toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
});

it('registers a receipt rule whose pushes normalize to status events', async () => {
  receiver.clear();
  const { id } = await client.createReceiptRule({ url: `${receiver.url}/receipts`, ruleName: 'dlr' });
  const [sent] = await client.send({ to: ['+15550101007'], text: text('dlr'), options: { clientReference: 'd-9' } });
  const push = await eventually(() => {
    const [entry] = receiver.at('/receipts');
    expect(entry).toBeDefined();
    return entry;
  });
  const event = normalizeCallback('clicksend-v3', push.fields);
  expect(event).toMatchObject({ type: 'message.status', provider: 'clicksend-v3', messageId: sent.ok ? sent.event.messageId : '', state: 'delivered', clientReference: 'd-9' });
  await client.deleteReceiptRule(id);
});

it('the bulk planner sends 2500 recipients in 3 requests of at most 1000, each recipient once', async () => {
  const before = sandbox.state.messages.size;
  const reports: BatchReport[] = [];
  const to = Array.from({ length: 2500 }, (_, i) => `+1555${String(2_000_000 + i)}`);
  const results = await runBulk(client, [{ to, text: text('bulk') }], { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), onBatch: (report) => reports.push(report) });
  expect(reports.map((report) => report.batch.to.length).sort((a, b) => b - a)).toEqual([1000, 1000, 500]);
  expect(reports.every((report) => report.attempts === 1)).toBe(true);
  expect(results[0].outcomes.filter((outcome) => outcome.ok)).toHaveLength(2500);
  expect(sandbox.state.messages.size - before).toBe(2500);
});

it('a connection dropped after the send was processed is reported as maybe sent (never retried as unsent)', async () => {
  await postJson(`${sandbox.url}/sandbox/faults`, { kind: 'reset', api: 'clicksend-v3', processed: true, count: 1 });
  const error = await client.send({ to: ['+15550101008'], text: text('dropped') }).catch((failure: unknown) => failure);
  expect(error).toMatchObject({ code: 'NETWORK', certainlyNotSent: false });
});

it('a 503 fault is retryable and certainly not sent; a malformed answer after processing may have been sent', async () => {
  await postJson(`${sandbox.url}/sandbox/faults`, { kind: '503', api: 'clicksend-v3', count: 1 });
  await expect(client.getBalance()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 503, retryable: true, certainlyNotSent: true, hint: expect.stringContaining('can be repeated') });
  await postJson(`${sandbox.url}/sandbox/faults`, { kind: 'malformed', api: 'clicksend-v3', count: 1 });
  await expect(client.send({ to: ['+15550101009'], text: text('garbled') })).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE', certainlyNotSent: false });
});

