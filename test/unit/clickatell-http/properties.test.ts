import fc from 'fast-check';
import { GatewayError } from '../../../gateways/errors';
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

const ID = 'f7012c1edff2509a19ce1667c7f52b18';
const RECIPIENTS = ['447700900123', '27831234567'];
const CONTEXT: SendContext = { recipients: RECIPIENTS, text: 'Hi', from: null, clientReference: null, encoding: 'GSM-7', parts: 1 };
const SINGLE: SendContext = { ...CONTEXT, recipients: [RECIPIENTS[0]] };

/** Pieces of the response grammar, so generated bodies come close to (and often hit) real forms. */
const TOKENS = [
  'ID', 'id', 'To', 'TO', 'ERR', 'err', 'OK', 'ok', 'Credit', 'Status', 'Charge', ':', ': ', ' ', '  ', '\t', ',', ', ',
  '\r\n', '\n', '\r', '004', '4', '003', '001', '105', '0.8', '-1.5', '.5', ID, ...RECIPIENTS, '+', 'abc', 'Session ID expired',
];

const grammarBody = fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((parts) => parts.join(''));

/** Lines of `Key: value` pairs with random keys, spacing and values: many are real forms, many almost. */
const KEYS = ['ID', 'id', 'To', 'to', 'Status', 'STATUS', 'Charge', 'Credit', 'OK', 'ERR', 'Err'];
const VALUES = [ID, 'abc', '', '004', '4', '0004', '12', '-3.5', '1.2.3', '0.8', ...RECIPIENTS, '+27831234567', '105, Invalid destination address', '003, Session ID expired', 'x y'];
const pair = fc
  .tuple(fc.constantFrom(...KEYS), fc.constantFrom(':', ': ', ' :', ' : ', ''), fc.constantFrom(...VALUES))
  .map(([key, colon, value]) => `${key}${colon}${value}`);
const line = fc.tuple(fc.array(pair, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '  ', '\t', '')).map(([pairs, gap]) => pairs.join(gap));
const structuredBody = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([list, eol, trailing]) => list.join(eol) + (trailing ? eol : ''));

const VALID_BODIES = [
  `ID: ${ID}`,
  `ID: ${ID} To: ${RECIPIENTS[0]}\nERR: 105, Invalid destination address To: ${RECIPIENTS[1]}`,
  `ID: ${ID} Charge: 0.8 Status: 004`,
  'Credit: 12.5',
  'OK: 605',
  'ERR: 003, Session ID expired',
  'OK: This prefix is currently supported. Charge: 0.8',
];

/** A valid body with random characters inserted or removed: near misses are the likeliest real garbage. */
const mutatedBody = fc
  .tuple(fc.constantFrom(...VALID_BODIES), fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 3 }))
  .map(([body, at, insert, remove]) => {
    const position = at % (body.length + 1);
    return body.slice(0, position) + insert + body.slice(position + remove);
  });

const anyBody = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), grammarBody, structuredBody, mutatedBody);

const PARSERS: Array<[string, (body: string) => unknown]> = [
  ['auth', parseAuthResponse],
  ['ping', parsePingResponse],
  ['token_pay', parseTokenPayResponse],
  ['getbalance', parseBalanceResponse],
  ['querymsg', (body) => parseStatusResponse(body, 'querymsg')],
  ['getmsgcharge', (body) => parseStatusResponse(body, 'getmsgcharge')],
  ['delmsg', (body) => parseStatusResponse(body, 'delmsg')],
  ['coverage', (body) => parseCoverageResponse(body, '447700900123')],
  ['sendmsg (one recipient)', (body) => parseSendResponse(body, SINGLE)],
  ['sendmsg (two recipients)', (body) => parseSendResponse(body, CONTEXT)],
];

/** Run a parser: its result, or the GatewayError it threw. Anything else thrown fails the property. */
function attempt<T>(run: () => T): { ok: true; value: T } | { ok: false; error: GatewayError } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return { ok: false, error };
  }
}

function lines(body: string): string[] {
  return body.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('parser properties', () => {
  it.each(PARSERS)('%s throws nothing but GatewayError on arbitrary strings', (_, parse) => {
    fc.assert(
      fc.property(anyBody, (body) => {
        attempt(() => parse(body));
      }),
      { numRuns: 1500 },
    );
  });

  it('ERR bodies never give a success from any parser but coverage', () => {
    const errBody = fc.tuple(fc.constantFrom('ERR', 'err', 'Err'), fc.constantFrom(':', ' : '), fc.string()).map((parts) => parts.join(''));
    fc.assert(
      fc.property(errBody, (body) => {
        for (const [name, parse] of PARSERS) {
          if (name === 'coverage') continue;
          const result = attempt(() => parse(body));
          if (!result.ok) continue;
          // Only sendmsg may "return" for an ERR body, and then every outcome is an error.
          expect(name.startsWith('sendmsg')).toBe(true);
          expect((result.value as Array<{ ok: boolean }>).every((outcome) => !outcome.ok)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('sendmsg reports success only for a recipient with its own ID line', () => {
    fc.assert(
      fc.property(anyBody, fc.boolean(), (body, single) => {
        const context = single ? SINGLE : CONTEXT;
        const result = attempt(() => parseSendResponse(body, context));
        if (!result.ok) return;
        expect(result.value).toHaveLength(context.recipients.length);
        for (const outcome of result.value) {
          if (!outcome.ok) continue;
          const id = new RegExp(`(^|[^A-Za-z0-9])id\\s*:\\s*${escape(outcome.event.messageId ?? '')}(\\s|$)`, 'i');
          expect(lines(body).some((line) => id.test(line) && !/^err\s*:/i.test(line))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('getbalance succeeds only on a single Credit: <number> line', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const result = attempt(() => parseBalanceResponse(body));
        if (!result.ok) return;
        expect(lines(body)).toHaveLength(1);
        expect(lines(body)[0]).toMatch(/^credit\s*:\s*[+-]?[\d.]+$/i);
        expect(Number.isFinite(result.value.balance)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('status commands succeed only on a single ID line with a status code', () => {
    fc.assert(
      fc.property(anyBody, fc.constantFrom('querymsg', 'getmsgcharge', 'delmsg'), (body, command) => {
        const result = attempt(() => parseStatusResponse(body, command as 'querymsg'));
        if (!result.ok) return;
        expect(lines(body)).toHaveLength(1);
        expect(lines(body)[0]).toMatch(/(^|[^a-z0-9])id\s*:/i);
        expect(lines(body)[0]).toMatch(/(^|[^a-z0-9])status\s*:\s*\d{1,3}(\s|$)/i);
        expect(result.value.providerCode).toMatch(/^\d{3}$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('auth, ping and token_pay succeed only on a single OK: line', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        for (const parse of [parseAuthResponse, parsePingResponse, parseTokenPayResponse]) {
          const result = attempt(() => parse(body));
          if (!result.ok) continue;
          expect(lines(body)).toHaveLength(1);
          expect(lines(body)[0]).toMatch(/^ok\s*:/i);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('coverage is routable only on OK:, unroutable only on an uncoded ERR:', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const result = attempt(() => parseCoverageResponse(body, '447700900123'));
        if (!result.ok) return;
        expect(lines(body)).toHaveLength(1);
        if (result.value.routable) expect(lines(body)[0]).toMatch(/^ok\s*:/i);
        else expect(lines(body)[0]).toMatch(/^err\s*:\s*[^\d\s]/i);
      }),
      { numRuns: 3000 },
    );
  });
});
