import { CLICKSEND_RESULTS, clickSendResult } from '../../../gateways/codes/clicksend-results';
import type { RecipientOutcome } from '../../../gateways/gateway';
import {
  clickSendResultError,
  parseBalanceResponse,
  parseDeliveryReportsResponse,
  parseHistoryResponse,
  parseRepliesResponse,
  parseSendResponse,
  type ClickSendSendContext,
} from '../../../gateways/clicksend/parser';
import { BALANCE_RESPONSE, DELIVERY_RESPONSE, HISTORY_RESPONSE, REPLY_RESPONSE, SEND_RESPONSE } from './fixtures';
import { NOW, thrown, xml } from './helpers';

function context(recipients: string[], extra: Partial<ClickSendSendContext> = {}): ClickSendSendContext {
  return { recipients, text: 'testing', from: null, clientReference: null, encoding: 'GSM-7', parts: 1, now: NOW, ...extra };
}

function expectMalformed(run: () => unknown): void {
  const error = thrown(run);
  expect(error.code).toBe('MALFORMED_RESPONSE');
  expect(error.provider).toBe('clicksend');
  expect(error.delivery).toBe('unknown');
}

function okEvent(outcome: RecipientOutcome) {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.message}`);
  return outcome.event;
}

function errorOf(outcome: RecipientOutcome) {
  if (outcome.ok) throw new Error('expected an error outcome');
  return outcome.error;
}

function message(to: string, result: string, errortext: string, id = ''): string {
  return `<message><to>${to}</to><messageid>${id}</messageid><result>${result}</result><errortext>${errortext}</errortext></message>`;
}

function sendDoc(...messages: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><xml><messages recipientcount="${messages.length}">${messages.join('')}</messages></xml>`;
}

describe('spec examples: responses', () => {
  it('send.php: one <message> with id, result, price and currency', () => {
    const [outcome] = parseSendResponse(xml(SEND_RESPONSE), context(['+61411111111'], { clientReference: 'my_ref', from: 'MyCompany' }));
    expect(outcome.to).toBe('+61411111111');
    expect(okEvent(outcome)).toEqual({
      type: 'message.sent',
      provider: 'clicksend',
      messageId: '32794C10-F9CA-4E17-ABEC-F2F764EEC922',
      clientReference: 'my_ref',
      to: '+61411111111',
      from: 'MyCompany',
      text: 'testing',
      state: 'accepted',
      final: false,
      error: false,
      providerCode: '0000',
      providerDescription: 'Success',
      // +61411111111 is a free test number: quoted 0.0282 (raw.price) but not charged.
      charge: 0,
      timestamp: NOW.toISOString(),
      encoding: 'GSM-7',
      parts: 1,
      raw: {
        to: '+61411111111',
        messageid: '32794C10-F9CA-4E17-ABEC-F2F764EEC922',
        result: '0000',
        errortext: 'Success',
        price: '0.0282',
        currency_symbol: '$',
        currency_type: 'USD',
      },
    });
  });

  it('reply.php: two replies as inbound events', () => {
    const events = parseRepliesResponse(xml(REPLY_RESPONSE));
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({
      type: 'message.inbound',
      provider: 'clicksend',
      messageId: null,
      clientReference: null,
      to: '+61400000000',
      from: '+61411111111',
      text: 'This is a reply',
      state: 'received',
      final: true,
      error: false,
      providerCode: null,
      providerDescription: null,
      charge: null,
      timestamp: null,
      inReplyTo: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78',
      raw: {
        from: '+61411111111',
        message: 'This is a reply',
        originalmessage: 'Hello. Please reply',
        originalmessageid: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78',
        originalsenderid: '+61400000000',
        customstring: '',
        username: 'testuser101',
      },
    });
    expect(events[1]).toMatchObject({ from: '+61422222222', text: 'This is another reply', inReplyTo: 'F15F83H8-15AC-3R31-777E-7E8FB09SSDP2' });
  });

  it('delivery.php: Delivered is delivered and final, Undelivered is failed, final and an error', () => {
    const [delivered, undelivered] = parseDeliveryReportsResponse(xml(DELIVERY_RESPONSE));
    expect(delivered).toMatchObject({
      type: 'message.status',
      provider: 'clicksend',
      messageId: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78',
      clientReference: null,
      state: 'delivered',
      final: true,
      error: false,
      providerCode: '201',
      raw: { status: 'Delivered', status_code: '201', username: 'testuser101' },
    });
    expect(undelivered).toMatchObject({
      messageId: 'F15F83H8-15AC-3R31-777E-7E8FB09SSDP2',
      state: 'failed',
      final: true,
      error: true,
      providerCode: '301',
    });
  });

  it('history.php: <result> inside <history>; out is message.sent, in is message.inbound; dates to ISO', () => {
    const [out, inbound] = parseHistoryResponse(xml(HISTORY_RESPONSE));
    expect(out).toMatchObject({
      type: 'message.sent',
      messageId: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78',
      to: '+61411111111',
      from: 'MyCompany',
      text: 'This is a test message',
      state: 'sent',
      final: false,
      clientReference: 'our-ref-1234',
      providerDescription: 'Sent',
      timestamp: '2014-10-26T02:39:04.000Z',
      raw: { direction: 'out', schedule: '1414291144', from_email: 'test@email.com' },
    });
    expect(inbound).toMatchObject({
      type: 'message.inbound',
      messageId: 'F15F83H8-15AC-3R31-777E-7E8FB09SSDP2',
      from: '+61411111111',
      to: '+61422222222',
      text: 'This is a test message reply',
      state: 'received',
      final: true,
      timestamp: '2014-10-26T02:39:15.000Z',
    });
  });

  it('balance.php: 125.00 with the currency symbol', () => {
    expect(parseBalanceResponse(xml(BALANCE_RESPONSE))).toEqual({
      provider: 'clicksend',
      balance: 125,
      currency: '$',
      raw: { result: '0000', errortext: 'Success', balance: '125.00', type: 'Prepay', currency_symbol: '$' },
    });
  });
});

describe('send.php results', () => {
  it('per-recipient result codes become per-recipient errors with ClickSend text and the table hint', () => {
    const body = sendDoc(
      message('+61411111111', '0000', 'Success', 'ID-1'),
      message('+61422222222', '2015', 'Invalid recipient'),
      message('+61433333333', '2016', ''),
    );
    const [ok, invalid, throttled] = parseSendResponse(xml(body), context(['+61411111111', '+61422222222', '+61433333333']));
    expect(okEvent(ok).messageId).toBe('ID-1');
    expect(errorOf(invalid)).toMatchObject({
      provider: 'clicksend',
      code: '2015',
      providerText: 'Invalid recipient',
      hint: clickSendResult('2015').hint,
      recipient: '+61422222222',
      retryable: false,
    });
    expect(errorOf(throttled)).toMatchObject({ code: '2016', providerText: 'Throttled' });
  });

  it('21xx internal errors are retryable', () => {
    const [outcome] = parseSendResponse(xml(sendDoc(message('+61411111111', '2104', 'Internal error'))), context(['+61411111111']));
    expect(errorOf(outcome)).toMatchObject({ code: '2104', retryable: true });
  });

  it('a top-level result without messages fails the whole request', () => {
    const body = `<?xml version='1.0' encoding='UTF-8'?><xml><result>2022</result><errortext>Invalid credentials</errortext></xml>`;
    const error = thrown(() => parseSendResponse(xml(body), context(['+61411111111'])));
    expect(error).toMatchObject({ provider: 'clicksend', code: '2022', providerText: 'Invalid credentials', hint: clickSendResult('2022').hint });
    const empty = `<xml><messages recipientcount="0"></messages><result>2052</result><errortext></errortext></xml>`;
    expect(thrown(() => parseSendResponse(xml(empty), context(['+61411111111'])))).toMatchObject({ code: '2052', providerText: 'Too many recipients' });
  });

  it('every documented result code maps through the table', () => {
    for (const [code, info] of CLICKSEND_RESULTS) {
      if (info.success) continue;
      const error = thrown(() => parseBalanceResponse(xml(`<xml><result>${code}</result><errortext>${info.text}</errortext></xml>`)));
      expect(error.code).toBe(code);
      expect(error.hint).toBe(info.hint);
      expect(clickSendResultError(code).providerText).toBe(info.text);
    }
  });

  it('orders outcomes by the request, pairing local numbers sent with country by their digits', () => {
    const body = sendDoc(message('+61422222222', '0000', 'Success', 'B'), message('+61411111111', '0000', 'Success', 'A'));
    const outcomes = parseSendResponse(xml(body), context(['0411111111', '0422222222']));
    expect(outcomes.map((outcome) => [outcome.to, okEvent(outcome).messageId, okEvent(outcome).to])).toEqual([
      ['0411111111', 'A', '+61411111111'],
      ['0422222222', 'B', '+61422222222'],
    ]);
  });

  it('charges the quoted price for a real number and nothing for a free test number (price kept in raw)', () => {
    const priced = (to: string) => `<message><to>${to}</to><messageid>ID-${to}</messageid><result>0000</result><errortext>Success</errortext><price>0.0282</price></message>`;
    const outcomes = parseSendResponse(xml(sendDoc(priced('+61412000001'), priced('+61422222222'))), context(['+61412000001', '+61422222222']));
    expect(outcomes.map((outcome) => [okEvent(outcome).charge, okEvent(outcome).raw.price])).toEqual([
      [0.0282, '0.0282'],
      [0, '0.0282'],
    ]);
  });

  it('reports a recipient without a result as MISSING_RESULT', () => {
    const body = sendDoc(message('+61411111111', '0000', 'Success', 'A'));
    const [, missing] = parseSendResponse(xml(body), context(['+61411111111', '+61422222222']));
    expect(errorOf(missing)).toMatchObject({ code: 'MISSING_RESULT', delivery: 'unknown', recipient: '+61422222222' });
  });

  it('marks scheduled sends as scheduled', () => {
    expect(okEvent(parseSendResponse(xml(SEND_RESPONSE), context(['+61411111111'], { scheduled: true }))[0]).state).toBe('scheduled');
  });

  it('refuses unreadable send answers', () => {
    const ctx = context(['+61411111111']);
    expectMalformed(() => parseSendResponse(xml(''), ctx));
    expectMalformed(() => parseSendResponse(xml('Success'), ctx));
    expectMalformed(() => parseSendResponse(xml('<xml><result>0000</result></xml>'), ctx));
    expectMalformed(() => parseSendResponse(xml('<xml><messages/></xml>'), ctx));
    expectMalformed(() => parseSendResponse(xml(sendDoc('<message><to>+61411111111</to><messageid>A</messageid></message>')), ctx));
    expectMalformed(() => parseSendResponse(xml(sendDoc(message('+61411111111', '0000', 'Success'))), ctx));
    expectMalformed(() => parseSendResponse(xml(sendDoc(message('+61411111111', 'OK', 'Success', 'A'))), ctx));
    expectMalformed(() => parseSendResponse(xml(SEND_RESPONSE.replace('0.0282', 'cheap')), ctx));
    expectMalformed(() => parseSendResponse(xml(SEND_RESPONSE.replace(/xml>/g, 'response>')), ctx));
    expectMalformed(() => parseSendResponse(xml(SEND_RESPONSE.replace('</messages>', '')), ctx));
  });
});

describe('XML variations real servers send', () => {
  it('single quotes, extra whitespace, case differences and zero-padding-free codes', () => {
    const body = `<?xml version='1.0'?>\r\n<XML>\n  <Messages recipientcount='1'>\n    <Message>\n      <To> +61411111111 </To>\n      <MessageID> ID-9 </MessageID>\n      <Result> 0 </Result>\n    </Message>\n  </Messages>\n</XML>\n`;
    expect(okEvent(parseSendResponse(xml(body), context(['+61411111111']))[0])).toMatchObject({ messageId: 'ID-9', providerCode: '0000' });
  });

  it('entities and CDATA in reply texts', () => {
    const body = `<xml><replies replycount="2"><reply><from>+61411111111</from><message>Fish &amp; chips &lt;3 &#x1F600;</message><originalmessageid>X</originalmessageid></reply><reply><from>+61422222222</from><message><![CDATA[<b>Yes</b> & no]]></message></reply></replies><result>0000</result></xml>`;
    expect(parseRepliesResponse(xml(body)).map((event) => event.text)).toEqual(['Fish & chips <3 😀', '<b>Yes</b> & no']);
  });

  it('keeps spaces around a reply text', () => {
    const body = `<xml><replies><reply><from>+61411111111</from><message>  yes please  </message></reply></replies><result>0000</result></xml>`;
    expect(parseRepliesResponse(xml(body))[0].text).toBe('  yes please  ');
  });

  it('history with <result> at the top level, and no items', () => {
    const body = `<xml><history historycount='0'></history><result>0000</result><errortext>Success</errortext></xml>`;
    expect(parseHistoryResponse(xml(body))).toEqual([]);
  });

  it('history status words map to states', () => {
    const item = (status: string) => `<item><messageid>M</messageid><direction>out</direction><date></date><status>${status}</status></item>`;
    const body = `<xml><history>${['Delivered', 'Undelivered', 'Queued', 'Scheduled', 'Cancelled', 'Mystery'].map(item).join('')}<result>0000</result></history></xml>`;
    expect(parseHistoryResponse(xml(body)).map((event) => [event.state, event.final, event.error, event.timestamp])).toEqual([
      ['delivered', true, false, null],
      ['failed', true, true, null],
      ['queued', false, false, null],
      ['scheduled', false, false, null],
      ['cancelled', true, false, null],
      ['unknown', false, false, null],
    ]);
  });

  it('no replies or reports: an empty list', () => {
    expect(parseRepliesResponse(xml(`<xml><replies replycount='0'/><result>0000</result></xml>`))).toEqual([]);
    expect(parseDeliveryReportsResponse(xml(`<xml><result>0000</result><errortext>Success</errortext></xml>`))).toEqual([]);
  });

  it('balance given as a bare number with currency_type', () => {
    expect(parseBalanceResponse(xml(`<xml><result>0000</result><balance>7</balance><currency_type>AUD</currency_type></xml>`))).toMatchObject({ balance: 7, currency: 'AUD' });
  });
});

describe('errors and unreadable answers', () => {
  it('a non-success result throws for replies, reports, history and balance', () => {
    const failing = `<xml><result>2006</result><errortext>Missing credentials</errortext></xml>`;
    for (const parse of [parseRepliesResponse, parseDeliveryReportsResponse, parseHistoryResponse, parseBalanceResponse]) {
      expect(thrown(() => parse(xml(failing)))).toMatchObject({ code: '2006', providerText: 'Missing credentials' });
    }
    // The result and its text change together (a 2018 answered with the text "Success" would contradict itself).
    const inHistory = HISTORY_RESPONSE.replace('<result>0000</result>', '<result>2018</result>').replace(/<errortext>Success<\/errortext>/g, '<errortext>Low credit</errortext>');
    expect(thrown(() => parseHistoryResponse(xml(inHistory)))).toMatchObject({ code: '2018', hint: clickSendResult('2018').hint });
  });

  it('a missing result is MALFORMED_RESPONSE, never a success', () => {
    expectMalformed(() => parseRepliesResponse(xml(REPLY_RESPONSE.replace('<result>0000</result>', ''))));
    expectMalformed(() => parseDeliveryReportsResponse(xml(DELIVERY_RESPONSE.replace('<result>0000</result>', ''))));
    expectMalformed(() => parseHistoryResponse(xml(HISTORY_RESPONSE.replace('<result>0000</result>', ''))));
    expectMalformed(() => parseBalanceResponse(xml(BALANCE_RESPONSE.replace('<result>0000</result>', ''))));
  });

  it('records that cannot be read are MALFORMED_RESPONSE', () => {
    expectMalformed(() => parseDeliveryReportsResponse(xml(`<xml><dlrs><dlr><status>Delivered</status></dlr></dlrs><result>0000</result></xml>`)));
    expectMalformed(() => parseRepliesResponse(xml(`<xml><replies><reply><message>hi</message></reply></replies><result>0000</result></xml>`)));
    expectMalformed(() => parseHistoryResponse(xml(`<xml><history><item><direction>sideways</direction></item><result>0000</result></history></xml>`)));
    expectMalformed(() => parseBalanceResponse(xml(`<xml><result>0000</result></xml>`)));
    expectMalformed(() => parseBalanceResponse(xml(`<xml><result>0000</result><balance>much</balance></xml>`)));
  });

  it.each([
    [429, true, 'no'],
    [503, true, 'no'],
    [500, false, 'unknown'],
    [502, false, 'unknown'],
    [404, false, 'no'],
    [401, false, 'no'],
  ])('HTTP %i is HTTP_<status> (retryable %s, delivery %s), whatever the body', (status, retryable, delivery) => {
    for (const parse of [parseRepliesResponse, parseBalanceResponse]) {
      const error = thrown(() => parse(xml(BALANCE_RESPONSE, status, { 'retry-after': '3' })));
      expect(error).toMatchObject({ provider: 'clicksend', code: `HTTP_${status}`, httpStatus: status, retryable, delivery });
      expect(error.retryAfterMs).toBe(retryable ? 3000 : undefined);
    }
    expect(thrown(() => parseSendResponse(xml(SEND_RESPONSE, status), context(['+61411111111']))).code).toBe(`HTTP_${status}`);
  });
});

// Issue 11 item 6: a hint never contradicts ClickSend's own text.
describe('result hints that agree with the provider', () => {
  it('keeps the code\'s hint for its documented text and drops it for a text about something else', () => {
    expect(clickSendResultError('2015', 'Invalid recipient').hint).toBe(clickSendResult('2015').hint);
    expect(clickSendResultError('2015', 'The destination mobile number is invalid.').hint).toBe(clickSendResult('2015').hint);
    const other = clickSendResultError('2015', 'Account suspended');
    expect(other.providerText).toBe('Account suspended');
    expect(other.hint).not.toBe(clickSendResult('2015').hint);
    expect(other.hint).toContain('Invalid recipient');
  });
});
