import { invalidInput } from '../errors';
import type { Encoding } from '../events';
import type { UnicodeMode } from '../gateway';
import { gsm7Septets } from './encoding';

/**
 * The characters a send can carry without Unicode. Plain GSM-7 (the default alphabet and its extension
 * table) for APIs that take the text as Unicode and convert it themselves (REST, ClickSend); APIs that
 * take single-byte text carry fewer (the Clickatell legacy HTTP API: ../clickatell-http/text-rule.ts).
 * Costs are always GSM-7 septets: that is what the handset receives.
 */
export interface Alphabet {
  /** How errors name it: "… which <description> cannot carry". */
  description: string;
  carries(char: string): boolean;
}

export const GSM7_ALPHABET: Alphabet = { description: 'GSM-7', carries: (char) => gsm7Septets(char) !== 0 };

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
function pieces(text: string, encoding: Encoding, alphabet: Alphabet): Array<[string, number]> {
  const result: Array<[string, number]> = [];
  if (encoding === 'GSM-7') {
    for (let i = 0; i < text.length; i++) {
      const cost = alphabet.carries(text[i]) ? gsm7Septets(text[i]) : 0;
      if (cost === 0) {
        throw invalidInput('text', `${alphabet.description} cannot carry ${describeCharacters(uncarried(text, alphabet))}`, 'Set Unicode to Auto or On.');
      }
      result.push([text[i], cost]);
    }
    return result;
  }
  for (const codePoint of text) result.push([codePoint, codePoint.length]);
  return result;
}

/** Greedy split: fill each part up to its capacity without breaking an escape pair or a surrogate pair. */
function split(text: string, encoding: Encoding, alphabet: Alphabet = GSM7_ALPHABET): { parts: string[]; units: number } {
  const list = pieces(text, encoding, alphabet);
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

/** The characters (unique, in order of appearance) the alphabet cannot carry; a surrogate pair is one. */
export function uncarried(text: string, alphabet: Alphabet = GSM7_ALPHABET): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (char.length > 1 || !alphabet.carries(char)) found.add(char);
  }
  return [...found];
}

function describeCharacters(chars: string[]): string {
  const shown = chars.slice(0, 5).map((char) => `'${char}' (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
  return `${shown.join(', ')}${chars.length > 5 ? ` and ${chars.length - 5} more` : ''}`;
}

function assertText(text: unknown): asserts text is string {
  if (typeof text !== 'string') throw invalidInput('text', `must be a string, got ${text === null ? 'null' : typeof text}`);
}

/**
 * Which encoding a text is sent in under a Unicode mode: 'auto' switches to UCS-2 as soon as one
 * character is outside the alphabet; 'off' with such a character is an error (never a silent replacement).
 */
export function chooseEncoding(text: string, unicode: UnicodeMode = 'auto', alphabet: Alphabet = GSM7_ALPHABET): Encoding {
  if (!UNICODE_MODES.includes(unicode)) {
    throw invalidInput('options.unicode', `must be one of ${UNICODE_MODES.join(', ')}, got '${String(unicode)}'`);
  }
  if (unicode === 'on') return 'UCS-2';
  const outside = uncarried(text, alphabet);
  if (unicode === 'off') {
    if (outside.length > 0) {
      throw invalidInput(
        'options.unicode',
        `Unicode is off but the text contains ${describeCharacters(outside)}, which ${alphabet.description} cannot carry`,
        'Set Unicode to Auto or On, or remove those characters.',
      );
    }
    return 'GSM-7';
  }
  return outside.length === 0 ? 'GSM-7' : 'UCS-2';
}

/** Encoding, length in units and number of SMS parts of a text, for an API that carries `alphabet` without Unicode. */
export function analyzeText(text: string, unicode: UnicodeMode = 'auto', alphabet: Alphabet = GSM7_ALPHABET): TextAnalysis {
  assertText(text);
  const encoding = chooseEncoding(text, unicode, alphabet);
  const { parts, units } = split(text, encoding, alphabet);
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
export function splitIntoParts(text: string, encoding: Encoding, alphabet: Alphabet = GSM7_ALPHABET): string[] {
  assertText(text);
  return split(text, encoding, alphabet).parts;
}
