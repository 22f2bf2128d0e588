import {
  buildOneStatusRequest,
  buildPlatformBalanceRequest,
  oneSendRequest,
  platformHttpSendRequest,
  platformSendRequest,
  portalIntegrationType,
  prepareOneSend,
  preparePlatformHttpSend,
  preparePlatformSend,
  resolvePortalBaseUrl,
} from '../../../gateways/clickatell-portal/requests';
import type { SendOptions } from '../../../gateways/gateway';
import { API_KEY, CREDENTIALS, NOW, thrown } from './helpers';

/** Builders from §2.1–2.2 and §6.1 of ../shared/specs/clickatell-platform-api.md. */

describe('Platform SMS API: POST /messages', () => {
  it("builds §2.2's example: JSON body, bare key in Authorization, JSON accept", () => {
    const prepared = preparePlatformSend(
      { to: ['27999000001', '+27 99 900 0002'], text: 'Hello', options: { from: '27999000100', clientReference: 'order-42', validityMinutes: 60 } },
      NOW,
    );
    const request = platformSendRequest(CREDENTIALS, prepared);
    expect(request).toMatchObject({ method: 'POST', url: 'https://platform.clickatell.com/messages' });
    expect(request.headers).toEqual({ 'Content-Type': 'application/json', Accept: 'application/json', Authorization: API_KEY });
    expect(JSON.parse(request.body!)).toEqual({ content: 'Hello', to: ['27999000001', '27999000002'], from: '27999000100', clientMessageId: 'order-42', validityPeriod: 60 });
    expect(request.url).not.toContain(API_KEY);
  });

  it('writes scheduledDeliveryTime in the documented +HHMM form, in UTC', () => {
    const prepared = preparePlatformSend({ to: ['27999000001'], text: 'Later', options: { scheduledAt: new Date('2025-03-10T14:30:00Z') } }, NOW);
    expect(prepared.body.scheduledDeliveryTime).toBe('2025-03-10T14:30:00+0000');
    expect(prepared.scheduled).toBe(true);
    expect(thrown(() => preparePlatformSend({ to: ['27999000001'], text: 'x', options: { scheduledAt: new Date('2025-03-09T00:00:00Z') } }, NOW)).field).toBe('options.scheduledAt');
  });

  it('carries binary content as upper-case hex with binary=true and a UDH as userDataHeader', () => {
    const prepared = preparePlatformSend({ to: ['27999000001'], text: '0a0b', options: { binary: true, udh: '0605040b8423f0' } }, NOW);
    expect(prepared.body).toMatchObject({ content: '0A0B', binary: true, userDataHeader: '0605040B8423F0' });
    expect(thrown(() => preparePlatformSend({ to: ['27999000001'], text: 'xyz', options: { binary: true } }, NOW)).field).toBe('text');
  });

  it('refuses, naming the option, what the API has no field for', () => {
    const refuse = (options: SendOptions) => thrown(() => preparePlatformSend({ to: ['27999000001'], text: 'Hi', options }, NOW));
    expect(refuse({ flash: true }).field).toBe('options.flash');
    expect(refuse({ maxParts: 2 }).field).toBe('options.maxParts');
    expect(refuse({ callback: 3 }).field).toBe('options.callback');
    expect(refuse({ country: 'AU' }).message).toContain('not supported by the Clickatell Platform SMS API');
    expect(refuse({ unicode: 'on' }).field).toBe('options.unicode');
    // false asks for nothing the API lacks.
    expect(preparePlatformSend({ to: ['27999000001'], text: 'Hi', options: { flash: false, unicode: 'auto' } }, NOW).body).toEqual({ content: 'Hi', to: ['27999000001'] });
  });

  it('names the field of bad input: text, recipients, limits, references', () => {
    expect(thrown(() => preparePlatformSend({ to: ['27999000001'], text: '  ' }, NOW)).field).toBe('text');
    expect(thrown(() => preparePlatformSend({ to: [], text: 'Hi' }, NOW)).field).toBe('to');
    expect(thrown(() => preparePlatformSend({ to: ['0821234567'], text: 'Hi' }, NOW)).field).toBe('to');
    const many = Array.from({ length: 201 }, (_, i) => `2799900${String(i).padStart(4, '0')}`);
    expect(thrown(() => preparePlatformSend({ to: many, text: 'Hi' }, NOW)).providerText).toContain('at most 200');
    expect(thrown(() => preparePlatformSend({ to: ['27999000001'], text: 'Hi', options: { clientReference: 'x'.repeat(33) } }, NOW)).field).toBe('options.clientReference');
    expect(thrown(() => preparePlatformSend({ to: ['27999000001'], text: 'Hi', options: { validityMinutes: 0 } }, NOW)).field).toBe('options.validityMinutes');
    expect(thrown(() => preparePlatformSend({ to: ['27999000001'], text: 'Hi', options: { from: 'A very long sender' } }, NOW)).field).toBe('options.from');
  });

  it('measures the text: GSM-7 or UCS-2 by its characters, parts for the events', () => {
    expect(preparePlatformSend({ to: ['27999000001'], text: 'x'.repeat(161) }, NOW)).toMatchObject({ encoding: 'GSM-7', parts: 2 });
    expect(preparePlatformSend({ to: ['27999000001'], text: 'Привет' }, NOW)).toMatchObject({ encoding: 'UCS-2', parts: 1 });
  });
});

describe('Platform SMS API, HTTP integration: GET /messages/http/send', () => {
  it('sends one handset with apiKey, to, content and from in the query (S9), no body', () => {
    const request = platformHttpSendRequest({ ...CREDENTIALS, integrationType: 'http' }, preparePlatformHttpSend({ to: ['+27 99 900 0001'], text: 'Hi & bye', options: { from: '27999000100' } }));
    expect(request.method).toBe('GET');
    expect(request.body).toBeUndefined();
    const url = new URL(request.url);
    expect(url.pathname).toBe('/messages/http/send');
    expect(Object.fromEntries(url.searchParams)).toEqual({ apiKey: API_KEY, to: '27999000001', content: 'Hi & bye', from: '27999000100' });
    expect(request.headers).toEqual({ Accept: 'application/json' });
  });

  it('takes one recipient and a sender only, naming what it refuses', () => {
    expect(thrown(() => preparePlatformHttpSend({ to: ['27999000001', '27999000002'], text: 'Hi' })).providerText).toContain('at most 1 recipients');
    const reference = thrown(() => preparePlatformHttpSend({ to: ['27999000001'], text: 'Hi', options: { clientReference: 'r' } }));
    expect(reference.field).toBe('options.clientReference');
    expect(reference.message).toContain('HTTP integration');
  });

  it('integrationType is rest unless it says http', () => {
    expect(portalIntegrationType(CREDENTIALS)).toBe('rest');
    expect(portalIntegrationType({ ...CREDENTIALS, integrationType: 'http' })).toBe('http');
    expect(thrown(() => portalIntegrationType({ ...CREDENTIALS, integrationType: 'soap' as 'http' })).field).toBe('credentials.integrationType');
  });
});

describe('One API: POST /v1/message', () => {
  it("builds S11's example: one SMS message per recipient", () => {
    const prepared = prepareOneSend({ to: ['2799900001', '+27999000002'], text: 'Here is my message', options: { from: '12027530410', clientReference: '2993b6b548000a80989a20549e7558a5' } });
    const request = oneSendRequest(CREDENTIALS, prepared);
    expect(request).toMatchObject({ method: 'POST', url: 'https://platform.clickatell.com/v1/message', headers: { Authorization: API_KEY } });
    expect(JSON.parse(request.body!)).toEqual({
      messages: [
        { channel: 'sms', to: '2799900001', content: 'Here is my message', from: '12027530410', clientMessageId: '2993b6b548000a80989a20549e7558a5' },
        { channel: 'sms', to: '27999000002', content: 'Here is my message', from: '12027530410', clientMessageId: '2993b6b548000a80989a20549e7558a5' },
      ],
    });
  });

  it('takes a sender and a reference only', () => {
    for (const options of [{ scheduledAt: new Date(NOW.getTime() + 60_000) }, { validityMinutes: 60 }, { udh: '06' }, { binary: true }] as SendOptions[]) {
      const error = thrown(() => prepareOneSend({ to: ['27999000001'], text: 'Hi', options }));
      expect(error.field).toBe(`options.${Object.keys(options)[0]}`);
      expect(error.message).toContain('Clickatell One API');
    }
  });
});

describe('status, balance, credentials and base URL', () => {
  it('GET /v1/message/{id} and GET /public-client/balance', () => {
    expect(buildOneStatusRequest(CREDENTIALS, ' 77fb29998253415fa5d66971d519d362 ')).toMatchObject({ method: 'GET', url: 'https://platform.clickatell.com/v1/message/77fb29998253415fa5d66971d519d362' });
    expect(buildPlatformBalanceRequest(CREDENTIALS)).toMatchObject({ method: 'GET', url: 'https://platform.clickatell.com/public-client/balance', headers: { Accept: 'application/json', Authorization: API_KEY } });
    expect(thrown(() => buildOneStatusRequest(CREDENTIALS, '../balance')).field).toBe('messageId');
  });

  it('names the credential field and never echoes the key', () => {
    const missing = thrown(() => buildPlatformBalanceRequest({ apiKey: ' ' }));
    expect(missing.field).toBe('credentials.apiKey');
    const spaced = thrown(() => buildPlatformBalanceRequest({ apiKey: 'Bearer abc123' }));
    expect(spaced.field).toBe('credentials.apiKey');
    expect(spaced.message).not.toContain('abc123');
  });

  it('uses a sandbox or proxy base URL as given, without a pasted path', () => {
    expect(resolvePortalBaseUrl('http://127.0.0.1:4010/')).toBe('http://127.0.0.1:4010');
    expect(resolvePortalBaseUrl('https://platform.clickatell.com/messages')).toBe('https://platform.clickatell.com');
    expect(resolvePortalBaseUrl('https://platform.clickatell.com/v1')).toBe('https://platform.clickatell.com');
    expect(thrown(() => resolvePortalBaseUrl('ftp://x')).field).toBe('credentials.baseUrl');
  });
});
