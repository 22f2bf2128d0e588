import { parseCallbackBody } from '../../../gateways/callbacks/body';
import { classifyClickSendCallback, normalizeClickSendDeliveryReport, normalizeClickSendReply } from '../../../gateways/callbacks/clicksend';
import { normalizeCallback } from '../../../gateways/callbacks/normalize';
import { callbackError } from './helpers';

// The reply of the spec's example, as the form POST ClickSend makes.
const replyForm =
  'from=%2B61411111111&message=This+is+a+reply&originalmessage=Hello.+Please+reply&originalmessageid=D9F15F83-34EC-6A31-A57E-7E8FB0966D78&originalsenderid=%2B61400000000&customstring=order-77&username=testuser101';

describe('normalizeClickSendReply', () => {
  it('normalizes the documented reply push', () => {
    const params = parseCallbackBody('application/x-www-form-urlencoded', replyForm, {});
    expect(normalizeClickSendReply(params)).toEqual({
      type: 'message.inbound',
      provider: 'clicksend',
      messageId: null,
      clientReference: 'order-77',
      to: '+61400000000',
      from: '+61411111111',
      text: 'This is a reply',
      state: 'received',
      final: true,
      error: false,
      providerCode: null,
      providerDescription: null,
      charge: null,
      timestamp: null,
      inReplyTo: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78',
      raw: params,
    });
  });

  it('reads the published extras to, timestamp and message_id', () => {
    const event = normalizeClickSendReply({
      from: '+61411111111',
      message: 'Yes',
      to: '+61400000001',
      timestamp: '1414291155',
      message_id: 'F15F83H8-15AC-3R31-777E-7E8FB09SSDP2',
      originalsenderid: '+61400000000',
    });
    expect(event).toMatchObject({ to: '+61400000001', messageId: 'F15F83H8-15AC-3R31-777E-7E8FB09SSDP2', timestamp: '2014-10-26T02:39:15.000Z' });
  });

  it('reads the v3 JSON names of the same facts', () => {
    const params = parseCallbackBody(
      'application/json',
      JSON.stringify({
        from: '+61411111111',
        body: 'Ja, gerne 👍',
        message_id: 'B2C5',
        original_message_id: 'A1B2',
        original_body: 'Kommst du?',
        custom_string: 'ref-3',
        timestamp: '1700000000',
        user_id: 1234,
      }),
      {},
    );
    expect(normalizeClickSendReply(params)).toMatchObject({ text: 'Ja, gerne 👍', messageId: 'B2C5', inReplyTo: 'A1B2', clientReference: 'ref-3', timestamp: '2023-11-14T22:13:20.000Z' });
  });

  it('keeps an empty reply and the exact text', () => {
    expect(normalizeClickSendReply({ from: '+61411111111', message: '' }).text).toBe('');
    expect(normalizeClickSendReply({ from: '+61411111111', message: ' ok ' }).text).toBe(' ok ');
  });

  it('names missing fields and unreadable timestamps', () => {
    expect(callbackError(() => normalizeClickSendReply({ message: 'x' })).field).toBe('from');
    expect(callbackError(() => normalizeClickSendReply({ from: '+61411111111' })).field).toBe('message');
    expect(callbackError(() => normalizeClickSendReply({ from: '+61411111111', message: 'x', timestamp: '2015-01-01 10:00:00' })).field).toBe('timestamp');
  });

  it('leaves secrets out of raw', () => {
    const event = normalizeClickSendReply({ from: '+61411111111', message: 'x', token: 'tok', key: 'apikey' });
    expect(event.raw).toEqual({ from: '+61411111111', message: 'x' });
  });
});

describe('normalizeClickSendDeliveryReport', () => {
  const delivered = { messageid: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78', status: 'Delivered', status_code: '201', customstring: 'order-77', username: 'testuser101' };

  it('normalizes the documented delivered report', () => {
    const params = parseCallbackBody('application/x-www-form-urlencoded', new URLSearchParams(delivered).toString(), {});
    expect(normalizeClickSendDeliveryReport(params)).toEqual({
      type: 'message.status',
      provider: 'clicksend',
      messageId: 'D9F15F83-34EC-6A31-A57E-7E8FB0966D78',
      clientReference: 'order-77',
      to: null,
      from: null,
      text: null,
      state: 'delivered',
      final: true,
      error: false,
      providerCode: '201',
      providerDescription: 'Delivered to the handset',
      charge: null,
      timestamp: null,
      raw: delivered,
    });
  });

  it.each([
    [{ status: 'Undelivered', status_code: '301' }, { state: 'failed', final: true, error: true, providerCode: '301' }],
    [{ status: 'Undelivered', status_code: '300' }, { state: 'failed', final: false, error: true, providerCode: '300' }],
    [{ status: 'Undelivered' }, { state: 'failed', final: true, error: true, providerCode: null }],
    [{ status_code: 201 }, { state: 'delivered', final: true, providerCode: '201' }],
    [{ status_code: '200' }, { state: 'sent', final: false, error: false }],
    [{ status: 'Delivered', status_code: '999' }, { state: 'delivered', final: true, providerCode: '999' }],
    [{ status: 'Bounced', status_code: '999' }, { state: 'unknown', final: false, error: false, providerCode: '999' }],
  ])('%j -> %j', (fields, expected) => {
    expect(normalizeClickSendDeliveryReport({ messageid: 'M1', ...fields })).toMatchObject(expected);
  });

  it('prefers the provider detail text when a v3 push carries one', () => {
    const event = normalizeClickSendDeliveryReport({ message_id: 'M1', status: 'Delivered', status_code: '201', status_text: 'Success: Message received on handset.' });
    expect(event.providerDescription).toBe('Success: Message received on handset.');
  });

  it('names missing and unreadable fields', () => {
    expect(callbackError(() => normalizeClickSendDeliveryReport({ status: 'Delivered' })).field).toBe('messageid');
    expect(callbackError(() => normalizeClickSendDeliveryReport({ messageid: 'M1' })).field).toBe('status');
    expect(callbackError(() => normalizeClickSendDeliveryReport({ messageid: 'M1', status_code: 'OK' })).field).toBe('status_code');
  });
});

describe('classifyClickSendCallback / normalizeCallback', () => {
  it.each([
    [{ from: '+61411111111', message: 'hi' }, 'inbound'],
    [{ from: '+61411111111', body: 'hi' }, 'inbound'],
    [{ messageid: 'M1', status: 'Delivered' }, 'status'],
    [{ message_id: 'M1', status_code: '201' }, 'status'],
    [{ messageid: 'M1' }, null],
    [{}, null],
  ])('%j is %s', (params, kind) => {
    expect(classifyClickSendCallback(params as Record<string, unknown>)).toBe(kind);
  });

  it('dispatches each provider callback to its normalizer', () => {
    expect(normalizeCallback('clicksend', { from: '+61411111111', message: 'hi' }).type).toBe('message.inbound');
    expect(normalizeCallback('clicksend', { messageid: 'M1', status: 'Delivered' }).type).toBe('message.status');
    expect(normalizeCallback('clickatell-http', { apiMsgId: 'a', status: '004' }).type).toBe('message.status');
    expect(normalizeCallback('clickatell-rest', { moMsgId: 'm', from: '1', text: 'x' })).toMatchObject({ type: 'message.inbound', provider: 'clickatell-rest' });
    expect(callbackError(() => normalizeCallback('clicksend', { hello: 'world' })).field).toBe('body');
  });
});
