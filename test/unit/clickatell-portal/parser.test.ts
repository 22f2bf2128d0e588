import { parseOneStatusResponse, parsePlatformBalanceResponse, parsePortalSendResponse } from '../../../gateways/clickatell-portal/parser';
import type { SentBatchContext } from '../../../gateways/gateway';
import { NOW, json, thrown } from './helpers';

/** Every example body of ../shared/specs/clickatell-platform-api.md (§2.3, §4.1, §6.1, §6.4), and the digest's status rules. */

const ONE_ID = '77fb29998253415fa5d66971d519d362';
const PLATFORM_ID = 'af750c2dc53e4e4c88c39b3b48756d3a';

function context(recipients: string[]): SentBatchContext {
  return { recipients, text: 'Hello', clientReference: 'order-42', encoding: 'GSM-7', parts: 1, now: NOW };
}

describe('Platform send response', () => {
  it("reads §2.3's 202 example with the flat error fields", () => {
    const body = {
      messages: [{ apiMessageId: PLATFORM_ID, accepted: true, to: '27999000001', errorCode: null, error: null, errorDescription: null }],
      errorCode: null,
      error: null,
      errorDescription: null,
    };
    const [outcome] = parsePortalSendResponse('clickatell-platform', json(202, body), context(['27999000001']));
    expect(outcome).toEqual({
      to: '27999000001',
      ok: true,
      event: expect.objectContaining({ type: 'message.sent', provider: 'clickatell-platform', messageId: PLATFORM_ID, clientReference: 'order-42', state: 'accepted', timestamp: NOW.toISOString(), parts: 1 }),
    });
  });

  it('reads a per-message refusal in the flat form, code verbatim, no table lookup', () => {
    const body = {
      messages: [
        { apiMessageId: PLATFORM_ID, accepted: true, to: '27999000001' },
        { apiMessageId: '', accepted: false, to: '27999000002', errorCode: 105, error: 'Invalid destination address', errorDescription: 'The number is not valid' },
      ],
    };
    const outcomes = parsePortalSendResponse('clickatell-platform', json(207, body), context(['27999000001', '27999000002']));
    expect(outcomes[1]).toMatchObject({ ok: false, error: { provider: 'clickatell-platform', code: '105', providerText: 'The number is not valid', recipient: '27999000002', httpStatus: 207, certainlyNotSent: true } });
  });

  it('a request-level error fails the whole request, even at 202', () => {
    const error = thrown(() => parsePortalSendResponse('clickatell-platform', json(202, { messages: [], errorCode: 1, error: 'Invalid or missing API key', errorDescription: null }), context(['27999000001'])));
    expect(error).toMatchObject({ code: '1', providerText: 'Invalid or missing API key' });
  });

  it('pairs out-of-order entries by number, and reports a recipient the answer forgot as MISSING_RESULT (maybe sent)', () => {
    const body = { messages: [{ apiMessageId: 'b'.repeat(32), accepted: true, to: '+27999000002' }, { apiMessageId: 'a'.repeat(32), accepted: true, to: '27999000001' }] };
    const outcomes = parsePortalSendResponse('clickatell-platform', json(202, body), context(['27999000001', '27999000002', '27999000003']));
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.event.messageId : outcome.error.code))).toEqual(['a'.repeat(32), 'b'.repeat(32), 'MISSING_RESULT']);
    expect(outcomes[2]).toMatchObject({ ok: false, error: { certainlyNotSent: false } });
  });
});

describe('One API send response', () => {
  it("reads S11/S17's 202 example", () => {
    const body = { messages: [{ apiMessageId: ONE_ID, accepted: true, to: '2799900001', error: null }], error: null };
    const [outcome] = parsePortalSendResponse('clickatell-one', json(202, body), context(['2799900001']));
    expect(outcome).toMatchObject({ ok: true, event: { provider: 'clickatell-one', messageId: ONE_ID } });
  });

  it("reads S17's 207 mixed example, the code looked up in the One API table", () => {
    const body = {
      messages: [
        { apiMessageId: 'cd2d' + '0'.repeat(28), accepted: true, to: '2799900001' },
        { error: { code: 23, description: 'Invalid or missing parameter: to .' }, accepted: false, to: '27999abcde' },
      ],
      error: null,
    };
    const outcomes = parsePortalSendResponse('clickatell-one', json(207, body), context(['2799900001', '27999abcde']));
    expect(outcomes[0].ok).toBe(true);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: '23', providerText: 'Invalid or missing parameter: to .', hint: 'Check the required fields and the option values.' } });
  });

  it("S17's 401 global error is thrown, nothing sent", () => {
    const error = thrown(() => parsePortalSendResponse('clickatell-one', json(401, { error: { code: 1, description: 'Invalid or missing integration API Key' } }), context(['2799900001'])));
    expect(error).toMatchObject({ code: '1', httpStatus: 401, certainlyNotSent: true, retryable: false });
    expect(error.hint).toContain('API key');
  });

  it('400 with message-level errors only (S11) gives per-recipient refusals; 402 insufficient balance too', () => {
    const refused = { messages: [{ accepted: false, to: '2799900001', error: { code: 26, description: 'Recipient opted out' } }], error: null };
    expect(parsePortalSendResponse('clickatell-one', json(400, refused), context(['2799900001']))[0]).toMatchObject({ ok: false, error: { code: '26', httpStatus: 400 } });
    const broke = { messages: [{ accepted: false, to: '2799900001', error: { code: 20, description: 'Insufficient account balance' } }] };
    expect(parsePortalSendResponse('clickatell-one', json(402, broke), context(['2799900001']))[0]).toMatchObject({ ok: false, error: { code: '20', httpStatus: 402 } });
  });

  it('a refusal status with an accepted entry contradicts itself: MALFORMED, maybe sent', () => {
    const body = { messages: [{ apiMessageId: ONE_ID, accepted: true, to: '2799900001' }] };
    expect(thrown(() => parsePortalSendResponse('clickatell-one', json(400, body), context(['2799900001'])))).toMatchObject({ code: 'MALFORMED_RESPONSE', certainlyNotSent: false });
  });

  it('rate limit 43 (HTTP 400) and "please retry" 19 (503) are retryable; 500/18 may have been processed', () => {
    expect(thrown(() => parsePortalSendResponse('clickatell-one', json(400, { error: { code: 43, description: 'Rate limit' } }), context(['2799900001'])))).toMatchObject({ code: '43', retryable: true, certainlyNotSent: true });
    expect(thrown(() => parsePortalSendResponse('clickatell-one', json(503, { error: { code: 19, description: 'Internal error, please retry' } }, { 'retry-after': '5' }), context(['2799900001'])))).toMatchObject({ retryable: true, retryAfterMs: 5000 });
    expect(thrown(() => parsePortalSendResponse('clickatell-one', json(500, { error: { code: 18, description: 'Internal error' } }), context(['2799900001'])))).toMatchObject({ retryable: false, certainlyNotSent: false });
  });

  it('garbled and empty bodies at a success status are MALFORMED_RESPONSE, maybe sent', () => {
    for (const body of ['', '<html>502</html>', '{"messages":[{"apiMessageId":"77fb', '{"messages":[]}', '[]', '{"messages":[{"accepted":"maybe","to":"2799900001"}]}', '{"messages":[{"accepted":true,"to":"2799900001"}]}']) {
      expect(thrown(() => parsePortalSendResponse('clickatell-one', json(202, body), context(['2799900001'])))).toMatchObject({ code: 'MALFORMED_RESPONSE', certainlyNotSent: false });
    }
  });
});

describe('Platform balance and One API status', () => {
  it("reads §4.1's balance example", () => {
    expect(parsePlatformBalanceResponse(json(200, { balance: 1267.92865, currency: 'ZAR' }))).toEqual({ provider: 'clickatell-platform', balance: 1267.92865, currency: 'ZAR', raw: { balance: 1267.92865, currency: 'ZAR' } });
    expect(parsePlatformBalanceResponse(json(200, { balance: '12.5' })).balance).toBe(12.5);
    expect(thrown(() => parsePlatformBalanceResponse(json(200, { currency: 'ZAR' }))).code).toBe('MALFORMED_RESPONSE');
    expect(thrown(() => parsePlatformBalanceResponse(json(401, { errorCode: 1, error: 'Invalid API key' }))).code).toBe('1');
  });

  it("reads §6.4's status example: sms entry, millisecond timestamp", () => {
    expect(parseOneStatusResponse(json(200, { sms: { status: 'QUEUED', timestamp: 1506607698000 } }), ONE_ID)).toMatchObject({
      type: 'message.status',
      provider: 'clickatell-one',
      messageId: ONE_ID,
      state: 'queued',
      final: false,
      providerCode: 'QUEUED',
      timestamp: '2017-09-28T14:08:18.000Z',
    });
  });

  it('maps the status table and reads the channel-less unknown answer', () => {
    expect(parseOneStatusResponse(json(200, { sms: { status: 'DEVICE_ACK', timestamp: 1 } }), ONE_ID)).toMatchObject({ state: 'delivered', final: true });
    expect(parseOneStatusResponse(json(200, { sms: { status: 'EXPIRED' } }), ONE_ID)).toMatchObject({ state: 'expired', final: true, error: true });
    expect(parseOneStatusResponse(json(200, { status: 'UNKNOWN', timestamp: 1506607698000 }), ONE_ID)).toMatchObject({ state: 'unknown', providerCode: 'UNKNOWN' });
    expect(parseOneStatusResponse(json(200, { whatsapp: { status: 'READ', timestamp: 1506607698000 } }), ONE_ID)).toMatchObject({ state: 'delivered', providerCode: 'READ' });
    expect(parseOneStatusResponse(json(200, { sms: { status: 'SOMETHING_NEW' } }), ONE_ID)).toMatchObject({ state: 'unknown', providerCode: 'SOMETHING_NEW' });
    expect(thrown(() => parseOneStatusResponse(json(200, { sms: {} }), ONE_ID)).code).toBe('MALFORMED_RESPONSE');
    expect(thrown(() => parseOneStatusResponse(json(404, { error: { code: 41, description: 'Resource does not exist' } }), ONE_ID)).code).toBe('41');
  });
});
