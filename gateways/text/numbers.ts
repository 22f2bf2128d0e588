import { invalidInput } from '../errors';

export type NumberStyle = 'digits' | 'plus';

/** E.164: at most 15 digits including the country code. Fewer than 7 digits is no reachable mobile number. */
export const MIN_NUMBER_DIGITS = 7;
export const MAX_NUMBER_DIGITS = 15;

const INTERNATIONAL_HINT = 'Use the international format with the country code, e.g. +44 7700 900123.';

/**
 * A phone number in the form an API wants: 'digits' (Clickatell: country code and number, digits only,
 * no '+' and no '00') or 'plus' ('+' and the digits, ClickSend).
 * Accepts '+44 7700 900123', '0044 7700-900123', '(44) 7700 900123', '+44 (0)7700 900123', '447700900123'.
 * Spaces, dashes, dots, slashes and brackets are layout and are dropped. A leading single 0 is a national
 * number: without the country code we cannot know where it goes, so it is rejected rather than guessed.
 */
export function normalizeNumber(input: string, style: NumberStyle, field = 'to'): string {
  if (style !== 'digits' && style !== 'plus') throw invalidInput('style', `must be 'digits' or 'plus', got '${String(style)}'`);
  // Fast path for the usual input of bulk sends: already international digits. Such a string passes
  // every check below unchanged (no layout, no '00', no leading 0, 7 to 15 digits), so the result is
  // the same; it skips the four or five regular expressions below, run once per recipient.
  if (typeof input === 'string' && isCleanInternational(input)) return style === 'plus' ? `+${input}` : input;
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input <= 0) throw invalidInput(field, `'${String(input)}' is not a phone number`, INTERNATIONAL_HINT);
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    throw invalidInput(field, `must be a phone number string, got ${input === null ? 'null' : typeof input}`);
  }
  if (text === '') throw invalidInput(field, 'is empty', INTERNATIONAL_HINT);
  if (/\p{L}/u.test(text)) throw invalidInput(field, `'${text}' contains letters`, 'A phone number has digits only; sender names belong in the From field.');
  if (!/^[(\s]*\+?[\d\s\-./()]+$/.test(text)) {
    throw invalidInput(field, `'${text}' contains characters that are not part of a phone number`, INTERNATIONAL_HINT);
  }
  const plus = /^[(\s]*\+/.test(text);
  const international = plus || text.replace(/\D/g, '').startsWith('00');
  // '+44 (0)7700 900123': after a country code, a bracketed 0 is the national trunk prefix, never dialled
  // from abroad.
  const layout = international ? text.replace(/(\d[\s\-./]*)\(\s*0\s*\)/g, '$1') : text;
  let digits = layout.replace(/\D/g, '');
  if (international && !plus) digits = digits.slice(2);
  if (!international && digits.startsWith('0')) {
    throw invalidInput(field, `'${text}' is a national number (it starts with 0)`, 'Add the country code and drop the leading 0, e.g. 07700 900123 in the UK becomes +44 7700 900123.');
  }
  if (digits.startsWith('0')) throw invalidInput(field, `'${text}' has a country code starting with 0`, INTERNATIONAL_HINT);
  if (digits.length < MIN_NUMBER_DIGITS) throw invalidInput(field, `'${text}' has ${digits.length} digits, fewer than ${MIN_NUMBER_DIGITS}`, INTERNATIONAL_HINT);
  if (digits.length > MAX_NUMBER_DIGITS) throw invalidInput(field, `'${text}' has ${digits.length} digits, more than the ${MAX_NUMBER_DIGITS} E.164 allows`, INTERNATIONAL_HINT);
  return style === 'plus' ? `+${digits}` : digits;
}

/** 7 to 15 ASCII digits, the first not 0: a number in the form 'digits' wants, with nothing to strip. */
function isCleanInternational(input: string): boolean {
  const length = input.length;
  if (length < MIN_NUMBER_DIGITS || length > MAX_NUMBER_DIGITS || input.charCodeAt(0) === 0x30) return false;
  return isAllDigits(input);
}

function isAllDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/**
 * The ASCII digits of a text, everything else dropped (`text.replace(/\D/g, '')`). Returns the text itself
 * when it is digits already, which is the usual case in per-recipient loops and needs no regex or copy.
 */
export function digitsOf(text: string): string {
  return isAllDigits(text) ? text : text.replace(/\D/g, '');
}

/**
 * Recipients as a list of trimmed, non-empty entries (not yet normalized): one number, a list separated
 * by commas, semicolons or new lines, or an array of strings/numbers (whose strings may be lists too).
 */
export function splitRecipients(value: unknown, field = 'to'): string[] {
  const result: string[] = [];
  const addText = (text: string): void => {
    for (const entry of text.split(/[,;\r\n]+/)) {
      const trimmed = entry.trim();
      if (trimmed !== '') result.push(trimmed);
    }
  };
  const addOne = (entry: unknown, where: string): void => {
    if (typeof entry === 'string') addText(entry);
    else if (typeof entry === 'number' && Number.isSafeInteger(entry) && entry > 0) result.push(String(entry));
    else if (entry !== null && entry !== undefined) {
      throw invalidInput(where, `must be a phone number or a list of them, got ${Array.isArray(entry) ? 'a nested list' : typeof entry === 'number' ? `the number ${entry}` : typeof entry}`);
    }
  };
  if (Array.isArray(value)) value.forEach((entry, index) => addOne(entry, `${field}[${index}]`));
  else addOne(value, field);
  if (result.length === 0) throw invalidInput(field, 'has no recipients', 'Give at least one phone number; separate several with commas.');
  return result;
}
