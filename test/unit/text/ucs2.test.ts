import { GatewayError } from '../../../gateways/errors';
import { decodeInboundText, fromUcs2Hex, toUcs2Hex } from '../../../gateways/text/ucs2';

describe('toUcs2Hex / fromUcs2Hex', () => {
  it('encodes UCS-2BE, upper case, four digits per unit', () => {
    expect(toUcs2Hex('Hi')).toBe('00480069');
    expect(toUcs2Hex('€')).toBe('20AC');
    expect(toUcs2Hex('Привет')).toBe('041F04400438043204350442');
    expect(toUcs2Hex('😀')).toBe('D83DDE00'); // surrogates as two units
    expect(toUcs2Hex('')).toBe('');
  });

  it('decodes either case', () => {
    expect(fromUcs2Hex('041f04400438043204350442')).toBe('Привет');
    expect(fromUcs2Hex('D83DDE00')).toBe('😀');
    expect(fromUcs2Hex('')).toBe('');
  });

  it.each([
    ['004', 'multiple of 4'],
    ['00480069 ', 'multiple of 4'],
    ['0048006G', 'other than 0-9'],
    ['0x48', 'other than 0-9'],
  ])('rejects %j', (hex, problem) => {
    expect(() => fromUcs2Hex(hex)).toThrow(GatewayError);
    expect(() => fromUcs2Hex(hex)).toThrow(problem);
  });
});

describe('decodeInboundText', () => {
  it('returns the text as it is without a charset', () => {
    expect(decodeInboundText('Hello', undefined)).toBe('Hello');
    expect(decodeInboundText('Hello', '')).toBe('Hello');
    expect(decodeInboundText(Buffer.from('Grüße', 'utf8'), null)).toBe('Grüße');
  });

  it.each(['UCS-2', 'ucs2', 'UTF-16BE', 'utf-16be', 'UCS2', 'Unicode', ' UTF_16 '])('decodes hex with charset %j', (charset) => {
    expect(decodeInboundText('041F04400438043204350442', charset)).toBe('Привет');
  });

  it('decodes UCS-2 hex with spaces, lower case and emoji', () => {
    expect(decodeInboundText('0048 0069 d83d de00', 'UCS-2')).toBe('Hi😀');
  });

  it('takes non-hex UCS-2 text, and short words of hex letters, as already decoded characters', () => {
    expect(decodeInboundText('Привет', 'UCS-2')).toBe('Привет');
    expect(decodeInboundText('bad', 'UCS-2')).toBe('bad');
    expect(decodeInboundText('Deaf 2', 'UCS-2')).toBe('Deaf 2');
  });

  it('decodes UTF-16BE bytes read one per character, and raw UTF-16BE buffers', () => {
    expect(decodeInboundText('\u0000H\u0000i', 'UCS-2')).toBe('Hi');
    expect(decodeInboundText(Buffer.from([0x04, 0x1f, 0xd8, 0x3d, 0xde, 0x00]), 'UTF-16BE')).toBe('П😀');
    expect(decodeInboundText(Buffer.from('00480069', 'latin1'), 'UCS-2')).toBe('Hi');
  });

  it('rejects UCS-2 that decodes to a broken surrogate, hex that is not whole units, or an odd byte count', () => {
    expect(() => decodeInboundText('00480069006', 'UCS-2')).toThrow('multiple of 4');
    expect(() => decodeInboundText('D83D0041', 'UCS-2')).toThrow('surrogate');
    expect(() => decodeInboundText(Buffer.from([0x00, 0x48, 0x00]), 'UCS-2')).toThrow('odd number of bytes');
  });

  it.each(['ISO-8859-1', 'iso-8859-1', 'Latin-1', 'latin1', 'ISO_8859-1', 'ISO8859-1', 'cp819'])('keeps Latin-1 text with charset %j', (charset) => {
    expect(decodeInboundText('café über', charset)).toBe('café über');
  });

  it('decodes Latin-1 bytes', () => {
    expect(decodeInboundText(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'ISO-8859-1')).toBe('café');
    // 0x80 is a C1 control in ISO-8859-1, not the euro sign of windows-1252.
    expect(decodeInboundText(Buffer.from([0x80]), 'ISO-8859-1')).toBe('\u0080');
  });

  it('refuses Latin-1 text whose bytes a UTF-8 decoder already replaced', () => {
    expect(() => decodeInboundText('caf\uFFFD', 'ISO-8859-1')).toThrow(GatewayError);
  });

  it('decodes UTF-8 bytes strictly', () => {
    expect(decodeInboundText(Buffer.from('Grüße 😀', 'utf8'), 'UTF-8')).toBe('Grüße 😀');
    expect(decodeInboundText('Grüße', 'utf8')).toBe('Grüße');
    expect(() => decodeInboundText(Buffer.from([0x63, 0xe9]), 'UTF-8')).toThrow('not valid UTF-8');
  });

  it('checks US-ASCII', () => {
    expect(decodeInboundText('plain', 'US-ASCII')).toBe('plain');
    expect(() => decodeInboundText('café', 'ascii')).toThrow(GatewayError);
    expect(() => decodeInboundText(Buffer.from([0xe9]), 'ascii')).toThrow(GatewayError);
  });

  it('refuses an unknown charset, naming the charset field', () => {
    expect(() => decodeInboundText('x', 'KOI8-R')).toThrow(expect.objectContaining({ code: 'UNDECODABLE_TEXT', field: 'charset' }));
  });
});
