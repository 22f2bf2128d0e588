import { GatewayError } from '../../../gateways/errors';
import { CALLBACK_LIMITS, CALLBACK_TOO_LARGE, parseCallbackBody, parseCallbackQuery } from '../../../gateways/callbacks/body';
import { callbackError } from './helpers';

describe('parseCallbackBody', () => {
  it('returns the query for a GET without a body', () => {
    const query = { apiMsgId: 'a', status: '004' };
    expect(parseCallbackBody(undefined, undefined, query)).toEqual(query);
    expect(parseCallbackBody('text/plain', '', query)).toEqual(query);
    expect(parseCallbackBody(undefined, Buffer.alloc(0), query)).toEqual(query);
  });

  it('merges a form body with the query, the body winning', () => {
    const params = parseCallbackBody('application/x-www-form-urlencoded; charset=UTF-8', 'status=004&to=%2B27831234567&text=a+b%20c', { token: 't', status: 'query' });
    expect(params).toEqual({ token: 't', status: '004', to: '+27831234567', text: 'a b c' });
  });

  it('parses a JSON body from a string or a Buffer', () => {
    const json = { apiMessageId: 'x', messageStatus: '003', charge: 0.8, nested: { a: 1 } };
    expect(parseCallbackBody('application/json', JSON.stringify(json), {})).toEqual(json);
    expect(parseCallbackBody('Application/JSON; charset=utf-8', Buffer.from(JSON.stringify(json)), { token: 't' })).toEqual({ token: 't', ...json });
    expect(parseCallbackBody('application/vnd.clickatell+json', '\uFEFF{"a":"ü"}', {})).toEqual({ a: 'ü' });
  });

  it('sniffs the format when there is no content type or text/plain', () => {
    expect(parseCallbackBody(undefined, '{"status":"004"}', {})).toEqual({ status: '004' });
    expect(parseCallbackBody('text/plain', 'status=004&from=1', {})).toEqual({ status: '004', from: '1' });
    expect(callbackError(() => parseCallbackBody(undefined, 'hello world', {})).field).toBe('body');
  });

  it('keeps non-UTF-8 bytes as Latin-1 and decodes valid UTF-8', () => {
    expect(parseCallbackBody('application/x-www-form-urlencoded', 'text=caf%E9', {}).text).toBe('café');
    expect(parseCallbackBody('application/x-www-form-urlencoded', 'text=caf%C3%A9', {}).text).toBe('café');
    expect(parseCallbackBody('application/x-www-form-urlencoded', Buffer.from([0x74, 0x3d, 0xe9]), {}).t).toBe('é');
    expect(parseCallbackBody('application/x-www-form-urlencoded; charset=ISO-8859-1', 'text=%C3%A9', {}).text).toBe('Ã©');
    expect(parseCallbackBody('application/x-www-form-urlencoded', 'text=r%C3%A9sum%C3%A9+%F0%9F%98%80', {}).text).toBe('résumé 😀');
  });

  it('is tolerant of odd form details', () => {
    expect(parseCallbackBody('application/x-www-form-urlencoded', 'a=1&&b=&c&d=50%&e=%zz&=x', {})).toEqual({ a: '1', b: '', c: '', d: '50%', e: '%zz' });
    expect(parseCallbackBody('application/x-www-form-urlencoded', 'to=1&to=2', {})).toEqual({ to: ['1', '2'] });
  });

  it('keeps __proto__ as a plain key', () => {
    const params = parseCallbackBody('application/x-www-form-urlencoded', '__proto__=x&a=1', {});
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.keys(params)).toEqual(['__proto__', 'a']);
    const json = parseCallbackBody('application/json', '{"__proto__":{"polluted":true}}', {});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((json as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{"status": "004",', 'cannot be parsed'],
    ['[1,2]', 'an array'],
    ['"text"', 'a string'],
    ['null', 'null'],
  ])('rejects malformed JSON %j, naming the problem', (body, problem) => {
    const error = callbackError(() => parseCallbackBody('application/json', body, {}));
    expect(error.field).toBe('body');
    expect(error.message).toContain(problem);
  });

  it('rejects JSON that is not UTF-8 and unsupported content types', () => {
    expect(callbackError(() => parseCallbackBody('application/json', Buffer.from([0x7b, 0xff, 0x7d]), {})).message).toContain('UTF-8');
    expect(callbackError(() => parseCallbackBody('application/xml', '<callback/>', {})).hint).toMatch(/XML and SOAP/);
    expect(callbackError(() => parseCallbackBody('multipart/form-data; boundary=x', '--x', {})).message).toContain('multipart/form-data');
  });

  it('keeps every repeat of a key, in order', () => {
    const body = Array.from({ length: 200 }, (_, i) => `to=${i}`).join('&');
    expect(parseCallbackBody('application/x-www-form-urlencoded', body, {}).to).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
  });
});

describe('parseCallbackBody bounds (CALLBACK_LIMITS)', () => {
  function codeOf(action: () => unknown): GatewayError {
    try {
      action();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      return error as GatewayError;
    }
    throw new Error('expected an error');
  }

  it('refuses a body over maxBytes as CALLBACK_TOO_LARGE, before reading it', () => {
    const body = Buffer.alloc(CALLBACK_LIMITS.maxBytes + 1, 0x61);
    const error = codeOf(() => parseCallbackBody('application/x-www-form-urlencoded', body, {}));
    expect(error.code).toBe(CALLBACK_TOO_LARGE);
    expect(error.field).toBe('body');
    expect(parseCallbackBody('text/plain', `a=${'b'.repeat(CALLBACK_LIMITS.maxBytes - 2)}`, {}).a).toHaveLength(CALLBACK_LIMITS.maxBytes - 2);
  });

  it('refuses more form fields than maxFields, repeats of one key included', () => {
    const ok = Array.from({ length: CALLBACK_LIMITS.maxFields }, (_, i) => `k${i}=v`).join('&');
    expect(Object.keys(parseCallbackBody('application/x-www-form-urlencoded', ok, {}))).toHaveLength(CALLBACK_LIMITS.maxFields);
    const error = callbackError(() => parseCallbackBody('application/x-www-form-urlencoded', `${ok}&k=v`, {}));
    expect(error.message).toContain(`more than ${CALLBACK_LIMITS.maxFields} fields`);
    callbackError(() => parseCallbackBody('application/x-www-form-urlencoded', 'a&'.repeat(16_000), {}));
  });

  it('refuses JSON nested deeper than maxDepth before parsing it, brackets in strings aside', () => {
    const nest = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"b":1}${'}'.repeat(levels - 1)}`;
    expect(parseCallbackBody('application/json', nest(CALLBACK_LIMITS.maxDepth), {})).toHaveProperty('a');
    expect(callbackError(() => parseCallbackBody('application/json', nest(CALLBACK_LIMITS.maxDepth + 1), {})).message).toContain('nested deeper');
    expect(callbackError(() => parseCallbackBody('application/json', nest(5000), {})).message).toContain('nested deeper');
    expect(parseCallbackBody('application/json', `{"text":"${'[{'.repeat(100)}\\"}"}`, {}).text).toBe(`${'[{'.repeat(100)}"}`);
  });

  it('refuses JSON with more values than maxFields', () => {
    const big = JSON.stringify({ list: Array.from({ length: CALLBACK_LIMITS.maxFields + 1 }, (_, i) => i) });
    expect(callbackError(() => parseCallbackBody('application/json', big, {})).message).toContain('fields');
  });
});

describe('parseCallbackQuery', () => {
  it('decodes the query of a request URL, bounded like a body', () => {
    expect(parseCallbackQuery('/cb?text=caf%E9&to=1&to=2#frag')).toEqual({ text: 'café', to: ['1', '2'] });
    expect(parseCallbackQuery('/cb')).toEqual({});
    const error = (() => {
      try {
        parseCallbackQuery(`/cb?${'a&'.repeat(CALLBACK_LIMITS.maxFields + 1)}`);
      } catch (thrown) {
        return thrown as GatewayError;
      }
      throw new Error('expected an error');
    })();
    expect(error).toMatchObject({ code: 'MALFORMED_CALLBACK', field: 'query' });
  });
});
