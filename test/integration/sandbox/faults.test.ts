import type { Sandbox } from '../../../sandbox';
import { CS_AUTH, getQuery, HTTP_AUTH, json, postForm, postJson, request, restHeaders, start } from './helpers';

/** Fault injection: each kind, its scoping, and the /sandbox/faults API. */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await start();
});

afterAll(() => sandbox.close());

afterEach(() => sandbox.faults.clear());

const stored = (): number => sandbox.state.messages.size;

function sendHttp(params: Record<string, string | number> = {}) {
  return getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900600', text: 'fault', ...params });
}

async function rejected(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the request succeeded');
}

describe('kinds', () => {
  it('latency delays only the matching route', async () => {
    sandbox.faults.add({ kind: 'latency', api: 'clickatell-http', route: 'sendmsg', latencyMs: 300, count: 1 });
    const order: string[] = [];
    await Promise.all([sendHttp().then(() => order.push('delayed sendmsg')), getQuery(`${sandbox.url}/http/getbalance`, HTTP_AUTH).then(() => order.push('getbalance'))]);
    expect(order).toEqual(['getbalance', 'delayed sendmsg']);
    expect((await json(`${sandbox.url}/sandbox/stats`)).body.faultsApplied).toBeGreaterThanOrEqual(1);
  });

  it('429 answers Too Many Requests with Retry-After and processes nothing', async () => {
    sandbox.faults.add({ kind: '429', retryAfterSeconds: 3, count: 1 });
    const before = stored();
    const result = await sendHttp();
    expect(result.status).toBe(429);
    expect(result.headers.get('retry-after')).toBe('3');
    expect(stored()).toBe(before);
    expect((await sendHttp()).text).toMatch(/^ID: /);
  });

  it('503 answers each API its own temporary error and processes nothing', async () => {
    sandbox.faults.add({ kind: '503', count: 3 });
    const before = stored();
    const http = await sendHttp();
    const rest = await request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ text: 'x', to: ['447700900600'] }) });
    const clicksend = await postForm(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+447700900600', message: 'x' });
    expect([http.status, rest.status, clicksend.status]).toEqual([503, 503, 503]);
    expect(http.text).toBe('ERR: 901, Internal error');
    expect(JSON.parse(rest.text).error.code).toBe('901');
    expect(clicksend.text).toContain('<result>2100</result>');
    expect(stored()).toBe(before);
  });

  it('reset drops the connection before processing', async () => {
    sandbox.faults.add({ kind: 'reset', count: 1 });
    const before = stored();
    await rejected(sendHttp({ climsgid: 'reset-a' }));
    expect(stored()).toBe(before);
    expect((await sendHttp()).text).toMatch(/^ID: /);
  });

  it('reset after processing: the message exists; resending the same climsgid returns it instead of a second one', async () => {
    sandbox.faults.add({ kind: 'reset', processed: true, count: 1 });
    const before = stored();
    await rejected(sendHttp({ climsgid: 'reset-b' }));
    expect(stored()).toBe(before + 1);
    const retried = await sendHttp({ climsgid: 'reset-b' });
    expect(stored()).toBe(before + 1);
    const [message] = (await json(`${sandbox.url}/sandbox/messages?clientReference=reset-b`)).body.messages;
    expect(retried.text).toBe(`ID: ${message.id}`);
  });

  it('malformed answers 200 with a body no client can read (processed by default)', async () => {
    sandbox.faults.add({ kind: 'malformed', count: 3 });
    const before = stored();
    const http = await sendHttp();
    const rest = await request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ text: 'x', to: ['447700900601'] }) });
    const clicksend = await postForm(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+447700900602', message: 'malformed' });
    expect([http.status, rest.status, clicksend.status]).toEqual([200, 200, 200]);
    expect(http.text).not.toMatch(/^(ID|ERR|OK):/);
    expect(() => JSON.parse(rest.text)).toThrow();
    expect(clicksend.text).not.toContain('</xml>');
    expect(stored()).toBe(before + 3);
  });

  it('malformed with processed: false does nothing', async () => {
    sandbox.faults.add({ kind: 'malformed', processed: false, count: 1 });
    const before = stored();
    expect((await sendHttp()).text).not.toMatch(/^ID:/);
    expect(stored()).toBe(before);
  });

  it('session-expiry ends the Clickatell session the request uses', async () => {
    const session = (await getQuery(`${sandbox.url}/http/auth`, HTTP_AUTH)).text.slice(4);
    expect((await getQuery(`${sandbox.url}/http/ping`, { session_id: session })).text).toBe('OK: ');
    sandbox.faults.add({ kind: 'session-expiry', api: 'clickatell-http', count: 1 });
    expect((await getQuery(`${sandbox.url}/http/getbalance`, { session_id: session })).text).toBe('ERR: 003, Session ID expired');
    expect((await getQuery(`${sandbox.url}/http/ping`, { session_id: session })).text).toBe('ERR: 003, Session ID expired');
    const fresh = (await getQuery(`${sandbox.url}/http/auth`, HTTP_AUTH)).text.slice(4);
    expect((await getQuery(`${sandbox.url}/http/ping`, { session_id: fresh })).text).toBe('OK: ');
  });
});

describe('scoping', () => {
  it('by API and route: other routes and APIs are untouched', async () => {
    sandbox.faults.add({ kind: '503', api: 'clicksend', route: 'send.php' });
    expect((await getQuery(`${sandbox.url}/http/v2/balance.php`, CS_AUTH)).status).toBe(200);
    expect((await sendHttp()).status).toBe(200);
    expect((await postForm(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+447700900603', message: 'x' })).status).toBe(503);
  });

  it('by path prefix', async () => {
    sandbox.faults.add({ kind: '503', route: '/rest/' });
    expect((await request(`${sandbox.url}/rest/account/balance`, { headers: restHeaders() })).status).toBe(503);
    expect((await sendHttp()).status).toBe(200);
  });

  it('by count: gone after that many hits', async () => {
    sandbox.faults.add({ kind: '429', count: 2 });
    expect((await sendHttp()).status).toBe(429);
    expect((await sendHttp()).status).toBe(429);
    expect((await sendHttp()).status).toBe(200);
    expect(sandbox.faults.size).toBe(0);
  });

  it('by probability: 0 never hits, 1 always does', async () => {
    sandbox.faults.add({ kind: '429', probability: 0 });
    for (let i = 0; i < 5; i++) expect((await sendHttp()).status).toBe(200);
    sandbox.faults.clear();
    sandbox.faults.add({ kind: '429', probability: 1 });
    for (let i = 0; i < 5; i++) expect((await sendHttp()).status).toBe(429);
  });

  it('never touches the /sandbox/ control API', async () => {
    sandbox.faults.add({ kind: '503' });
    expect((await json(`${sandbox.url}/sandbox/stats`)).status).toBe(200);
  });
});

describe('/sandbox/faults', () => {
  it('POST adds (one or a list), GET lists, DELETE removes one or all', async () => {
    const one = await postJson(`${sandbox.url}/sandbox/faults`, { kind: '429', api: 'clickatell-rest', count: 5 });
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ kind: '429', api: 'clickatell-rest', remaining: 5, retryAfterSeconds: 1 });
    const many = await postJson(`${sandbox.url}/sandbox/faults`, [{ kind: 'latency', latencyMs: 1 }, { kind: 'reset', route: 'auth' }]);
    expect(many.body.faults).toHaveLength(2);
    expect((await json(`${sandbox.url}/sandbox/faults`)).body.faults).toHaveLength(3);
    expect((await json(`${sandbox.url}/sandbox/faults/${one.body.id}`, { method: 'DELETE' })).body).toEqual({ removed: 1 });
    expect((await json(`${sandbox.url}/sandbox/faults/${one.body.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await json(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' })).body).toEqual({ removed: 2 });
  });

  it.each([{ kind: 'explode' }, { kind: '429', api: 'nokia' }, { kind: '429', probability: 2 }, { kind: 'latency', latencyMs: -1 }, 'not an object'])('refuses %j with 400', async (spec) => {
    const result = await postJson(`${sandbox.url}/sandbox/faults`, spec);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/invalid fault/);
  });
});
