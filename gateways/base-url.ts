import { invalidInput } from './errors';

/**
 * A credential's base URL without trailing slashes; http(s) only; blank means the provider's default.
 * `pastedSuffix` strips an API path users often paste with the host (`/rest`, `/http/v2`).
 */
export function resolveBaseUrlFrom(baseUrl: string | undefined, defaultUrl: string, pastedSuffix?: RegExp): string {
  const value = (baseUrl ?? '').trim() || defaultUrl;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalidInput('credentials.baseUrl', 'is not a valid URL', `Use e.g. ${defaultUrl}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalidInput('credentials.baseUrl', 'must start with http:// or https://');
  }
  const trimmed = value.replace(/\/+$/, '');
  return pastedSuffix ? trimmed.replace(pastedSuffix, '') : trimmed;
}
