import { invalidInput } from '../errors';
import type { Encoding } from '../events';
import type { UnicodeMode } from '../gateway';
import { detectEncoding, gsm7Septets, isGsm7, nonGsm7Characters } from './encoding';

export interface TextAnalysis {
  encoding: Encoding;
  /** Septets (GSM-7, extension characters count two) or UTF-16 code units (UCS-2). */
  units: number;
  /** SMS parts the text needs; 0 for an empty text. */
  parts: number;
  /** Units that fit in each part: 160/70 for a single part, 153/67 once concatenated (the UDH takes the rest). */
  perPart: number;
  /** Unicode code points, which is what a person counts as characters (an emoji is one, not two). */
  characters: number;
}

/** Capacity of one SMS in units: alone, and as one part of a concatenated message. */
export const PART_CAPACITY: Readonly<Record<Encoding, { single: number; multi: number }>> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
};

const UNICODE_MODES: readonly UnicodeMode[] = ['auto', 'on', 'off'];

/**
 * The indivisible pieces of a text with their cost in units: one character in GSM-7 (an extension
 * character is an escape pair of two septets that must stay in one part), one code point in UCS-2
 * (a surrogate pair is two units that must stay in one part).
 */
function pieces(text: string, encoding: Encoding): Array<[string, number]> {
  const result: Array<[string, number]> = [];
  if (encoding === 'GSM-7') {
    for (let i = 0; i < text.length; i++) {
      const cost = gsm7Septets(text[i]);
      if (cost === 0) {
        throw invalidInput('text', `GSM-7 cannot carry ${describeCharacters(nonGsm7Characters(text))}`, 'Set Unicode to Auto or On.');
      }
      result.push([text[i], cost]);
    }
    return result;
  }
  for (const codePoint of text) result.push([codePoint, codePoint.length]);
  return result;
}

/** Greedy split: fill each part up to its capacity without breaking an escape pair or a surrogate pair. */
function split(text: string, encoding: Encoding): { parts: string[]; units: number } {
  const list = pieces(text, encoding);
  const units = list.reduce((sum, [, cost]) => sum + cost, 0);
  const capacity = PART_CAPACITY[encoding];
  if (units === 0) return { parts: [], units };
  if (units <= capacity.single) return { parts: [text], units };
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const [piece, cost] of list) {
    if (used + cost > capacity.multi) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += piece;
    used += cost;
  }
  parts.push(current);
  return { parts, units };
}

function describeCharacters(chars: string[]): string {
  const shown = chars.slice(0, 5).map((char) => `'${char}' (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
  return `${shown.join(', ')}${chars.length > 5 ? ` and ${chars.length - 5} more` : ''}`;
}

function assertText(text: unknown): asserts text is string {
  if (typeof text !== 'string') throw invalidInput('text', `must be a string, got ${text === null ? 'null' : typeof text}`);
}

/** Which encoding a text is sent in under a Unicode mode; 'off' with characters GSM-7 cannot carry is an error. */
export function chooseEncoding(text: string, unicode: UnicodeMode = 'auto'): Encoding {
  if (!UNICODE_MODES.includes(unicode)) {
    throw invalidInput('options.unicode', `must be one of ${UNICODE_MODES.join(', ')}, got '${String(unicode)}'`);
  }
  if (unicode === 'on') return 'UCS-2';
  if (unicode === 'off') {
    if (!isGsm7(text)) {
      throw invalidInput(
        'options.unicode',
        `Unicode is off but the text contains ${describeCharacters(nonGsm7Characters(text))}, which GSM-7 cannot carry`,
        'Set Unicode to Auto or On, or remove those characters.',
      );
    }
    return 'GSM-7';
  }
  return detectEncoding(text);
}

/** Encoding, length in units and number of SMS parts of a text. */
export function analyzeText(text: string, unicode: UnicodeMode = 'auto'): TextAnalysis {
  assertText(text);
  const encoding = chooseEncoding(text, unicode);
  const { parts, units } = split(text, encoding);
  const capacity = PART_CAPACITY[encoding];
  return {
    encoding,
    units,
    parts: parts.length,
    perPart: parts.length > 1 ? capacity.multi : capacity.single,
    characters: [...text].length,
  };
}

/**
 * The text as the parts a handset receives. Joining them gives the text back; no part breaks an
 * escape pair or a surrogate pair, and each fits its capacity. Empty text has no parts.
 */
export function splitIntoParts(text: string, encoding: Encoding): string[] {
  assertText(text);
  return split(text, encoding).parts;
}
