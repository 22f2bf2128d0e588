import fc from 'fast-check';
import { GatewayError } from '../../../gateways/errors';
import type { SendOptions } from '../../../gateways/gateway';
import type { HttpResponse } from '../../../gateways/transport';
import {
  parseBalanceResponse,
  parseDeliveryReportsResponse,
  parseHistoryResponse,
  parseRepliesResponse,
  parseSendResponse,
} from '../../../gateways/clicksend/parser';
import { buildSendRequest } from '../../../gateways/clicksend/requests';
import { BALANCE_RESPONSE, DELIVERY_RESPONSE, HISTORY_RESPONSE, REPLY_RESPONSE, SEND_RESPONSE } from './fixtures';
import { maybe } from '../property-helpers';
import { NOW } from './helpers';

const RECIPIENTS = ['+61411111111'];

const PARSERS: Array<[string, (response: HttpResponse) => unknown, string]> = [
  ['send', (response) => parseSendResponse(response, { recipients: RECIPIENTS, now: NOW }), SEND_RESPONSE],
  ['replies', parseRepliesResponse, REPLY_RESPONSE],
  ['delivery', parseDeliveryReportsResponse, DELIVERY_RESPONSE],
  ['history', parseHistoryResponse, HISTORY_RESPONSE],
  ['balance', parseBalanceResponse, BALANCE_RESPONSE],
];

/** Whether parsing succeeded with at least one success: a send succeeds when any recipient is ok. */
function reportsSuccess(parse: (response: HttpResponse) => unknown, response: HttpResponse): boolean {
  let result: unknown;
  try {
    result = parse(response);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return false;
  }
  if (Array.isArray(result) && result.length > 0 && typeof result[0] === 'object' && result[0] !== null && 'ok' in result[0]) {
    return result.some((outcome: { ok: boolean }) => outcome.ok);
  }
  return true;
}

const tags = ['xml', 'messages', 'message', 'result', 'errortext', 'to', 'messageid', 'price', 'replies', 'reply', 'from', 'dlrs', 'dlr', 'status', 'history', 'item', 'direction', 'balance'];

/** XML-shaped documents built from ClickSend's element names, with arbitrary leaf texts. */
const { element } = fc.letrec<{ element: string }>((tie) => ({
  element: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'element' },
    fc.tuple(fc.constantFrom(...tags), fc.oneof(fc.constantFrom('0000', '2022', '2101', '', 'Delivered', 'out', 'in', '12.5'), fc.string({ maxLength: 6 }))).map(
      ([tag, text]) => `<${tag}>${text.replace(/[<&]/g, '')}</${tag}>`,
    ),
    fc.tuple(fc.constantFrom(...tags), fc.array(tie('element'), { maxLength: 4, depthIdentifier: 'element' })).map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
  ),
}));

const anyBody = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  element,
  fc.array(element, { maxLength: 5 }).map((children) => `<?xml version='1.0'?><xml>${children.join('')}</xml>`),
);

describe.each(PARSERS)('%s parser properties', (_, parse, valid) => {
  it('throws nothing but GatewayError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), anyBody, (status, body) => {
        reportsSuccess(parse, { status, headers: {}, body });
      }),
      { numRuns: 500 },
    );
  });

  it('never reports success outside 2xx', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }).filter((status) => status < 200 || status >= 300),
        fc.oneof(anyBody, fc.constant(valid)),
        (status, body) => !reportsSuccess(parse, { status, headers: {}, body }),
      ),
    );
  });

  it('never reports success when the result code is not 0000', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 4 }).filter((code) => Number(code) !== 0),
        (code) => !reportsSuccess(parse, { status: 200, headers: {}, body: valid.replace(/<result>0000<\/result>/g, `<result>${code}</result>`) }),
      ),
    );
  });

  it('never reports success on a cut-off body', () => {
    const document = valid.trim();
    expect(reportsSuccess(parse, { status: 200, headers: {}, body: document })).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: document.length - 1 }), (cut) => !reportsSuccess(parse, { status: 200, headers: {}, body: document.slice(0, cut) })),
    );
  });

  it('never reports success without a result code', () => {
    expect(reportsSuccess(parse, { status: 200, headers: {}, body: valid.replace(/<result>0000<\/result>/g, '') })).toBe(false);
  });
});

describe('send builder properties', () => {
  it('either builds a form request or throws a validation error naming a field', () => {
    const options = fc.record({
      from: maybe(fc.constantFrom('MyCompany', '+61400000000'), fc.string()),
      clientReference: maybe(fc.string({ maxLength: 50 }), fc.string({ maxLength: 60 })),
      scheduledAt: maybe(fc.date({ noInvalidDate: true }), fc.anything()),
      country: maybe(fc.constantFrom('AU', 'us'), fc.string({ maxLength: 3 })),
      unicode: maybe(fc.constant('auto'), fc.string()),
      flash: maybe(fc.constant(false), fc.anything()),
      maxParts: maybe(fc.constant(undefined), fc.integer()),
    });
    const number = fc.oneof(fc.constantFrom('+61411111111', '0061 422 222 222', '0411 111 111'), fc.string());
    let built = 0;
    fc.assert(
      fc.property(fc.array(number, { maxLength: 4 }), fc.oneof(fc.string({ maxLength: 1000 }), fc.constant('Hello')), options, (to, text, opts) => {
        try {
          const request = buildSendRequest({ username: 'u', key: 'k' }, { to, text, options: opts as SendOptions });
          built += 1;
          const form = new URLSearchParams(request.body);
          expect(form.get('method')).toBe('http');
          expect(form.get('message')).toBe(text);
          expect(form.get('to')!.split(',')).toHaveLength(to.length);
        } catch (error) {
          if (!(error instanceof GatewayError)) throw error;
          expect(error.code).toBe('INVALID_INPUT');
          expect(error.field).toBeTruthy();
        }
      }),
      { numRuns: 1000 },
    );
    expect(built).toBeGreaterThan(0);
  });
});
