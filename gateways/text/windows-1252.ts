/**
 * Windows-1252, the single-byte character set the Clickatell legacy HTTP API reads its non-Unicode
 * `text` in (the rule and its sources: ../clickatell-http/text-rule.ts). It is ISO-8859-1 with printable
 * characters in 0x80–0x9F instead of C1 controls; five of those bytes are undefined.
 */

/** The characters of bytes 0x80–0x9F; '' where Windows-1252 defines none (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
const HIGH: readonly string[] = [
  '€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '',
  '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ',
];

const HIGH_BYTES: ReadonlyMap<string, number> = new Map(HIGH.flatMap((char, i) => (char === '' ? [] : [[char, 0x80 + i] as [string, number]])));

/** The Windows-1252 byte of one character (one UTF-16 code unit), or undefined when it has none. */
export function windows1252Byte(char: string): number | undefined {
  if (char.length !== 1) return undefined;
  const code = char.charCodeAt(0);
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  return HIGH_BYTES.get(char);
}

/** The character of one byte; U+FFFD for the five undefined bytes. */
export function windows1252Char(byte: number): string {
  if (byte >= 0x80 && byte <= 0x9f) return HIGH[byte - 0x80] || '\uFFFD';
  return String.fromCharCode(byte);
}

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += windows1252Char(byte);
  return text;
}

// application/x-www-form-urlencoded leaves these bytes as they are (WHATWG URL, urlencoded serializer).
const UNRESERVED = /[A-Za-z0-9*\-._]/;

/**
 * A form value as Windows-1252 bytes, percent-escaped the way URLSearchParams escapes UTF-8 (space as
 * '+', `*-._` and alphanumerics as they are, every other byte as %XX). Throws a RangeError for a
 * character Windows-1252 cannot carry: callers decide beforehand (encoding choice), so this is a bug guard.
 */
export function formEncodeWindows1252(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === ' ') out += '+';
    else if (UNRESERVED.test(char)) out += char;
    else {
      const byte = windows1252Byte(char);
      if (byte === undefined) throw new RangeError(`U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} has no Windows-1252 byte`);
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}
