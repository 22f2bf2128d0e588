import { GatewayError } from '../../../gateways/errors';
import { parseCallbackBody } from '../../../gateways/callbacks/body';

function bodyError(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('MALFORMED_CALLBACK');
    return error as GatewayError;
  }
  throw new Error('expected a MALFORMED_CALLBACK error');
}

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
    expect(bodyError(() => parseCallbackBody(undefined, 'hello world', {})).field).toBe('body');
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
    const error = bodyError(() => parseCallbackBody('application/json', body, {}));
    expect(error.field).toBe('body');
    expect(error.message).toContain(problem);
  });

  it('rejects JSON that is not UTF-8 and unsupported content types', () => {
    expect(bodyError(() => parseCallbackBody('application/json', Buffer.from([0x7b, 0xff, 0x7d]), {})).message).toContain('UTF-8');
    expect(bodyError(() => parseCallbackBody('application/xml', '<callback/>', {})).hint).toMatch(/XML and SOAP/);
    expect(bodyError(() => parseCallbackBody('multipart/form-data; boundary=x', '--x', {})).message).toContain('multipart/form-data');
  });
});
