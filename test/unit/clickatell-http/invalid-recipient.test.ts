import { runBulk } from '../../../gateways/bulk';
import { ClickatellHttpClient } from '../../../gateways/clickatell-http/client';
import { FetchTransport } from '../../../gateways/transport';
import { DEMO_CREDENTIALS, startSandbox, type Sandbox } from '../../../sandbox';

/**
 * Issue 11 item 4: one malformed number among valid ones, over the legacy HTTP API, through the bulk
 * planner as both runtimes send. The valid numbers are sent and keep their message IDs; the bad one is
 * an invalid-input error naming the field and never reaches the gateway. Real HTTP against the sandbox.
 */

let sandbox: Sandbox;
let client: ClickatellHttpClient;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, timeFactor: 0.001 });
  const { apiId, user, password } = DEMO_CREDENTIALS.clickatellHttp;
  client = new ClickatellHttpClient({
    credentials: { apiId, user, password, authMode: 'session', baseUrl: sandbox.url },
    transport: new FetchTransport({ provider: 'clickatell-http' }),
  });
});
afterAll(() => sandbox.close());

async function sandboxMessages(to: string): Promise<number> {
  const response = await fetch(`${sandbox.url}/sandbox/messages?to=${to}`);
  return ((await response.json()) as { count: number }).count;
}

describe('a malformed number in a legacy HTTP bulk send', () => {
  it('sends the valid numbers, keeps their IDs, and reports only the bad one, as invalid input', async () => {
    const [result] = await runBulk(client, [{ to: ['447700900611', 'abc', '447700900612'], text: 'three recipients' }], { sleep });
    const [first, bad, second] = result.outcomes;
    expect(first).toMatchObject({ to: '447700900611', ok: true });
    expect(second).toMatchObject({ to: '447700900612', ok: true });
    expect(first.ok && first.event.messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.ok && second.event.messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatchObject({ code: 'INVALID_INPUT', field: 'to', recipient: 'abc' });
    // Each valid number was sent exactly once; nothing went to the gateway for 'abc'.
    expect(await sandboxMessages('447700900611')).toBe(1);
    expect(await sandboxMessages('447700900612')).toBe(1);
  });

  it('a single not-a-number is an invalid-input error naming the field, and nothing is sent', async () => {
    const [result] = await runBulk(client, [{ to: ['not-a-number'], text: 'nothing to send' }], { sleep });
    const [outcome] = result.outcomes;
    expect(!outcome.ok && outcome.error).toMatchObject({ code: 'INVALID_INPUT', field: 'to' });
    expect(!outcome.ok && outcome.error.delivery).toBe('no');
  });
});
