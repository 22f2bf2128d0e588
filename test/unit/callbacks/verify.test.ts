import * as crypto from 'node:crypto';
import { GatewayError } from '../../../gateways/errors';
import { tokenFromQueryString, verifyCallbackRequest, verifyCallbackSecret } from '../../../gateways/callbacks/verify';

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
      // An array is what a query parser makes of ?token[]=… or a repeated token: refused in both runtimes.
      [{ token: ['c0rrect-h0rse'] }, false],
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

describe('tokenFromQueryString', () => {
  it.each([
    ['token=abc', 'abc'],
    ['a=1&token=abc&b=2', 'abc'],
    ['token=a%2Bb+c', 'a+b c'],
    ['%74oken=abc', 'abc'],
    ['token', ''],
    ['tokens=abc', ''],
    ['token[]=abc', ''],
    ['token%5B%5D=abc', ''],
    ['token[0]=abc', ''],
    ['token=abc&token=abc', ''],
    ['token=%E0%A4%A', ''],
    ['', ''],
  ])('%j -> %j', (query, expected) => {
    expect(tokenFromQueryString(query, 'token')).toBe(expected);
  });

  it('skips long keys without decoding them', () => {
    expect(tokenFromQueryString(`${'%41'.repeat(1000)}=x&token=abc`, 'token')).toBe('abc');
  });
});

describe('verifyCallbackRequest', () => {
  const config = { mode: 'token' as const, secret: 'c0rrect-h0rse' };

  it('finds the token in the raw URL and refuses other shapes of it', () => {
    expect(verifyCallbackRequest(config, { url: '/cb?status=004&token=c0rrect-h0rse#x' })).toBe(true);
    expect(verifyCallbackRequest(config, { url: '/cb?token[]=c0rrect-h0rse' })).toBe(false);
    expect(verifyCallbackRequest(config, { url: '/cb?token=c0rrect-h0rse&token=c0rrect-h0rse' })).toBe(false);
    expect(verifyCallbackRequest(config, { url: '/cb' })).toBe(false);
    expect(verifyCallbackRequest({ ...config, tokenParam: 'sig' }, { url: '/cb?sig=c0rrect-h0rse' })).toBe(true);
  });

  it('checks basic auth from the headers, whatever the URL holds', () => {
    const basicConfig = { mode: 'basic' as const, secret: 'pw' };
    expect(verifyCallbackRequest(basicConfig, { url: '/cb?token=pw', headers: { authorization: basic('u', 'pw') } })).toBe(true);
    expect(verifyCallbackRequest(basicConfig, { url: '/cb?token=pw' })).toBe(false);
  });

  it('answers a hostile query in time linear in its length', () => {
    // 200,000 pairs of one key: a parser that copied an array per repeat would take minutes here.
    const hostile = `/cb?${'a&'.repeat(200_000)}token=c0rrect-h0rse`;
    expect(verifyCallbackRequest(config, { url: hostile })).toBe(true);
  });
});
