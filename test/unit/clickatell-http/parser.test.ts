import { clickatellError } from '../../../gateways/codes/clickatell-errors';
import { CLICKATELL_STATUS } from '../../../gateways/codes/clickatell-status';
import { GatewayError } from '../../../gateways/errors';
import type { RecipientOutcome } from '../../../gateways/gateway';
import {
  parseAuthResponse,
  parseBalanceResponse,
  parseCoverageResponse,
  parsePingResponse,
  parseSendResponse,
  parseStatusResponse,
  parseTokenPayResponse,
  type SendContext,
} from '../../../gateways/clickatell-http/parser';

const NOW = new Date('2024-05-01T12:00:00Z');
const ID = 'f7012c1edff2509a19ce1667c7f52b18';
const ID2 = '8a9b0c1d2e3f405162738495a6b7c8d9';

function context(recipients: string[], extra: Partial<SendContext> = {}): SendContext {
  return { recipients, text: 'Hello World', from: null, clientReference: null, encoding: 'GSM-7', parts: 1, ...extra };
}

function thrown(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a GatewayError');
}

function expectMalformed(run: () => unknown): GatewayError {
  const error = thrown(run);
  expect(error.code).toBe('MALFORMED_RESPONSE');
  expect(error.provider).toBe('clickatell-http');
  expect(error.delivery).toBe('unknown');
  expect(error.retryable).toBe(false);
  return error;
}

function ok(outcome: RecipientOutcome) {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.message}`);
  return outcome.event;
}

function failed(outcome: RecipientOutcome) {
  if (outcome.ok) throw new Error('expected an error outcome');
  return outcome.error;
}

/** The error code table of the spec (code, description), as printed there. */
const SPEC_ERRORS: Array<[string, string]> = [
  ['001', 'Authentication failed'],
  ['002', 'Unknown username or password'],
  ['003', 'Session ID expired'],
  ['005', 'Missing session ID'],
  ['007', 'IP Lockdown violation'],
  ['101', 'Invalid or missing parameters'],
  ['102', 'Invalid user data header'],
  ['103', 'Unknown API message ID'],
  ['104', 'Unknown client message ID'],
  ['105', 'Invalid destination address'],
  ['106', 'Invalid source address'],
  ['107', 'Empty message'],
  ['108', 'Invalid or missing API ID'],
  ['109', 'Missing message ID'],
  ['113', 'Maximum message parts exceeded'],
  ['114', 'Cannot route message'],
  ['115', 'Message expired'],
  ['116', 'Invalid Unicode data'],
  ['120', 'Invalid delivery time'],
  ['121', 'Destination mobile number blocked'],
  ['122', 'Destination mobile opted out'],
  ['123', 'Invalid Sender ID'],
  ['128', 'Number delisted'],
  ['130', 'Maximum MT limit exceeded until 1717243200'],
  ['201', 'Invalid batch ID'],
  ['202', 'No batch template'],
  ['301', 'No credit left'],
  ['901', 'Internal error'],
];

describe('spec examples', () => {
  it('auth: OK: <session_id>', () => {
    expect(parseAuthResponse('OK: a5d8e0c1f2b3a4958677e6d5c4b3a291')).toBe('a5d8e0c1f2b3a4958677e6d5c4b3a291');
  });

  it('ping: "OK: "', () => {
    expect(() => parsePingResponse('OK: ')).not.toThrow();
  });

  it('sendmsg single recipient: ID: <apimsgid> (intro example)', () => {
    const [outcome] = parseSendResponse(`ID: ${ID}`, context(['27831234567']), NOW);
    const event = ok(outcome);
    expect(outcome.to).toBe('27831234567');
    expect(event).toMatchObject({
      type: 'message.sent',
      provider: 'clickatell-http',
      messageId: ID,
      to: '27831234567',
      state: 'accepted',
      providerCode: null,
      encoding: 'GSM-7',
      parts: 1,
      timestamp: NOW.toISOString(),
      raw: { ID },
    });
  });

  it('sendmsg single recipient failure: ERR: <code>, <description> (intro: ERR: 101, Authentication failed)', () => {
    const [outcome] = parseSendResponse('ERR: 101, Authentication failed', context(['27831234567']), NOW);
    const error = failed(outcome);
    expect(error).toMatchObject({ provider: 'clickatell-http', code: '101', providerText: 'Authentication failed', recipient: '27831234567', delivery: 'yes' });
    // The intro's text is not what 101 documents ("Invalid or missing parameters"), so the hint for 101
    // ("check the required fields") would contradict it: a neutral hint instead (issue 11 item 6).
    expect(error.hint).not.toBe(clickatellError('101', 'http')?.hint);
    expect(error.hint).toContain('Invalid or missing parameters');
  });

  it('sendmsg multiple recipients: ID: <apimsgid> To: <recipient> lines', () => {
    const outcomes = parseSendResponse(`ID: ${ID} To: 27831234567\nID: ${ID2} To: 16501234567`, context(['27831234567', '16501234567']), NOW);
    expect(outcomes.map((o) => ok(o).messageId)).toEqual([ID, ID2]);
    expect(ok(outcomes[1]).raw).toEqual({ ID: ID2, To: '16501234567' });
  });

  it('sendmsg multiple recipients failure: ERR: <code>, <description> To: <recipient> lines', () => {
    const outcomes = parseSendResponse(
      'ERR: 105, Invalid destination address To: 27831234567\nERR: 121, Destination mobile number blocked To: 16501234567',
      context(['27831234567', '16501234567']),
    );
    expect(outcomes.map((o) => [failed(o).code, failed(o).providerText, failed(o).recipient])).toEqual([
      ['105', 'Invalid destination address', '27831234567'],
      ['121', 'Destination mobile number blocked', '16501234567'],
    ]);
  });

  it('sendmsg mixed response', () => {
    const outcomes = parseSendResponse(
      `ID: ${ID} To: 27831234567\nERR: 114, Cannot route message To: 447700900123\nID: ${ID2} To: 16501234567`,
      context(['27831234567', '447700900123', '16501234567']),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(failed(outcomes[1]).code).toBe('114');
    expect(ok(outcomes[2]).messageId).toBe(ID2);
  });

  it('delmsg: ID: <apimsgid> Status: <status code>', () => {
    const event = parseStatusResponse(`ID: ${ID} Status: 006`, 'delmsg');
    expect(event).toMatchObject({
      type: 'message.status',
      messageId: ID,
      state: 'cancelled',
      final: true,
      error: false,
      providerCode: '006',
      providerDescription: 'User cancelled message delivery',
      charge: null,
      timestamp: null,
      raw: { ID, Status: '006' },
    });
  });

  it('querymsg: ID: <apimsgid> Status: <status code>', () => {
    expect(parseStatusResponse(`ID: ${ID} Status: 004`, 'querymsg')).toMatchObject({ state: 'delivered', final: true, error: false, providerCode: '004' });
  });

  it('getmsgcharge: ID: <apimsgid> Charge: <0.0> Status: <status code>', () => {
    const event = parseStatusResponse(`ID: ${ID} Charge: 0.8 Status: 004`, 'getmsgcharge');
    expect(event).toMatchObject({ messageId: ID, charge: 0.8, state: 'delivered', providerCode: '004', raw: { ID, Charge: '0.8', Status: '004' } });
  });

  // Real-gateway forms from public clients (issue 11 item 1). Net::Clickatell 0.5 (CPAN, Christopherus Goo,
  // written against HTTP API spec 2.4.1), getMessageCharge POD: `apiMsgId: add8f5556c0d3d54bc94a4cd8800f01b4
  // charge: 0 status: 001`; a second Perl client's getmsgcharge POD: `apiMsgId: 18e8221e5aa50cfad72376e08f40388a
  // charge: 0.33 status: 004`.
  it.each([
    ['apiMsgId: add8f5556c0d3d54bc94a4cd8800f01b4 charge: 0 status: 001', 'add8f5556c0d3d54bc94a4cd8800f01b4', 0, '001'],
    ['apiMsgId: 18e8221e5aa50cfad72376e08f40388a charge: 0.33 status: 004', '18e8221e5aa50cfad72376e08f40388a', 0.33, '004'],
    [`status: 004 charge: 0.33 apimsgid: ${ID}`, ID, 0.33, '004'],
  ])('getmsgcharge in the real gateway form %j', (body, id, charge, code) => {
    expect(parseStatusResponse(body, 'getmsgcharge')).toMatchObject({ messageId: id, charge, providerCode: code });
  });

  it('an answer without the ID is read for the ID that was asked about, and refused without one', () => {
    expect(parseStatusResponse('charge: 0.33 status: 004', 'getmsgcharge', ID)).toMatchObject({ messageId: ID, charge: 0.33, state: 'delivered' });
    expect(parseStatusResponse('Status: 004', 'querymsg', ID)).toMatchObject({ messageId: ID, providerCode: '004' });
    expectMalformed(() => parseStatusResponse('charge: 0.33 status: 004', 'getmsgcharge'));
  });

  it('an answer about another message than the one asked about is malformed, never that message\'s status', () => {
    expectMalformed(() => parseStatusResponse(`apiMsgId: ${ID2} charge: 1 status: 004`, 'getmsgcharge', ID));
    expect(parseStatusResponse(`apiMsgId: ${ID} charge: 1 status: 004`, 'getmsgcharge', ID.toUpperCase()).messageId).toBe(ID);
  });

  // Issue 11 item 2. Clickatell's archived "Retrieve account balance" page (docs.clickatell.com, archive,
  // SMS HTTP/S API): "Successful API response: Credits: 123.00".
  it.each([['Credits: 123.00', 123], ['Credits: 123.00 \r\n', 123], ['credits: 0', 0]])('getbalance %j', (body, balance) => {
    expect(parseBalanceResponse(body).balance).toBe(balance);
  });

  it('getbalance: Credit: <0.0>', () => {
    expect(parseBalanceResponse('Credit: 0.0')).toEqual({ provider: 'clickatell-http', balance: 0, currency: null, raw: { Credit: '0.0' } });
    expect(parseBalanceResponse('Credit: 12.5').balance).toBe(12.5);
  });

  it('token_pay: OK: 605', () => {
    expect(parseTokenPayResponse('OK: 605')).toEqual({ ok: true, value: '605', raw: { OK: '605' } });
  });

  it.each(SPEC_ERRORS)('error code %s (%s) becomes a GatewayError with the table hint', (code, description) => {
    const error = thrown(() => parseBalanceResponse(`ERR: ${code}, ${description}`));
    expect(error).toMatchObject({ provider: 'clickatell-http', code, providerText: description, delivery: 'yes' });
    expect(error.hint).toBe(clickatellError(code, 'http')?.hint);
    expect(error.hint).toBeTruthy();
    expect(error.retryable).toBe(code === '901');
    expect(error.message).toContain(code);
  });

  it.each([...CLICKATELL_STATUS.values()].map((s) => [s.code, s.description, s.state] as const))(
    'status %s (%s) -> %s',
    (code, description, state) => {
      const event = parseStatusResponse(`ID: ${ID} Status: ${code}`, 'querymsg');
      expect(event).toMatchObject({ providerCode: code, providerDescription: description, state });
    },
  );

  it.each(['auth', 'ping', 'token_pay', 'getbalance', 'querymsg', 'getmsgcharge', 'delmsg'] as const)(
    '%s: ERR: <error code>, <error description> is thrown',
    (command) => {
      const run = {
        auth: () => parseAuthResponse('ERR: 001, Authentication failed'),
        ping: () => parsePingResponse('ERR: 003, Session ID expired'),
        token_pay: () => parseTokenPayResponse('ERR: 001, Authentication failed'),
        getbalance: () => parseBalanceResponse('ERR: 001, Authentication failed'),
        querymsg: () => parseStatusResponse('ERR: 103, Unknown API message ID', 'querymsg'),
        getmsgcharge: () => parseStatusResponse('ERR: 103, Unknown API message ID', 'getmsgcharge'),
        delmsg: () => parseStatusResponse('ERR: 109, Missing message ID', 'delmsg'),
      }[command];
      const error = thrown(run);
      expect(error.code).toMatch(/^\d{3}$/);
      expect(error.provider).toBe('clickatell-http');
    },
  );
});

describe('tolerant of what servers send', () => {
  it.each([
    `ID: ${ID}`,
    `ID:${ID}`,
    `id: ${ID}`,
    `  ID  :   ${ID}  `,
    `ID: ${ID}\n`,
    `ID: ${ID}\r\n`,
    `\r\nID: ${ID}\r\n\r\n`,
  ])('single send %j', (body) => {
    expect(ok(parseSendResponse(body, context(['27831234567']))[0]).messageId).toBe(ID);
  });

  it('multi-recipient lines in any order, with CRLF, odd spacing and case', () => {
    const body = `id:${ID2}  to:16501234567\r\nERR:105,Invalid destination address to :447700900123\r\nID : ${ID}\tTO: +27831234567\r\n`;
    const outcomes = parseSendResponse(body, context(['27831234567', '447700900123', '16501234567']));
    expect(ok(outcomes[0]).messageId).toBe(ID);
    expect(failed(outcomes[1])).toMatchObject({ code: '105', providerText: 'Invalid destination address', recipient: '447700900123' });
    expect(ok(outcomes[2]).messageId).toBe(ID2);
  });

  it('a single recipient may be answered with To:', () => {
    expect(ok(parseSendResponse(`ID: ${ID} To: 27831234567`, context(['27831234567']))[0]).messageId).toBe(ID);
  });

  it('keeps outcome.to as requested and event.to as sent', () => {
    const [outcome] = parseSendResponse(`ID: ${ID}`, { ...context(['447700900123']), requested: ['+44 7700 900123'] });
    expect(outcome.to).toBe('+44 7700 900123');
    expect(ok(outcome).to).toBe('447700900123');
  });

  it('a repeated number takes the next slot', () => {
    const outcomes = parseSendResponse(`ID: ${ID} To: 27831234567\nID: ${ID2} To: 27831234567`, context(['27831234567', '27831234567']));
    expect(outcomes.map((o) => ok(o).messageId)).toEqual([ID, ID2]);
  });

  it('carries clientReference, from, text, encoding and parts into sent events', () => {
    const [outcome] = parseSendResponse(
      `ID: ${ID}`,
      context(['27831234567'], { clientReference: 'ref42', from: 'ACME', text: 'Привет', encoding: 'UCS-2', parts: 1 }),
    );
    expect(ok(outcome)).toMatchObject({ clientReference: 'ref42', from: 'ACME', text: 'Привет', encoding: 'UCS-2', parts: 1 });
  });

  it.each(['4', '04', '004', ' 004'])('status %j is 004', (status) => {
    expect(parseStatusResponse(`ID: ${ID} Status:${status}`, 'querymsg').providerCode).toBe('004');
  });

  it('getmsgcharge with Status before Charge, any case, CRLF', () => {
    const event = parseStatusResponse(`id:${ID}  STATUS: 3 charge:1.5\r\n`, 'getmsgcharge');
    expect(event).toMatchObject({ charge: 1.5, providerCode: '003', state: 'sent', final: false });
  });

  it('a well-formed status code outside the table is kept as unknown', () => {
    expect(parseStatusResponse(`ID: ${ID} Status: 013`, 'querymsg')).toMatchObject({ providerCode: '013', state: 'unknown', final: false });
  });

  it.each([
    ['Credit: -3.25', -3.25],
    ['credit:12', 12],
    ['CREDIT :  7.5 \r\n', 7.5],
    ['Credit: .5', 0.5],
    ['Credit: 100.', 100],
  ])('balance %j', (body, balance) => {
    expect(parseBalanceResponse(body).balance).toBe(balance);
  });

  it.each(['OK:', 'OK: ', 'ok:', 'OK: \r\n', 'OK'.concat(':  ')])('ping %j', (body) => {
    expect(() => parsePingResponse(body)).not.toThrow();
  });

  it('auth tolerates spacing, case and CRLF', () => {
    expect(parseAuthResponse('ok:a5d8e0c1f2b3a4958677e6d5c4b3a291\r\n')).toBe('a5d8e0c1f2b3a4958677e6d5c4b3a291');
  });

  it('ERR lines: no space, no comma, zero padding, no text', () => {
    expect(thrown(() => parseBalanceResponse('ERR:1,Authentication failed'))).toMatchObject({ code: '001', providerText: 'Authentication failed' });
    expect(thrown(() => parseBalanceResponse('err: 301 No credit left'))).toMatchObject({ code: '301', providerText: 'No credit left' });
    expect(thrown(() => parseBalanceResponse('ERR: 003'))).toMatchObject({ code: '003', providerText: 'Session ID expired' });
    expect(thrown(() => parseBalanceResponse('ERR: 901, Internal error\r\n'))).toMatchObject({ code: '901', retryable: true });
  });

  it('keeps the provider text verbatim', () => {
    const text = 'Maximum MT limit exceeded until 1717243200';
    expect(thrown(() => parseBalanceResponse(`ERR: 130, ${text}`)).providerText).toBe(text);
  });

  it('an unknown ERR code is still a GatewayError with the text', () => {
    expect(thrown(() => parseBalanceResponse('ERR: 999, Something new'))).toMatchObject({ code: '999', providerText: 'Something new', retryable: false });
  });
});

describe('sendmsg: whole-request errors and recipients', () => {
  it.each(['001', '002', '003', '005', '007', '108', '901'])('ERR %s without To: throws (the whole request failed)', (code) => {
    expect(thrown(() => parseSendResponse(`ERR: ${code}, text`, context(['27831234567', '16501234567']))).code).toBe(code);
  });

  it('any other ERR without To: is reported for every recipient', () => {
    const outcomes = parseSendResponse('ERR: 301, No credit left', context(['27831234567', '16501234567']));
    expect(outcomes.map((o) => [o.to, failed(o).code, failed(o).recipient])).toEqual([
      ['27831234567', '301', '27831234567'],
      ['16501234567', '301', '16501234567'],
    ]);
  });

  it('a recipient missing from a multi response is an error outcome, not dropped', () => {
    const outcomes = parseSendResponse(`ID: ${ID} To: 27831234567`, context(['27831234567', '16501234567']));
    expect(outcomes).toHaveLength(2);
    expect(ok(outcomes[0]).messageId).toBe(ID);
    expect(failed(outcomes[1])).toMatchObject({ code: 'MALFORMED_RESPONSE', recipient: '16501234567', delivery: 'unknown', retryable: false });
  });

  it('a recipient that was not requested makes the answer malformed', () => {
    expectMalformed(() => parseSendResponse(`ID: ${ID} To: 27831234567\nID: ${ID2} To: 19995550000`, context(['27831234567', '16501234567'])));
    expectMalformed(() => parseSendResponse(`ID: ${ID} To: 27831234567\nID: ${ID2} To: 27831234567`, context(['27831234567', '16501234567'])));
  });

  it('one ID without To: for several recipients is malformed', () => {
    expectMalformed(() => parseSendResponse(`ID: ${ID}`, context(['27831234567', '16501234567'])));
  });

  it('a line without To: in a multi-line answer is malformed', () => {
    expectMalformed(() => parseSendResponse(`ID: ${ID} To: 27831234567\nID: ${ID2}`, context(['27831234567', '16501234567'])));
  });
});

describe('strict about what it cannot read', () => {
  it.each([
    '',
    '   \r\n',
    '<html><body>502 Bad Gateway</body></html>',
    'OK: 605',
    `ID: ${ID} Status: 004`,
    `ID: ${ID} Charge: 1`,
    `ID:`,
    `ID: ${ID} extra`,
    `ID: abc def`,
    `ID: ${ID} To: not-a-number`,
    `ID: ${ID} ID: ${ID2}`,
    `Message ID: ${ID}`,
    'ERR: abc, text',
    'Credit: 5',
  ])('sendmsg %j', (body) => {
    expectMalformed(() => parseSendResponse(body, context(['27831234567'])));
  });

  it.each(['', 'OK', 'OK: 5 Credit: 3', 'Credit: 12,5', 'Credit: abc', 'Credit:', 'Credit: 5\nCredit: 6', `ID: ${ID}`, 'Balance: 5'])('getbalance %j', (body) => {
    expectMalformed(() => parseBalanceResponse(body));
  });

  it.each([
    ['querymsg', `ID: ${ID}`],
    ['querymsg', `ID: ${ID} Status: abc`],
    ['querymsg', `ID: ${ID} Status: 0004`],
    ['querymsg', `ID: ${ID} Status: 004 Charge: 1`],
    ['querymsg', `Status: 004`],
    ['querymsg', `ID: ${ID} Status: 004 To: 27831234567`],
    ['querymsg', `ID: ${ID} Status: 004\nID: ${ID2} Status: 004`],
    ['getmsgcharge', `ID: ${ID} Status: 004`],
    ['getmsgcharge', `ID: ${ID} Charge: free Status: 004`],
    ['delmsg', 'OK: '],
    ['delmsg', 'Credit: 4'],
  ] as const)('%s %j', (command, body) => {
    expectMalformed(() => parseStatusResponse(body, command));
  });

  it.each(['', 'OK: ', 'OK: two words', 'ID: abc', 'Credit: 5', 'OK: abc\nOK: def'])('auth %j', (body) => {
    const error = expectMalformed(() => parseAuthResponse(body));
    // The auth answer is never quoted: it may hold a session id.
    expect(error.providerText).toBe('empty or unreadable response');
  });

  it.each(['', 'ID: x', 'Credit: 1', 'PONG'])('ping %j', (body) => {
    expectMalformed(() => parsePingResponse(body));
  });

  it.each(['', 'Credit: 605', 'OK 605'])('token_pay %j', (body) => {
    expectMalformed(() => parseTokenPayResponse(body));
  });

  it('quotes an excerpt of the unreadable body (never for auth)', () => {
    const error = expectMalformed(() => parseBalanceResponse('<html>Service Unavailable</html>'));
    expect(error.providerText).toContain('Service Unavailable');
  });
});

describe('route coverage (published behaviour)', () => {
  it('OK: <text> Charge: <n> is routable with its minimum charge', () => {
    const result = parseCoverageResponse('OK: This prefix is currently supported. Messages sent to this prefix will be routed. Charge: 0.8', '27831234567');
    expect(result).toEqual({
      provider: 'clickatell-http',
      destination: '27831234567',
      routable: true,
      minimumCharge: 0.8,
      raw: { OK: 'This prefix is currently supported. Messages sent to this prefix will be routed.', Charge: '0.8' },
    });
  });

  it('tolerates case and CRLF, and OK without a charge', () => {
    expect(parseCoverageResponse('ok: supported charge:1\r\n', '1').minimumCharge).toBe(1);
    expect(parseCoverageResponse('OK: supported', '1')).toMatchObject({ routable: true, minimumCharge: null });
  });

  it('ERR: <text> without a code is not routable', () => {
    const result = parseCoverageResponse(
      'ERR: This prefix is not currently supported. Messages sent to this prefix will fail. Please contact support for assistance.',
      '99912345678',
    );
    expect(result).toMatchObject({ routable: false, minimumCharge: null, destination: '99912345678' });
  });

  it('a coded ERR is an error, not "not routable"', () => {
    expect(thrown(() => parseCoverageResponse('ERR: 001, Authentication failed', '1')).code).toBe('001');
  });

  it.each(['', 'ERR:', 'ERR: 12abc', 'OK: supported Charge: lots', 'Credit: 1', 'supported'])('malformed %j', (body) => {
    expectMalformed(() => parseCoverageResponse(body, '1'));
  });
});

describe('field separators', () => {
  // Found by the property test (seed 91414698): a hyphen glued to the ID must not read as `ID: x To: y`.
  it('does not split fields on punctuation: the line is unreadable, never a success', () => {
    expectMalformed(() =>
      parseSendResponse(
        'ID: f7012c1edff2509a19ce1667c7f52b18-To: 447700900123\nERR: 105, Invalid destination address To: 27831234567',
        { recipients: ['447700900123', '27831234567'], text: 'Hi', from: null, clientReference: null, encoding: 'GSM-7', parts: 1 },
      ),
    );
  });
});

// Issue 11 item 6 on the legacy API: the hint follows the provider's text.
describe('ERR: hints that agree with the provider', () => {
  function balanceError(body: string): GatewayError {
    try {
      parseBalanceResponse(body);
    } catch (error) {
      return error as GatewayError;
    }
    throw new Error('expected an error');
  }

  it('keeps the hint when the text is the documented one, drops it when the text says something else', () => {
    expect(balanceError('ERR: 105, Invalid Destination Address').hint).toBe(clickatellError('105', 'http')!.hint);
    const other = balanceError('ERR: 105, Invalid Account Reference');
    expect(other.providerText).toBe('Invalid Account Reference');
    expect(other.hint).not.toMatch(/international format/i);
  });
});
