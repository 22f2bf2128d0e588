import { CLICKATELL_STATUS } from '../../../gateways/codes/clickatell-status';
import {
  classifyClickatellCallback,
  normalizeClickatellInbound,
  normalizeClickatellStatusCallback,
} from '../../../gateways/callbacks/clickatell';
import { parseCallbackBody } from '../../../gateways/callbacks/body';
import { callbackError } from './helpers';

// A legacy status callback as Clickatell sends it: GET query, unix seconds, zero-padded status.
const legacy = {
  api_id: '3523864',
  apiMsgId: '996411ad91fa211e7d17bc873aa4a41d',
  cliMsgId: 'order-1234',
  timestamp: '1218007814',
  to: '279995631564',
  from: '27833001171',
  status: '004',
  charge: '0.300000',
};

describe('normalizeClickatellStatusCallback', () => {
  it('normalizes a legacy HTTP status callback', () => {
    const event = normalizeClickatellStatusCallback(legacy, 'clickatell-http');
    expect(event).toEqual({
      type: 'message.status',
      provider: 'clickatell-http',
      messageId: '996411ad91fa211e7d17bc873aa4a41d',
      clientReference: 'order-1234',
      to: '279995631564',
      from: '27833001171',
      text: null,
      state: 'delivered',
      final: true,
      error: false,
      providerCode: '004',
      providerDescription: 'Received by recipient',
      charge: 0.3,
      timestamp: '2008-08-06T07:30:14.000Z',
      raw: legacy,
    });
  });

  const codes = [...CLICKATELL_STATUS.values()];
  it.each(codes.map((status) => [status.code, status]))('maps status %s from the shared table', (code, status) => {
    for (const sent of [code, String(Number(code)), ` ${code} `]) {
      const event = normalizeClickatellStatusCallback({ ...legacy, status: sent }, 'clickatell-http');
      expect(event).toMatchObject({ state: status.state, final: status.final, error: status.error, providerCode: code, providerDescription: status.description });
    }
  });

  it('covers every documented status code', () => {
    expect(codes.map((status) => status.code)).toEqual(['001', '002', '003', '004', '005', '006', '007', '008', '009', '010', '011', '012', '014']);
    expect(normalizeClickatellStatusCallback({ ...legacy, status: '003' }, 'clickatell-http')).toMatchObject({ state: 'sent', final: false });
    expect(normalizeClickatellStatusCallback({ ...legacy, status: '007' }, 'clickatell-http')).toMatchObject({ state: 'failed', final: true, error: true });
    expect(normalizeClickatellStatusCallback({ ...legacy, status: '010' }, 'clickatell-http')).toMatchObject({ state: 'expired', error: true });
  });

  it("keeps an undocumented status code as 'unknown'", () => {
    const event = normalizeClickatellStatusCallback({ ...legacy, status: '015' }, 'clickatell-http');
    expect(event).toMatchObject({ state: 'unknown', final: false, error: false, providerCode: '015' });
  });

  it('accepts keys in any case', () => {
    const event = normalizeClickatellStatusCallback(
      { APIMSGID: 'abc', climsgid: 'ref', STATUS: '8', Timestamp: '1218007814', CHARGE: '1' },
      'clickatell-http',
    );
    expect(event).toMatchObject({ messageId: 'abc', clientReference: 'ref', providerCode: '008', state: 'accepted', charge: 1 });
  });

  it('normalizes a REST JSON callback wrapped in data', () => {
    const body = JSON.stringify({
      data: {
        apiId: 3523864,
        apiMessageId: '360586640fe9846954897dffe6c13dfc',
        clientMessageId: 'ref-9',
        timestamp: 1442849567,
        to: '2799900001',
        from: '2799900000',
        charge: 0.8,
        messageStatus: '003',
      },
    });
    const params = parseCallbackBody('application/json', body, {});
    const event = normalizeClickatellStatusCallback(params, 'clickatell-rest');
    expect(event).toMatchObject({
      provider: 'clickatell-rest',
      messageId: '360586640fe9846954897dffe6c13dfc',
      clientReference: 'ref-9',
      to: '2799900001',
      from: '2799900000',
      state: 'sent',
      final: false,
      providerCode: '003',
      charge: 0.8,
      timestamp: '2015-09-21T15:32:47.000Z',
    });
    expect(event.raw).toEqual(JSON.parse(body));
  });

  it("reads the newer platform's numeric statusCode beside a text status and a millisecond timestamp", () => {
    const event = normalizeClickatellStatusCallback(
      {
        integrationName: 'My integration',
        messageId: 'c5b8e9b1a6e547c09dcc9b7d11b7e3a0',
        requestId: 'b2d2cd1c-1b0e-4a5b-9a2c-1d1e6c3f8a11',
        clientMessageId: 'ref-2',
        to: '27821234567',
        from: '27820000000',
        statusCode: 4,
        status: 'RECEIVED_BY_RECIPIENT',
        timestamp: 1506607698000,
      },
      'clickatell-rest',
    );
    expect(event).toMatchObject({ messageId: 'c5b8e9b1a6e547c09dcc9b7d11b7e3a0', providerCode: '004', state: 'delivered', timestamp: '2017-09-28T14:08:18.000Z' });
  });

  it('reads all three callback forms to the same event', () => {
    const query = new URLSearchParams(legacy as Record<string, string>).toString();
    const fromGet = parseCallbackBody(undefined, undefined, Object.fromEntries(new URLSearchParams(query)));
    const fromForm = parseCallbackBody('application/x-www-form-urlencoded', Buffer.from(query), {});
    const fromJson = parseCallbackBody('application/json; charset=utf-8', JSON.stringify(legacy), {});
    const events = [fromGet, fromForm, fromJson].map((params) => normalizeClickatellStatusCallback(params, 'clickatell-http'));
    const { raw: _raw, ...first } = events[0];
    for (const event of events) expect({ ...event, raw: undefined }).toEqual({ ...first, raw: undefined });
  });

  it('leaves the verification token and other secrets out of raw', () => {
    const event = normalizeClickatellStatusCallback({ ...legacy, token: 's3cret', hook_key: 'k2' }, 'clickatell-http', { secretParams: ['hook_key'] });
    expect(event.raw).toEqual(legacy);
    expect(JSON.stringify(event)).not.toContain('s3cret');
    expect(JSON.stringify(event)).not.toContain('k2');
  });

  it('names the missing or unreadable field', () => {
    const { apiMsgId: _id, ...noId } = legacy;
    expect(callbackError(() => normalizeClickatellStatusCallback(noId, 'clickatell-http')).field).toBe('apiMsgId');
    const { status: _status, ...noStatus } = legacy;
    expect(callbackError(() => normalizeClickatellStatusCallback(noStatus, 'clickatell-http')).field).toBe('status');
    expect(callbackError(() => normalizeClickatellStatusCallback({ ...legacy, status: 'delivered' }, 'clickatell-http')).field).toBe('status');
    expect(callbackError(() => normalizeClickatellStatusCallback({ ...legacy, apiMsgId: '  ' }, 'clickatell-http')).field).toBe('apiMsgId');
    expect(callbackError(() => normalizeClickatellStatusCallback({ ...legacy, charge: 'free' }, 'clickatell-http')).field).toBe('charge');
    expect(callbackError(() => normalizeClickatellStatusCallback({ ...legacy, timestamp: 'yesterday' }, 'clickatell-http')).field).toBe('timestamp');
    expect(callbackError(() => normalizeClickatellStatusCallback({ ...legacy, status: ['004', '007'] }, 'clickatell-http')).field).toBe('status');
  });

  it('treats blank optional fields as unknown', () => {
    const event = normalizeClickatellStatusCallback({ apiMsgId: 'x', status: '004', charge: '', timestamp: '', cliMsgId: '' }, 'clickatell-http');
    expect(event).toMatchObject({ charge: null, timestamp: null, clientReference: null, to: null, from: null });
  });

  it('rejects an unknown provider', () => {
    expect(() => normalizeClickatellStatusCallback(legacy, 'clicksend' as never)).toThrow(expect.objectContaining({ field: 'provider' }));
  });
});

describe('normalizeClickatellInbound', () => {
  // A published sample MO callback (form POST), GMT+2 local timestamp and ISO-8859-1 charset.
  const sample =
    'api_id=3523864&from=919676026708&timestamp=2015-02-04+09%3A30%3A36&text=Test+clicks+tell+103+2-4-2015&charset=ISO-8859-1&udh=&moMsgId=d2b66016178dda7c3b4a701056797755&to=447860024227';

  it('normalizes a published MO sample and converts the GMT+2 timestamp to UTC', () => {
    const params = parseCallbackBody('application/x-www-form-urlencoded', sample, {});
    const event = normalizeClickatellInbound(params);
    expect(event).toEqual({
      type: 'message.inbound',
      provider: 'clickatell-http',
      messageId: 'd2b66016178dda7c3b4a701056797755',
      clientReference: null,
      to: '447860024227',
      from: '919676026708',
      text: 'Test clicks tell 103 2-4-2015',
      state: 'received',
      final: true,
      error: false,
      providerCode: null,
      providerDescription: null,
      charge: null,
      timestamp: '2015-02-04T07:30:36.000Z',
      raw: params,
    });
  });

  it('reads a GET query whose + was not turned into a space', () => {
    const event = normalizeClickatellInbound({ moMsgId: 'm1', from: '27831234567', text: 'hi', timestamp: '2015-02-04+09:30:36' });
    expect(event.timestamp).toBe('2015-02-04T07:30:36.000Z');
  });

  it('reads a unix-seconds timestamp and rolls the GMT+2 local time back over midnight', () => {
    expect(normalizeClickatellInbound({ moMsgId: 'm1', from: '1', text: '', timestamp: '1423035036' }).timestamp).toBe('2015-02-04T07:30:36.000Z');
    expect(normalizeClickatellInbound({ moMsgId: 'm1', from: '1', text: '', timestamp: '2015-01-01 01:15:00' }).timestamp).toBe('2014-12-31T23:15:00.000Z');
    expect(normalizeClickatellInbound({ moMsgId: 'm1', from: '1', text: '', timestamp: '2015-06-01T12:00:00Z' }).timestamp).toBe('2015-06-01T12:00:00.000Z');
  });

  it('rejects an impossible local date', () => {
    expect(callbackError(() => normalizeClickatellInbound({ moMsgId: 'm1', from: '1', text: 'x', timestamp: '2015-02-30 10:00:00' })).field).toBe('timestamp');
  });

  it('decodes ISO-8859-1 text sent as percent-escaped bytes', () => {
    const params = parseCallbackBody('application/x-www-form-urlencoded', 'moMsgId=m2&from=4915112345678&text=Gr%FC%DFe+caf%E9&charset=ISO-8859-1', {});
    expect(normalizeClickatellInbound(params).text).toBe('Grüße café');
  });

  it('decodes UCS-2 hex text', () => {
    const event = normalizeClickatellInbound({ moMsgId: 'm3', from: '79161234567', text: '041F044004380432043504420020D83DDE00', charset: 'UCS-2' });
    expect(event.text).toBe('Привет 😀');
    expect(event.raw.text).toBe('041F044004380432043504420020D83DDE00');
  });

  it('decodes UTF-8 text and keeps a udh in raw', () => {
    const params = parseCallbackBody('application/x-www-form-urlencoded', 'moMsgId=m4&from=1&text=%E2%82%AC5&charset=UTF-8&udh=050003A70201', {});
    const event = normalizeClickatellInbound(params);
    expect(event.text).toBe('€5');
    expect(event.raw.udh).toBe('050003A70201');
  });

  it('keeps the text exactly, spaces included', () => {
    expect(normalizeClickatellInbound({ moMsgId: 'm', from: '1', text: '  STOP  ' }).text).toBe('  STOP  ');
  });

  it('rejects undecodable text as MALFORMED_CALLBACK naming the field', () => {
    expect(callbackError(() => normalizeClickatellInbound({ moMsgId: 'm', from: '1', text: 'D83D0041', charset: 'UCS-2' })).field).toBe('text');
    expect(callbackError(() => normalizeClickatellInbound({ moMsgId: 'm', from: '1', text: 'caf\uFFFD', charset: 'ISO-8859-1' })).field).toBe('text');
    expect(callbackError(() => normalizeClickatellInbound({ moMsgId: 'm', from: '1', text: 'x', charset: 'EBCDIC' })).field).toBe('charset');
  });

  it('names missing required fields', () => {
    expect(callbackError(() => normalizeClickatellInbound({ from: '1', text: 'x' })).field).toBe('moMsgId');
    expect(callbackError(() => normalizeClickatellInbound({ moMsgId: 'm', text: 'x' })).field).toBe('from');
    expect(callbackError(() => normalizeClickatellInbound({ moMsgId: 'm', from: '1' })).field).toBe('text');
  });

  it('can be attributed to the REST API and leaves the token out of raw', () => {
    const event = normalizeClickatellInbound({ moMsgId: 'm', from: '1', text: 'x', token: 'abc' }, { provider: 'clickatell-rest' });
    expect(event.provider).toBe('clickatell-rest');
    expect(event.raw).not.toHaveProperty('token');
  });
});

describe('classifyClickatellCallback', () => {
  it.each([
    [legacy, 'status'],
    [{ apimessageid: 'x', messagestatus: '004' }, 'status'],
    [{ data: { apiMessageId: 'x', messageStatus: '004' } }, 'status'],
    [{ moMsgId: 'm', from: '1', text: 'x' }, 'inbound'],
    [{ momsgid: 'm' }, 'inbound'],
    [{ from: '1', text: 'x', api_id: '1' }, 'inbound'],
    [{}, null],
    [{ token: 'abc' }, null],
    [{ apiMsgId: 'x' }, null],
  ])('%j is %s', (params, kind) => {
    expect(classifyClickatellCallback(params as Record<string, unknown>)).toBe(kind);
  });
});
