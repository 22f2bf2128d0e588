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

const SECRETS = ['demo-password', 'demo-rest-token', 'demo-key', 'demo-callback-secret'];
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
