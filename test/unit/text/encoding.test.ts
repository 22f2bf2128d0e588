import { GSM7_BASIC, GSM7_EXTENSION, detectEncoding, gsm7Septets, isGsm7, nonGsm7Characters } from '../../../gateways/text/encoding';

describe('GSM 03.38 tables', () => {
  it('has 128 basic positions with the escape slot and no duplicates', () => {
    expect(GSM7_BASIC.length).toBe(128);
    const chars = [...GSM7_BASIC];
    expect(new Set(chars).size).toBe(128);
    // Spot checks against the 3GPP TS 23.038 table.
    expect(GSM7_BASIC.indexOf('@')).toBe(0x00);
    expect(GSM7_BASIC.indexOf('£')).toBe(0x01);
    expect(GSM7_BASIC.indexOf('\n')).toBe(0x0a);
    expect(GSM7_BASIC.indexOf('Δ')).toBe(0x10);
    expect(GSM7_BASIC.indexOf('_')).toBe(0x11);
    expect(GSM7_BASIC.indexOf(' ')).toBe(0x20);
    expect(GSM7_BASIC.indexOf('¤')).toBe(0x24);
    expect(GSM7_BASIC.indexOf('¡')).toBe(0x40);
    expect(GSM7_BASIC.indexOf('A')).toBe(0x41);
    expect(GSM7_BASIC.indexOf('§')).toBe(0x5f);
    expect(GSM7_BASIC.indexOf('¿')).toBe(0x60);
    expect(GSM7_BASIC.indexOf('à')).toBe(0x7f);
  });

  it('has the extension table with the escape-pair codes', () => {
    expect(GSM7_EXTENSION).toEqual({ '\f': 0x0a, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2f, '[': 0x3c, '~': 0x3d, ']': 0x3e, '|': 0x40, '€': 0x65 });
  });

  it('counts septets per character', () => {
    expect(gsm7Septets('a')).toBe(1);
    expect(gsm7Septets('€')).toBe(2);
    expect(gsm7Septets('\f')).toBe(2);
    expect(gsm7Septets('я')).toBe(0);
    expect(gsm7Septets('\u001b')).toBe(0); // the escape itself is not a character of a text
  });
});

describe('isGsm7 / detectEncoding', () => {
  it.each([
    ['Hello, world!', 'GSM-7'],
    ['Price: 5€ [promo] {x} ~ | ^ \\', 'GSM-7'],
    ['ΔΦΓΛΩΠΨΣΘΞ ÆæßÉ ÄÖÑÜ§ äöñüà', 'GSM-7'],
    ['line1\r\nline2', 'GSM-7'],
    ['', 'GSM-7'],
    ['Привет', 'UCS-2'],
    ['Ελλάδα', 'UCS-2'], // Greek lower case is not in GSM-7
    ['ça va', 'UCS-2'], // only the capital Ç is in the table
    ['Meet at 5 😀', 'UCS-2'],
    ['tab\there', 'UCS-2'],
    ['backtick `', 'UCS-2'],
    ['you’re', 'UCS-2'], // typographic apostrophe
  ])('%j is %s', (text, encoding) => {
    expect(detectEncoding(text)).toBe(encoding);
    expect(isGsm7(text)).toBe(encoding === 'GSM-7');
  });

  it('lists the characters GSM-7 cannot carry, once each, emoji whole', () => {
    expect(nonGsm7Characters('aяbя😀c')).toEqual(['я', '😀']);
    expect(nonGsm7Characters('plain')).toEqual([]);
  });
});
