import type { SandboxState } from './state';

/**
 * What the web page may show of a request: never a password, token, key, shared secret or session id.
 * Two independent guards, so one mistake cannot leak a secret: parameters whose *name* says secret are
 * masked whatever their value, and every value the sandbox knows to be a secret (the accounts'
 * passwords, tokens, keys and callback secrets) is masked wherever it appears, under any name.
 */

export const MASK = '••••';

/** Parameter names that carry secrets in the three APIs (password, key, session_id, token) or might in a client's own fields. */
const SECRET_NAME = /pass|pwd|secret|token|session|auth|signature|key|cookie/i;

/** Short values would mask ordinary text ('demo' is a user name, not a secret). */
const MIN_SECRET_LENGTH = 6;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The secrets the sandbox knows now, longest first so a secret containing another is masked whole. */
export function knownSecrets(state: SandboxState, defaultSecret: string): string[] {
  const secrets = new Set<string>();
  const add = (value: string | null | undefined): void => {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
  };
  add(defaultSecret);
  for (const account of state.accounts.values()) {
    add(account.config.password);
    add(account.config.token);
    add(account.config.key);
    add(account.config.apiKey);
    add(account.config.callbackSecret);
  }
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** `text` with every known secret replaced by the mask. */
export function maskKnown(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) if (masked.includes(secret)) masked = masked.split(secret).join(MASK);
  return masked;
}

/** An Authorization header as the page shows it: the scheme only ('Bearer ••••'). */
export function maskAuthorization(value: string): string {
  const scheme = /^\s*([A-Za-z]+)\s/.exec(value)?.[1];
  return scheme ? `${scheme} ${MASK}` : MASK;
}

/** A URL with the values of secret-named query parameters masked (a user's own callback URL may carry a token). */
export function maskUrl(url: string, secrets: readonly string[]): string {
  const at = url.indexOf('?');
  if (at < 0) return maskKnown(maskUserInfo(url), secrets);
  const query = new URLSearchParams(url.slice(at + 1));
  const parts: string[] = [];
  for (const [name, value] of query) parts.push(`${encodeURIComponent(name)}=${isSecretName(name) ? MASK : encodeURIComponent(value)}`);
  return maskKnown(`${maskUserInfo(url.slice(0, at))}?${parts.join('&')}`, secrets);
}

/** http://user:password@host -> http://user:••••@host */
function maskUserInfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, `$1:${MASK}@`);
}
