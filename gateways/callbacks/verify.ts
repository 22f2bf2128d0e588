import { createHash, timingSafeEqual } from 'node:crypto';
import { invalidInput } from '../errors';

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

function single(value: unknown): string {
  if (Array.isArray(value)) return value.length === 1 && typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

function header(headers: CallbackRequestParts['headers'], name: string): string {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  }
  return '';
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
