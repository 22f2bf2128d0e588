import fc from 'fast-check';
import { GatewayError } from '../../../gateways/errors';
import { parseCallbackBody } from '../../../gateways/callbacks/body';
import { classifyClickatellCallback, normalizeClickatellInbound, normalizeClickatellStatusCallback } from '../../../gateways/callbacks/clickatell';
import { classifyClickSendCallback, normalizeClickSendDeliveryReport, normalizeClickSendReply } from '../../../gateways/callbacks/clicksend';
import { normalizeCallback } from '../../../gateways/callbacks/normalize';
import type { SmsEvent } from '../../../gateways/events';

const KNOWN_KEYS = [
  'apiMsgId', 'apimsgid', 'apiMessageId', 'messageId', 'cliMsgId', 'clientMessageId', 'status', 'messageStatus', 'statusCode',
  'status_code', 'timestamp', 'charge', 'to', 'from', 'moMsgId', 'text', 'charset', 'udh', 'api_id', 'data', 'message', 'body',
  'messageid', 'message_id', 'originalmessageid', 'customstring', 'token', 'key', '__proto__', 'constructor', 'toString',
];
const CHARSETS = ['UCS-2', 'utf-16be', 'ISO-8859-1', 'latin1', 'UTF-8', 'ascii', 'KOI8-R', ''];

const scalar = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('004', '4', '015', '201', '300', 'Delivered', 'Undelivered', '1442849567', '2015-02-04 09:30:36', '0.8', 'D83D', '00480069'),
  fc.constantFrom(...CHARSETS),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const value = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...KNOWN_KEYS), scalar) },
  { weight: 1, arbitrary: fc.object() },
);
const record = fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string()), value, { maxKeys: 12 });

const NORMALIZERS: Array<[string, (params: Record<string, unknown>) => SmsEvent]> = [
  ['clickatell status (http)', (p) => normalizeClickatellStatusCallback(p, 'clickatell-http')],
  ['clickatell status (rest)', (p) => normalizeClickatellStatusCallback(p, 'clickatell-rest')],
  ['clickatell inbound', (p) => normalizeClickatellInbound(p)],
  ['clicksend reply', (p) => normalizeClickSendReply(p)],
  ['clicksend delivery', (p) => normalizeClickSendDeliveryReport(p)],
  ['normalizeCallback clickatell', (p) => normalizeCallback('clickatell-http', p)],
  ['normalizeCallback clicksend', (p) => normalizeCallback('clicksend', p)],
];

describe.each(NORMALIZERS)('%s on arbitrary records', (_name, normalize) => {
  it('returns a complete event or throws a GatewayError, and never copies the token', () => {
    fc.assert(
      fc.property(record, (params) => {
        let event: SmsEvent;
        try {
          event = normalize(params);
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayError);
          return;
        }
        expect(typeof event.messageId === 'string' || event.messageId === null).toBe(true);
        expect(['message.status', 'message.inbound']).toContain(event.type);
        expect(Object.keys(event.raw).map((key) => key.toLowerCase())).not.toContain('token');
        if (event.timestamp !== null) expect(new Date(event.timestamp).toISOString()).toBe(event.timestamp);
        if (event.charge !== null) expect(Number.isFinite(event.charge)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('classifiers and the body parser on arbitrary input', () => {
  it('classifiers never throw', () => {
    fc.assert(
      fc.property(record, (params) => {
        expect([null, 'status', 'inbound']).toContain(classifyClickatellCallback(params));
        expect([null, 'status', 'inbound']).toContain(classifyClickSendCallback(params));
      }),
    );
  });

  it('parseCallbackBody returns a record or throws a GatewayError', () => {
    const contentType = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'application/json; charset=utf-8', ''),
      fc.string(),
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.json(),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc.dictionary(fc.string(), fc.string()).map((d) => new URLSearchParams(d).toString()),
    );
    fc.assert(
      fc.property(contentType, body, fc.dictionary(fc.string(), fc.string()), (type, raw, query) => {
        try {
          const params = parseCallbackBody(type, raw, query);
          expect(typeof params).toBe('object');
          expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a form body round-trips any field values, Unicode included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }).filter((k) => k.trim() === k && k !== ''), fc.string({ unit: 'grapheme' })), (fields) => {
        const params = parseCallbackBody('application/x-www-form-urlencoded', new URLSearchParams(fields).toString(), {});
        expect(params).toEqual({ ...fields });
      }),
    );
  });
});
