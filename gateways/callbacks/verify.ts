import { createHash, timingSafeEqual } from 'node:crypto';
import { invalidInput } from '../errors';
import { queryStringOf } from './body';

export type CallbackAuthMode = 'none' | 'token' | 'basic';

export interface CallbackSecretConfig {
  mode: CallbackAuthMode;
  /** The token (mode 'token') or the password (mode 'basic'). */
  secret?: string;
  /** Basic auth user name; when empty, any user name is accepted and only the password is checked. */
  user?: string;
  /** Query parameter carrying the token (default 'token'). Leave it out of events: CallbackOptions.secretParams. */
  tokenParam?: string;
}

export interface CallbackRequestParts {
  query?: Record<string, unknown>;
  /** Header names in any case; Node gives arrays for repeated headers. */
  headers?: Record<string, string | string[] | undefined>;
}

export const DEFAULT_TOKEN_PARAM = 'token';

/**
 * Constant-time string comparison: both sides are hashed to 32 bytes first, so timingSafeEqual always
 * compares equal lengths and the time taken says nothing about the secret's length or content.
 */
function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * Only a plain string is a token. A parser that turns `?token[]=x` or a repeated `token` into an array
 * gives something else, refused here as n8n and Node-RED both refuse it (issue 12, item 5).
 */
function single(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function header(headers: CallbackRequestParts['headers'], name: string): string {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  }
  return '';
}

/**
 * The value of `name` in a query string, found without parsing the rest: one pass over the string, and
 * only keys short enough to be `name` (percent-encoded at worst) are decoded. '' when the name is absent,
 * given twice, or given in another shape (`name[]`, `name[0]`): a caller cannot tell which of several
 * values the gateway meant, so none of them counts.
 */
export function tokenFromQueryString(query: string, name: string): string {
  let found: string | null = null;
  // The next '=' at or after `start`, searched again only once passed: a query without any '='
  // ('a&a&a…') would otherwise be scanned to its end for every pair.
  let equals = -1;
  for (let start = 0; start <= query.length; ) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    if (equals < start) {
      equals = query.indexOf('=', start);
      if (equals < 0) equals = query.length + 1;
    }
    const keyEnd = equals < end ? equals : end;
    if (keyEnd - start >= name.length && keyEnd - start <= name.length * 3 && decodeQueryComponent(query.slice(start, keyEnd)) === name) {
      if (found !== null) return '';
      found = keyEnd < end ? decodeQueryComponent(query.slice(keyEnd + 1, end)) : '';
    }
    start = end + 1;
  }
  return found ?? '';
}

/** '+' is a space, %XX a UTF-8 byte; a malformed escape makes the component unreadable (''). */
function decodeQueryComponent(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return '';
  }
}

/** What verifyCallbackRequest reads: the request line's URL (path and query, undecoded) and the headers. */
export interface CallbackRequestLine {
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * verifyCallbackSecret for a request as it arrived: the token is looked up in the raw URL with
 * tokenFromQueryString, so nothing else of the query (and nothing of the body) is read or parsed before
 * the secret is known to be right. Both runtimes verify this way, so both refuse `?token[]=<secret>`.
 */
export function verifyCallbackRequest(config: CallbackSecretConfig, request: CallbackRequestLine): boolean {
  if (config.mode !== 'token') return verifyCallbackSecret(config, { headers: request.headers });
  const name = config.tokenParam || DEFAULT_TOKEN_PARAM;
  return verifyCallbackSecret(config, { query: { [name]: tokenFromQueryString(queryStringOf(request.url ?? ''), name) } });
}

/**
 * Whether an incoming callback carries our shared secret: a query token (`?token=...`), or HTTP Basic
 * auth, which both Clickatell ("Include basic HTTP authentication") and any URL with user:password@
 * can send. An empty configured secret is a configuration error, never an open door.
 */
export function verifyCallbackSecret(config: CallbackSecretConfig, request: CallbackRequestParts): boolean {
  if (config.mode === 'none') return true;
  if (config.mode !== 'token' && config.mode !== 'basic') {
    throw invalidInput('mode', `must be 'none', 'token' or 'basic', got '${String(config.mode)}'`);
  }
  const secret = config.secret ?? '';
  if (secret === '') {
    throw invalidInput('secret', 'is empty', `Set the ${config.mode === 'token' ? 'token' : 'password'} the callback must carry, or turn verification off.`);
  }
  if (config.mode === 'token') {
    const given = single((request.query ?? {})[config.tokenParam || DEFAULT_TOKEN_PARAM]);
    return safeEqual(given, secret);
  }
  const match = /^\s*Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header(request.headers, 'authorization'));
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? '' : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  const userOk = config.user ? safeEqual(user, config.user) : true;
  const passwordOk = safeEqual(password, secret);
  // Both comparisons always run; a wrong user name takes as long as a wrong password.
  return match !== null && colon >= 0 && userOk && passwordOk;
}
