import { clickatellError } from '../../../gateways/codes/clickatell-errors';
import type { RecipientOutcome } from '../../../gateways/gateway';
import {
  parseBalanceResponse,
  parseCoverageResponse,
  parseSendResponse,
  parseStatusResponse,
  parseStopResponse,
  type RestSendContext,
} from '../../../gateways/clickatell-rest/parser';
import { NOW, json, thrown } from './helpers';

const ID1 = 'a55b8f8d56f33440e993aa614c68bf8b';
const ID2 = '7f1d32762f6db11f3b7d2aaca2aaf362';

function context(recipients: string[], extra: Partial<RestSendContext> = {}): RestSendContext {
  return { recipients, text: 'Test Message', from: null, clientReference: null, encoding: 'GSM-7', parts: 1, now: NOW, ...extra };
}

function expectMalformed(run: () => unknown): void {
  const error = thrown(run);
  expect(error.code).toBe('MALFORMED_RESPONSE');
  expect(error.provider).toBe('clickatell-rest');
  expect(error.delivery).toBe('unknown');
  expect(error.retryable).toBe(false);
}

function okOutcome(outcome: RecipientOutcome) {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.message}`);
  return outcome.event;
}

function errorOutcome(outcome: RecipientOutcome) {
  if (outcome.ok) throw new Error('expected an error outcome');
  return outcome.error;
}

/** The spec's section 3.1 response, verbatim. */
const SEND_202 = `{
  "data":{
    "message":[
      {
        "accepted":true,
        "to":"2799900001",
        "apiMessageId":"a55b8f8d56f33440e993aa614c68bf8b"
      },
      {
        "accepted":true,
        "to":"2799900002",
        "apiMessageId":"7f1d32762f6db11f3b7d2aaca2aaf362"
      }
    ]
  }
}`;

describe('spec examples: responses', () => {
  it('3.1 send message: 202 Accepted with one apiMessageId per recipient', () => {
    const outcomes = parseSendResponse(json(202, SEND_202), context(['2799900001', '2799900002'], { clientReference: 'ref1', from: 'Acme' }));
    expect(outcomes.map((outcome) => outcome.to)).toEqual(['2799900001', '2799900002']);
    const first = okOutcome(outcomes[0]);
    expect(first).toEqual({
      type: 'message.sent',
      provider: 'clickatell-rest',
      messageId: ID1,
      clientReference: 'ref1',
      to: '2799900001',
      from: 'Acme',
      text: 'Test Message',
      state: 'accepted',
      final: false,
      error: false,
      providerCode: null,
      providerDescription: null,
      charge: null,
      timestamp: NOW.toISOString(),
      encoding: 'GSM-7',
      parts: 1,
      raw: { accepted: true, to: '2799900001', apiMessageId: ID1 },
    });
    expect(okOutcome(outcomes[1]).messageId).toBe(ID2);
  });

  it('3.2 the XML answer is not read (we ask for JSON): MALFORMED_RESPONSE, never a success', () => {
    const xml = `<?xml version="1.0"?>
<response>
  <data>
    <message>
      <accepted>1</accepted>
      <to>2799900001</to>
      <apiMessageId>93f924cad9664cfbb0c6ab03a3032ef0</apiMessageId>
    </message>
  </data>
</response>`;
    expectMalformed(() => parseSendResponse({ status: 202, headers: { 'content-type': 'application/xml' }, body: xml }, context(['2799900001'])));
  });

  it('4.1 stop message: 200 with status 006, cancelled and final', () => {
    const body = `{
  "data": {
    "messageStatus": "006",
    "description": "User cancelled message delivery",
    "apiMessageId": "360586640fe9846954897dffe6c13dfc"
  }
}`;
    expect(parseStopResponse(json(200, body))).toEqual({
      type: 'message.status',
      provider: 'clickatell-rest',
      messageId: '360586640fe9846954897dffe6c13dfc',
      clientReference: null,
      to: null,
      from: null,
      text: null,
      state: 'cancelled',
      final: true,
      error: false,
      providerCode: '006',
      providerDescription: 'User cancelled message delivery',
      charge: null,
      timestamp: null,
      raw: { messageStatus: '006', description: 'User cancelled message delivery', apiMessageId: '360586640fe9846954897dffe6c13dfc' },
    });
  });

  it('5.1 retrieve balance: "300.50" is 300.5 credits', () => {
    expect(parseBalanceResponse(json(200, '{\n  "data":{\n    "balance":"300.50"\n  }\n}'))).toEqual({
      provider: 'clickatell-rest',
      balance: 300.5,
      currency: null,
      raw: { balance: '300.50' },
    });
  });

  it('6.1 get coverage: routable, destination and minimum charge', () => {
    const body = '{\n  "data": {\n    "routable": true,\n    "destination": "27999123456",\n    "minimumCharge": 0.8\n  }\n}';
    expect(parseCoverageResponse(json(200, body))).toEqual({
      provider: 'clickatell-rest',
      destination: '27999123456',
      routable: true,
      minimumCharge: 0.8,
      raw: { routable: true, destination: '27999123456', minimumCharge: 0.8 },
    });
  });

  it('XML forms of stop, balance and coverage are refused as MALFORMED_RESPONSE', () => {
    const xml = (inner: string) => ({ status: 200, headers: {}, body: `<?xml version="1.0"?>\n<response>\n  <data>${inner}</data>\n</response>` });
    expectMalformed(() => parseStopResponse(xml('<messageStatus>006</messageStatus>')));
    expectMalformed(() => parseBalanceResponse(xml('<balance>300.50</balance>')));
    expectMalformed(() => parseCoverageResponse(xml('<routable>1</routable>')));
  });
});

describe('send: 207 mixed and per-recipient results', () => {
  const mixed = {
    data: {
      message: [
        { accepted: true, to: '2799900001', apiMessageId: ID1 },
        {
          accepted: false,
          to: '2799900002',
          apiMessageId: '',
          error: { code: '105', description: 'Invalid destination address', documentation: 'http://www.clickatell.com/help/apidocs/error/105.htm' },
        },
      ],
    },
  };

  it('keeps accepted recipients and reports the others with the code, text and hint', () => {
    const [ok, failed] = parseSendResponse(json(207, mixed), context(['2799900001', '2799900002']));
    expect(okOutcome(ok).messageId).toBe(ID1);
    const error = errorOutcome(failed);
    expect(error).toMatchObject({
      provider: 'clickatell-rest',
      code: '105',
      providerText: 'Invalid destination address',
      httpStatus: 207,
      recipient: '2799900002',
      retryable: false,
      delivery: 'yes',
      hint: clickatellError('105', 'rest')!.hint,
    });
    expect(failed.to).toBe('2799900002');
  });

  it('returns outcomes in the order of the requested recipients, whatever the answer order', () => {
    const reversed = { data: { message: [...mixed.data.message].reverse() } };
    const outcomes = parseSendResponse(json(207, reversed), context(['2799900001', '2799900002']));
    expect(outcomes.map((outcome) => [outcome.to, outcome.ok])).toEqual([
      ['2799900001', true],
      ['2799900002', false],
    ]);
  });

  it('pairs duplicates one to one', () => {
    const body = { data: { message: [
      { accepted: true, to: '2799900001', apiMessageId: ID1 },
      { accepted: true, to: '2799900001', apiMessageId: ID2 },
    ] } };
    const outcomes = parseSendResponse(json(202, body), context(['2799900001', '2799900001']));
    expect(outcomes.map((outcome) => okOutcome(outcome).messageId)).toEqual([ID1, ID2]);
  });

  it('uses the REST meaning of error 120 and the retry flag of 901', () => {
    const body = { data: { message: [
      { accepted: false, to: '2799900001', error: { code: 120, description: 'clientMessageId contains space(s)' } },
      { accepted: false, to: '2799900002', error: { code: '901', description: 'Internal error - please retry' } },
    ] } };
    const [a, b] = parseSendResponse(json(207, body), context(['2799900001', '2799900002']));
    expect(errorOutcome(a)).toMatchObject({ code: '120', hint: 'Remove spaces from the client message ID.' });
    expect(errorOutcome(b)).toMatchObject({ code: '901', retryable: true });
  });

  it('a rejected message without an error object gets HTTP_<status>', () => {
    const body = { data: { message: [{ accepted: false, to: '2799900001' }] } };
    expect(errorOutcome(parseSendResponse(json(207, body), context(['2799900001']))[0]).code).toBe('HTTP_207');
  });

  it('reads "accepted" as 1/0 and strings, and one message given as an object', () => {
    const body = { data: { message: { accepted: '1', to: 2799900001, apiMessageId: ID1 } } };
    expect(okOutcome(parseSendResponse(json(202, body), context(['2799900001']))[0]).messageId).toBe(ID1);
    const zero = { data: { message: [{ accepted: 0, to: '2799900001', error: { code: '121', description: 'blocked' } }] } };
    expect(errorOutcome(parseSendResponse(json(207, zero), context(['2799900001']))[0]).code).toBe('121');
  });

  it('falls back to position when the answer has no numbers, and reports a missing result', () => {
    const noTo = { data: { message: [{ accepted: true, apiMessageId: ID1 }, { accepted: true, apiMessageId: ID2 }] } };
    expect(parseSendResponse(json(202, noTo), context(['2799900001', '2799900002'])).map((o) => okOutcome(o).messageId)).toEqual([ID1, ID2]);
    const short = { data: { message: [{ accepted: true, to: '2799900002', apiMessageId: ID2 }] } };
    const [missing, present] = parseSendResponse(json(202, short), context(['2799900001', '2799900002', '2799900003'].slice(0, 2)));
    expect(okOutcome(present).messageId).toBe(ID2);
    expect(errorOutcome(missing)).toMatchObject({ code: 'MISSING_RESULT', delivery: 'unknown', recipient: '2799900001' });
  });

  it('marks scheduled sends as scheduled', () => {
    const outcome = parseSendResponse(json(202, SEND_202), context(['2799900001', '2799900002'], { scheduled: true }))[0];
    expect(okOutcome(outcome).state).toBe('scheduled');
  });

  it('refuses bodies that are not a readable send answer', () => {
    const ctx = context(['2799900001']);
    expectMalformed(() => parseSendResponse(json(202, ''), ctx));
    expectMalformed(() => parseSendResponse(json(202, 'OK'), ctx));
    expectMalformed(() => parseSendResponse(json(202, '{"data":'), ctx));
    expectMalformed(() => parseSendResponse(json(202, { data: {} }), ctx));
    expectMalformed(() => parseSendResponse(json(202, { data: { message: [] } }), ctx));
    expectMalformed(() => parseSendResponse(json(202, { data: { message: ['x'] } }), ctx));
    expectMalformed(() => parseSendResponse(json(202, { data: { message: [{ to: '2799900001', apiMessageId: ID1 }] } }), ctx));
    expectMalformed(() => parseSendResponse(json(202, { data: { message: [{ accepted: 'maybe', to: '2799900001' }] } }), ctx));
    expectMalformed(() => parseSendResponse(json(202, { data: { message: [{ accepted: true, to: '2799900001' }] } }), ctx));
    expectMalformed(() => parseSendResponse(json(202, { message: [{ accepted: true, apiMessageId: ID1 }] }), ctx));
    expectMalformed(() => parseSendResponse(json(202, [1, 2]), ctx));
  });
});

describe('error bodies and the HTTP status table (section 9)', () => {
  const ctx = context(['2799900001']);

  it('an error body at any status is that error, with its code, text and the table hint', () => {
    const body = { error: { code: '001', description: 'Authentication failed', documentation: 'http://www.clickatell.com/help/apidocs/error/001.htm' } };
    for (const status of [200, 202, 400, 401]) {
      const error = thrown(() => parseSendResponse(json(status, body), ctx));
      expect(error).toMatchObject({
        provider: 'clickatell-rest',
        code: '001',
        providerText: 'Authentication failed',
        httpStatus: status,
        hint: clickatellError('001', 'rest')!.hint,
        retryable: false,
      });
    }
  });

  it('every REST error code of section 10 maps to its hint', () => {
    const codes = ['001', '007', '100', '101', '102', '105', '106', '108', '109', '113', '114', '116', '120', '121', '122', '123', '128', '130', '160', '161', '165', '166', '167', '250', '301', '901'];
    for (const code of codes) {
      const info = clickatellError(code, 'rest');
      expect(info).toBeDefined();
      const error = thrown(() => parseBalanceResponse(json(400, { error: { code, description: info!.description } })));
      expect(error.code).toBe(code);
      expect(error.hint).toBe(info!.hint);
      expect(error.retryable).toBe(code === '901');
    }
  });

  it('pads numeric codes and keeps an unknown code with the documentation link', () => {
    expect(thrown(() => parseBalanceResponse(json(401, { error: { code: 1, description: 'Authentication failed' } }))).code).toBe('001');
    const error = thrown(() => parseBalanceResponse(json(400, { error: { code: '999', description: 'New error', documentation: 'http://x/999' } })));
    expect(error.code).toBe('999');
    expect(error.hint).toContain('http://x/999');
  });

  it('a bare string error is the text, with HTTP_<status> as code', () => {
    expect(thrown(() => parseBalanceResponse(json(400, { error: 'Bad thing' })))).toMatchObject({ code: 'HTTP_400', providerText: 'Bad thing' });
  });

  it.each([
    [400, 'Bad request', 'no'],
    [401, 'Unauthorized', 'no'],
    [402, 'Payment required', 'no'],
    [404, 'Not found', 'no'],
    [405, 'Method not allowed', 'no'],
    [410, 'Gone', 'no'],
  ])('HTTP %i without an error body is HTTP_%i (%s), not retryable', (status, description, delivery) => {
    for (const body of ['', 'Not JSON', '{}', '{"data":{"balance":"1"}}']) {
      const error = thrown(() => parseBalanceResponse(json(status, body)));
      expect(error).toMatchObject({ code: `HTTP_${status}`, providerText: description, httpStatus: status, retryable: false, delivery });
      expect(error.hint).toBeTruthy();
    }
  });

  it.each([429, 503])('HTTP %i is retryable, not delivered, with Retry-After in ms', (status) => {
    const error = thrown(() => parseSendResponse(json(status, '', { 'retry-after': '7' }), ctx));
    expect(error).toMatchObject({ code: `HTTP_${status}`, retryable: true, delivery: 'no', retryAfterMs: 7000, httpStatus: status });
    const withBody = thrown(() => parseSendResponse(json(status, { error: { code: '901', description: 'Internal error' } }, { 'retry-after': 'Mon, 10 Mar 2025 08:00:30 GMT' }), ctx));
    expect(withBody.code).toBe('901');
    expect(withBody.retryable).toBe(true);
    expect(withBody.delivery).toBe('no');
    expect(withBody.retryAfterMs).toBe(30_000);
    expect(thrown(() => parseSendResponse(json(status, ''), ctx)).retryAfterMs).toBeUndefined();
  });

  it('other 5xx may have been acted on: delivery unknown, not retryable', () => {
    expect(thrown(() => parseSendResponse(json(500, 'oops'), ctx))).toMatchObject({ code: 'HTTP_500', delivery: 'unknown', retryable: false });
    expect(thrown(() => parseSendResponse(json(502, ''), ctx))).toMatchObject({ code: 'HTTP_502', delivery: 'unknown' });
  });

  it('200, 202 and 207 are success statuses for send; a 3xx is not', () => {
    for (const status of [200, 202, 207]) expect(parseSendResponse(json(status, SEND_202), context(['2799900001', '2799900002']))).toHaveLength(2);
    expect(thrown(() => parseSendResponse(json(302, SEND_202), ctx)).code).toBe('HTTP_302');
  });
});

describe('message status (GET) and stop (DELETE)', () => {
  it('reads status, description, charge and client message ID (Clickatell published shape)', () => {
    const body = { data: { charge: 0.8, messageStatus: '004', description: 'Received by recipient', apiMessageId: ID1, clientMessageId: 'ref1' } };
    expect(parseStatusResponse(json(200, body))).toMatchObject({
      type: 'message.status',
      messageId: ID1,
      clientReference: 'ref1',
      state: 'delivered',
      final: true,
      error: false,
      providerCode: '004',
      providerDescription: 'Received by recipient',
      charge: 0.8,
    });
  });

  it('accepts charges as strings, status codes without zero padding and an empty client message ID', () => {
    const body = { data: { charge: '1.5', messageStatus: 7, apiMessageId: ID1, clientMessageId: '' } };
    expect(parseStatusResponse(json(200, body))).toMatchObject({
      state: 'failed',
      error: true,
      providerCode: '007',
      providerDescription: 'Error delivering message',
      charge: 1.5,
      clientReference: null,
    });
  });

  it('uses the requested id when the answer omits it, and keeps unknown codes as unknown', () => {
    expect(parseStatusResponse(json(200, { data: { messageStatus: '099' } }), ID2)).toMatchObject({ messageId: ID2, state: 'unknown', providerCode: '099' });
  });

  it('refuses unreadable status answers', () => {
    expectMalformed(() => parseStatusResponse(json(200, { data: { apiMessageId: ID1 } })));
    expectMalformed(() => parseStatusResponse(json(200, { data: { apiMessageId: ID1, messageStatus: 'delivered' } })));
    expectMalformed(() => parseStatusResponse(json(200, { data: { messageStatus: '004' } })));
    expectMalformed(() => parseStatusResponse(json(200, { data: { apiMessageId: ID1, messageStatus: '004', charge: 'free' } })));
    expectMalformed(() => parseStopResponse(json(200, { data: null })));
  });

  it('404 on an unknown message', () => {
    expect(thrown(() => parseStatusResponse(json(404, '')))).toMatchObject({ code: 'HTTP_404', providerText: 'Not found' });
  });
});

describe('balance and coverage', () => {
  it('balance as a number', () => {
    expect(parseBalanceResponse(json(200, { data: { balance: 12 } })).balance).toBe(12);
  });

  it('refuses a missing or non-numeric balance', () => {
    expectMalformed(() => parseBalanceResponse(json(200, { data: {} })));
    expectMalformed(() => parseBalanceResponse(json(200, { data: { balance: 'lots' } })));
    expectMalformed(() => parseBalanceResponse(json(200, { data: { balance: true } })));
  });

  it('coverage: routable as 0/1 or strings, missing charge is null, destination defaults to the requested number', () => {
    expect(parseCoverageResponse(json(200, { data: { routable: 0, destination: '27999123456' } }))).toMatchObject({ routable: false, minimumCharge: null });
    expect(parseCoverageResponse(json(200, { data: { routable: 'true', minimumCharge: '0.8' } }), '27999123456')).toMatchObject({
      routable: true,
      destination: '27999123456',
      minimumCharge: 0.8,
    });
  });

  it('refuses unreadable coverage answers', () => {
    expectMalformed(() => parseCoverageResponse(json(200, { data: { destination: '27999123456' } })));
    expectMalformed(() => parseCoverageResponse(json(200, { data: { routable: 'perhaps', destination: '1' } })));
    expectMalformed(() => parseCoverageResponse(json(200, { data: { routable: true } })));
  });

  it('410 Gone for a blocked number', () => {
    expect(thrown(() => parseCoverageResponse(json(410, '')))).toMatchObject({ code: 'HTTP_410', providerText: 'Gone' });
  });
});

// Issue 11 item 3. A real capture of the REST API refusing an invalid number (dfch,
// biz.dfch.PS.System.Utilities, Send-ShortMessage help, "HTTP/1.1 400 Bad Request", 16 Feb 2015).
const REAL_400 =
  '{"data":{"message":[{"accepted":false,"to":"333","apiMessageId":"","error":{"code":"105","description":"Invalid Destination Address","documentation":"http://www.clickatell.com/help/apidocs/error/105.htm"}}]}}';

describe('non-2xx answers that carry data.message[] entries', () => {
  it('a 400 send answer gives each recipient its own code and text, not a bare HTTP_400', () => {
    const [outcome] = parseSendResponse(json(400, REAL_400), context(['333']));
    expect(errorOutcome(outcome)).toMatchObject({ code: '105', providerText: 'Invalid Destination Address', httpStatus: 400, recipient: '333' });
    expect(errorOutcome(outcome).hint).toContain('international format');
  });

  it('a 400 with entries for several recipients keeps each one\'s code', () => {
    const body = {
      data: {
        message: [
          { accepted: false, to: '333', apiMessageId: '', error: { code: '105', description: 'Invalid Destination Address' } },
          { accepted: false, to: '27999000001', apiMessageId: '', error: { code: '121', description: 'Destination mobile number blocked' } },
        ],
      },
    };
    const outcomes = parseSendResponse(json(400, body), context(['333', '27999000001']));
    expect(outcomes.map((o) => errorOutcome(o).code)).toEqual(['105', '121']);
  });

  it('a lookup answered 400 with an entry reports the entry\'s code', () => {
    expect(thrown(() => parseStatusResponse(json(400, REAL_400)))).toMatchObject({ code: '105', providerText: 'Invalid Destination Address', httpStatus: 400 });
  });

  it('429 with entries stays a whole-request, retryable failure', () => {
    expect(thrown(() => parseSendResponse(json(429, REAL_400), context(['333'])))).toMatchObject({ code: '105', retryable: true, delivery: 'no' });
  });
});

// Issue 11 item 6: a hint never contradicts the provider's own text.
describe('hints that agree with the provider', () => {
  it('a 105 whose text is not about the number gets no number-format hint', () => {
    const body = { error: { code: '105', description: 'Invalid Account Reference' } };
    const error = thrown(() => parseBalanceResponse(json(400, body)));
    expect(error).toMatchObject({ code: '105', providerText: 'Invalid Account Reference' });
    expect(error.hint).not.toMatch(/international format|digits only/i);
    expect(error.hint).toContain('Invalid destination address');
  });

  it('the documented text, in any case or with punctuation, keeps the code\'s hint', () => {
    const body = { error: { code: '105', description: 'Invalid destination address.' } };
    expect(thrown(() => parseBalanceResponse(json(400, body))).hint).toBe(clickatellError('105', 'rest')!.hint);
  });
});
