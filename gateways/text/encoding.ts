import type { Encoding } from '../events';

/**
 * GSM 03.38 default alphabet, indexed by septet value (0x00–0x7F). Position 0x1B is the escape to the
 * extension table, not a character, so it holds a placeholder that no text contains.
 * 0x09 is 'Ç' (capital C cedilla): the 3GPP table prints a small 'ç' but handsets and gateways render
 * and accept the capital, so the capital is what we treat as GSM-7; a small 'ç' forces UCS-2.
 */
export const GSM7_ESCAPE = 0x1b;

const ESCAPE_PLACEHOLDER = '\u0000';

export const GSM7_BASIC: string =
  '@£$¥èéùìòÇ\nØø\rÅå' + // 0x00–0x0F
  'Δ_ΦΓΛΩΠΨΣΘΞ' + ESCAPE_PLACEHOLDER + 'ÆæßÉ' + // 0x10–0x1F
  ' !"#¤%&\'()*+,-./' + // 0x20–0x2F
  '0123456789:;<=>?' + // 0x30–0x3F
  '¡ABCDEFGHIJKLMNO' + // 0x40–0x4F
  'PQRSTUVWXYZÄÖÑÜ§' + // 0x50–0x5F
  '¿abcdefghijklmno' + // 0x60–0x6F
  'pqrstuvwxyzäöñüà'; // 0x70–0x7F

/** Extension table: characters sent as ESC + this septet, so each costs two septets. */
export const GSM7_EXTENSION: Readonly<Record<string, number>> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
};

const BASIC_SET: ReadonlySet<string> = new Set([...GSM7_BASIC].filter((char) => char !== ESCAPE_PLACEHOLDER));
const EXTENSION_SET: ReadonlySet<string> = new Set(Object.keys(GSM7_EXTENSION));

/** Septets one character takes in GSM-7: 1 (basic), 2 (extension) or 0 when GSM-7 cannot carry it. */
export function gsm7Septets(char: string): 0 | 1 | 2 {
  if (BASIC_SET.has(char)) return 1;
  if (EXTENSION_SET.has(char)) return 2;
  return 0;
}

export function isGsm7Extension(char: string): boolean {
  return EXTENSION_SET.has(char);
}

/** True when every character of the text is in the GSM 03.38 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  // Every GSM-7 character is in the BMP, so walking UTF-16 code units is exact: a surrogate is never GSM-7.
  for (let i = 0; i < text.length; i++) {
    if (gsm7Septets(text[i]) === 0) return false;
  }
  return true;
}

/** The characters (unique, in order of appearance) that GSM-7 cannot carry. */
export function nonGsm7Characters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (char.length > 1 || gsm7Septets(char) === 0) found.add(char);
  }
  return [...found];
}

/** GSM-7 when the whole text fits the default alphabet (with extension), else UCS-2. */
export function detectEncoding(text: string): Encoding {
  return isGsm7(text) ? 'GSM-7' : 'UCS-2';
}
