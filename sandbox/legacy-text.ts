import { decodeWindows1252 } from '../gateways/text/windows-1252';
import { isForm, type RequestContext } from './wire';

/**
 * The `text` of a Clickatell HTTP API request decoded as the real gateway decodes it without
 * `unicode=1`: every byte is one Windows-1252 character, never UTF-8 (the rule and its sources:
 * gateways/clickatell-http/text-rule.ts). A client that sends UTF-8 escapes therefore gets what a handset
 * would show: 'é' sent as %C3%A9 is read as 'Ã©'. Body over query, as readParams merges them; undefined
 * when the request has no `text`.
 */
export function readSingleByteText(context: RequestContext): string | undefined {
  let found: Uint8Array | undefined = fromUrlEncoded(context.query);
  if (context.method !== 'POST' || context.body.length === 0) return found && decodeWindows1252(found);
  const contentType = context.headers['content-type'];
  const fromBody = isForm(contentType)
    ? fromUrlEncoded(context.body.toString('latin1'))
    : /^multipart\/form-data/i.test(contentType ?? '')
      ? fromMultipart(context.body, contentType!)
      : undefined;
  found = fromBody ?? found;
  return found && decodeWindows1252(found);
}

/** The bytes of the last `text` field of a urlencoded string (names compared in lower case, as the API does). */
function fromUrlEncoded(source: string): Uint8Array | undefined {
  let found: Uint8Array | undefined;
  for (const pair of source.split('&')) {
    const eq = pair.indexOf('=');
    const name = decodeName(eq < 0 ? pair : pair.slice(0, eq));
    if (name.toLowerCase() === 'text') found = valueBytes(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return found;
}

function decodeName(raw: string): string {
  return new URLSearchParams(`${raw}=`).keys().next().value ?? '';
}

/**
 * The bytes of a form-urlencoded value: '+' is a space, %XX one byte, and a character outside an escape
 * its own bytes (the source was read as latin1, one character per byte). A '%' without two hex digits
 * stays a '%', as URLSearchParams keeps it.
 */
function valueBytes(encoded: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const char = encoded[i];
    if (char === '+') bytes.push(0x20);
    else if (char === '%' && /^[0-9A-Fa-f]{2}$/.test(encoded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(char.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(bytes);
}

/** The raw bytes of the last `text` field of a multipart/form-data body. */
function fromMultipart(body: Buffer, contentType: string): Uint8Array | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return undefined;
  let found: Uint8Array | undefined;
  for (const part of body.toString('latin1').split(`--${boundary[1] ?? boundary[2]}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /content-disposition:[^\r\n]*?\bname="([^"]*)"/i.exec(part.slice(0, split));
    if (name && name[1].toLowerCase() === 'text') found = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1');
  }
  return found;
}

/**
 * A callback payload as a form string, with the inbound `text` of a Clickatell MO callback declared
 * `charset=ISO-8859-1` escaped as ISO-8859-1 bytes ('café' as `caf%E9`), as the real gateway sends it
 * (the published sample MO callback declares that charset; nyaruka/courier's Clickatell handler notes
 * "clickatell URL encodes escapes ISO 8859 escape sequences"). Every other value is UTF-8, as
 * URLSearchParams writes it.
 */
export function formEncodePayload(payload: Record<string, string>): string {
  const latin1Text = /^iso-?8859-1$/i.test(payload.charset ?? '');
  return Object.entries(payload)
    .map(([name, value]) => {
      const pair = new URLSearchParams([[name, value]]).toString();
      if (name !== 'text' || !latin1Text || !/^[\u0000-\u00FF]*$/.test(value)) return pair;
      return `${pair.slice(0, pair.indexOf('=') + 1)}${formEncodeLatin1(value)}`;
    })
    .join('&');
}

function formEncodeLatin1(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === ' ') out += '+';
    else if (/[A-Za-z0-9*\-._]/.test(char)) out += char;
    else out += `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
