import fc from 'fast-check';
import { parseCallbackBody, parseCallbackQuery } from '../../../gateways/callbacks/body';
import {
  MAX_PORTAL_EVENTS,
  classifyPlatformCallback,
  normalizeOneApiCallback,
  normalizePlatformReplyCallback,
  normalizePlatformStatusCallback,
} from '../../../gateways/callbacks/clickatell-portal';
import { classifyCallback, normalizeCallback, normalizeCallbackEvents } from '../../../gateways/callbacks/normalize';
import { GatewayError } from '../../../gateways/errors';
import type { SmsEvent } from '../../../gateways/events';
import { callbackError } from './helpers';

/**
 * Portal callbacks from the examples and field lists of ../shared/specs/clickatell-platform-api.md:
 * Platform status (§5.1, the doc's fields and the PHP client's), Platform reply (§5.2, both sets),
 * One API envelope status (§6.5, S16) and inbound (S14/S15).
 */

// §5.1's POST body: the doc's field list (S6) with the PHP client's apiKey (S8).
const platformStatus = {
  integrationName: 'My integration',
  apiKey: 'secret-portal-key',
  messageId: 'af750c2dc53e4e4c88c39b3b48756d3a',
  requestId: '4f2a1b7c',
  clientMessageId: 'order-42',
  to: '27999000001',
  from: '27999000100',
  statusCode: 4,
  status: 'RECEIVED_BY_RECIPIENT',
  statusDescription: 'Received by recipient',
  timestamp: '1506607698000',
};

// S16's One API status example.
const oneStatus = {
  integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
  integrationName: 'My integration',
  event: {
    messageStatusUpdate: [
      {
        channel: 'sms',
        timestamp: 1506607698860,
        statusCode: 5,
        status: 'DEVICE_ACK',
        messageId: '77fb29998253415fa5d66971d519d362',
        clientMessageId: '2993b6b548000a80989a20549e7558a5',
      },
    ],
  },
};

// S14/S15's One API inbound example.
const oneReply = {
  integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
  integrationName: 'My integration',
  event: {
    moText: [
      {
        channel: 'sms',
        messageId: '3a89680503414383af44dcd0e4e5f184',
        relatedMessageId: 'd33eef0838a121f71069a4cc8d55c19e',
        relatedClientMessageId: 'order-42',
        from: '2799900001',
        to: '2799900002',
        timestamp: 1506607698000,
        content: 'Text Content of the reply message',
        charset: 'UTF-8',
        sms: { network: 'Network ID' },
      },
    ],
  },
};

describe('Platform SMS API status callback', () => {
  it('reads the doc/PHP field set: the name decides the state, the apiKey stays out of raw', () => {
    const event = normalizePlatformStatusCallback(platformStatus);
    expect(event).toMatchObject({
      type: 'message.status',
      provider: 'clickatell-platform',
      messageId: 'af750c2dc53e4e4c88c39b3b48756d3a',
      clientReference: 'order-42',
      to: '27999000001',
      from: '27999000100',
      state: 'delivered',
      final: true,
      error: false,
      providerCode: 'RECEIVED_BY_RECIPIENT',
      providerDescription: 'Received by recipient',
      timestamp: '2017-09-28T14:08:18.000Z',
    });
    expect(event.raw).not.toHaveProperty('apiKey');
    expect(JSON.stringify(event)).not.toContain('secret-portal-key');
  });

  it('reads the PHP client set without integrationName and statusCode, from a GET query', () => {
    const query = `?apiKey=k&messageId=af750c2dc53e4e4c88c39b3b48756d3a&requestId=r&clientMessageId=&to=27999000001&from=&status=DELIVERED_TO_GATEWAY&statusDescription=Delivered&timestamp=1506607698`;
    const event = normalizePlatformStatusCallback(parseCallbackQuery(query));
    expect(event).toMatchObject({ state: 'sent', final: false, providerCode: 'DELIVERED_TO_GATEWAY', clientReference: null, timestamp: '2017-09-28T14:08:18.000Z' });
  });

  it('keeps an unpublished status name as state unknown, and a bare statusCode verbatim, without guessing', () => {
    expect(normalizePlatformStatusCallback({ ...platformStatus, status: 'ERROR_DELIVERING' })).toMatchObject({ state: 'unknown', final: false, providerCode: 'ERROR_DELIVERING' });
    const bare = { ...platformStatus, status: undefined, statusDescription: undefined, statusCode: 7 };
    expect(normalizePlatformStatusCallback(bare)).toMatchObject({ state: 'unknown', providerCode: '7', providerDescription: null });
  });

  it('names the missing field', () => {
    expect(callbackError(() => normalizePlatformStatusCallback({ status: 'RECEIVED_BY_RECIPIENT' })).field).toBe('messageId');
    expect(callbackError(() => normalizePlatformStatusCallback({ messageId: 'x' })).field).toBe('status');
    expect(callbackError(() => normalizePlatformStatusCallback({ ...platformStatus, timestamp: 'yesterday' })).field).toBe('timestamp');
  });
});

describe('Platform SMS API reply callback', () => {
  // §5.2: the doc's fields (S7) and the PHP client's (S8: integrationId and apiKey instead of integrationName).
  const doc = {
    integrationName: 'My integration',
    messageId: 'af750c2dc53e4e4c88c39b3b48756d3a',
    replyMessageId: '0d2f1cd8a8b54b4f9c0a3d2e1f0a9b8c',
    fromNumber: '27999000001',
    toNumber: '27999000100',
    timestamp: '1506607698000',
    text: 'YES please',
    charset: 'UTF-8',
    udh: '',
    network: '1',
    keyword: 'YES',
  };

  it('reads the doc set as an inbound event answering the original message', () => {
    expect(normalizePlatformReplyCallback(doc)).toMatchObject({
      type: 'message.inbound',
      provider: 'clickatell-platform',
      messageId: '0d2f1cd8a8b54b4f9c0a3d2e1f0a9b8c',
      from: '27999000001',
      to: '27999000100',
      text: 'YES please',
      state: 'received',
      final: true,
      inReplyTo: 'af750c2dc53e4e4c88c39b3b48756d3a',
      timestamp: '2017-09-28T14:08:18.000Z',
    });
  });

  it('reads the PHP set (integrationId, apiKey) and drops the key', () => {
    const { integrationName, ...rest } = doc;
    void integrationName;
    const event = normalizePlatformReplyCallback({ ...rest, integrationId: 'fa80', apiKey: 'secret-portal-key' });
    expect(event.raw).toMatchObject({ integrationId: 'fa80' });
    expect(JSON.stringify(event)).not.toContain('secret-portal-key');
  });

  it('decodes a UCS-2 hex reply by its charset and refuses an unknown charset naming it', () => {
    expect(normalizePlatformReplyCallback({ ...doc, text: '00480069', charset: 'UCS-2' }).text).toBe('Hi');
    expect(callbackError(() => normalizePlatformReplyCallback({ ...doc, charset: 'EBCDIC' })).field).toBe('charset');
  });

  it('classifies flat callbacks by their fields', () => {
    expect(classifyPlatformCallback(doc)).toBe('inbound');
    expect(classifyPlatformCallback(platformStatus)).toBe('status');
    expect(classifyPlatformCallback({ hello: 'world' })).toBeNull();
  });
});

describe('One API callbacks', () => {
  it('reads the documented status example', () => {
    const [event] = normalizeOneApiCallback(oneStatus);
    expect(event).toMatchObject({
      type: 'message.status',
      provider: 'clickatell-one',
      messageId: '77fb29998253415fa5d66971d519d362',
      clientReference: '2993b6b548000a80989a20549e7558a5',
      state: 'delivered',
      final: true,
      providerCode: 'DEVICE_ACK',
      timestamp: '2017-09-28T14:08:18.860Z',
    });
    expect(event.raw).toMatchObject({ integrationName: 'My integration', channel: 'sms', statusCode: 5 });
    expect(event.raw).not.toHaveProperty('event');
  });

  it("trusts the name over the code: S16's FAQ pairs statusCode 4 with DEVICE_ACK", () => {
    const faq = { ...oneStatus, event: { messageStatusUpdate: [{ ...oneStatus.event.messageStatusUpdate[0], statusCode: 4 }] } };
    expect(normalizeOneApiCallback(faq)[0]).toMatchObject({ state: 'delivered', providerCode: 'DEVICE_ACK' });
  });

  it('reads the documented inbound example with the message it answers', () => {
    expect(normalizeOneApiCallback(oneReply)).toEqual([
      expect.objectContaining({
        type: 'message.inbound',
        provider: 'clickatell-one',
        messageId: '3a89680503414383af44dcd0e4e5f184',
        from: '2799900001',
        to: '2799900002',
        text: 'Text Content of the reply message',
        inReplyTo: 'd33eef0838a121f71069a4cc8d55c19e',
        clientReference: 'order-42',
        timestamp: '2017-09-28T14:08:18.000Z',
      }),
    ]);
  });

  it('returns every event of a batch, in order, and maps failures from the status table', () => {
    const update = oneStatus.event.messageStatusUpdate[0];
    const batch = {
      ...oneStatus,
      event: {
        messageStatusUpdate: [
          { ...update, status: 'SENT_TO_SUPPLIER', statusCode: 4 },
          { ...update, status: 'ROUTING_ERROR', statusCode: 100, messageId: 'b'.repeat(32) },
        ],
        moText: oneReply.event.moText,
      },
    };
    const events = normalizeOneApiCallback(batch);
    expect(events.map((event) => [event.type, event.state, event.providerCode])).toEqual([
      ['message.status', 'sent', 'SENT_TO_SUPPLIER'],
      ['message.status', 'failed', 'ROUTING_ERROR'],
      ['message.inbound', 'received', null],
    ]);
    expect(events[1]).toMatchObject({ final: true, error: true });
  });

  it('skips event types it does not know (S14: new types must not break the receiver)', () => {
    expect(normalizeOneApiCallback({ ...oneStatus, event: { moMedia: [{ messageId: 'x' }], somethingNew: {} } })).toEqual([]);
  });

  it('keeps an unknown status as state unknown', () => {
    const odd = { event: { messageStatusUpdate: [{ messageId: 'x', status: 'NEW_STATUS', statusCode: 999 }] } };
    expect(normalizeOneApiCallback(odd)[0]).toMatchObject({ state: 'unknown', providerCode: 'NEW_STATUS', final: false });
  });

  it('refuses hostile envelopes: no event, entries that are not objects, too many entries', () => {
    expect(callbackError(() => normalizeOneApiCallback({ integrationId: 'x' })).field).toBe('event');
    expect(callbackError(() => normalizeOneApiCallback({ event: { moText: ['text'] } })).field).toBe('event.moText');
    const many = Array.from({ length: MAX_PORTAL_EVENTS + 1 }, () => oneStatus.event.messageStatusUpdate[0]);
    expect(callbackError(() => normalizeOneApiCallback({ event: { messageStatusUpdate: many } })).providerText).toContain(`more than ${MAX_PORTAL_EVENTS}`);
    expect(normalizeOneApiCallback({ event: { messageStatusUpdate: many.slice(0, MAX_PORTAL_EVENTS) } })).toHaveLength(MAX_PORTAL_EVENTS);
  });

  it('reads a JSON body parsed by parseCallbackBody, __proto__ staying data', () => {
    const body = JSON.stringify(oneReply).replace('"channel":"sms"', '"__proto__":{"polluted":true},"channel":"sms"');
    const [event] = normalizeOneApiCallback(parseCallbackBody('application/json', body));
    expect(event.text).toBe('Text Content of the reply message');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('normalizeCallbackEvents and the single-event entry points', () => {
  it('reads either shape for either Portal provider', () => {
    expect(normalizeCallbackEvents('clickatell-platform', platformStatus).map((event) => event.provider)).toEqual(['clickatell-platform']);
    expect(normalizeCallbackEvents('clickatell-platform', oneStatus).map((event) => event.provider)).toEqual(['clickatell-one']);
    expect(normalizeCallbackEvents('clickatell-one', oneReply)[0].type).toBe('message.inbound');
  });

  it('filters by kind', () => {
    expect(normalizeCallbackEvents('clickatell-one', oneReply, {}, ['status'])).toEqual([]);
    expect(normalizeCallbackEvents('clickatell-platform', platformStatus, {}, ['inbound'])).toEqual([]);
  });

  it('wraps the older APIs one callback in a list', () => {
    const legacy = { apiMsgId: '996411ad91fa211e7d17bc873aa4a41d', status: '004', timestamp: '1218007814' };
    expect(normalizeCallbackEvents('clickatell-http', legacy)).toEqual([normalizeCallback('clickatell-http', legacy)]);
  });

  it('normalizeCallback reads a one-event Portal callback and refuses to cut a batch', () => {
    expect(classifyCallback('clickatell-one', oneReply)).toBe('inbound');
    expect(normalizeCallback('clickatell-one', oneStatus).providerCode).toBe('DEVICE_ACK');
    const update = oneStatus.event.messageStatusUpdate[0];
    const batch = { event: { messageStatusUpdate: [update, update] } };
    expect(callbackError(() => normalizeCallback('clickatell-one', batch)).providerText).toContain('2 status events');
  });

  it('passes the trigger token name on as a secret to leave out of raw', () => {
    const event = normalizeCallbackEvents('clickatell-platform', { ...platformStatus, sig: 'abc' }, { secretParams: ['sig'] })[0];
    expect(event.raw).not.toHaveProperty('sig');
  });
});

describe('properties on arbitrary input', () => {
  const KEYS = [
    'messageId', 'apiMessageId', 'replyMessageId', 'clientMessageId', 'relatedMessageId', 'status', 'statusCode', 'statusDescription', 'timestamp',
    'to', 'from', 'toNumber', 'fromNumber', 'text', 'content', 'charset', 'apiKey', 'token', 'integrationId', '__proto__', 'constructor',
  ];
  const scalar = fc.oneof(
    fc.string(),
    fc.constantFrom('RECEIVED_BY_RECIPIENT', 'DEVICE_ACK', 'ROUTING_ERROR', '5', '1506607698000', '1506607698', '2017-09-28T14:08:18Z', 'UCS-2', 'UTF-8', '00480069'),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const flat = fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }), { maxKeys: 12 });
  const envelope = fc.record(
    {
      integrationId: scalar,
      apiKey: fc.constant('secret-portal-key'),
      event: fc.oneof(
        fc.record({ messageStatusUpdate: fc.oneof(fc.array(flat, { maxLength: 4 }), flat, scalar) }, { requiredKeys: [] }),
        fc.record({ moText: fc.oneof(fc.array(flat, { maxLength: 4 }), flat, scalar) }, { requiredKeys: [] }),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
        scalar,
      ),
    },
    { requiredKeys: ['event'] },
  );

  it.each([
    ['clickatell-platform' as const],
    ['clickatell-one' as const],
  ])('normalizeCallbackEvents(%s) returns complete events or throws a GatewayError, and never copies a secret', (provider) => {
    let events = 0;
    fc.assert(
      fc.property(fc.oneof(flat, envelope), (params) => {
        let result: SmsEvent[];
        try {
          result = normalizeCallbackEvents(provider, params as Record<string, unknown>, { secretParams: ['token'] });
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayError);
          return;
        }
        events += result.length;
        for (const event of result) {
          expect(['message.status', 'message.inbound']).toContain(event.type);
          expect(['clickatell-platform', 'clickatell-one']).toContain(event.provider);
          expect(typeof event.messageId).toBe('string');
          const keys = Object.keys(event.raw).map((key) => key.toLowerCase());
          expect(keys).not.toContain('token');
          expect(keys).not.toContain('apikey');
          if (event.timestamp !== null) expect(new Date(event.timestamp).toISOString()).toBe(event.timestamp);
        }
      }),
      { numRuns: 1000 },
    );
    // The generators are wide; make sure some callbacks were read.
    expect(events).toBeGreaterThan(0);
  });
});
