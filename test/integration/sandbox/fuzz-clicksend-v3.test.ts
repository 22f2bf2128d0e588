import fc from 'fast-check';
import type { Sandbox } from '../../../sandbox';
import { DEMO, request, start } from './helpers';

/**
 * Random requests to the sandbox's ClickSend REST v3 never crash it: every answer, whatever the method,
 * path, credentials and body, is the v3 JSON envelope with http_code equal to the HTTP status.
 */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await start({ maxBodyBytes: 32 * 1024 });
  sandbox.state.accounts.get(DEMO.clicksend.accountId)!.balance = 1e9;
});

afterAll(() => sandbox.close());

const GOOD_AUTH = `Basic ${Buffer.from(`${DEMO.clicksend.username}:${DEMO.clicksend.key}`).toString('base64')}`;

const PATHS = [
  '/v3',
  '/v3/',
  '/v3/sms/send',
  '/v3/sms/price',
  '/v3/sms/history',
  '/v3/sms/inbound',
  '/v3/sms/inbound/ABC-1',
  '/v3/sms/receipts',
  '/v3/sms/receipts/ABC-1',
  '/v3/sms/ABC-1/cancel',
  '/v3/sms/cancel-all',
  '/v3/account',
  '/v3/automations/sms/inbound',
  '/v3/automations/sms/inbound/1',
  '/v3/automations/sms/receipts',
  '/v3/automations/sms/receipts/1',
];

const scalar = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('+15550001234', '+61411111111', '0411111111', '*', 'URL', 'json', 'post', 'get', 'x'.repeat(400)));
const message = fc.record(
  { to: scalar, body: scalar, from: scalar, schedule: scalar, custom_string: scalar, country: scalar },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.record({ messages: fc.oneof(fc.array(message, { maxLength: 5 }), scalar) }).map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        dedicated_number: scalar,
        rule_name: scalar,
        message_search_type: scalar,
        message_search_term: scalar,
        action: scalar,
        action_address: fc.oneof(scalar, fc.constant('http://127.0.0.1:9/nowhere')),
        enabled: scalar,
        webhook_type: scalar,
        match_type: scalar,
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);
const auth = fc.oneof(fc.constant(GOOD_AUTH), fc.constant(undefined), fc.string({ maxLength: 30 }).map((text) => `Basic ${Buffer.from(text).toString('base64')}`), fc.stringMatching(/^[\x20-\x7e]{0,30}$/));
const query = fc.dictionary(fc.constantFrom('page', 'limit', 'date_from', 'date_to', 'q'), fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 200 }).map(String)), { maxKeys: 4 });

it('random v3 requests get the JSON envelope, never a crash', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), fc.constantFrom(...PATHS), query, auth, body, async (method, path, params, authorization, payload) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization !== undefined) headers.authorization = authorization;
      const search = new URLSearchParams(params).toString();
      const result = await request(`${sandbox.url}${path}${search ? `?${search}` : ''}`, { method, headers, body: method === 'GET' ? undefined : payload });
      expect(result.status).not.toBe(500);
      const envelope = JSON.parse(result.text) as { http_code: number; response_code: string; response_msg: string };
      expect(envelope.http_code).toBe(result.status);
      expect(typeof envelope.response_code).toBe('string');
      expect(typeof envelope.response_msg).toBe('string');
    }),
    { numRuns: 400 },
  );
  expect(sandbox.state.stats.internalErrors).toBe(0);
});
