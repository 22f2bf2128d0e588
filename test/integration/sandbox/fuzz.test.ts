import http from 'node:http';
import fc from 'fast-check';
import type { Sandbox } from '../../../sandbox';
import { CS_AUTH, DEMO, HTTP_AUTH, start } from './helpers';

/**
 * Random methods, paths, query strings, headers and bodies never crash the sandbox: every answer is a
 * well-formed provider error or success for the API the path belongs to, and the server keeps answering.
 */

let sandbox: Sandbox;
let port: number;

beforeAll(async () => {
  sandbox = await start({ maxBodyBytes: 32 * 1024 });
  port = sandbox.port;
  for (const id of [DEMO.clickatellHttp.accountId, DEMO.clickatellRest.accountId, DEMO.clickatellPortal.accountId, DEMO.clicksend.accountId]) sandbox.state.accounts.get(id)!.balance = 1e9;
});

afterAll(() => sandbox.close());

afterEach(() => sandbox.faults.clear());

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request exactly as given (no URL normalisation, unlike fetch). */
function raw(method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<Raw> {
  return new Promise((resolve, reject) => {
    // A body always goes with its length: without it (OPTIONS, DELETE) Node's client writes the bytes raw and
    // the server reads them as the start of a second, garbage request.
    const sized = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: sized, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const CLICKATELL_LINE = /^(OK: .*|OK: |ID: [0-9a-f]{32}( To: .*)?|ID: [0-9a-f]{32} Status: \d{3}|apiMsgId: [0-9a-f]{32} charge: [\d.]+ status: \d{3}|Credit: -?[\d.]+|ERR: \d{3}, [^\n]+|ERR: This prefix [^\n]+)$/;

/** The answer is one the API's own clients can read: its success or its error format. */
function assertWellFormed(method: string, path: string, result: Raw): void {
  expect(result.status).toBeGreaterThanOrEqual(200);
  expect(result.status).toBeLessThan(600);
  expect(result.status).not.toBe(500);
  if (method === 'HEAD') return;
  const pathOnly = path.split('?')[0];
  if (pathOnly === '/sandbox' || pathOnly.startsWith('/sandbox/')) {
    expect(() => JSON.parse(result.body)).not.toThrow();
    return;
  }
  if (pathOnly.startsWith('/http/v2/') || pathOnly === '/http/v2') {
    if (result.status === 200 || result.status === 503) expect(result.body).toMatch(/^<\?xml [^\n]*\?>\n<xml>\n[\s\S]*<result>\d{4}<\/result>[\s\S]*<\/xml>\n$/);
    else expect([404, 405, 413, 429]).toContain(result.status);
    return;
  }
  if (pathOnly === '/rest' || pathOnly.startsWith('/rest/')) {
    if (String(result.headers['content-type']).startsWith('application/xml')) {
      expect(result.body).toMatch(/^<\?xml version="1.0"\?>\n<response>\n {2}<(data|error)>[\s\S]*<\/response>\n$/);
      return;
    }
    const body = JSON.parse(result.body);
    expect(body.data !== undefined || body.error !== undefined).toBe(true);
    if (body.error?.code !== undefined) expect(body.error.code).toMatch(/^\d{3}$/);
    return;
  }
  if (pathOnly === '/messages' || pathOnly.startsWith('/messages/') || pathOnly.startsWith('/public-client/') || pathOnly === '/v1' || pathOnly.startsWith('/v1/')) {
    // Portal APIs: always JSON, a send answer, a status, a balance, or an error in the API's own form.
    if (result.status === 429) return;
    const body = JSON.parse(result.body);
    const known = ['messages', 'error', 'errorCode', 'sms', 'status', 'balance'].some((field) => field in body);
    expect(known).toBe(true);
    if (body.error !== null && typeof body.error === 'object') expect(Number.isInteger(body.error.code)).toBe(true);
    if (body.errorCode !== undefined && body.errorCode !== null) expect(Number.isInteger(body.errorCode)).toBe(true);
    return;
  }
  if (/^\/(http|utils)\//i.test(pathOnly) && result.status === 200) {
    for (const line of result.body.split('\n')) expect(line).toMatch(CLICKATELL_LINE);
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const PREFIXES = [
  '/',
  '/http/',
  '/http/sendmsg',
  '/http/sendmsg.php',
  '/http/auth',
  '/http/querymsg',
  '/http/delmsg',
  '/http/token_pay',
  '/http/v2/',
  '/http/v2/send.php',
  '/http/v2/reply.php',
  '/http/v2/delivery.php',
  '/http/v2/history.php',
  '/utils/routeCoverage',
  '/rest',
  '/rest/message',
  '/rest/message/',
  '/rest/coverage/',
  '/rest/account/balance',
  '/messages',
  '/messages/http/send',
  '/public-client/balance',
  '/v1/message',
  '/v1/message/',
  '/sandbox',
  '/sandbox/messages/',
  '/sandbox/inbound',
  '/sandbox/callbacks',
  '/sandbox/faults/',
];
const PARAMS = [
  'api_id', 'user', 'password', 'session_id', 'to', 'text', 'from', 'climsgid', 'concat', 'callback', 'deliv_time', 'scheduled_time', 'unicode', 'udh',
  'msg_type', 'validity', 'queue', 'escalate', 'max_credits', 'req_feat', 'mo', 'apimsgid', 'token', 'msisdn', 'username', 'key', 'message', 'senderid',
  'customstring', 'schedule', 'country', 'messageid', 'from_email', 'method',
];

/** Printable ASCII that Node accepts in a request path. */
const pathChar = fc.constantFrom(...'abcXYZ019-._~%/?&=+:;@!$\'()*,[]{}|^`"<>\\#'.split(''));
const pathSuffix = fc.array(pathChar, { maxLength: 30 }).map((chars) => chars.join(''));
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('2799900001', '9991210000', '+61411111111', '0041', 'SMS_FLASH', '1', '0', '7', '-1', '99999999999999999999', '', 'x'.repeat(200)),
);
const query = fc.dictionary(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ maxLength: 8 })), value, { maxKeys: 8 });
const headerValue = fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,40}$/), fc.constantFrom('application/json', 'application/xml', '*/*', 'text/html', '1', '2', 'Bearer demo-rest-token', 'Bearer nope', 'demo-portal-api-key', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz'));
const headers = fc.record(
  { accept: headerValue, 'x-version': headerValue, 'content-type': headerValue, authorization: headerValue },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  query.map((fields) => new URLSearchParams(fields).toString()),
  fc.array(fc.constantFrom('<request>', '<data>', '<text>', 'hi', '</text>', '<to>', '2799900001', '</to>', '</data>', '</request>', '&amp;', '&#0;', '<![CDATA[x]]>', '<?xml version="1.0"?>'), { maxLength: 14 }).map((parts) => parts.join('')),
  fc.constant('--zz\r\nContent-Disposition: form-data; name="to"\r\n\r\n2799900001\r\n--zz--'),
);

function withAuth(fields: Record<string, string>, auth: number): Record<string, string> {
  if (auth === 1) return { ...HTTP_AUTH, ...fields };
  if (auth === 2) return { ...CS_AUTH, ...fields };
  return fields;
}

describe('fuzz', () => {
  it('random requests get well-formed answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.constantFrom(...PREFIXES),
        pathSuffix,
        query,
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        headers,
        body,
        async (method, prefix, suffix, fields, auth, encode, headerFields, payload) => {
          const params = withAuth(fields, auth);
          // Unencoded: printable ASCII as it is (bad escapes like %zz included), the rest dropped.
          const printable = (text: string): string => [...text].filter((char) => char > ' ' && char <= '~').join('');
          const search = encode ? new URLSearchParams(params).toString() : Object.entries(params).map(([name, text]) => `${printable(name)}=${printable(text)}`).join('&');
          const path = `${prefix}${suffix}${search ? `?${search}` : ''}`;
          const result = await raw(method, path, headerFields as Record<string, string>, method === 'GET' || method === 'HEAD' ? undefined : payload);
          assertWellFormed(method, path, result);
          sandbox.faults.clear();
        },
      ),
      { numRuns: 400 },
    );
    expect(sandbox.state.stats.internalErrors).toBe(0);
  });

  it('random parameters on every send command never break the handlers', async () => {
    const sends: Array<[string, string, Record<string, string>]> = [
      ['POST', '/http/sendmsg', HTTP_AUTH],
      ['GET', '/http/sendmsg', HTTP_AUTH],
      ['POST', '/http/v2/send.php', CS_AUTH],
      ['GET', '/utils/routeCoverage', HTTP_AUTH],
      ['POST', '/http/querymsg', HTTP_AUTH],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sends), query, async ([method, path, auth], fields) => {
        const search = new URLSearchParams({ ...auth, ...fields }).toString();
        const result =
          method === 'GET'
            ? await raw('GET', `${path}?${search}`, {}, undefined)
            : await raw('POST', path, { 'content-type': 'application/x-www-form-urlencoded' }, search);
        assertWellFormed(method, path, result);
      }),
      { numRuns: 300 },
    );
    expect(sandbox.state.stats.internalErrors).toBe(0);
  });

  it('random Portal send bodies get a Portal answer (202/207 or a documented error), nothing crashes', async () => {
    const to = fc.oneof(fc.constantFrom('27999000001', '+27999000002', '9991220000', '27999abcde', ''), fc.string({ maxLength: 16 }), fc.integer(), fc.constant(null));
    const platformBody = fc.record(
      {
        content: fc.oneof(fc.string({ maxLength: 200 }), fc.integer(), fc.constant(null)),
        to: fc.oneof(fc.array(to, { maxLength: 4 }), to),
        from: fc.oneof(fc.string({ maxLength: 20 }), fc.integer()),
        clientMessageId: fc.oneof(fc.string({ maxLength: 40 }), fc.integer()),
        binary: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
        scheduledDeliveryTime: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('2030-02-27T14:30:00+0200')),
        validityPeriod: fc.oneof(fc.integer(), fc.string({ maxLength: 5 })),
        userDataHeader: fc.string({ maxLength: 10 }),
        charset: fc.constantFrom('UTF-8', 'ASCII', 'EBCDIC', ''),
      },
      { requiredKeys: [] },
    );
    const oneBody = fc.record(
      { messages: fc.oneof(fc.array(fc.oneof(fc.record({ channel: fc.constantFrom('sms', 'whatsapp', 'fax'), to, content: fc.oneof(fc.string({ maxLength: 50 }), fc.constant(null)) }, { requiredKeys: [] }), fc.jsonValue()), { maxLength: 4 }), fc.jsonValue()) },
      { requiredKeys: [] },
    );
    const portalHeaders = { 'content-type': 'application/json', authorization: DEMO.clickatellPortal.apiKey };
    await fc.assert(
      fc.asyncProperty(fc.oneof(platformBody.map((b): [string, unknown] => ['/messages', b]), oneBody.map((b): [string, unknown] => ['/v1/message', b])), async ([path, payload]) => {
        const result = await raw('POST', path, portalHeaders, JSON.stringify(payload));
        expect([202, 207, 400, 402]).toContain(result.status);
        assertWellFormed('POST', path, result);
      }),
      { numRuns: 300 },
    );
    expect(sandbox.state.stats.internalErrors).toBe(0);
  });

  it('random REST send bodies get a REST answer (202/207 or a documented error)', async () => {
    const restBody = fc.record(
      {
        text: fc.oneof(fc.string({ maxLength: 200 }), fc.integer(), fc.constant(null)),
        to: fc.oneof(fc.array(fc.oneof(fc.constantFrom('2799900001', '9991210000', '9992500000', '+2799', ''), fc.string({ maxLength: 16 }), fc.integer())), fc.string(), fc.constant(null)),
        from: fc.oneof(fc.string({ maxLength: 20 }), fc.integer()),
        clientMessageId: fc.oneof(fc.string({ maxLength: 40 }), fc.integer()),
        maxMessageParts: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string({ maxLength: 3 })),
        callback: fc.oneof(fc.integer({ min: -1, max: 9 }), fc.boolean()),
        unicode: fc.oneof(fc.integer({ min: -1, max: 2 }), fc.boolean(), fc.string({ maxLength: 3 })),
        binary: fc.oneof(fc.integer({ min: 0, max: 1 }), fc.boolean()),
        scheduledDeliveryTime: fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
        validityPeriod: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double()),
        maxCredits: fc.oneof(fc.double(), fc.string({ maxLength: 5 })),
        udh: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('050003CC0201')),
        type: fc.oneof(fc.constantFrom('SMS_TEXT', 'SMS_FLASH'), fc.string({ maxLength: 8 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(restBody, fc.boolean(), async (fields, xml) => {
        const headers = { 'x-version': '1', authorization: `Bearer ${DEMO.clickatellRest.token}`, 'content-type': xml ? 'application/xml' : 'application/json', accept: 'application/json' };
        const payload = xml
          ? `<request><data>${Object.entries(fields)
              .map(([name, item]) => `<${name}>${String(item).replace(/[<&]/g, '')}</${name}>`)
              .join('')}</data></request>`
          : JSON.stringify(fields);
        const result = await raw('POST', '/rest/message', headers, payload);
        assertWellFormed('POST', '/rest/message', result);
        expect([202, 207, 400, 402, 410, 429]).toContain(result.status);
      }),
      { numRuns: 300 },
    );
    expect(sandbox.state.stats.internalErrors).toBe(0);
  });

  it('still answers normally after all that, and junk paths did not grow the statistics', async () => {
    const result = await raw('GET', `/http/getbalance?${new URLSearchParams(HTTP_AUTH)}`, {}, undefined);
    expect(result.body).toMatch(/^Credit: /);
    // Route names come from a fixed set (unknown paths share one name per API and method).
    expect(Object.keys(sandbox.state.routeStats().requests).length).toBeLessThan(150);
  });
});
