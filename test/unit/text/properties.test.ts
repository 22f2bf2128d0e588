import fc from 'fast-check';
import { GatewayError } from '../../../gateways/errors';
import { analyzeText, splitIntoParts } from '../../../gateways/text/segments';
import { fromUcs2Hex, toUcs2Hex } from '../../../gateways/text/ucs2';
import { normalizeNumber } from '../../../gateways/text/numbers';

// An independent statement of the rules, written from GSM 03.38 and 3GPP TS 23.040, not from the code.
const GSM_BASIC_CHARS =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION_CHARS = '\f^{}\\[~]|€';

function septetCost(char: string): number | null {
  if (GSM_BASIC_CHARS.includes(char)) return 1;
  if (GSM_EXTENSION_CHARS.includes(char)) return 2;
  return null;
}

/** Costs of the indivisible pieces, or null when the text is not GSM-7. */
function gsmCosts(text: string): number[] | null {
  const costs: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cost = septetCost(text.charAt(i));
    if (cost === null) return null;
    costs.push(cost);
  }
  return costs;
}

function ucs2Costs(text: string): number[] {
  const costs: number[] = [];
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    const pair = unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    costs.push(pair ? 2 : 1);
    i += pair ? 2 : 1;
  }
  return costs;
}

function referenceParts(costs: number[], single: number, multi: number): number {
  const total = costs.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  if (total <= single) return 1;
  let parts = 1;
  let room = multi;
  for (const cost of costs) {
    if (cost > room) {
      parts += 1;
      room = multi;
    }
    room -= cost;
  }
  return parts;
}

function reference(text: string): { encoding: string; units: number; parts: number } {
  const gsm = gsmCosts(text);
  if (gsm) return { encoding: 'GSM-7', units: gsm.reduce((a, b) => a + b, 0), parts: referenceParts(gsm, 160, 153) };
  const ucs = ucs2Costs(text);
  return { encoding: 'UCS-2', units: text.length, parts: referenceParts(ucs, 70, 67) };
}

const gsmPiece = fc.constantFrom(...'aZ0 @£Δ_ÄüàÇ\n', ...GSM_EXTENSION_CHARS);
const anyPiece = fc.oneof(
  { weight: 6, arbitrary: gsmPiece },
  { weight: 1, arbitrary: fc.constantFrom('я', 'Ж', '注', '’', 'ç', '😀', '👍🏽', '\uD83D', '\uDE00') },
);
// size 'max' so that long texts (several parts) are as likely as short ones.
const gsmText = fc.array(gsmPiece, { maxLength: 520, size: 'max' }).map((p) => p.join(''));
const mixedText = fc.array(anyPiece, { maxLength: 300, size: 'max' }).map((p) => p.join(''));
/** Texts whose length sits on a part boundary, with a few pairs sprinkled in. */
const boundaryText = fc
  .tuple(
    fc.constantFrom(67, 70, 134, 153, 160, 306, 459),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom('a', 'я'),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('€', '[', '😀')), { maxLength: 4 }),
  )
  .map(([base, delta, filler, inserts]) => {
    let text = filler.repeat(base + delta);
    for (const [at, piece] of inserts) {
      const cut = at % (text.length + 1);
      const safe = /[\uDC00-\uDFFF]/.test(text.charAt(cut)) ? cut + 1 : cut;
      text = text.slice(0, safe) + piece + text.slice(safe);
    }
    return text;
  });
const anyText = fc.oneof(gsmText, mixedText, boundaryText, fc.string({ unit: 'binary', maxLength: 200 }));

describe('segment properties', () => {
  it('analyzeText agrees with the reference computation', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const expected = reference(text);
        const actual = analyzeText(text);
        expect({ encoding: actual.encoding, units: actual.units, parts: actual.parts }).toEqual(expected);
        const single = actual.encoding === 'GSM-7' ? 160 : 70;
        const multi = actual.encoding === 'GSM-7' ? 153 : 67;
        expect(actual.perPart).toBe(actual.parts > 1 ? multi : single);
      }),
      { numRuns: 500 },
    );
  });

  it('splitIntoParts joins back, keeps pairs whole and fits each part', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { encoding } = reference(text);
        const parts = splitIntoParts(text, encoding as 'GSM-7' | 'UCS-2');
        expect(parts.join('')).toBe(text);
        expect(parts.length).toBe(reference(text).parts);
        const capacity = parts.length > 1 ? (encoding === 'GSM-7' ? 153 : 67) : encoding === 'GSM-7' ? 160 : 70;
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i];
          expect(part.length).toBeGreaterThan(0);
          const units = encoding === 'GSM-7' ? gsmCosts(part)!.reduce((a, b) => a + b, 0) : part.length;
          expect(units).toBeLessThanOrEqual(capacity);
          if (i + 1 < parts.length) {
            const last = part.charCodeAt(part.length - 1);
            const first = parts[i + 1].charCodeAt(0);
            const splitPair = last >= 0xd800 && last <= 0xdbff && first >= 0xdc00 && first <= 0xdfff;
            expect(splitPair).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('UCS-2 splitting of any text joins back and respects 67 units', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const parts = splitIntoParts(text, 'UCS-2');
        expect(parts.join('')).toBe(text);
        if (parts.length > 1) parts.forEach((part) => expect(part.length).toBeLessThanOrEqual(67));
      }),
    );
  });
});

describe('UCS-2 hex properties', () => {
  it('round-trips any string, four upper-case hex digits per code unit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const hex = toUcs2Hex(text);
        expect(hex.length).toBe(text.length * 4);
        expect(hex).toMatch(/^[0-9A-F]*$/);
        expect(fromUcs2Hex(hex)).toBe(text);
        expect(fromUcs2Hex(hex.toLowerCase())).toBe(text);
      }),
    );
  });

  it('rejects any string that is not groups of four hex digits with a GatewayError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (hex) => {
        fc.pre(!/^(?:[0-9A-Fa-f]{4})*$/.test(hex));
        expect(() => fromUcs2Hex(hex)).toThrow(GatewayError);
      }),
    );
  });
});

describe('normalizeNumber properties', () => {
  const separator = fc.constantFrom('', ' ', '-', '.', ' - ');
  const numberLike = fc
    .tuple(
      fc.constantFrom('', '+', '00', '0', '(', '+('),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 9999 }).map(String), separator), { minLength: 1, maxLength: 6 }),
    )
    .map(([prefix, groups]) => prefix + groups.map(([digits, sep]) => digits + sep).join(''));
  const input = fc.oneof(numberLike, fc.string({ maxLength: 25 }), fc.stringMatching(/^[+0-9 ()-]{0,20}$/));

  it('returns 7–15 digits without a leading 0 or throws a GatewayError naming the field, and is idempotent', () => {
    fc.assert(
      fc.property(input, (raw) => {
        let digits: string;
        try {
          digits = normalizeNumber(raw, 'digits', 'to');
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayError);
          expect((error as GatewayError).field).toBe('to');
          expect(() => normalizeNumber(raw, 'plus', 'to')).toThrow(GatewayError);
          return;
        }
        expect(digits).toMatch(/^[1-9]\d{6,14}$/);
        expect(normalizeNumber(digits, 'digits')).toBe(digits);
        const plus = normalizeNumber(raw, 'plus');
        expect(plus).toBe(`+${digits}`);
        expect(normalizeNumber(plus, 'plus')).toBe(plus);
        expect(normalizeNumber(plus, 'digits')).toBe(digits);
      }),
      { numRuns: 1000 },
    );
  });
});
