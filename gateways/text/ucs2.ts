import { GatewayError } from '../errors';

/**
 * UCS-2 big-endian hex, upper case, four hex digits per UTF-16 code unit. Characters outside the BMP
 * (emoji) go as their two surrogate units, which is what Clickatell's `unicode=1` expects.
 */
export function toUcs2Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) {
    hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  }
  return hex;
}

function undecodable(field: string, problem: string): GatewayError {
  return new GatewayError({
    provider: 'local',
    code: 'UNDECODABLE_TEXT',
    field,
    providerText: problem,
    hint: 'The text is not valid for its declared character set.',
    delivery: 'no',
  });
}

/** Strict inverse of toUcs2Hex (either hex case): anything but groups of four hex digits is an error. */
export function fromUcs2Hex(hex: string, field = 'text'): string {
  if (typeof hex !== 'string') throw undecodable(field, 'UCS-2 hex must be a string');
  if (hex.length % 4 !== 0) throw undecodable(field, `UCS-2 hex length ${hex.length} is not a multiple of 4`);
  if (!/^[0-9A-Fa-f]*$/.test(hex)) throw undecodable(field, 'UCS-2 hex contains characters other than 0-9 and A-F');
  let text = '';
  for (let i = 0; i < hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return text;
}

type Charset = 'ucs2' | 'latin1' | 'utf8' | 'ascii';

/** Canonical charset for the labels gateways use, compared without case, spaces, dashes or underscores. */
const CHARSET_ALIASES: Readonly<Record<string, Charset>> = {
  ucs2: 'ucs2',
  ucs2be: 'ucs2',
  utf16: 'ucs2',
  utf16be: 'ucs2',
  unicode: 'ucs2',
  unicodebigunmarked: 'ucs2',
  iso10646ucs2: 'ucs2',
  iso88591: 'latin1',
  iso885911987: 'latin1',
  latin1: 'latin1',
  l1: 'latin1',
  cp819: 'latin1',
  ibm819: 'latin1',
  isoir100: 'latin1',
  utf8: 'utf8',
  ascii: 'ascii',
  usascii: 'ascii',
};

/**
 * Whether UCS-2 text is hex: whole four-digit units, or a long run of hex digits that is not whole units
 * (broken hex, which fromUcs2Hex then rejects rather than passing the digits on as the message).
 * A short word of hex letters that is not whole units ('bad', 'cafe1') is text.
 */
function looksLikeHex(compact: string): boolean {
  if (!/^[0-9A-Fa-f]+$/.test(compact)) return false;
  return compact.length % 4 === 0 || compact.length >= 8;
}

/** A lone surrogate (not part of a pair): the sign of a broken UTF-16 decoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function canonicalCharset(charset: string): Charset | null {
  return CHARSET_ALIASES[charset.toLowerCase().replace(/[\s_\-.:]/g, '')] ?? null;
}

function wellFormed(text: string, field: string, charset: string): string {
  if (LONE_SURROGATE.test(text)) throw undecodable(field, `${charset} text contains a broken surrogate pair`);
  return text;
}

function decodeUtf8(bytes: Buffer, field: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw undecodable(field, 'text is not valid UTF-8');
  }
}

function decodeUtf16Be(bytes: Buffer, field: string): string {
  if (bytes.length % 2 !== 0) throw undecodable(field, `UCS-2 text has an odd number of bytes (${bytes.length})`);
  const swapped = Buffer.from(bytes).swap16();
  return wellFormed(swapped.toString('utf16le'), field, 'UCS-2');
}

/**
 * Text of an inbound message whose character set the gateway declared.
 *
 * A string is what a URL/form decoder produced (see parseCallbackBody: percent-escapes become UTF-8 text
 * when the bytes are valid UTF-8, otherwise one character per byte, i.e. Latin-1). A Buffer holds the raw
 * bytes of the field.
 * - UCS-2 / UTF-16BE: Clickatell sends hex ('00480069'); hex is decoded, and a long run of hex digits
 *   that is not whole four-digit units is an error. Whole units of hex are always read as hex (that is
 *   Clickatell's format, so a raw text 'Cafe' would read as U+CAFE). Other text is taken as
 *   already-decoded characters, unless it carries NUL characters, which only appear when UTF-16 bytes
 *   were read one per character: then it is decoded from those bytes.
 * - ISO-8859-1 (Clickatell's default for MO messages): one byte per character. A U+FFFD replacement
 *   character means an earlier UTF-8 decoder already destroyed the bytes: that is an error, not mojibake.
 * - UTF-8: Buffers are decoded strictly; strings are taken as they are.
 * - Absent charset: the text as it is (a Buffer as strict UTF-8).
 * Anything else, or bytes that do not decode, throws GatewayError 'UNDECODABLE_TEXT' naming the field.
 */
export function decodeInboundText(text: string | Buffer, charset: string | null | undefined, field = 'text'): string {
  const declared = typeof charset === 'string' ? charset.trim() : '';
  if (declared === '') return Buffer.isBuffer(text) ? decodeUtf8(text, field) : text;
  const canonical = canonicalCharset(declared);
  if (canonical === null) {
    throw new GatewayError({
      provider: 'local',
      code: 'UNDECODABLE_TEXT',
      field: 'charset',
      providerText: `unsupported character set '${declared}'`,
      hint: 'Supported: UCS-2 / UTF-16BE, ISO-8859-1, UTF-8, US-ASCII.',
      delivery: 'no',
    });
  }
  if (Buffer.isBuffer(text)) {
    switch (canonical) {
      case 'ucs2': {
        const ascii = text.toString('latin1').replace(/\s+/g, '');
        return looksLikeHex(ascii) ? wellFormed(fromUcs2Hex(ascii, field), field, 'UCS-2') : decodeUtf16Be(text, field);
      }
      case 'latin1':
        return text.toString('latin1');
      case 'utf8':
        return decodeUtf8(text, field);
      case 'ascii':
        if (text.some((byte) => byte > 0x7f)) throw undecodable(field, 'text declared US-ASCII has bytes above 0x7F');
        return text.toString('latin1');
    }
  }
  switch (canonical) {
    case 'ucs2': {
      const compact = text.replace(/\s+/g, '');
      if (looksLikeHex(compact)) return wellFormed(fromUcs2Hex(compact, field), field, 'UCS-2');
      // eslint-disable-next-line no-control-regex
      if (/\u0000/.test(text) && /^[\u0000-\u00FF]*$/.test(text)) return decodeUtf16Be(Buffer.from(text, 'latin1'), field);
      return wellFormed(text, field, 'UCS-2');
    }
    case 'latin1':
      if (text.includes('\uFFFD')) {
        throw undecodable(field, 'ISO-8859-1 text was decoded as UTF-8 before it reached us (it contains U+FFFD)');
      }
      return text;
    case 'utf8':
      return wellFormed(text, field, 'UTF-8');
    case 'ascii':
      if (/[^\u0000-\u007F]/.test(text)) throw undecodable(field, 'text declared US-ASCII contains non-ASCII characters');
      return text;
  }
}
