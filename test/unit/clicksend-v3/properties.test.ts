import fc from 'fast-check';
import { normalizeCallback } from '../../../gateways/callbacks/normalize';
import {
  parseV3AccountResponse,
  parseV3CancelAllResponse,
  parseV3HistoryResponse,
  parseV3InboundResponse,
  parseV3PriceResponse,
  parseV3ReceiptsResponse,
  parseV3SendResponse,
} from '../../../gateways/clicksend-v3/parser';
import { parseInboundRuleList } from '../../../gateways/clicksend-v3/rules';
import { GatewayError } from '../../../gateways/errors';
import type { HttpResponse } from '../../../gateways/transport';
import { settle } from '../property-helpers';

/**
 * Whatever ClickSend (or anything in front of it) answers, the v3 parsers give a result or a GatewayError,
 * never another exception; a send never reports a recipient as sent without a message id, and a failing
 * HTTP status of 500 or more never reads as sent.
 */

const RECIPIENTS = ['+15550001111', '+15550002222'];
const NOW = new Date('2025-03-10T08:00:00Z');

const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('SUCCESS', 'INVALID_RECIPIENT', '+15550001111', '+15550002222', '201', 'Sent', 'Completed', '0.07', '-1'));
const entry = fc.dictionary(fc.constantFrom('to', 'message_id', 'status', 'message_price', 'message_parts', 'custom_string', 'from', 'body', 'status_code', 'date', 'timestamp', 'original_message_id', 'inbound_rule_id', 'sms_inbound_rule_id'), scalar, { maxKeys: 8 });
const data = fc.oneof(
  scalar,
  fc.array(entry, { maxLength: 3 }),
  fc.record(
    {
      messages: fc.oneof(fc.array(fc.oneof(entry, scalar), { maxLength: 4 }), scalar),
      data: fc.oneof(fc.array(fc.oneof(entry, scalar), { maxLength: 4 }), scalar),
      total_price: scalar,
      total: scalar,
      current_page: scalar,
      last_page: scalar,
      per_page: scalar,
      balance: scalar,
      count: scalar,
      currency: fc.oneof(scalar, fc.dictionary(fc.string({ maxLength: 4 }), scalar)),
    },
    { requiredKeys: [] },
  ),
);
const envelope = fc.record({ http_code: scalar, response_code: scalar, response_msg: scalar, data }, { requiredKeys: [] });
const body = fc.oneof(envelope.map((value) => JSON.stringify(value)), fc.string({ maxLength: 40 }), fc.json({ maxDepth: 3 }));
const response = fc.record({ status: fc.constantFrom(200, 200, 200, 201, 400, 401, 404, 429, 500, 502, 503), body }).map((value): HttpResponse => ({ ...value, headers: {} }));

it('send: one outcome per recipient or a GatewayError; every success has an id; a 5xx is never a success', () => {
  fc.assert(
    fc.property(response, (answer) => {
      const result = settle(() => parseV3SendResponse(answer, { recipients: RECIPIENTS, now: NOW }));
      if (result instanceof GatewayError) {
        if (answer.status >= 500) expect(result.certainlyNotSent).toBe(answer.status === 503);
        return;
      }
      expect(answer.status).toBeLessThan(500);
      expect(result).toHaveLength(RECIPIENTS.length);
      for (const outcome of result) if (outcome.ok) expect(typeof outcome.event.messageId).toBe('string');
    }),
    { numRuns: 2000 },
  );
});

it('every other parser gives its result or a GatewayError', () => {
  const parsers: Array<(answer: HttpResponse) => unknown> = [
    (answer) => parseV3PriceResponse(answer, RECIPIENTS),
    parseV3HistoryResponse,
    parseV3InboundResponse,
    parseV3ReceiptsResponse,
    parseV3AccountResponse,
    parseV3CancelAllResponse,
    parseInboundRuleList,
  ];
  fc.assert(
    fc.property(response, fc.constantFrom(...parsers), (answer, parse) => {
      settle(() => parse(answer));
    }),
    { numRuns: 2000 },
  );
});

it('pushes: any flat record is an event or MALFORMED_CALLBACK', () => {
  fc.assert(
    fc.property(entry, (params) => {
      const result = settle(() => normalizeCallback('clicksend-v3', params));
      if (result instanceof GatewayError) expect(result.code).toBe('MALFORMED_CALLBACK');
      else expect(result.provider).toBe('clicksend-v3');
    }),
    { numRuns: 2000 },
  );
});
