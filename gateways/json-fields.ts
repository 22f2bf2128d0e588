import type { HttpResponse } from './transport';

/**
 * Reading JSON response bodies the same way in every JSON API parser (Clickatell REST, the Portal APIs):
 * an unreadable body is `undefined` for the caller to report, never an exception from JSON.parse.
 */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed body, or undefined when it is empty or not JSON (a leading byte-order mark is ignored). */
export function parseJson(response: HttpResponse): unknown {
  const body = typeof response.body === 'string' ? response.body.replace(/^\uFEFF/, '') : '';
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** A string field: strings as they are (trimmed), numbers as their text; absent or empty gives null. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** true/false, 1/0, "1"/"0", "true"/"false" (XML-to-JSON forms give 1 and 0); anything else null. */
export function flag(value: unknown): boolean | null {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  return null;
}
