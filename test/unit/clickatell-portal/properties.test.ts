import fc from 'fast-check';
import { parseOneStatusResponse, parsePlatformBalanceResponse, parsePortalSendResponse } from '../../../gateways/clickatell-portal/parser';
import { oneSendRequest, platformSendRequest, prepareOneSend, preparePlatformSend } from '../../../gateways/clickatell-portal/requests';
import { GatewayError } from '../../../gateways/errors';
import type { SendOptions } from '../../../gateways/gateway';
import type { HttpResponse } from '../../../gateways/transport';
import { itParsesOnlyWhatItShould, maybe, oneOutcomePerRecipient, succeeds } from '../property-helpers';
import { CREDENTIALS, NOW } from './helpers';

const RECIPIENTS = ['2799900001', '2799900002'];

type Parser = (response: HttpResponse) => unknown;

const PARSERS: Array<[string, Parser, readonly number[]]> = [
  ['platform send', (response) => parsePortalSendResponse('clickatell-platform', response, { recipients: RECIPIENTS, now: NOW }), [200, 201, 202, 207]],
  ['one send', (response) => parsePortalSendResponse('clickatell-one', response, { recipients: RECIPIENTS, now: NOW }), [200, 201, 202, 207]],
  ['balance', (response) => parsePlatformBalanceResponse(response), [200]],
  ['status', (response) => parseOneStatusResponse(response, 'abc'), [200]],
];

const VALID: Record<string, string> = {
  'platform send': JSON.stringify({ messages: RECIPIENTS.map((to, i) => ({ apiMessageId: `id${i}`, accepted: true, to, errorCode: null, error: null, errorDescription: null })), errorCode: null, error: null, errorDescription: null }),
  'one send': JSON.stringify({ messages: RECIPIENTS.map((to, i) => ({ apiMessageId: `id${i}`, accepted: true, to, error: null })), error: null }),
  balance: JSON.stringify({ balance: 1267.92865, currency: 'ZAR' }),
  status: JSON.stringify({ sms: { status: 'QUEUED', timestamp: 1506607698000 } }),
};

const anyBody = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify({ messages: value })),
  fc.jsonValue().map((value) => JSON.stringify({ error: value })),
  fc.dictionary(fc.constantFrom('messages', 'balance', 'currency', 'sms', 'status', 'errorCode', 'error', 'errorDescription', 'accepted', 'to', 'apiMessageId'), fc.jsonValue()).map((value) => JSON.stringify(value)),
);

describe.each(PARSERS)('%s parser properties', (name, parse, okStatuses) => {
  itParsesOnlyWhatItShould(parse, okStatuses, VALID[name], anyBody);

  it('never succeeds on a cut-off success body, and says the request may have been processed', () => {
    const valid = VALID[name];
    expect(succeeds(() => parse({ status: okStatuses[0], headers: {}, body: valid }))).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 1 }), (cut) => {
        try {
          parse({ status: okStatuses[0], headers: {}, body: valid.slice(0, cut) });
        } catch (error) {
          return error instanceof GatewayError && error.code === 'MALFORMED_RESPONSE' && !error.certainlyNotSent;
        }
        return false;
      }),
    );
  });

  it('never succeeds when the body carries a global error, in either form', () => {
    const error = fc.oneof(
      fc.record({ error: fc.record({ code: fc.integer({ min: 1, max: 200 }), description: fc.string() }) }),
      fc.record({ errorCode: fc.integer({ min: 1, max: 999 }), error: fc.string({ minLength: 1 }).filter((text) => text.trim() !== '') }),
    );
    fc.assert(fc.property(fc.constantFrom(...okStatuses), error, (status, global) => !succeeds(() => parse({ status, headers: {}, body: JSON.stringify({ ...JSON.parse(VALID[name]), ...global }) }))));
  });
});

describe('send parser invariants', () => {
  it('one outcome per requested recipient, in order, whatever the entries', () => {
    const entry = fc.record(
      {
        accepted: fc.oneof(fc.boolean(), fc.constantFrom(0, 1, '0', '1')),
        to: fc.constantFrom(...RECIPIENTS, '+2799900002', '2799900003'),
        apiMessageId: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 32 }),
        error: fc.record({ code: fc.constantFrom(23, 25, 43), description: fc.string() }),
        errorCode: fc.constantFrom(null, 105),
      },
      { requiredKeys: ['accepted'] },
    );
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.constantFrom(202, 207), fc.constantFrom('clickatell-platform', 'clickatell-one') as fc.Arbitrary<'clickatell-platform' | 'clickatell-one'>, (messages, status, provider) => {
        const body = JSON.stringify({ messages });
        if (oneOutcomePerRecipient(() => parsePortalSendResponse(provider, { status, headers: {}, body }, { recipients: RECIPIENTS, now: NOW }), RECIPIENTS)) parsed += 1;
      }),
    );
    expect(parsed).toBeGreaterThan(0);
  });
});

describe('send builder properties', () => {
  const options = fc.record({
    from: maybe(fc.constantFrom('Acme', '+27831234567'), fc.string()),
    clientReference: maybe(fc.string({ unit: fc.constantFrom(...'abc123'), minLength: 1, maxLength: 32 }), fc.string({ maxLength: 40 })),
    validityMinutes: maybe(fc.integer({ min: 1, max: 1440 }), fc.integer()),
    unicode: maybe(fc.constant('auto'), fc.string()),
    udh: maybe(fc.constantFrom('0605040B8423F0'), fc.string({ maxLength: 8 })),
    binary: maybe(fc.constant(false), fc.anything()),
    flash: maybe(fc.constant(false), fc.anything()),
    scheduledAt: maybe(fc.integer({ min: 0, max: 30 * 86_400_000 }).map((ms) => new Date(NOW.getTime() + ms)), fc.date()),
  });
  const number = fc.oneof(fc.constantFrom('447700900123', '+27 83 123 4567', '0044 7700 900124'), fc.string());

  it.each([
    ['Platform', (to: string[], text: string, opts: SendOptions) => platformSendRequest(CREDENTIALS, preparePlatformSend({ to, text, options: opts }, NOW)), (body: { to: string[] }) => body.to],
    ['One API', (to: string[], text: string, opts: SendOptions) => oneSendRequest(CREDENTIALS, prepareOneSend({ to, text, options: opts })), (body: { messages: Array<{ to: string }> }) => body.messages.map((message) => message.to)],
  ] as const)('%s: either builds a JSON request with digits-only recipients or throws INVALID_INPUT naming a field', (_name, build, numbersOf) => {
    let built = 0;
    fc.assert(
      fc.property(fc.array(number, { maxLength: 4 }), fc.oneof(fc.string({ maxLength: 500 }), fc.constant('Hello')), options, (to, text, opts) => {
        try {
          const request = build(to, text, opts as SendOptions);
          built += 1;
          const numbers = numbersOf(JSON.parse(request.body!));
          expect(numbers).toHaveLength(to.length);
          for (const digits of numbers) expect(digits).toMatch(/^[1-9]\d{6,14}$/);
          expect(request.url).not.toContain(CREDENTIALS.apiKey);
        } catch (error) {
          if (!(error instanceof GatewayError)) throw error;
          expect(error.code).toBe('INVALID_INPUT');
          expect(error.field).toBeTruthy();
          expect(error.message).not.toContain(CREDENTIALS.apiKey);
        }
      }),
      { numRuns: 1000 },
    );
    expect(built).toBeGreaterThan(0);
  });
});
