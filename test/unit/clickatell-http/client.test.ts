import { GatewayError } from '../../../gateways/errors';
import { API_LIMITS } from '../../../gateways/limits';
import { ClickatellHttpClient } from '../../../gateways/clickatell-http';
import { retryAfterMs } from '../../../gateways/http-failure';
import type { HttpResponse } from '../../../gateways/transport';
import { CREDENTIALS, FakeTransport, SESSION_1, commandOf, type Handler } from './fake-transport';

const NOW = new Date('2024-05-01T12:00:00Z');
const ID = 'f7012c1edff2509a19ce1667c7f52b18';
const ID2 = '8a9b0c1d2e3f405162738495a6b7c8d9';

function setup(answer: (command: string, form: URLSearchParams) => string | HttpResponse, authMode: 'session' | 'perRequest' = 'session') {
  const handler: Handler = (request, form) => (commandOf(request) === 'auth' ? `OK: ${SESSION_1}` : answer(commandOf(request), form));
  const transport = new FakeTransport(handler);
  const api = new ClickatellHttpClient({ credentials: { ...CREDENTIALS, authMode }, transport, now: () => NOW });
  return { transport, api };
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a GatewayError');
}

describe('ClickatellHttpClient', () => {
  it('is an SmsGateway for clickatell-http with the documented POST limit', () => {
    const { api } = setup(() => '');
    expect(api.provider).toBe('clickatell-http');
    expect(api.maxRecipientsPerRequest).toBe(API_LIMITS['clickatell-http'].maxRecipientsPerRequest);
    expect(api.maxRecipientsPerRequest).toBe(600);
  });

  it('send: one outcome per recipient, in request order', async () => {
    const { api, transport } = setup(() => `ID: ${ID2} To: 27831234567\r\nID: ${ID} To: 447700900123\r\n`);
    const outcomes = await api.send({ to: ['+44 7700 900123', '27831234567'], text: 'Hello', options: { clientReference: 'abc123' } });
    expect(outcomes.map((o) => o.to)).toEqual(['+44 7700 900123', '27831234567']);
    expect(outcomes.map((o) => (o.ok ? o.event.messageId : null))).toEqual([ID, ID2]);
    expect(outcomes[0].ok && outcomes[0].event).toMatchObject({ clientReference: 'abc123', timestamp: NOW.toISOString(), to: '447700900123' });
    expect(transport.forms('sendmsg')[0].get('to')).toBe('447700900123,27831234567');
  });

  it('send: invalid numbers become error outcomes and the rest is sent', async () => {
    const { api, transport } = setup(() => `ID: ${ID} To: 447700900123\nID: ${ID2} To: 27831234567`);
    const outcomes = await api.send({ to: ['447700900123', '07700 900123', '27831234567', 'abc'], text: 'Hello' });
    expect(outcomes.map((o) => [o.to, o.ok])).toEqual([
      ['447700900123', true],
      ['07700 900123', false],
      ['27831234567', true],
      ['abc', false],
    ]);
    expect(!outcomes[1].ok && outcomes[1].error).toMatchObject({ code: 'INVALID_INPUT', field: 'to', delivery: 'no', recipient: '07700 900123' });
    expect(transport.forms('sendmsg')[0].get('to')).toBe('447700900123,27831234567');
  });

  it('send: no valid number sends nothing, but a bad text is still reported', async () => {
    const { api, transport } = setup(() => `ID: ${ID}`);
    const outcomes = await api.send({ to: ['0123', 'abc'], text: 'Hello' });
    expect(outcomes.map((o) => o.ok)).toEqual([false, false]);
    expect((await rejection(api.send({ to: ['0123'], text: '' }))).field).toBe('text');
    expect(transport.requests).toHaveLength(0);
  });

  it('send: invalid text or options, or 601 recipients, throw before any request', async () => {
    const { api, transport } = setup(() => `ID: ${ID}`);
    expect((await rejection(api.send({ to: ['447700900123'], text: '' }))).field).toBe('text');
    expect((await rejection(api.send({ to: ['447700900123'], text: 'Hi', options: { callback: 9 } }))).field).toBe('options.callback');
    const to = Array.from({ length: 601 }, (_, i) => `4477009${String(i).padStart(5, '0')}`);
    expect((await rejection(api.send({ to, text: 'Hi' }))).field).toBe('to');
    expect((await rejection(api.send({ to: [], text: 'Hi' }))).field).toBe('to');
    expect(transport.requests).toHaveLength(0);
  });

  it('send: a request-level error (e.g. no credit) is an outcome per recipient', async () => {
    const { api } = setup(() => 'ERR: 301, No credit left');
    const outcomes = await api.send({ to: ['447700900123', '27831234567'], text: 'Hi' });
    expect(outcomes.map((o) => !o.ok && o.error.code)).toEqual(['301', '301']);
  });

  it('queryStatus, getCharge and stop send the id and return status events', async () => {
    const { api, transport } = setup((command) =>
      command === 'getmsgcharge' ? `ID: ${ID} Charge: 1.5 Status: 004` : command === 'delmsg' ? `ID: ${ID} Status: 006` : `ID: ${ID} Status: 011`,
    );
    await expect(api.queryStatus(ID)).resolves.toMatchObject({ type: 'message.status', state: 'scheduled', providerCode: '011', timestamp: null });
    await expect(api.getCharge(ID)).resolves.toMatchObject({ state: 'delivered', charge: 1.5 });
    await expect(api.stop(ID)).resolves.toMatchObject({ state: 'cancelled', final: true });
    expect(transport.commands()).toEqual(['auth', 'querymsg', 'getmsgcharge', 'delmsg']);
    expect(transport.forms().slice(1).map((form) => form.get('apimsgid'))).toEqual([ID, ID, ID]);
  });

  it('getBalance and tokenPay', async () => {
    const { api, transport } = setup((command) => (command === 'token_pay' ? 'OK: 605' : 'Credit: -2.5'));
    await expect(api.getBalance()).resolves.toEqual({ provider: 'clickatell-http', balance: -2.5, currency: null, raw: { Credit: '-2.5' } });
    await expect(api.tokenPay('VOUCHER1')).resolves.toEqual({ ok: true, value: '605', raw: { OK: '605' } });
    expect(transport.forms('token_pay')[0].get('token')).toBe('VOUCHER1');
  });

  it('coverage authenticates per request even in session mode', async () => {
    const { api, transport } = setup(() => 'OK: This prefix is currently supported. Messages sent to this prefix will be routed. Charge: 0.8');
    await expect(api.coverage('+27 83 123 4567')).resolves.toMatchObject({ routable: true, minimumCharge: 0.8, destination: '27831234567' });
    expect(transport.commands()).toEqual(['routeCoverage']);
    expect(new URL(transport.requests[0].url).pathname).toBe('/utils/routeCoverage');
    expect(Object.fromEntries(transport.forms()[0])).toEqual({ api_id: CREDENTIALS.apiId, user: CREDENTIALS.user, password: CREDENTIALS.password, msisdn: '27831234567' });
  });

  it('coverage reports an unroutable prefix', async () => {
    const { api } = setup(() => 'ERR: This prefix is not currently supported. Messages sent to this prefix will fail.');
    await expect(api.coverage('99912345678')).resolves.toMatchObject({ routable: false, minimumCharge: null });
  });

  it('validates ids, tokens and numbers before any request', async () => {
    const { api, transport } = setup(() => 'OK: ');
    expect((await rejection(api.queryStatus(''))).field).toBe('apiMsgId');
    expect((await rejection(api.tokenPay(' '))).field).toBe('token');
    expect((await rejection(api.coverage('abc'))).field).toBe('msisdn');
    expect(transport.commands().filter((c) => c !== 'auth')).toEqual([]);
  });
});

describe('HTTP status other than 2xx', () => {
  function statusOf(status: number, headers: Record<string, string> = {}, body = 'Too Many Requests') {
    return setup(() => ({ status, headers, body }), 'perRequest');
  }

  it('429 with Retry-After seconds is retryable, not delivered', async () => {
    const { api } = statusOf(429, { 'retry-after': '7' });
    const error = await rejection(api.send({ to: ['447700900123'], text: 'Hi' }));
    expect(error).toMatchObject({ code: 'HTTP_429', httpStatus: 429, retryable: true, delivery: 'no', retryAfterMs: 7000, provider: 'clickatell-http' });
  });

  it('503 with Retry-After as an HTTP date', async () => {
    const at = new Date(NOW.getTime() + 120_000).toUTCString();
    const { api } = statusOf(503, { 'retry-after': at }, 'Service Unavailable');
    const error = await rejection(api.getBalance());
    expect(error).toMatchObject({ code: 'HTTP_503', retryable: true, delivery: 'no', retryAfterMs: 120_000 });
  });

  it('503 without Retry-After has no retryAfterMs', async () => {
    const { api } = statusOf(503, {});
    expect((await rejection(api.getBalance())).retryAfterMs).toBeUndefined();
  });

  it('500 may have been acted on: not retryable, delivery unknown', async () => {
    const { api, transport } = statusOf(500, {}, 'Internal Server Error');
    const error = await rejection(api.send({ to: ['447700900123'], text: 'Hi' }));
    expect(error).toMatchObject({ code: 'HTTP_500', retryable: false, delivery: 'unknown', providerText: 'Internal Server Error' });
    expect(transport.requests).toHaveLength(1);
  });

  it('404 was refused: delivery no, not retryable, hints at the base URL', async () => {
    const { api } = statusOf(404, {}, '');
    const error = await rejection(api.getBalance());
    expect(error).toMatchObject({ code: 'HTTP_404', retryable: false, delivery: 'no' });
    expect(error.hint).toContain('base URL');
  });

  it('reads Retry-After forms', () => {
    expect(retryAfterMs('0', NOW)).toBe(0);
    expect(retryAfterMs(' 30 ', NOW)).toBe(30_000);
    expect(retryAfterMs('Wed, 01 May 2024 12:01:00 GMT', NOW)).toBe(60_000);
    expect(retryAfterMs('Wed, 01 May 2024 11:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs('-5', NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });
});
