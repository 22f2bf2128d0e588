import { sandboxPerFile } from '../../sandbox-per-file';
import { CALLBACK_BASIC_USER } from '../../../sandbox';
import { CS_AUTH, DEMO, eventually, getQuery, HTTP_AUTH, json, postForm, putJson, receiverPerFile, request, restHeaders, sleep, start, waitFor, xmlValues } from './helpers';

/**
 * Pushes to a local receiver: Clickatell status callbacks honouring the levels 0–7 with the documented
 * parameters, formats (GET query, POST form, JSON), the shared secret as token or basic auth, retries on
 * the documented schedule, ClickSend delivery-report pushes.
 */

const receiver = receiverPerFile();
const sandbox = sandboxPerFile(() => start({ callbackSecret: 'shh-secret' }));

/** The spec's callback table: level -> statuses that trigger a callback. */
const SPEC_LEVELS: Record<number, string[]> = {
  0: [],
  1: ['003'],
  2: ['004', '005', '007', '009', '010', '012'],
  3: ['003', '004', '005', '007', '009', '010', '012'],
  4: ['005', '007', '009', '010', '012'],
  5: ['003', '005', '007', '009', '010', '012'],
  6: ['004', '005', '007', '009', '010', '012'],
  7: ['003', '004', '005', '007', '009', '010', '012'],
};

beforeAll(async () => {
  await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { statusCallbackUrl: `${receiver.url}/status`, inboundUrl: `${receiver.url}/mo` });
});

beforeEach(() => receiver.clear());

async function sendHttp(params: Record<string, string | number>): Promise<string> {
  const result = await getQuery(`${sandbox.url}/http/sendmsg`, { ...HTTP_AUTH, text: 'callback test', ...params });
  expect(result.text).toMatch(/^ID: /);
  return result.text.slice(4);
}

/** Wait until the messages are final and their pushes have had time to arrive. */
async function settled(ids: string[]): Promise<void> {
  await eventually(async () => {
    for (const id of ids) expect((await json(`${sandbox.url}/sandbox/messages/${id}`)).body.final).toBe(true);
  });
  // No push left to schedule, none in flight.
  await eventually(async () => (await json(`${sandbox.url}/sandbox/stats`)).body.scheduledJobs === 0);
  await eventually(() => sandbox.state.callbacks.toArray().every((record) => record.state !== 'pending'));
}

describe('callback levels 0–7 (spec table)', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7])('level %i pushes exactly the statuses of the table', async (level) => {
    // One message per lifecycle shape: 003 -> 004, 003 -> 007, and 009 without 003.
    const numbers = ['447700900300', '9990070001', '9990090001'];
    const ids = await Promise.all(numbers.map((to) => sendHttp({ to, callback: level })));
    await settled(ids);
    const lifecycles: Record<string, string[]> = { '447700900300': ['003', '004'], '9990070001': ['003', '007'], '9990090001': ['009'] };
    for (const [index, id] of ids.entries()) {
      const expected = lifecycles[numbers[index]].filter((status) => SPEC_LEVELS[level].includes(status));
      const got = receiver.at('/status').filter((entry) => entry.fields.apiMsgId === id).map((entry) => entry.fields.status);
      expect(got).toEqual(expected);
    }
  });
});

describe('status callback contents', () => {
  it('GET with apiMsgId, cliMsgId, api_id, to, from, timestamp, status, charge and ?token=<secret>', async () => {
    const id = await sendHttp({ to: '447700900301', callback: 2, climsgid: 'cb-ref', from: '27999000001' });
    const [push] = await eventually(() => {
      const found = receiver.at('/status').filter((entry) => entry.fields.apiMsgId === id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(push.method).toBe('GET');
    expect(push.query.get('token')).toBe('shh-secret');
    expect(push.fields).toEqual({
      api_id: DEMO.clickatellHttp.apiId,
      apiMsgId: id,
      cliMsgId: 'cb-ref',
      to: '447700900301',
      from: '27999000001',
      timestamp: expect.stringMatching(/^\d{10}$/),
      status: '004',
      charge: '0.8',
    });
  });

  it('POST form when the account says so, with basic auth instead of the token', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { callbackFormat: 'post', callbackAuth: 'basic' });
    try {
      const id = await sendHttp({ to: '447700900302', callback: 1 });
      const push = await waitFor(() => receiver.at('/status').find((entry) => entry.fields.apiMsgId === id));
      expect(push.method).toBe('POST');
      expect(push.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(push.query.has('token')).toBe(false);
      expect(push.headers.authorization).toBe(`Basic ${Buffer.from(`${CALLBACK_BASIC_USER}:shh-secret`).toString('base64')}`);
      expect(push.fields.status).toBe('003');
    } finally {
      await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { callbackFormat: 'get', callbackAuth: 'token' });
    }
  });

  it('REST accounts push JSON with the same parameter names', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellRest.accountId}`, { statusCallbackUrl: `${receiver.url}/rest-status`, callbackSecret: 'rest-secret' });
    const sent = await json(`${sandbox.url}/rest/message`, { method: 'POST', headers: restHeaders(), body: JSON.stringify({ text: 'json cb', to: ['447700900303'], callback: 3, clientMessageId: 'rest-ref' }) });
    const id = sent.body.data.message[0].apiMessageId;
    await eventually(() => expect(receiver.at('/rest-status')).toHaveLength(2));
    const pushes = receiver.at('/rest-status');
    expect(pushes.map((entry) => entry.headers['content-type'])).toEqual(['application/json', 'application/json']);
    expect(pushes.map((entry) => entry.query.get('token'))).toEqual(['rest-secret', 'rest-secret']);
    expect(pushes.map((entry) => entry.fields.status)).toEqual(['003', '004']);
    expect(pushes[1].fields).toMatchObject({ apiMsgId: id, cliMsgId: 'rest-ref', to: '447700900303', charge: '0.8', api_id: DEMO.clickatellRest.apiId });
  });

  it('an account without a secret sends none', async () => {
    const open = await start({ callbackSecret: '' });
    try {
      await putJson(`${open.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { statusCallbackUrl: `${receiver.url}/open` });
      await getQuery(`${open.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900304', text: 'x', callback: 1 });
      const push = await waitFor(() => receiver.at('/open')[0]);
      expect(push.query.has('token')).toBe(false);
      expect(push.headers.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});

describe('retries on the documented schedule (scaled)', () => {
  it('retries a status callback after failures, numbering the attempts', async () => {
    receiver.failNext(2);
    const id = await sendHttp({ to: '447700900310', callback: 1 });
    const record = await eventually(() => {
      const found = sandbox.state.callbacks.toArray().find((entry) => entry.messageId === id)!;
      expect(found.state).toBe('delivered');
      return found;
    });
    expect(record.attempts.map((attempt) => [attempt.attempt, attempt.ok, attempt.httpStatus])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 200],
    ]);
    expect(record.maxAttempts).toBe(9);
    expect(receiver.at('/status').filter((entry) => entry.fields.apiMsgId === id)).toHaveLength(3);
    // The inspection API shows the same attempts.
    const listed = await json(`${sandbox.url}/sandbox/callbacks?messageId=${id}`);
    expect(listed.body.callbacks[0].attempts).toHaveLength(3);
    expect(listed.body.callbacks[0].url).toBe(`${receiver.url}/status`);
  });

  it('gives up after the last documented inbound retry (2, 4, 8, 16, 25 minutes: 6 attempts)', async () => {
    const quick = await start({ timeFactor: 0.0001 });
    try {
      await putJson(`${quick.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { inboundUrl: `${receiver.url}/always-fails` });
      receiver.failNext(100);
      await json(`${quick.url}/sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider: 'clickatell-http', from: '447700900999', text: 'hello' }) });
      const record = await eventually(() => {
        const found = quick.state.callbacks.toArray()[0];
        expect(found.state).toBe('failed');
        return found;
      }, 10_000);
      expect(record.attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(record.nextAttemptAt).toBeNull();
      expect(receiver.at('/always-fails')).toHaveLength(6);
    } finally {
      receiver.clear();
      await quick.close();
    }
  });

  it('an unreachable URL counts as a failed attempt and is retried', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { statusCallbackUrl: 'http://127.0.0.1:1/nothing' });
    try {
      const id = await sendHttp({ to: '447700900311', callback: 1 });
      const record = await eventually(() => {
        const found = sandbox.state.callbacks.toArray().find((entry) => entry.messageId === id)!;
        expect(found.attempts.length).toBeGreaterThanOrEqual(2);
        return found;
      });
      expect(record.attempts[0]).toMatchObject({ ok: false, httpStatus: null, error: 'ECONNREFUSED' });
      expect(record.state).toBe('retrying');
    } finally {
      await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { statusCallbackUrl: `${receiver.url}/status` });
    }
  });
});

describe('ClickSend delivery-report push', () => {
  it('POSTs messageid, status, status_code, customstring, username with the secret', async () => {
    await putJson(`${sandbox.url}/sandbox/accounts/${DEMO.clicksend.accountId}`, { statusCallbackUrl: `${receiver.url}/dlr` });
    const sent = await postForm(`${sandbox.url}/http/v2/send.php`, { ...CS_AUTH, to: '+447700900320,+9990070002,+61411111111', message: 'dlr push', customstring: 'cs-ref' });
    const [delivered, failed, testNumber] = xmlValues(sent.text, 'messageid');
    await eventually(() => expect(receiver.at('/dlr')).toHaveLength(2));
    const byId = Object.fromEntries(receiver.at('/dlr').map((entry) => [entry.fields.messageid, entry]));
    expect(byId[delivered].method).toBe('POST');
    expect(byId[delivered].query.get('token')).toBe('shh-secret');
    expect(byId[delivered].fields).toEqual({ messageid: delivered, status: 'Delivered', status_code: '201', customstring: 'cs-ref', username: DEMO.clicksend.username });
    expect(byId[failed].fields).toMatchObject({ status: 'Undelivered', status_code: '301' });
    // "A delivery report won't be generated when using a test number."
    await sleep(50);
    expect(byId[testNumber]).toBeUndefined();
    expect(receiver.at('/dlr')).toHaveLength(2);
  });
});

describe('callbacks after reset', () => {
  it('pending pushes are dropped by POST /sandbox/reset', async () => {
    const slow = await start({ lifecycle: { sentAfterMs: 200_000 } });
    try {
      await putJson(`${slow.url}/sandbox/accounts/${DEMO.clickatellHttp.accountId}`, { statusCallbackUrl: `${receiver.url}/after-reset` });
      await getQuery(`${slow.url}/http/sendmsg`, { ...HTTP_AUTH, to: '447700900330', text: 'x', callback: 1 });
      expect((await json(`${slow.url}/sandbox/stats`)).body.scheduledJobs).toBe(1);
      await request(`${slow.url}/sandbox/reset`, { method: 'POST' });
      expect((await json(`${slow.url}/sandbox/stats`)).body.scheduledJobs).toBe(0);
      await sleep(300);
      expect(receiver.at('/after-reset')).toHaveLength(0);
    } finally {
      await slow.close();
    }
  });
});
