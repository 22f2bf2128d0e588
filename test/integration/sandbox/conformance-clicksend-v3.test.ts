import { sandboxPerFile } from '../../sandbox-per-file';
import { DEMO, eventually, json, postJson, receiverPerFile, request, start, UUID_UPPER } from './helpers';

/**
 * The sandbox's ClickSend REST API v3 over real HTTP, against ../shared/specs/clicksend-rest-api-v3.md:
 * the envelope, Basic auth with the v2 accounts, send/price/history/inbound/receipts/cancel/account, the
 * automation rules and their pushes, the test credentials and test numbers.
 */

const sandbox = sandboxPerFile(() => start());
const receiver = receiverPerFile();
let base: string;

const AUTH = `Basic ${Buffer.from(`${DEMO.clicksend.username}:${DEMO.clicksend.key}`).toString('base64')}`;

function v3(path: string, init: { method?: string; body?: unknown; auth?: string | null } = {}) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.auth !== null) headers.Authorization = init.auth ?? AUTH;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return json(`${base}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

let unique = 0;
const text = (label: string): string => `${label} ${++unique}`;

beforeAll(() => {
  base = `${sandbox.url}/v3`;
});

describe('envelope and authentication (§1)', () => {
  it('answers GET /account with the envelope, the balance as a decimal string and the currency', async () => {
    const { status, body } = await v3('/account');
    expect(status).toBe(200);
    expect(body).toMatchObject({ http_code: 200, response_code: 'SUCCESS', response_msg: "Here's your account" });
    expect(body.data.username).toBe(DEMO.clicksend.username);
    expect(body.data.balance).toMatch(/^\d+\.\d{6}$/);
    expect(body.data._currency.currency_name_short).toBe('USD');
  });

  it('refuses missing and wrong credentials with 401 UNAUTHORIZED', async () => {
    const missing = await v3('/account', { auth: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ http_code: 401, response_code: 'UNAUTHORIZED' });
    const wrong = await v3('/account', { auth: `Basic ${Buffer.from(`${DEMO.clicksend.username}:nope`).toString('base64')}` });
    expect(wrong.status).toBe(401);
  });

  it("refuses the documented test accounts notactive and banned (403), and nocredit's sends per message", async () => {
    const basic = (user: string): string => `Basic ${Buffer.from(`${user}:${DEMO.clicksendTestKey}`).toString('base64')}`;
    for (const user of ['notactive', 'banned']) {
      const answer = await v3('/account', { auth: basic(user) });
      expect(answer.status).toBe(403);
      expect(answer.body.response_code).toBe('ACCOUNT_NOT_ACTIVATED');
    }
    const broke = await v3('/sms/send', { method: 'POST', auth: basic('nocredit'), body: { messages: [{ to: '+15550001234', body: text('no credit') }] } });
    expect(broke.status).toBe(200);
    expect(broke.body.data.messages[0].status).toBe('INSUFFICIENT_CREDIT');
    expect(broke.body.data.queued_count).toBe(0);
  });

  it('answers unknown paths with 404 NOT_FOUND and wrong methods with 405', async () => {
    expect((await v3('/nothing')).status).toBe(404);
    const wrong = await v3('/sms/send');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});

describe('POST /sms/send (§2)', () => {
  it('queues one message per entry with an upper-case GUID, the price and the envelope of the docs', async () => {
    const before = (await v3('/account')).body.data.balance;
    const { status, body } = await v3('/sms/send', {
      method: 'POST',
      body: { messages: [{ to: '+15550001001', body: text('hello'), from: 'Acme', custom_string: 'ref-1' }, { to: '+15550001002', body: 'x'.repeat(200) }] },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ http_code: 200, response_code: 'SUCCESS', response_msg: 'Messages queued for delivery.' });
    expect(body.data.total_count).toBe(2);
    expect(body.data.queued_count).toBe(2);
    const [first, second] = body.data.messages;
    expect(first).toMatchObject({ direction: 'out', to: '+15550001001', from: 'Acme', custom_string: 'ref-1', status: 'SUCCESS', message_parts: 1, message_price: '0.0282' });
    expect(first.message_id).toMatch(UUID_UPPER);
    expect(second.message_parts).toBe(2);
    expect(body.data.total_price).toBeCloseTo(0.0282 * 3, 6);
    const after = (await v3('/account')).body.data.balance;
    expect(Number(before) - Number(after)).toBeCloseTo(0.0846, 6);
  });

  it('judges each message on its own: a bad number is INVALID_RECIPIENT, the rest are queued', async () => {
    const { body } = await v3('/sms/send', { method: 'POST', body: { messages: [{ to: 'abc', body: text('mixed') }, { to: '+15550001003', body: text('mixed') }] } });
    expect(body.data.messages.map((message: { status: string }) => message.status)).toEqual(['INVALID_RECIPIENT', 'SUCCESS']);
    expect(body.data.messages[0].message_id).toBeNull();
    expect(body.data.queued_count).toBe(1);
  });

  it('shares the v2 throttle: the same text to the same number moments later is THROTTLED', async () => {
    const message = { to: '+15550001004', body: text('twice') };
    await v3('/sms/send', { method: 'POST', body: { messages: [message] } });
    const { body } = await v3('/sms/send', { method: 'POST', body: { messages: [message] } });
    expect(body.data.messages[0].status).toBe('THROTTLED');
  });

  it('does not charge the documented test numbers', async () => {
    const before = (await v3('/account')).body.data.balance;
    const { body } = await v3('/sms/send', { method: 'POST', body: { messages: [{ to: '+61411111111', body: text('test number') }] } });
    expect(body.data.messages[0].status).toBe('SUCCESS');
    expect((await v3('/account')).body.data.balance).toBe(before);
  });

  it('refuses a body without messages, invalid JSON and more than 1000 messages with 400', async () => {
    expect((await v3('/sms/send', { method: 'POST', body: {} })).body).toMatchObject({ http_code: 400, response_code: 'MISSING_REQUIRED_FIELDS' });
    const garbled = await request(`${base}/sms/send`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: '{"messages": [' });
    expect(garbled.status).toBe(400);
    const many = Array.from({ length: 1001 }, (_, i) => ({ to: `+1555100${String(i).padStart(4, '0')}`, body: 'bulk' }));
    const tooMany = await v3('/sms/send', { method: 'POST', body: { messages: many } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.response_code).toBe('TOO_MANY_RECIPIENTS');
  });
});

describe('POST /sms/price (§3)', () => {
  it('prices without sending or charging', async () => {
    const before = (await v3('/account')).body.data.balance;
    const sent = sandbox.state.messages.size;
    const { body } = await v3('/sms/price', { method: 'POST', body: { messages: [{ to: '+15550002001', body: 'x'.repeat(161) }, { to: 'nope', body: 'x' }] } });
    expect(body.response_code).toBe('SUCCESS');
    expect(body.data.messages[0]).toMatchObject({ to: '+15550002001', message_parts: 2, message_price: '0.0564', status: 'SUCCESS' });
    expect(body.data.messages[1].status).toBe('INVALID_RECIPIENT');
    expect(body.data.total_price).toBeCloseTo(0.0564, 6);
    expect(sandbox.state.messages.size).toBe(sent);
    expect((await v3('/account')).body.data.balance).toBe(before);
  });
});

describe('history, receipts, cancel (§4, §5)', () => {
  it('lists sent messages with their status and pages them', async () => {
    const label = text('history');
    const { body } = await v3('/sms/send', { method: 'POST', body: { messages: [{ to: '+15550003001', body: label }] } });
    const id = body.data.messages[0].message_id;
    await eventually(async () => {
      const page = await v3('/sms/history?limit=100');
      const record = page.body.data.data.find((entry: { message_id: string }) => entry.message_id === id);
      expect(record).toMatchObject({ status: 'Sent', status_code: '201', body: label, to: '+15550003001' });
    });
    const paged = await v3('/sms/history?page=1&limit=1');
    expect(paged.body.data).toMatchObject({ per_page: 1, current_page: 1 });
    expect(paged.body.data.data).toHaveLength(1);
    expect(paged.body.data.last_page).toBe(paged.body.data.total);
    expect((await v3('/sms/history?limit=500')).status).toBe(400);
  });

  it('gives a delivery receipt once the message is final, in the pull record shape', async () => {
    const { body } = await v3('/sms/send', { method: 'POST', body: { messages: [{ to: '+15550003002', body: text('receipt'), custom_string: 'r-2' }] } });
    const id = body.data.messages[0].message_id;
    const one = await eventually(async () => {
      const answer = await v3(`/sms/receipts/${id}`);
      expect(answer.status).toBe(200);
      return answer.body.data;
    });
    expect(one).toMatchObject({ message_id: id, status_code: '201', custom_string: 'r-2', message_type: 'sms' });
    const list = await v3('/sms/receipts?limit=100');
    expect(list.body.data.data.some((record: { message_id: string }) => record.message_id === id)).toBe(true);
  });

  it('cancels a scheduled message (refunded), refuses one already sent and an unknown id', async () => {
    const before = (await v3('/account')).body.data.balance;
    const schedule = Math.floor(Date.now() / 1000) + 3600 * 24 * 30;
    const { body } = await v3('/sms/send', { method: 'POST', body: { messages: [{ to: '+15550004001', body: text('later'), schedule }] } });
    const id = body.data.messages[0].message_id;
    const cancelled = await v3(`/sms/${id}/cancel`, { method: 'PUT' });
    expect(cancelled.body).toMatchObject({ http_code: 200, response_code: 'SUCCESS', response_msg: `Message ${id} has been cancelled.`, data: [] });
    expect((await v3('/account')).body.data.balance).toBe(before);
    expect((await v3(`/sms/${id}/cancel`, { method: 'PUT' })).status).toBe(400);
    expect((await v3('/sms/00000000-0000-0000-0000-000000000000/cancel', { method: 'PUT' })).status).toBe(404);
  });

  it('cancels every scheduled message with cancel-all and says how many', async () => {
    const schedule = Math.floor(Date.now() / 1000) + 3600 * 24 * 30;
    await v3('/sms/send', { method: 'POST', body: { messages: [{ to: '+15550004002', body: text('later'), schedule }, { to: '+15550004003', body: text('later'), schedule }] } });
    const { body } = await v3('/sms/cancel-all', { method: 'PUT' });
    expect(body).toMatchObject({ response_code: 'SUCCESS', response_msg: '2 messages has been cancelled.', data: { count: 2 } });
    expect((await v3('/sms/cancel-all', { method: 'PUT' })).body.data.count).toBe(0);
  });
});

describe('inbound pull and automation rules with pushes (§4, §7)', () => {
  async function inject(body: Record<string, unknown>) {
    return postJson(`${sandbox.url}/sandbox/inbound`, { provider: 'clicksend', ...body });
  }

  it('creates, reads, lists and deletes inbound rules (the body ClickSend n8n trigger sends)', async () => {
    const created = await v3('/automations/sms/inbound', {
      method: 'POST',
      body: { dedicated_number: '*', rule_name: 'test rule', message_search_type: 0, message_search_term: '', action: 'URL', action_address: `${receiver.url}/rule`, enabled: 1, webhook_type: 'json' },
    });
    expect(created.body.response_code).toBe('SUCCESS');
    const id = created.body.data.inbound_rule_id;
    expect(typeof id).toBe('number');
    expect((await v3(`/automations/sms/inbound/${id}`)).body.data.action_address).toBe(`${receiver.url}/rule`);
    const listed = await v3('/automations/sms/inbound');
    expect(listed.body.data.data.map((rule: { inbound_rule_id: number }) => rule.inbound_rule_id)).toContain(id);
    expect((await v3(`/automations/sms/inbound/${id}`, { method: 'DELETE' })).body.response_code).toBe('SUCCESS');
    expect((await v3(`/automations/sms/inbound/${id}`)).status).toBe(404);
    expect((await v3(`/automations/sms/inbound/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it("never shows the token in a rule's URL on the web page (request, answer or push)", async () => {
    const created = await v3('/automations/sms/inbound', {
      method: 'POST',
      body: { dedicated_number: '*', rule_name: 'secret url', message_search_type: 0, message_search_term: '', action: 'URL', action_address: `${receiver.url}/hidden?token=receiver-secret-123`, enabled: 1 },
    });
    await v3(`/automations/sms/inbound/${created.body.data.inbound_rule_id}`);
    await inject({ from: '+15550006002', text: 'hello hidden' });
    await eventually(() => expect(receiver.at('/hidden').length).toBeGreaterThan(0));
    const snapshot = await request(`${sandbox.url}/sandbox/snapshot`);
    expect(snapshot.text).toContain('/hidden');
    expect(snapshot.text).not.toContain('receiver-secret-123');
    await v3(`/automations/sms/inbound/${created.body.data.inbound_rule_id}`, { method: 'DELETE' });
  });

  it('refuses a rule without its required fields or with a bad webhook_type, naming the field', async () => {
    const missing = await v3('/automations/sms/inbound', { method: 'POST', body: { rule_name: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.response_msg).toContain("'dedicated_number'");
    const badType = await v3('/automations/sms/inbound', {
      method: 'POST',
      body: { dedicated_number: '*', rule_name: 'x', message_search_type: 0, message_search_term: '', action: 'URL', action_address: 'http://x.test/', enabled: 1, webhook_type: 'xml' },
    });
    expect(badType.body.response_msg).toContain("'webhook_type'");
  });

  it.each(['json', 'post', 'get'] as const)('pushes an inbound reply to the rule URL as %s, without the sandbox token, and lists it in GET /sms/inbound', async (type) => {
    receiver.clear();
    const rule = await v3('/automations/sms/inbound', {
      method: 'POST',
      body: { dedicated_number: '*', rule_name: `push ${type}`, message_search_type: 0, message_search_term: '', action: 'URL', action_address: `${receiver.url}/in-${type}?mine=1`, enabled: 1, webhook_type: type },
    });
    const sent = await v3('/sms/send', { method: 'POST', body: { messages: [{ to: '+15550005001', body: text('question'), custom_string: 'q-1' }] } });
    const original = sent.body.data.messages[0].message_id;
    await inject({ replyTo: original, text: `answer ${type}` });
    const push = await eventually(() => {
      const [entry] = receiver.at(`/in-${type}`);
      expect(entry).toBeDefined();
      return entry;
    });
    expect(push.method).toBe(type === 'get' ? 'GET' : 'POST');
    if (type === 'json') expect(push.headers['content-type']).toBe('application/json');
    if (type === 'post') expect(push.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(push.query.get('mine')).toBe('1');
    expect(push.query.get('token')).toBeNull();
    expect(push.fields).toMatchObject({ from: '+15550005001', body: `answer ${type}`, message: `answer ${type}`, original_message_id: original, custom_string: 'q-1' });
    const pulled = await v3('/sms/inbound?limit=100');
    expect(pulled.body.data.data.find((record: { body: string }) => record.body === `answer ${type}`)).toMatchObject({ original_message_id: original, from: '+15550005001' });
    const replies = await v3(`/sms/inbound/${original}`);
    expect(replies.body.data.data.map((record: { body: string }) => record.body)).toEqual([`answer ${type}`]);
    await v3(`/automations/sms/inbound/${rule.body.data.inbound_rule_id}`, { method: 'DELETE' });
  });

  it('honours a rule that matches only messages containing a term, and a disabled rule pushes nothing', async () => {
    receiver.clear();
    const contains = await v3('/automations/sms/inbound', {
      method: 'POST',
      body: { dedicated_number: '*', rule_name: 'stop words', message_search_type: 2, message_search_term: 'STOP', action: 'URL', action_address: `${receiver.url}/stop`, enabled: 1 },
    });
    const disabled = await v3('/automations/sms/inbound', {
      method: 'POST',
      body: { dedicated_number: '*', rule_name: 'off', message_search_type: 0, message_search_term: '', action: 'URL', action_address: `${receiver.url}/off`, enabled: 0 },
    });
    await inject({ from: '+15550006001', text: 'hello there' });
    await inject({ from: '+15550006001', text: 'please stop now' });
    await eventually(() => expect(receiver.at('/stop')).toHaveLength(1));
    expect(receiver.at('/stop')[0].fields.body).toBe('please stop now');
    // The default webhook_type is a form POST (C5: "post (default)").
    expect(receiver.at('/stop')[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(receiver.at('/off')).toHaveLength(0);
    for (const rule of [contains, disabled]) await v3(`/automations/sms/inbound/${rule.body.data.inbound_rule_id}`, { method: 'DELETE' });
  });

  it('pushes delivery receipts to receipt rules (form POST, pull-record fields) and stops after the rule is deleted', async () => {
    receiver.clear();
    const rule = await v3('/automations/sms/receipts', { method: 'POST', body: { rule_name: 'dlr', match_type: 0, action: 'URL', action_address: `${receiver.url}/dlr`, enabled: 1 } });
    expect(rule.body.response_code).toBe('SUCCESS');
    const id = rule.body.data.receipt_rule_id;
    expect((await v3(`/automations/sms/receipts/${id}`)).body.data.rule_name).toBe('dlr');
    const sent = await v3('/sms/send', { method: 'POST', body: { messages: [{ to: '+15550007001', body: text('dlr'), custom_string: 'd-1' }, { to: '+9990070000', body: text('dlr fail') }] } });
    const [ok, failing] = sent.body.data.messages.map((message: { message_id: string }) => message.message_id);
    await eventually(() => expect(receiver.at('/dlr')).toHaveLength(2));
    const byId = Object.fromEntries(receiver.at('/dlr').map((entry) => [entry.fields.message_id, entry]));
    expect(byId[ok].fields).toMatchObject({ status_code: '201', custom_string: 'd-1', _message_type: 'sms' });
    expect(byId[failing].fields.status_code).toBe('301');
    expect(byId[ok].query.get('token')).toBeNull();
    expect((await v3('/automations/sms/receipts')).body.data.data).toHaveLength(1);
    await v3(`/automations/sms/receipts/${id}`, { method: 'DELETE' });
    receiver.clear();
    await v3('/sms/send', { method: 'POST', body: { messages: [{ to: '+15550007002', body: text('no rule') }] } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.at('/dlr')).toHaveLength(0);
  });

  it('retries a rule push the receiver refused, on the callback retry schedule', async () => {
    receiver.clear();
    const rule = await v3('/automations/sms/inbound', {
      method: 'POST',
      body: { dedicated_number: '*', rule_name: 'flaky', message_search_type: 0, message_search_term: '', action: 'URL', action_address: `${receiver.url}/flaky`, enabled: 1, webhook_type: 'json' },
    });
    receiver.failNext(1, 503);
    await inject({ from: '+15550006003', text: 'try again' });
    await eventually(() => expect(receiver.at('/flaky')).toHaveLength(2));
    const record = sandbox.state.callbacks.toArray().find((entry) => entry.url === `${receiver.url}/flaky`)!;
    expect(record).toMatchObject({ format: 'json', auth: 'none', state: 'delivered' });
    expect(record.attempts.map((attempt) => attempt.httpStatus)).toEqual([503, 200]);
    await v3(`/automations/sms/inbound/${rule.body.data.inbound_rule_id}`, { method: 'DELETE' });
  });

  it('forgets the rules on reset', async () => {
    await v3('/automations/sms/receipts', { method: 'POST', body: { rule_name: 'gone', match_type: 0, action: 'URL', action_address: `${receiver.url}/gone`, enabled: 1 } });
    await json(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
    expect((await v3('/automations/sms/receipts')).body.data.data).toHaveLength(0);
  });
});

describe('faults', () => {
  it('answers a 429 fault on the v3 API in its JSON envelope with Retry-After', async () => {
    await postJson(`${sandbox.url}/sandbox/faults`, { kind: '429', api: 'clicksend-v3', retryAfterSeconds: 2, count: 1 });
    const limited = await v3('/account');
    expect(limited.status).toBe(429);
    expect(limited.body.response_code).toBe('TOO_MANY_REQUESTS');
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await v3('/account')).status).toBe(200);
  });
});
