import { parseCallbackBody, parseCallbackQuery } from '../../../gateways/callbacks/body';
import { normalizeClickSendDeliveryReport } from '../../../gateways/callbacks/clicksend';
import { classifyCallback, normalizeCallback, normalizeCallbackEvents } from '../../../gateways/callbacks/normalize';
import { thrown } from '../clickatell-rest/helpers';
import { INBOUND_PUSH_JSON } from '../clicksend-v3/fixtures';

/**
 * ClickSend REST v3 pushes (../shared/specs/clicksend-rest-api-v3.md §7): the inbound push of an automation
 * rule in its three webhook types, and delivery receipts, read into the same events as HTTP v2's pushes.
 */


const FORM = new URLSearchParams(Object.entries(INBOUND_PUSH_JSON).map(([name, value]): [string, string] => [name, String(value)])).toString();

const EXPECTED_INBOUND = {
  type: 'message.inbound',
  provider: 'clicksend-v3',
  messageId: '1F12D781-99C1-6D94-96FE-F5A311C8997D',
  from: '+61429912603',
  to: '+61477485926',
  text: 'trigger reply',
  state: 'received',
  final: true,
  inReplyTo: '1F12D717-947A-6FBC-BBFE-D14C2927CEEF',
  clientReference: null,
  timestamp: new Date(1775012927 * 1000).toISOString(),
};

describe('ClickSend v3 inbound push', () => {
  it('reads the JSON push ClickSend ships with its n8n trigger (C8)', () => {
    const params = parseCallbackBody('application/json', JSON.stringify(INBOUND_PUSH_JSON));
    expect(classifyCallback('clicksend-v3', params)).toBe('inbound');
    expect(normalizeCallback('clicksend-v3', params)).toMatchObject(EXPECTED_INBOUND);
  });

  it('reads the same fields as a form POST and as a GET query (post and get webhook types)', () => {
    expect(normalizeCallback('clicksend-v3', parseCallbackBody('application/x-www-form-urlencoded', FORM))).toMatchObject(EXPECTED_INBOUND);
    expect(normalizeCallback('clicksend-v3', parseCallbackQuery(`/hook?${FORM}&token=abc`), { secretParams: ['token'] })).toMatchObject(EXPECTED_INBOUND);
  });

  it('reads the HTTP v2 names a form receiver may also get (originalmessageid, customstring: C9, unconfirmed)', () => {
    const event = normalizeCallback('clicksend-v3', { from: '+61429912603', message: 'hi', originalmessageid: 'ABC-1', customstring: 'ref-9' });
    expect(event).toMatchObject({ provider: 'clicksend-v3', inReplyTo: 'ABC-1', clientReference: 'ref-9', text: 'hi' });
  });

  it('keeps the raw push without our secret parameters', () => {
    const event = normalizeCallback('clicksend-v3', { ...INBOUND_PUSH_JSON, token: 'secret-token' });
    expect(event.raw).toMatchObject({ user_id: 304497, sms: '+61429912603' });
    expect(event.raw).not.toHaveProperty('token');
  });

  it('refuses a push without a sender or body as MALFORMED_CALLBACK', () => {
    expect(thrown(() => normalizeCallback('clicksend-v3', { to: '+61477485926', timestamp: 1 })).code).toBe('MALFORMED_CALLBACK');
    expect(thrown(() => normalizeCallback('clicksend-v3', { ...INBOUND_PUSH_JSON, timestamp: 'yesterday' })).field).toBe('timestamp');
  });
});

describe('ClickSend v3 delivery-receipt push (payload unconfirmed: read by the pull record names, §7.4)', () => {
  const RECEIPT = {
    timestamp_send: '1450854129',
    timestamp: '1450854130',
    message_id: '31BC271B-1E0C-45F6-9E7E-97186C46BB82',
    status_code: '201',
    status_text: 'Success: Message received on handset.',
    error_code: '',
    error_text: '',
    custom_string: 'order-7',
    _message_type: 'sms',
  };

  it('reads a receipt record as a status event with the v2 state names', () => {
    const params = parseCallbackBody('application/x-www-form-urlencoded', new URLSearchParams(RECEIPT).toString());
    expect(classifyCallback('clicksend-v3', params)).toBe('status');
    expect(normalizeCallback('clicksend-v3', params)).toMatchObject({
      type: 'message.status',
      provider: 'clicksend-v3',
      messageId: '31BC271B-1E0C-45F6-9E7E-97186C46BB82',
      clientReference: 'order-7',
      state: 'delivered',
      final: true,
      error: false,
      providerCode: '201',
      providerDescription: 'Success: Message received on handset.',
      timestamp: new Date(1450854130 * 1000).toISOString(),
    });
  });

  it('reads 301 as a final failure and 300 as a failure that may still change', () => {
    expect(normalizeCallback('clicksend-v3', { ...RECEIPT, status_code: '301', status_text: 'Failed' })).toMatchObject({ state: 'failed', final: true, error: true });
    expect(normalizeCallback('clicksend-v3', { ...RECEIPT, status_code: '300', status_text: '' })).toMatchObject({ state: 'failed', final: false, error: true });
  });

  it('reads a status word in status_code on v3 only (the single-receipt example, §10 item 8); v2 stays strict', () => {
    expect(normalizeCallback('clicksend-v3', { ...RECEIPT, status_code: 'Completed', status_text: '' })).toMatchObject({ state: 'queued', providerCode: null });
    expect(thrown(() => normalizeClickSendDeliveryReport({ messageid: 'X', status_code: 'Completed' })).field).toBe('status_code');
    expect(thrown(() => normalizeCallback('clicksend-v3', { ...RECEIPT, status_code: '20<script>1' })).code).toBe('MALFORMED_CALLBACK');
  });

  it('names the API in the event: clicksend for v2 pushes, clicksend-v3 for v3', () => {
    expect(normalizeCallback('clicksend', { messageid: 'X', status: 'Delivered', status_code: '201' }).provider).toBe('clicksend');
    expect(normalizeCallback('clicksend-v3', { messageid: 'X', status: 'Delivered', status_code: '201' }).provider).toBe('clicksend-v3');
  });
});

describe('normalizeCallbackEvents for ClickSend v3', () => {
  it('gives the one event of a push, or none when the caller does not want its kind', () => {
    expect(normalizeCallbackEvents('clicksend-v3', { ...INBOUND_PUSH_JSON })).toEqual([expect.objectContaining({ type: 'message.inbound', provider: 'clicksend-v3' })]);
    expect(normalizeCallbackEvents('clicksend-v3', { ...INBOUND_PUSH_JSON }, {}, ['status'])).toEqual([]);
    expect(thrown(() => normalizeCallbackEvents('clicksend-v3', { hello: 'world' })).code).toBe('MALFORMED_CALLBACK');
  });
});
