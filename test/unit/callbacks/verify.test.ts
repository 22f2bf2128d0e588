import * as crypto from 'node:crypto';
import { GatewayError } from '../../../gateways/errors';
import { verifyCallbackSecret } from '../../../gateways/callbacks/verify';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
const timingSafeEqual = crypto.timingSafeEqual as unknown as jest.Mock;

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

beforeEach(() => timingSafeEqual.mockClear());

describe('verifyCallbackSecret', () => {
  it("accepts everything in mode 'none'", () => {
    expect(verifyCallbackSecret({ mode: 'none' }, {})).toBe(true);
  });

  describe('token', () => {
    const config = { mode: 'token' as const, secret: 'c0rrect-h0rse' };
    it.each([
      [{ token: 'c0rrect-h0rse' }, true],
      [{ token: ['c0rrect-h0rse'] }, true],
      [{ token: 'c0rrect-h0rsE' }, false],
      [{ token: 'c0rrect' }, false],
      [{ token: 'c0rrect-h0rse-and-more' }, false],
      [{ token: '' }, false],
      [{ token: ['c0rrect-h0rse', 'x'] }, false],
      [{ token: 42 }, false],
      [{}, false],
    ])('query %j -> %s', (query, expected) => {
      expect(verifyCallbackSecret(config, { query })).toBe(expected);
    });

    it('uses a custom parameter name', () => {
      expect(verifyCallbackSecret({ ...config, tokenParam: 'sig' }, { query: { sig: 'c0rrect-h0rse' } })).toBe(true);
      expect(verifyCallbackSecret({ ...config, tokenParam: 'sig' }, { query: { token: 'c0rrect-h0rse' } })).toBe(false);
    });

    it('compares equal-length digests with timingSafeEqual even when the lengths differ', () => {
      verifyCallbackSecret(config, { query: { token: 'x' } });
      verifyCallbackSecret(config, { query: {} });
      expect(timingSafeEqual).toHaveBeenCalledTimes(2);
      for (const [a, b] of timingSafeEqual.mock.calls) {
        expect(a.length).toBe(32);
        expect(b.length).toBe(32);
      }
    });
  });

  describe('basic', () => {
    const config = { mode: 'basic' as const, user: 'clickatell', secret: 'p@ss:word' };
    it.each([
      [{ authorization: basic('clickatell', 'p@ss:word') }, true],
      [{ Authorization: basic('clickatell', 'p@ss:word') }, true],
      [{ authorization: [basic('clickatell', 'p@ss:word')] }, true],
      [{ authorization: `  basic   ${Buffer.from('clickatell:p@ss:word').toString('base64')} ` }, true],
      [{ authorization: basic('clickatell', 'wrong') }, false],
      [{ authorization: basic('someone', 'p@ss:word') }, false],
      [{ authorization: basic('clickatell', 'p@ss') }, false],
      [{ authorization: `Bearer p@ss:word` }, false],
      [{ authorization: 'Basic !!!' }, false],
      [{ authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` }, false],
      [{}, false],
    ])('headers %j -> %s', (headers, expected) => {
      expect(verifyCallbackSecret(config, { headers })).toBe(expected);
    });

    it('checks only the password when no user is configured', () => {
      expect(verifyCallbackSecret({ mode: 'basic', secret: 'pw' }, { headers: { authorization: basic('anyone', 'pw') } })).toBe(true);
      expect(verifyCallbackSecret({ mode: 'basic', secret: 'pw' }, { headers: { authorization: basic('anyone', 'px') } })).toBe(false);
    });

    it('runs both comparisons whatever fails first', () => {
      verifyCallbackSecret(config, { headers: { authorization: basic('someone', 'p@ss:word') } });
      expect(timingSafeEqual).toHaveBeenCalledTimes(2);
    });
  });

  it('refuses an empty secret and an unknown mode as configuration errors', () => {
    expect(() => verifyCallbackSecret({ mode: 'token', secret: '' }, { query: { token: '' } })).toThrow(GatewayError);
    expect(() => verifyCallbackSecret({ mode: 'basic' }, {})).toThrow(expect.objectContaining({ field: 'secret' }));
    expect(() => verifyCallbackSecret({ mode: 'hmac' as never, secret: 'x' }, {})).toThrow(expect.objectContaining({ field: 'mode' }));
  });
});
