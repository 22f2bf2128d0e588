import fc from 'fast-check';
import { GatewayError } from '../../../gateways/errors';
import type { SendOptions } from '../../../gateways/gateway';
import type { HttpResponse } from '../../../gateways/transport';
import {
  parseBalanceResponse,
  parseCoverageResponse,
  parseSendResponse,
  parseStatusResponse,
  parseStopResponse,
} from '../../../gateways/clickatell-rest/parser';
import { buildSendRequest } from '../../../gateways/clickatell-rest/requests';
import { itParsesOnlyWhatItShould, maybe, oneOutcomePerRecipient, succeeds } from '../property-helpers';
import { CREDENTIALS, NOW } from './helpers';

const RECIPIENTS = ['2799900001', '2799900002'];

type Parser = (response: HttpResponse) => unknown;

const PARSERS: Array<[string, Parser, readonly number[]]> = [
  ['send', (response) => parseSendResponse(response, { recipients: RECIPIENTS, now: NOW }), [200, 201, 202, 207]],
  ['status', (response) => parseStatusResponse(response), [200]],
  ['stop', (response) => parseStopResponse(response), [200, 202]],
  ['balance', (response) => parseBalanceResponse(response), [200]],
  ['coverage', (response) => parseCoverageResponse(response), [200]],
];

/** A valid success body for each parser (the spec's examples). */
const VALID: Record<string, string> = {
  send: JSON.stringify({ data: { message: RECIPIENTS.map((to, i) => ({ accepted: true, to, apiMessageId: `id${i}` })) } }),
  status: JSON.stringify({ data: { apiMessageId: 'abc', messageStatus: '004', description: 'Received by recipient', charge: 1 } }),
  stop: JSON.stringify({ data: { messageStatus: '006', description: 'User cancelled message delivery', apiMessageId: 'abc' } }),
  balance: JSON.stringify({ data: { balance: '300.50' } }),
  coverage: JSON.stringify({ data: { routable: true, destination: '27999123456', minimumCharge: 0.8 } }),
};

const anyBody = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify({ data: value })),
  fc.jsonValue().map((value) => JSON.stringify({ error: value })),
  fc.dictionary(fc.constantFrom('message', 'balance', 'routable', 'messageStatus', 'apiMessageId', 'charge', 'destination', 'minimumCharge', 'accepted', 'to'), fc.jsonValue()).map((data) =>
    JSON.stringify({ data }),
  ),
);

describe.each(PARSERS)('%s parser properties', (name, parse, okStatuses) => {
  itParsesOnlyWhatItShould(parse, okStatuses, VALID[name], anyBody);

  it('never succeeds on a body without a data object', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().filter((value) => !(typeof value === 'object' && value !== null && 'data' in value)),
        fc.constantFrom(...okStatuses),
        (value, status) => !succeeds(() => parse({ status, headers: {}, body: JSON.stringify(value) })),
      ),
    );
  });

  it('never succeeds on a cut-off success body', () => {
    const valid = VALID[name];
    expect(succeeds(() => parse({ status: okStatuses[0], headers: {}, body: valid }))).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 1 }), (cut) => {
        let error: unknown;
        try {
          parse({ status: okStatuses[0], headers: {}, body: valid.slice(0, cut) });
        } catch (caught) {
          error = caught;
        }
        return error instanceof GatewayError && error.code === 'MALFORMED_RESPONSE';
      }),
    );
  });

  it('never succeeds when the body carries an error object', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...okStatuses),
        fc.record({ code: fc.oneof(fc.string(), fc.integer()), description: fc.string() }),
        (status, error) => !succeeds(() => parse({ status, headers: {}, body: JSON.stringify({ error, data: JSON.parse(VALID[name]).data }) })),
      ),
    );
  });
});

describe('send parser invariants', () => {
  it('every result has one outcome per requested recipient, in order', () => {
    const entry = fc.record(
      {
        accepted: fc.oneof(fc.boolean(), fc.constantFrom(0, 1, '0', '1')),
        to: fc.constantFrom(...RECIPIENTS, '2799900003'),
        apiMessageId: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 32 }),
        error: fc.record({ code: fc.constantFrom('105', '121', '901'), description: fc.string() }),
      },
      { requiredKeys: ['accepted'] },
    );
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.constantFrom(202, 207), (message, status) => {
        const body = JSON.stringify({ data: { message } });
        if (oneOutcomePerRecipient(() => parseSendResponse({ status, headers: {}, body }, { recipients: RECIPIENTS, now: NOW }), RECIPIENTS)) parsed += 1;
      }),
    );
    expect(parsed).toBeGreaterThan(0);
  });
});

describe('send builder properties', () => {
  it('either builds a JSON request or throws a validation error naming a field', () => {
    const options = fc.record({
      from: maybe(fc.constantFrom('Acme', '+27831234567'), fc.string()),
      clientReference: maybe(fc.string({ unit: fc.constantFrom(...'abc123'), minLength: 1, maxLength: 32 }), fc.string({ maxLength: 40 })),
      maxParts: maybe(fc.integer({ min: 1, max: 3 }), fc.integer({ min: -1, max: 5 })),
      callback: maybe(fc.integer({ min: 0, max: 7 }), fc.integer()),
      priorityQueue: maybe(fc.integer({ min: 1, max: 3 }), fc.integer()),
      validityMinutes: maybe(fc.integer({ min: 1, max: 1440 }), fc.integer()),
      deliveryDelayMinutes: maybe(fc.integer({ min: 0, max: 10080 }), fc.integer()),
      maxCredits: maybe(fc.constantFrom(0.8, 1, 1.5, 3), fc.double()),
      flash: maybe(fc.boolean(), fc.anything()),
      mo: maybe(fc.boolean(), fc.anything()),
      unicode: maybe(fc.constantFrom('auto', 'on', 'off'), fc.string()),
      udh: maybe(fc.constantFrom('0605040B8423F0'), fc.string({ maxLength: 8 })),
      binary: maybe(fc.constant(false), fc.anything()),
      scheduledAt: maybe(fc.integer({ min: 0, max: 7 * 86_400_000 }).map((ms) => new Date(NOW.getTime() + ms)), fc.date()),
    });
    const number = fc.oneof(fc.constantFrom('447700900123', '+27 83 123 4567', '0044 7700 900124'), fc.string());
    let built = 0;
    fc.assert(
      fc.property(fc.array(number, { maxLength: 4 }), fc.oneof(fc.string({ maxLength: 500 }), fc.constant('Hello')), options, (to, text, opts) => {
        try {
          const request = buildSendRequest(CREDENTIALS, { to, text, options: opts as SendOptions }, NOW);
          built += 1;
          const body = JSON.parse(request.body!);
          expect(body.to).toHaveLength(to.length);
          for (const number of body.to) expect(number).toMatch(/^[1-9]\d{6,14}$/);
        } catch (error) {
          if (!(error instanceof GatewayError)) throw error;
          expect(error.code).toBe('INVALID_INPUT');
          expect(error.field).toBeTruthy();
        }
      }),
      { numRuns: 1000 },
    );
    // The generators are wide; make sure valid requests were among them.
    expect(built).toBeGreaterThan(0);
  });
});
