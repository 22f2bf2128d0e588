import { GatewayError } from '../../../gateways/errors';
import { normalizeNumber, splitRecipients } from '../../../gateways/text/numbers';

function fieldError(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a GatewayError');
}

describe('normalizeNumber', () => {
  it.each([
    '+44 7700 900123',
    '0044 7700-900123',
    '(44) 7700 900123',
    '447700900123',
    '+44 (0)7700 900123',
    '+44 (0) 7700 900123',
    '(+44) 7700.900.123',
    '  +447700900123  ',
    '0044/7700/900123',
  ])('normalizes %j', (input) => {
    expect(normalizeNumber(input, 'digits')).toBe('447700900123');
    expect(normalizeNumber(input, 'plus')).toBe('+447700900123');
  });

  it('handles other countries and lengths at the E.164 bounds', () => {
    expect(normalizeNumber('+1 (650) 123-4567', 'digits')).toBe('16501234567');
    expect(normalizeNumber('27831234567', 'plus')).toBe('+27831234567');
    expect(normalizeNumber('+61 411 111 111', 'plus')).toBe('+61411111111');
    expect(normalizeNumber('1234567', 'digits')).toBe('1234567');
    expect(normalizeNumber('123456789012345', 'digits')).toBe('123456789012345');
  });

  it('accepts a number value', () => {
    expect(normalizeNumber(447700900123 as unknown as string, 'digits')).toBe('447700900123');
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['+44 7700 CALLME', 'contains letters'],
    ['John', 'contains letters'],
    ['07700 900123', 'national number'],
    ['0 7700 900123', 'national number'],
    ['+0 7700 900123', 'country code starting with 0'],
    ['000 7700 900123', 'country code starting with 0'],
    ['+44 123', 'fewer than 7'],
    ['+1234567890123456', 'more than the 15'],
    ['+44#7700900123', 'not part of a phone number'],
    ['44 7700 900123 +', 'not part of a phone number'],
  ])('rejects %j (%s) naming the field', (input, problem) => {
    const error = fieldError(() => normalizeNumber(input, 'digits', 'recipient'));
    expect(error.field).toBe('recipient');
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(problem);
  });

  it('hints to add the country code for a national number', () => {
    const error = fieldError(() => normalizeNumber('07700900123', 'plus'));
    expect(error.field).toBe('to');
    expect(error.hint).toMatch(/country code/);
  });

  it('names the field for a non-string value and an unknown style', () => {
    expect(fieldError(() => normalizeNumber(null as never, 'digits', 'from')).field).toBe('from');
    expect(fieldError(() => normalizeNumber('447700900123', 'e164' as never)).field).toBe('style');
  });
});

describe('splitRecipients', () => {
  it('splits one number, lists and arrays, trimming blanks', () => {
    expect(splitRecipients('+447700900123')).toEqual(['+447700900123']);
    expect(splitRecipients('447700900123, 447700900124;447700900125\n447700900126\r\n,,')).toEqual([
      '447700900123',
      '447700900124',
      '447700900125',
      '447700900126',
    ]);
    expect(splitRecipients(['447700900123', ' ', 447700900124, '447700900125,447700900126'])).toEqual([
      '447700900123',
      '447700900124',
      '447700900125',
      '447700900126',
    ]);
  });

  it('keeps order and duplicates (each is a recipient the caller asked for)', () => {
    expect(splitRecipients('2, 1, 2')).toEqual(['2', '1', '2']);
  });

  it.each([[''], [' , ; '], [[]], [null], [undefined], [['', ' ']]])('rejects %j as no recipients', (value) => {
    expect(fieldError(() => splitRecipients(value, 'recipients')).field).toBe('recipients');
  });

  it('names the array index of an entry of the wrong type', () => {
    expect(fieldError(() => splitRecipients(['447700900123', { to: 1 }])).field).toBe('to[1]');
    expect(fieldError(() => splitRecipients(['447700900123', 4.5])).field).toBe('to[1]');
    expect(fieldError(() => splitRecipients(true)).field).toBe('to');
  });
});
