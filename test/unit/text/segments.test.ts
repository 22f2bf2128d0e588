import { GatewayError } from '../../../gateways/errors';
import { analyzeText, splitIntoParts } from '../../../gateways/text/segments';

const a = (n: number): string => 'a'.repeat(n);
const ya = (n: number): string => 'я'.repeat(n);

describe('analyzeText GSM-7', () => {
  it.each([
    [a(1), 1, 1, 160],
    [a(160), 160, 1, 160],
    [a(161), 161, 2, 153],
    [a(306), 306, 2, 153],
    [a(307), 307, 3, 153],
    [a(459), 459, 3, 153],
    [a(460), 460, 4, 153],
  ])('length %#: units %i, parts %i, perPart %i', (text, units, parts, perPart) => {
    expect(analyzeText(text)).toEqual({ encoding: 'GSM-7', units, parts, perPart, characters: text.length });
  });

  it('counts extension characters twice', () => {
    expect(analyzeText('€')).toMatchObject({ units: 2, parts: 1, characters: 1 });
    expect(analyzeText('€'.repeat(80))).toMatchObject({ units: 160, parts: 1 });
    // 160 characters, but 161 septets: two parts.
    expect(analyzeText(a(159) + '€')).toMatchObject({ units: 161, parts: 2, characters: 160 });
  });

  it('never splits an escape pair at a part boundary', () => {
    const text = a(152) + '€' + a(10); // 152 + 2 + 10 = 164 septets
    const parts = splitIntoParts(text, 'GSM-7');
    expect(parts).toEqual([a(152), '€' + a(10)]);
    expect(analyzeText(text).parts).toBe(2);
    // 76 euro signs fill 152 septets; the 77th needs a new part.
    expect(splitIntoParts('€'.repeat(81), 'GSM-7').map((p) => p.length)).toEqual([76, 5]);
  });

  it('fits a 153-septet part exactly when the pair ends on the boundary', () => {
    const parts = splitIntoParts(a(151) + '[' + a(10), 'GSM-7');
    expect(parts).toEqual([a(151) + '[', a(10)]);
  });

  it('rejects characters GSM-7 cannot carry when asked to split as GSM-7', () => {
    expect(() => splitIntoParts('hi я', 'GSM-7')).toThrow(GatewayError);
  });
});

describe('analyzeText UCS-2', () => {
  it.each([
    [ya(70), 70, 1, 70],
    [ya(71), 71, 2, 67],
    [ya(134), 134, 2, 67],
    [ya(135), 135, 3, 67],
  ])('length %#: units %i, parts %i, perPart %i', (text, units, parts, perPart) => {
    expect(analyzeText(text)).toEqual({ encoding: 'UCS-2', units, parts, perPart, characters: text.length });
  });

  it('counts an emoji as two units and one character', () => {
    expect(analyzeText('😀')).toEqual({ encoding: 'UCS-2', units: 2, parts: 1, perPart: 70, characters: 1 });
    expect(analyzeText(ya(68) + '😀')).toMatchObject({ units: 70, parts: 1 });
    expect(analyzeText(ya(69) + '😀')).toMatchObject({ units: 71, parts: 2 });
  });

  it('never splits a surrogate pair at the 67-unit boundary', () => {
    const text = ya(66) + '😀' + ya(10);
    const parts = splitIntoParts(text, 'UCS-2');
    expect(parts).toEqual([ya(66), '😀' + ya(10)]);
    const exact = ya(65) + '😀' + ya(10); // the pair ends exactly on unit 67
    expect(splitIntoParts(exact, 'UCS-2')).toEqual([ya(65) + '😀', ya(10)]);
  });

  it('sends mixed scripts as UCS-2', () => {
    const text = 'Order 123 confirmed. Заказ подтверждён. 注文確認 ✅';
    const result = analyzeText(text);
    expect(result.encoding).toBe('UCS-2');
    expect(result.units).toBe(text.length);
    expect(result.parts).toBe(1);
  });

  it('sends a GSM-7 text with one non-GSM character entirely as UCS-2', () => {
    const text = a(100) + '’';
    expect(analyzeText(text)).toMatchObject({ encoding: 'UCS-2', units: 101, parts: 2, perPart: 67 });
  });
});

describe('analyzeText unicode modes and edge cases', () => {
  it('returns no parts for empty text', () => {
    expect(analyzeText('')).toEqual({ encoding: 'GSM-7', units: 0, parts: 0, perPart: 160, characters: 0 });
    expect(splitIntoParts('', 'UCS-2')).toEqual([]);
  });

  it("forces UCS-2 with 'on'", () => {
    expect(analyzeText('hello', 'on')).toEqual({ encoding: 'UCS-2', units: 5, parts: 1, perPart: 70, characters: 5 });
    expect(analyzeText('€', 'on').units).toBe(1);
  });

  it("forces GSM-7 with 'off' and rejects what GSM-7 cannot carry, naming options.unicode", () => {
    expect(analyzeText('hello', 'off').encoding).toBe('GSM-7');
    try {
      analyzeText('hi Мир 😀', 'off');
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).field).toBe('options.unicode');
      expect((error as GatewayError).message).toContain("'М' (U+041C)");
      expect((error as GatewayError).message).toContain('U+1F600');
    }
  });

  it('rejects an unknown unicode mode and a non-string text', () => {
    expect(() => analyzeText('x', 'yes' as never)).toThrow(expect.objectContaining({ field: 'options.unicode' }));
    expect(() => analyzeText(42 as never)).toThrow(expect.objectContaining({ field: 'text' }));
  });
});
