/**
 * End to end in a real Node-RED 5 on Node 24 (installed by scripts/e2e/ensure-node-red.sh, outside the
 * package's devDependencies): the built package is packed and installed into the userDir like a user would,
 * every example flow from examples/ runs against the sandbox, and the assertions look at what the sandbox
 * saw and at the messages the flows produced (tapped from their debug nodes).
 * If Node-RED 5 is not installed, every test here fails with the command that installs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { injectInbound, startExampleStack, type ExampleStack } from '../../../scripts/demo/example-stack';
import type { TappedMessage } from '../../../scripts/e2e/node-red-tap';

const SECRETS = ['demo-password', 'demo-rest-token', 'demo-key', 'demo-callback-secret', 'demo-portal-api-key'];
let stack: ExampleStack;

beforeAll(async () => {
  stack = await startExampleStack({ sandbox: { lifecycle: { sentAfterMs: 50, deliveredAfterMs: 100 } } });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const byId = (id: string) => (messages: TappedMessage[]) => messages.filter((message) => message.id === id);
/** Waits for `count` messages from the debug node `id` and returns them. */
async function tapped(id: string, count = 1, timeoutMs = 15_000): Promise<TappedMessage[]> {
  await stack.collector.waitFor((messages) => byId(id)(messages).length >= count, timeoutMs, `${count} message(s) at debug node ${id}`);
  return byId(id)(stack.collector.messages);
}
async function sandboxGet(resource: string): Promise<any> {
  const res = await fetch(`${stack.sandbox.url}/sandbox/${resource}`);
  expect(res.ok).toBe(true);
  return res.json();
}

describe('the example flows in a real Node-RED 5', () => {
  it('runs Node-RED 5 with the package installed from its packed tarball', () => {
    expect(stack.nodeRed.nodeRedVersion).toMatch(/^5\./);
    expect(stack.nodeRed.output()).toMatch(/Node-RED version: v5\./);
    expect(stack.nodeRed.output()).toMatch(/Node\.js\s+version: v24\./);
    const installed = path.join(stack.nodeRed.userDir, 'node_modules', '@gatewaykit', 'node-red-sms');
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(installed, 'dist', 'node-red', 'clickatell', 'clickatell.html'))).toBe(true);
    expect(stack.nodeRed.output()).not.toMatch(/Waiting for missing types/);
  });

  it('installs into the Node-RED user directory without any n8n package, sandbox or n8n node code', () => {
    // Every package npm put into the user directory, at any depth.
    const names: string[] = [];
    const visit = (modules: string): void => {
      if (!fs.existsSync(modules)) return;
      for (const entry of fs.readdirSync(modules)) {
        if (entry.startsWith('.')) continue;
        const folders = entry.startsWith('@') ? fs.readdirSync(path.join(modules, entry)).map((name) => path.join(entry, name)) : [entry];
        for (const folder of folders) {
          names.push(folder);
          visit(path.join(modules, folder, 'node_modules'));
        }
      }
    };
    visit(path.join(stack.nodeRed.userDir, 'node_modules'));
    expect(names).toEqual(['@gatewaykit/node-red-sms']);
    const installed = path.join(stack.nodeRed.userDir, 'node_modules', '@gatewaykit', 'node-red-sms');
    const shipped = fs.readdirSync(path.join(installed, 'dist'));
    expect(shipped.sort()).toEqual(['gateways', 'node-red']);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(manifest.keywords).toContain('node-red');
  });

  it('01: sends an SMS with the Clickatell HTTP API, reads the balance, and catches an invalid number', async () => {
    const [sent] = await tapped('ex1-debug-send');
    expect(sent.payload).toMatchObject({ type: 'message.sent', provider: 'clickatell-http', to: '27999123456' });
    const message = await sandboxGet(`messages/${sent.payload.messageId}`);
    expect(message).toMatchObject({ provider: 'clickatell-http', account: 'demo-http', to: '27999123456', text: 'Hello from Node-RED through the Clickatell HTTP API' });
    const [balance] = await tapped('ex1-debug-balance');
    expect(balance.payload).toMatchObject({ provider: 'clickatell-http', balance: expect.any(Number) });
    const [caught] = await tapped('ex1-debug-errors');
    expect(caught.error).toMatchObject({ code: 'INVALID_INPUT', source: { id: 'ex1-clickatell-send', type: 'clickatell' } });
    expect(caught.smsError.field).toBe('to');
  });

  it('02: bulk sends through the Clickatell REST API, with a partly refused list reported to Catch', async () => {
    const results = await tapped('ex2-debug', 2);
    const list = results.find((result) => result.payload.some((event: { to: string }) => event.to === '27999200001'))!;
    expect(list.payload.map((event: { to: string }) => event.to)).toEqual(['27999200001', '27999200002', '27999200003', '27999200004']);
    // Four different texts: four requests (only equal texts share a request).
    expect(list.bulk).toMatchObject({ items: 4, recipients: 4, accepted: 4, failed: 0, batches: 4 });
    const many = results.find((result) => result !== list)!;
    expect(many.payload.map((event: { to: string }) => event.to)).toEqual(['27999300001', '27999300002', '27999300003']);
    expect(many.bulk).toMatchObject({ recipients: 4, accepted: 3, failed: 1, batches: 1, requests: 1 });
    expect(many.failed).toEqual([expect.objectContaining({ to: '9991210000', error: expect.objectContaining({ code: '121' }) })]);
    const [caught] = await tapped('ex2-debug-errors');
    expect(caught.error.code).toBe('121');
    const stored = await sandboxGet('messages?provider=clickatell-rest');
    expect(stored.count).toBe(7);
  });

  it('03: tracks delivery with Clickatell status callbacks received by the clickatell in node', async () => {
    const [sent] = await tapped('ex3-debug-sent');
    const messageId = sent.payload.messageId;
    expect(sent.payload.clientReference).toBe('parcel4711');
    const [queried] = await tapped('ex3-debug-queried');
    expect(queried.payload).toMatchObject({ type: 'message.status', messageId });
    await stack.collector.waitFor((messages) => byId('ex3-debug-final')(messages).some((m) => m.payload.messageId === messageId), 15_000, 'the final status');
    const final = byId('ex3-debug-final')(stack.collector.messages).find((m) => m.payload.messageId === messageId)!;
    expect(final.payload).toMatchObject({ type: 'message.status', provider: 'clickatell-http', state: 'delivered', final: true, providerCode: '004', clientReference: 'parcel4711' });
    const updates = byId('ex3-debug-update')(stack.collector.messages).filter((m) => m.payload.messageId === messageId);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.every((update) => update.payload.final === false)).toBe(true);
    const callbacks = await sandboxGet(`callbacks?kind=clickatell-status&messageId=${messageId}`);
    expect(callbacks.count).toBeGreaterThanOrEqual(2);
    expect(callbacks.callbacks.every((record: { state: string; attempts: Array<{ httpStatus: number }> }) => record.state === 'delivered' && record.attempts[0].httpStatus === 200)).toBe(true);
  });

  it('05: sends with ClickSend and gets the delivery report pushed to clicksend in and by pulling; reads history and balance', async () => {
    const [sent] = await tapped('ex5-debug-sent');
    const messageId = sent.payload.messageId;
    await stack.collector.waitFor((messages) => byId('ex5-debug-report')(messages).some((m) => m.payload.messageId === messageId), 15_000, 'the pushed delivery report');
    const pushed = byId('ex5-debug-report')(stack.collector.messages).find((m) => m.payload.messageId === messageId)!;
    expect(pushed.payload).toMatchObject({ type: 'message.status', provider: 'clicksend', state: 'delivered', clientReference: 'newsletter-12' });
    const [pulled] = await tapped('ex5-debug-pulled');
    expect(pulled.payload.some((event: { messageId: string; state: string }) => event.messageId === messageId && event.state === 'delivered')).toBe(true);
    const [history] = await tapped('ex5-debug-history');
    expect(history.payload.some((event: { messageId: string }) => event.messageId === messageId)).toBe(true);
    const [balance] = await tapped('ex5-debug-balance');
    expect(balance.payload.balance).toBeLessThan(125);
  });

  it('04 and 06: answers inbound SMS pushed by the sandbox to clicksend in and clickatell in', async () => {
    const [clicksendSent] = await tapped('ex5-debug-sent');
    const [clickatellSent] = await tapped('ex1-debug-send');
    await injectInbound(stack.sandbox.url, { provider: 'clicksend', replyTo: clicksendSent.payload.messageId, text: 'Is my order ready?' });
    await injectInbound(stack.sandbox.url, { provider: 'clickatell-http', replyTo: clickatellSent.payload.messageId, text: 'What time do you open?' });

    const [inbound] = await tapped('ex4-debug-inbound');
    expect(inbound.payload).toMatchObject({ type: 'message.inbound', provider: 'clicksend', from: '+61412000001', text: 'Is my order ready?', inReplyTo: clicksendSent.payload.messageId });
    const [reply] = await tapped('ex4-debug-reply');
    expect(reply.payload).toMatchObject({ type: 'message.sent', to: '+61412000001', clientReference: 'auto-reply' });
    expect(await sandboxGet(`messages/${reply.payload.messageId}`)).toMatchObject({ to: '+61412000001', text: 'Thanks for your message! We received: Is my order ready?' });

    const [clickatellInbound] = await tapped('ex6-debug-inbound');
    expect(clickatellInbound.payload).toMatchObject({ type: 'message.inbound', provider: 'clickatell-http', from: '27999123456', text: 'What time do you open?' });
    const [clickatellReply] = await tapped('ex6-debug-reply');
    expect(await sandboxGet(`messages/${clickatellReply.payload.messageId}`)).toMatchObject({ to: '27999123456', text: 'Got it: What time do you open?' });
  });

  it('07: sends with the Clickatell One API, reads its status, gets its status callbacks and answers a reply', async () => {
    const [sent] = await tapped('ex7-debug-sent');
    expect(sent.payload).toMatchObject({ type: 'message.sent', provider: 'clickatell-one', to: '27999000701', clientReference: 'order-7001' });
    const messageId = sent.payload.messageId;
    expect(await sandboxGet(`messages/${messageId}`)).toMatchObject({ provider: 'clickatell-one', account: 'demo-portal', text: 'Hello from Node-RED through the Clickatell One API' });
    const [status] = await tapped('ex7-debug-status');
    expect(status.payload).toMatchObject({ type: 'message.status', provider: 'clickatell-one', messageId });
    // The integration's status callbacks (One API envelopes) reach the clickatell in node, one msg per event.
    await stack.collector.waitFor(
      (messages) => byId('ex7-debug-callback')(messages).some((m) => m.payload.messageId === messageId && m.payload.final),
      15_000,
      'the final One API status callback',
    );
    const updates = byId('ex7-debug-callback')(stack.collector.messages).filter((m) => m.payload.messageId === messageId);
    expect(updates.every((m) => m.payload.provider === 'clickatell-one' && m.payload.clientReference === 'order-7001')).toBe(true);
    expect(updates[updates.length - 1].payload).toMatchObject({ state: 'delivered', final: true });

    await injectInbound(stack.sandbox.url, { provider: 'clickatell-one', replyTo: messageId, text: 'Is it on its way?' });
    const [inbound] = await tapped('ex7-debug-inbound');
    expect(inbound.payload).toMatchObject({ type: 'message.inbound', provider: 'clickatell-one', from: '27999000701', text: 'Is it on its way?', inReplyTo: messageId });
    const [answer] = await tapped('ex7-debug-reply');
    expect(answer.payload).toMatchObject({ type: 'message.sent', provider: 'clickatell-one', to: '27999000701', clientReference: 'auto-reply' });
    expect(await sandboxGet(`messages/${answer.payload.messageId}`)).toMatchObject({ text: 'Thanks, we got: Is it on its way?' });
  });

  it('08: bulk sends with the Clickatell Platform SMS API, reads the balance, catches a bad number; its callbacks reach the Portal in node', async () => {
    const [sent] = await tapped('ex8-debug-sent');
    expect(sent.payload.map((event: { provider: string; to: string }) => [event.provider, event.to])).toEqual([
      ['clickatell-platform', '27999000801'],
      ['clickatell-platform', '27999000802'],
      ['clickatell-platform', '27999000803'],
    ]);
    expect(sent.bulk).toMatchObject({ recipients: 3, accepted: 3, requests: 1 });
    const [balance] = await tapped('ex8-debug-balance');
    expect(balance.payload).toMatchObject({ provider: 'clickatell-platform', balance: expect.any(Number), currency: 'ZAR' });
    const [caught] = await tapped('ex8-debug-errors');
    expect(caught.error).toMatchObject({ code: 'INVALID_INPUT', source: { id: 'ex8-clickatell-bad', type: 'clickatell' } });
    expect(caught.smsError.field).toBe('to');
    const ids = sent.payload.map((event: { messageId: string }) => event.messageId);
    await stack.collector.waitFor(
      (messages) => byId('ex7-debug-callback')(messages).some((m) => m.payload.provider === 'clickatell-platform' && ids.includes(m.payload.messageId)),
      15_000,
      'a Platform SMS API status callback',
    );
  });

  it('09: estimates, sends, schedules and cancels with ClickSend REST v3, pulls receipts and gets receipts pushed by an automation rule', async () => {
    const [price] = await tapped('ex9-debug-price');
    expect(price.payload).toMatchObject({ provider: 'clicksend-v3', totalPrice: expect.any(Number) });
    expect(price.payload.messages.map((entry: { to: string }) => entry.to)).toEqual(['+61412000901', '+61412000902']);
    const [sent] = await tapped('ex9-debug-sent');
    expect(sent.payload).toMatchObject({ type: 'message.sent', provider: 'clicksend-v3', to: '+61412000901', clientReference: 'v3-demo' });
    const messageId = sent.payload.messageId;
    const [cancelled] = await tapped('ex9-debug-cancelled');
    expect(cancelled.payload).toMatchObject({ provider: 'clicksend-v3', state: 'cancelled' });
    expect(await sandboxGet(`messages/${cancelled.payload.messageId}`)).toMatchObject({ to: '+61412000903' });
    const [receipts] = await tapped('ex9-debug-receipts');
    // Pulled 3 s in, after the sandbox delivered the message sent at the start (paging: current-apis.test.ts).
    expect(receipts.payload.some((event: { messageId: string; state: string }) => event.messageId === messageId && event.state === 'delivered')).toBe(true);
    await stack.collector.waitFor(
      (messages) => byId('ex9-debug-push')(messages).some((m) => m.payload.messageId === messageId && m.payload.state === 'delivered'),
      15_000,
      'the pushed v3 delivery receipt',
    );
    const pushed = byId('ex9-debug-push')(stack.collector.messages).find((m) => m.payload.messageId === messageId && m.payload.state === 'delivered')!;
    expect(pushed.payload).toMatchObject({ type: 'message.status', provider: 'clicksend-v3' });
    const [balance] = await tapped('ex9-debug-balance');
    expect(balance.payload).toMatchObject({ provider: 'clicksend-v3', balance: expect.any(Number) });

    // A reply goes to every inbound rule's URL: the v3 in node gets it as JSON.
    await injectInbound(stack.sandbox.url, { provider: 'clicksend', replyTo: messageId, text: 'Thanks!' });
    await stack.collector.waitFor(
      (messages) => byId('ex9-debug-push')(messages).some((m) => m.payload.type === 'message.inbound' && m.payload.text === 'Thanks!'),
      15_000,
      'the pushed v3 inbound message',
    );
    const reply = byId('ex9-debug-push')(stack.collector.messages).find((m) => m.payload.type === 'message.inbound' && m.payload.text === 'Thanks!')!;
    expect(reply.payload).toMatchObject({ provider: 'clicksend-v3', inReplyTo: messageId });
  });

  it('refuses callbacks without the shared secret (401), and no secret appears in the log or the messages', async () => {
    const res = await fetch(`${stack.nodeRed.url}/sms/clickatell/status?apiMsgId=abc&status=004`);
    expect(res.status).toBe(401);
    const wrong = await fetch(`${stack.nodeRed.url}/sms/clicksend/inbound?token=guess`, { method: 'POST', body: 'from=%2B61400000001&message=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrong.status).toBe(401);
    const log = stack.nodeRed.output();
    const messages = JSON.stringify(stack.collector.messages);
    for (const secret of SECRETS) {
      expect(log).not.toContain(secret);
      expect(messages).not.toContain(secret);
    }
    // The errors the examples provoke on purpose are logged; nothing else may be.
    expect(log).not.toMatch(/TypeError|ReferenceError|Unhandled|uncaught/i);
  });
});
