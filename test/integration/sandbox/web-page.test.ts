import http from 'node:http';
import vm from 'node:vm';
import type { Sandbox } from '../../../sandbox';
import { TrafficLog } from '../../../sandbox/traffic';
import type { PageSnapshot } from '../../../sandbox/web/snapshot';
import { CS_AUTH, DEMO, getQuery, HTTP_AUTH, json, postForm, postJson, putJson, request, restHeaders, start } from './helpers';

/**
 * The web page's server side over real HTTP: the page and its files, the snapshot and its event stream,
 * and the traffic log (what it records, that it never holds a secret, that it stays bounded). The page in a
 * browser is tested end to end in test/e2e/sandbox-page/.
 */

let sandbox: Sandbox;
const CUSTOM_SECRET = 'custom-callback-secret-91ab';
const SECRETS = [DEMO.clickatellHttp.password, DEMO.clickatellRest.token, DEMO.clicksend.key, DEMO.callbackSecret, CUSTOM_SECRET];

beforeAll(async () => {
  sandbox = await start();
});

afterAll(() => sandbox.close());

beforeEach(async () => {
  await request(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
});

async function snapshot(): Promise<PageSnapshot> {
  return (await json<PageSnapshot>(`${sandbox.url}/sandbox/snapshot`)).body;
}

function params(entry: PageSnapshot['traffic'][number]): Record<string, string> {
  return Object.fromEntries(entry.params);
}

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
}

describe('the page and its files', () => {
  it('serves the page at / to a browser, with a policy that allows only its own script and style', async () => {
    const page = await request(`${sandbox.url}/`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'; script-src 'self'; style-src 'self'");
    expect(page.text).toContain('<script src="/ui/page.js" defer></script>');
    expect(page.text).not.toMatch(/<script>/);
    const script = await request(`${sandbox.url}/ui/page.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // The script is served as written: it must at least be valid JavaScript.
    expect(() => new vm.Script(script.text, { filename: 'page.js' })).not.toThrow();
    const style = await request(`${sandbox.url}/ui/page.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(style.text).toContain('.bubble');
  });

  it('keeps answering JSON at / to anything that does not ask for HTML, now with the page address', async () => {
    const index = await json(`${sandbox.url}/`);
    expect(index.body).toEqual({ name: 'SMS gateway sandbox', info: `${sandbox.url}/sandbox`, page: `${sandbox.url}/` });
  });

  it('is listed in the index of the JSON API', async () => {
    const index = await json(`${sandbox.url}/sandbox`);
    expect(index.body.page).toBe(`${sandbox.url}/`);
    expect(index.body.endpoints).toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/sandbox\/snapshot /), expect.stringMatching(/^GET \/sandbox\/events /), expect.stringMatching(/^GET \/sandbox\/traffic /)]));
  });

  it('does not count the page and its data as API requests, nor log them as traffic', async () => {
    await request(`${sandbox.url}/`, { headers: { accept: 'text/html' } });
    await request(`${sandbox.url}/ui/page.js`);
    await snapshot();
    await request(`${sandbox.url}/sandbox/messages`);
    const stats = await json(`${sandbox.url}/sandbox/stats`);
    expect(Object.keys(stats.body.requests)).toEqual(['sandbox GET /sandbox/messages', 'sandbox GET /sandbox/stats']);
    expect((await snapshot()).traffic).toEqual([]);
  });
});

describe('the traffic log', () => {
  it('records API, command, status, duration and parameters, with passwords, session ids, tokens and keys masked', async () => {
    const auth = await getQuery(`${sandbox.url}/http/auth`, HTTP_AUTH);
    const session = auth.text.replace('OK: ', '').trim();
    await getQuery(`${sandbox.url}/http/sendmsg`, { session_id: session, to: '27999000123', text: 'hello' });
    await request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ to: ['27999000124', '27999000125'], text: 'rest' }) });
    await postForm(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+61411111111', message: 'cs' });
    const traffic = (await snapshot()).traffic;
    // (The reset before this test emptied the log, its own entry included.)
    expect(traffic.map((entry) => [entry.api, entry.route, entry.status, entry.outcome])).toEqual([
      ['clickatell-http', 'auth', 200, 'answered'],
      ['clickatell-http', 'sendmsg', 200, 'answered'],
      ['clickatell-rest', 'POST /rest/message', 202, 'answered'],
      ['clicksend', 'send.php', 200, 'answered'],
    ]);
    expect(traffic.every((entry) => typeof entry.durationMs === 'number' && entry.durationMs >= 0)).toBe(true);
    expect(params(traffic[0])).toEqual({ api_id: DEMO.clickatellHttp.apiId, user: 'demo', password: '••••' });
    expect(traffic[0].answer).toBe('OK: ••••');
    expect(params(traffic[1])).toEqual({ session_id: '••••', to: '27999000123', text: 'hello' });
    expect(traffic[1].answer).toMatch(/^ID: [0-9a-f]{32}$/);
    expect(params(traffic[2])).toEqual({ Authorization: 'Bearer ••••', to: '27999000124,27999000125', text: 'rest' });
    expect(params(traffic[3])).toEqual({ username: 'demo', key: '••••', to: '+61411111111', message: 'cs' });
    const everything = JSON.stringify(traffic);
    expectNoSecret(everything);
    expect(everything).not.toContain(session);
  });

  it('masks a known secret wherever it appears, and secret-named fields in JSON bodies and callback URLs', async () => {
    // A password under a name that does not say so, and secrets in an account change.
    await getQuery(`${sandbox.url}/http/sendmsg`, { api_id: DEMO.clickatellHttp.apiId, user: 'demo', pw_alias: DEMO.clickatellHttp.password, to: '27999000126', text: `my ${DEMO.clicksend.key}` });
    await putJson(`${sandbox.url}/sandbox/accounts/demo-http`, {
      callbackSecret: CUSTOM_SECRET,
      inboundUrl: `http://127.0.0.1:9/hook?token=${CUSTOM_SECRET}&apikey=abc123456&plain=1`,
      nested: { password: 'nested-password-1', fine: 'yes' },
    });
    const view = await snapshot();
    const [sendmsg, put] = view.traffic;
    expect(params(sendmsg)).toMatchObject({ pw_alias: '••••', text: 'my ••••' });
    expect(params(put)).toMatchObject({ callbackSecret: '••••', nested: '{"password":"••••","fine":"yes"}' });
    // The new secret is not known yet when the request is logged: the URL's secret-named parameters are masked by name.
    expect(params(put).inboundUrl).toBe('http://127.0.0.1:9/hook?token=••••&apikey=••••&plain=1');
    expect(JSON.parse(put.answer.replace(/…$/, '')).inboundUrl).toBe('http://127.0.0.1:9/hook?token=••••&apikey=••••&plain=1');
    const account = view.accounts.find((entry) => entry.id === 'demo-http')!;
    expect(account.inboundUrl).toBe('http://127.0.0.1:9/hook?token=••••&apikey=••••&plain=1');
    expectNoSecret(JSON.stringify(view));
  });

  it('records the faults a request met, and a dropped connection as dropped', async () => {
    await postJson(`${sandbox.url}/sandbox/faults`, [
      { kind: '503', api: 'clickatell-http', route: 'getbalance', count: 1 },
      { kind: 'reset', api: 'clicksend', count: 1 },
    ]);
    const refused = await getQuery(`${sandbox.url}/http/getbalance`, HTTP_AUTH);
    expect(refused.status).toBe(503);
    await expect(postForm(`${sandbox.url}/http/v2/balance.php`, CS_AUTH)).rejects.toThrow();
    const traffic = (await snapshot()).traffic;
    const balance = traffic.find((entry) => entry.route === 'getbalance')!;
    expect(balance).toMatchObject({ status: 503, outcome: 'answered', faults: ['503'], answer: 'ERR: 901, Internal error' });
    const dropped = traffic.find((entry) => entry.route === 'balance.php')!;
    expect(dropped).toMatchObject({ status: null, outcome: 'dropped', faults: ['reset'], answer: '' });
  });

  it('is a ring buffer: the oldest entries go, the newest stay', () => {
    const log = new TrafficLog(sandbox.state, 3);
    for (let i = 0; i < 5; i++) log.begin('GET', `/http/ping/${i}`, 'clickatell-http', 'ping', Date.now())!.finish(200);
    expect(log.length).toBe(3);
    expect(log.list().map((entry) => entry.path)).toEqual(['/http/ping/2', '/http/ping/3', '/http/ping/4']);
    expect(log.list(2).map((entry) => entry.id)).toEqual([4, 5]);
  });

  it('masks the parts of a request that arrive after its entry was first read', () => {
    const log = new TrafficLog(sandbox.state, 10);
    const recorder = log.begin('POST', '/http/auth', 'clickatell-http', 'auth', Date.now())!;
    expect(log.list()[0]).toMatchObject({ outcome: 'pending', params: [] });
    recorder.request(`password=${DEMO.clickatellHttp.password}&user=demo&note=${DEMO.clicksend.key}`, {}, Buffer.alloc(0));
    recorder.answer({ status: 200, headers: {}, body: 'OK: 0123456789abcdef0123456789abcdef' });
    recorder.finish(200);
    expect(log.list()[0]).toMatchObject({ outcome: 'answered', status: 200, params: [['password', '••••'], ['user', 'demo'], ['note', '••••']], answer: 'OK: ••••' });
  });

  it('summarises a body too large to show instead of keeping it', async () => {
    const to = Array.from({ length: 2000 }, (_, i) => `2799900${String(i).padStart(4, '0')}`);
    await request(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ to, text: 'bulk' }) });
    const entry = (await snapshot()).traffic.find((item) => item.route === 'POST /rest/message')!;
    expect(params(entry)).toEqual({ Authorization: 'Bearer ••••', '(body)': expect.stringMatching(/^\d+ bytes of application\/json, not shown$/) });
    expect(entry.answer.length).toBeLessThanOrEqual(401);
  });

  it('is emptied by a reset', async () => {
    await getQuery(`${sandbox.url}/http/ping`, HTTP_AUTH);
    await request(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
    expect((await snapshot()).traffic).toEqual([]);
  });
});

describe('the snapshot and its event stream', () => {
  it('shows messages, inbound replies and callbacks with their retry schedule scaled by the time factor', async () => {
    const sent = await getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '27999000127', text: 'snap' });
    const id = sent.text.replace('ID: ', '').trim();
    await putJson(`${sandbox.url}/sandbox/accounts/demo-http`, { inboundUrl: 'http://127.0.0.1:9/closed' });
    await postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clickatell-http', replyTo: id, text: 'reply' });
    const view = await snapshot();
    expect(view.messages.map((message) => [message.id, message.to, message.text])).toEqual([[id, '27999000127', 'snap']]);
    expect(view.inbound).toEqual([expect.objectContaining({ from: '27999000127', text: 'reply', inReplyTo: id, provider: 'clickatell-http' })]);
    expect(view.callbacks[0]).toMatchObject({ kind: 'clickatell-inbound', url: 'http://127.0.0.1:9/closed', maxAttempts: 6 });
    // Clickatell's inbound cycle, 2, 4, 8, 16, 25 minutes, at time factor 0.001.
    expect(view.callbacks[0].retryScheduleSeconds).toEqual([0.12, 0.24, 0.48, 0.96, 1.5]);
    expect(view.statuses['004']).toEqual({ description: 'Received by recipient', state: 'delivered', final: true });
    expect(view.totals).toMatchObject({ messagesSent: 1, timeFactor: 0.001 });
  });

  it('streams the snapshot as Server-Sent Events, again when something changes', async () => {
    const events: string[] = [];
    let buffer = '';
    const stream = http.get(`${sandbox.url}/sandbox/events`, (response) => {
      expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          events.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
    });
    try {
      const snapshots = (): PageSnapshot[] => events.filter((event) => event.startsWith('event: snapshot\n')).map((event) => JSON.parse(event.split('\ndata: ')[1]) as PageSnapshot);
      await waitUntil(() => snapshots().length === 1);
      expect(events[0]).toBe('retry: 1000');
      expect(snapshots()[0].messages).toEqual([]);
      await getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, to: '27999000128', text: 'streamed' });
      await waitUntil(() => snapshots().some((view) => view.messages.some((message) => message.text === 'streamed' && message.state === 'delivered')));
    } finally {
      stream.destroy();
    }
  });
});

describe('closing with a page open', () => {
  it('ends the event streams, so close() does not wait for the page to go away', async () => {
    const own = await start();
    let ended = false;
    let first = false;
    const stream = http.get(`${own.url}/sandbox/events`, (response) => {
      response.on('data', () => (first = true));
      response.on('close', () => (ended = true));
    });
    stream.on('error', () => undefined); // the socket is destroyed by close(): expected
    await waitUntil(() => first);
    await own.close();
    await waitUntil(() => ended);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
