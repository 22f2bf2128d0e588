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

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

function hexValue(char: number): number {
  if (char >= 0x30 && char <= 0x39) return char - 0x30;
  const lower = char | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * Percent-decoding to bytes, then text: UTF-8 when the bytes are valid UTF-8, otherwise one character per
 * byte (ISO-8859-1). Clickatell sends MO text in ISO-8859-1 by default ('caf%E9'), which a plain UTF-8
 * decoder would turn into U+FFFD and lose; decodeInboundText then applies the declared charset.
 * A '%' not followed by two hex digits is kept as it is. One pass, no more bytes than characters.
 */
function decodeComponent(component: string, latin1Only: boolean): string {
  const bytes = Buffer.allocUnsafe(component.length);
  let length = 0;
  let plain = true;
  for (let i = 0; i < component.length; i++) {
    const char = component.charCodeAt(i);
    if (char === 0x2b) {
      bytes[length++] = 0x20;
      plain = false;
    } else if (char === 0x25 && i + 2 < component.length && hexValue(component.charCodeAt(i + 1)) >= 0 && hexValue(component.charCodeAt(i + 2)) >= 0) {
      bytes[length++] = hexValue(component.charCodeAt(i + 1)) * 16 + hexValue(component.charCodeAt(i + 2));
      i += 2;
      plain = false;
    } else {
      if (char > 0x7f) plain = false;
      bytes[length++] = char & 0xff;
    }
  }
  // Nothing escaped and all ASCII: the text is the component itself.
  if (plain) return component;
  const decoded = bytes.subarray(0, length);
  return (latin1Only ? null : tryUtf8(decoded)) ?? decoded.toString('latin1');
}

/**
 * What one callback may hold. Real callbacks are a few hundred bytes with 5 to 25 fields and at most two
 * levels of JSON ({ "data": { ... } }); these bounds leave wide room for that and stop hostile input early:
 * bytes before anything is decoded, fields before each one is decoded, JSON depth before JSON.parse (a
 * deeply nested payload would overflow the stack of whatever copies the event later, e.g. Node-RED's
 * message cloning when an output is wired to two nodes).
 */
export const CALLBACK_LIMITS = {
  /** Bytes of a body (and of a query string). */
  maxBytes: 64 * 1024,
  /** Fields of a form or query, or values of a JSON body (object members and array elements). */
  maxFields: 256,
  /** Nesting of JSON objects and arrays; the body itself is level 1. */
  maxDepth: 16,
} as const;

/** The code of the error for a body over CALLBACK_LIMITS.maxBytes: HTTP 413, where the others are 400. */
export const CALLBACK_TOO_LARGE = 'CALLBACK_TOO_LARGE';

export function callbackTooLarge(field: 'body' | 'query', size: number): GatewayError {
  return new GatewayError({
    provider: 'local',
    code: CALLBACK_TOO_LARGE,
    field,
    providerText: `the callback ${field} has ${size} bytes, more than ${CALLBACK_LIMITS.maxBytes}`,
    hint: 'A callback is a few hundred bytes; this request is not one.',
  });
}

function tooManyFields(field: 'body' | 'query'): GatewayError {
  return new GatewayError({
    provider: 'local',
    code: 'MALFORMED_CALLBACK',
    field,
    providerText: `the callback ${field} has more than ${CALLBACK_LIMITS.maxFields} fields`,
    hint: 'A callback has a few dozen fields at most; this request is not one.',
  });
}

/**
 * A form body or query string (repeated keys become arrays, as query parsers do), in one pass: each
 * repeat of a key appends to that key's own array, so the time is linear in the input (copying the array
 * on every repeat made 32,000 repeats of one key take a minute).
 */
function parseForm(text: string, latin1Only: boolean, field: 'body' | 'query'): Record<string, unknown> {
  const values = new Map<string, string | string[]>();
  let fields = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('&', start);
    if (end < 0) end = text.length;
    const pair = text.slice(start, end);
    start = end + 1;
    if (pair.trim() === '') continue;
    if (++fields > CALLBACK_LIMITS.maxFields) throw tooManyFields(field);
    const at = pair.indexOf('=');
    const key = decodeComponent(at < 0 ? pair : pair.slice(0, at), latin1Only).trim();
    const value = at < 0 ? '' : decodeComponent(pair.slice(at + 1), latin1Only);
    if (key === '') continue;
    const existing = values.get(key);
    if (existing === undefined) values.set(key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else values.set(key, [existing, value]);
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of values) put(result, key, value);
  return result;
}

/**
 * Checks a JSON text's nesting depth and value count in one pass over its characters, before JSON.parse
 * builds anything: brackets inside strings do not count, and the scan stops at the first level too deep.
 */
function checkJsonShape(text: string): void {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // backslash: the next character is escaped
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > CALLBACK_LIMITS.maxDepth) {
        throw malformedBody(`JSON body is nested deeper than ${CALLBACK_LIMITS.maxDepth} levels`, 'A callback is a flat JSON object or one wrapped in "data".');
      }
    } else if (char === 0x7d || char === 0x5d) depth--;
    else if (char === 0x2c && ++values > CALLBACK_LIMITS.maxFields) throw tooManyFields('body');
  }
}

function parseJson(bytes: Buffer): Record<string, unknown> {
  const text = tryUtf8(bytes);
  if (text === null) throw malformedBody('JSON body is not valid UTF-8', 'JSON callbacks must be UTF-8 encoded.');
  checkJsonShape(text);
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

/** The query string of a request URL ('/path?a=1#x' -> 'a=1'), '' when there is none. */
export function queryStringOf(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return '';
  const end = url.indexOf('#', start);
  return url.slice(start + 1, end < 0 ? undefined : end);
}

/**
 * The query parameters of a request URL, decoded from the bytes of the request line rather than by the
 * web server: Clickatell sends inbound text in ISO-8859-1 by default (`text=caf%E9`), which a UTF-8 query
 * parser turns into U+FFFD before anyone can apply the declared charset. Node keeps the request line one
 * character per byte (latin1), so the bytes are recovered exactly. Bounded like a body
 * (CALLBACK_LIMITS); call it only after the secret was verified (verifyCallbackRequest reads the URL
 * without parsing it).
 */
export function parseCallbackQuery(url: string): Record<string, unknown> {
  const query = queryStringOf(url);
  if (query.length > CALLBACK_LIMITS.maxBytes) throw callbackTooLarge('query', query.length);
  return parseForm(query, false, 'query');
}

/**
 * One record of callback parameters from the query (parsed by parseCallbackQuery) and the raw body:
 * form-urlencoded or JSON, told apart by the Content-Type (sniffed when it is missing or text/plain).
 * Malformed JSON, a JSON body that is not an object and unsupported formats throw MALFORMED_CALLBACK, so
 * do more fields or deeper JSON than CALLBACK_LIMITS allows; a body over its size throws
 * CALLBACK_TOO_LARGE before any byte of it is decoded.
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
  const size = Buffer.isBuffer(rawBody) ? rawBody.length : Buffer.byteLength(String(rawBody), 'utf8');
  if (size > CALLBACK_LIMITS.maxBytes) throw callbackTooLarge('body', size);
  const bytes = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(String(rawBody), 'utf8');
  // latin1 keeps one character per byte, so percent-decoding sees the bytes exactly.
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
  const body = formatOf(mime, text) === 'json' ? parseJson(bytes) : parseForm(text, latin1Only, 'body');
  for (const [key, value] of Object.entries(body)) put(result, key, value);
  return result;
}
