import { GatewayError } from '../errors';

/*
 * Callbacks arrive in three forms in practice: GET with a query string (Clickatell's default), POST with a
 * form body (ClickSend, Clickatell "HTTP POST") and POST with a JSON body (Clickatell REST "JSON RAW HTTP
 * POST"). Every form ends up as one flat record; body fields win over query fields of the same name,
 * because the query string is where our own verification token travels.
 */

function malformedBody(problem: string, hint: string): GatewayError {
  return new GatewayError({ provider: 'local', code: 'MALFORMED_CALLBACK', field: 'body', providerText: problem, hint });
}

/** Set a key as plain data, so '__proto__' in a body cannot touch the prototype. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function tryUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Percent-decoding to bytes, then text: UTF-8 when the bytes are valid UTF-8, otherwise one character per
 * byte (ISO-8859-1). Clickatell sends MO text in ISO-8859-1 by default ('caf%E9'), which a plain UTF-8
 * decoder would turn into U+FFFD and lose; decodeInboundText then applies the declared charset.
 * A '%' not followed by two hex digits is kept as it is.
 */
function decodeComponent(component: string, latin1Only: boolean): string {
  const bytes: number[] = [];
  for (let i = 0; i < component.length; i++) {
    const char = component.charCodeAt(i);
    if (char === 0x2b) bytes.push(0x20);
    else if (char === 0x25 && /^[0-9A-Fa-f]{2}$/.test(component.slice(i + 1, i + 3))) {
      bytes.push(parseInt(component.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(char & 0xff);
  }
  const buffer = Buffer.from(bytes);
  return (latin1Only ? null : tryUtf8(buffer)) ?? buffer.toString('latin1');
}

/** A form body (repeated keys become arrays, as query parsers do). */
function parseForm(bytes: Buffer, latin1Only: boolean): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  // latin1 keeps one character per byte, so percent-decoding sees the bytes exactly.
  for (const pair of bytes.toString('latin1').split('&')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const key = decodeComponent(at < 0 ? pair : pair.slice(0, at), latin1Only).trim();
    const value = at < 0 ? '' : decodeComponent(pair.slice(at + 1), latin1Only);
    if (key === '') continue;
    const existing = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
    put(result, key, existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]);
  }
  return result;
}

function parseJson(bytes: Buffer): Record<string, unknown> {
  const text = tryUtf8(bytes);
  if (text === null) throw malformedBody('JSON body is not valid UTF-8', 'JSON callbacks must be UTF-8 encoded.');
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw malformedBody(`JSON body cannot be parsed: ${(error as Error).message}`, 'The callback body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw malformedBody(`JSON body is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}, not an object`, 'A callback body must be one JSON object.');
  }
  return value as Record<string, unknown>;
}

type BodyFormat = 'json' | 'form';

function formatOf(mime: string, text: string): BodyFormat {
  if (mime === 'application/json' || mime === 'text/json' || mime.endsWith('+json')) return 'json';
  if (mime === 'application/x-www-form-urlencoded') return 'form';
  if (mime === '' || mime === 'text/plain' || mime === 'application/octet-stream') {
    const start = text.trimStart();
    if (start.startsWith('{') || start.startsWith('[')) return 'json';
    if (/^[^=&\s]+=/.test(start)) return 'form';
    throw malformedBody('the callback body is neither JSON nor a form', 'Choose HTTP GET, HTTP POST or JSON as the callback method.');
  }
  throw malformedBody(
    `unsupported callback content type '${mime}'`,
    'Choose HTTP GET, HTTP POST (form) or JSON as the callback method in the provider settings; XML and SOAP callbacks are not supported.',
  );
}

/**
 * One record of callback parameters from the query (already parsed by the web server) and the raw body:
 * form-urlencoded or JSON, told apart by the Content-Type (sniffed when it is missing or text/plain).
 * Malformed JSON, a JSON body that is not an object and unsupported formats throw MALFORMED_CALLBACK.
 */
export function parseCallbackBody(
  contentType: string | undefined,
  rawBody: string | Buffer | undefined,
  query: Record<string, unknown> = {},
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (query !== null && typeof query === 'object') {
    for (const [key, value] of Object.entries(query)) put(result, key, value);
  }
  if (rawBody === undefined || rawBody === null) return result;
  const bytes = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(String(rawBody), 'utf8');
  const text = bytes.toString('latin1');
  if (text.trim() === '') return result;
  const [mimePart, ...parameters] = (contentType ?? '').split(';');
  const mime = mimePart.trim().toLowerCase();
  const charset = parameters
    .map((parameter) => parameter.trim().toLowerCase())
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  const latin1Only = charset !== undefined && /^(iso-?8859-1|latin-?1|windows-1252)$/.test(charset);
  const body = formatOf(mime, text) === 'json' ? parseJson(bytes) : parseForm(bytes, latin1Only);
  for (const [key, value] of Object.entries(body)) put(result, key, value);
  return result;
}
