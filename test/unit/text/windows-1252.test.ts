import { CLICKATELL_HTTP_ALPHABET } from '../../../gateways/clickatell-http/text-rule';
import { GSM7_BASIC, GSM7_EXTENSION } from '../../../gateways/text/encoding';
import { analyzeText, chooseEncoding } from '../../../gateways/text/segments';
import { decodeWindows1252, formEncodeWindows1252, windows1252Byte, windows1252Char } from '../../../gateways/text/windows-1252';

describe('Windows-1252', () => {
  it('is ISO-8859-1 outside 0x80–0x9F, with € at 0x80 and five undefined bytes (WHATWG Encoding, windows-1252 index)', () => {
    expect(windows1252Byte('é')).toBe(0xe9);
    expect(windows1252Byte('£')).toBe(0xa3);
    expect(windows1252Byte('€')).toBe(0x80);
    expect(windows1252Byte('’')).toBe(0x92);
    expect(windows1252Byte('\u0080')).toBeUndefined();
    expect(windows1252Byte('Δ')).toBeUndefined();
    expect([0x81, 0x8d, 0x8f, 0x90, 0x9d].map(windows1252Char)).toEqual(Array(5).fill('\uFFFD'));
    expect(decodeWindows1252(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toBe('Café €');
  });

  it('round-trips every byte it defines', () => {
    for (let byte = 0; byte < 256; byte++) {
      const char = windows1252Char(byte);
      if (char !== '\uFFFD') expect(windows1252Byte(char)).toBe(byte);
    }
  });

  it('escapes a form value as URLSearchParams does for ASCII, and as single bytes above it', () => {
    const ascii = 'Hello, World! *-._ ~+&=%';
    expect(formEncodeWindows1252(ascii)).toBe(new URLSearchParams([['t', ascii]]).toString().slice(2));
    expect(formEncodeWindows1252('Ça va, élève €')).toBe('%C7a+va%2C+%E9l%E8ve+%80');
    expect(() => formEncodeWindows1252('Δ')).toThrow(RangeError);
  });
});

describe('the Clickatell HTTP API alphabet (gateways/clickatell-http/text-rule.ts)', () => {
  const gsm = [...GSM7_BASIC.replace('\u0000', ''), ...Object.keys(GSM7_EXTENSION)];

  it('is GSM-7 without the ten Greek capitals, which have no Windows-1252 byte', () => {
    const missing = gsm.filter((char) => !CLICKATELL_HTTP_ALPHABET.carries(char));
    expect(missing.join('')).toBe('ΔΦΓΛΩΠΨΣΘΞ');
  });

  it('never carries a character outside GSM-7, even one Windows-1252 has (the gateway would replace it)', () => {
    for (const char of ['â', 'ç', '’', '™', '`']) expect(CLICKATELL_HTTP_ALPHABET.carries(char)).toBe(false);
  });

  it('drives the encoding choice and the part count', () => {
    expect(chooseEncoding('Café £5', 'auto', CLICKATELL_HTTP_ALPHABET)).toBe('GSM-7');
    expect(chooseEncoding('Δ', 'auto', CLICKATELL_HTTP_ALPHABET)).toBe('UCS-2');
    expect(chooseEncoding('Δ', 'auto')).toBe('GSM-7');
    expect(analyzeText('a'.repeat(150) + 'Ω', 'auto', CLICKATELL_HTTP_ALPHABET)).toMatchObject({ encoding: 'UCS-2', parts: 3 });
    expect(() => analyzeText('Ω', 'off', CLICKATELL_HTTP_ALPHABET)).toThrow(/single-byte text/);
  });
});
