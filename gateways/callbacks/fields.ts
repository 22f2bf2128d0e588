import { GatewayError } from '../errors';
import type { Provider } from '../provider';

/** Options shared by the callback normalizers. */
export interface CallbackOptions {
  /**
   * Names of query/body parameters that carry our own secrets (the verification token). They are left
   * out of the event's raw payload, on top of DEFAULT_SECRET_PARAMS.
   */
  secretParams?: readonly string[];
}

/** Parameters never copied into an event's raw payload, whatever the callback settings. */
export const DEFAULT_SECRET_PARAMS: readonly string[] = [
  'token',
  'key',
  'password',
  'secret',
  'api_key',
  'apikey',
  'auth_token',
  'access_token',
  'session_id',
  'authorization',
];

export function malformed(provider: Provider, field: string, problem: string, hint?: string): GatewayError {
  return new GatewayError({
    provider,
    code: 'MALFORMED_CALLBACK',
    field,
    providerText: problem,
    hint: hint ?? 'The callback cannot be read; check the callback URL and the format chosen in the provider settings.',
    retryable: false,
  });
}

/** Keys compared without case, underscores or dashes: apiMsgId, apimsgid, APIMSGID, status_code, statusCode. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/**
 * A case-insensitive view of callback parameters. A JSON body wrapped as { "data": { ... } } (Clickatell's
 * REST callback) is unwrapped; the wrapper's other keys stay visible.
 */
export class CallbackFields {
  private readonly values = new Map<string, unknown>();

  constructor(
    readonly provider: Provider,
    readonly params: Record<string, unknown>,
  ) {
    const data = params.data;
    const nested = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    for (const source of [nested, params]) {
      for (const [key, value] of Object.entries(source)) {
        const normalized = normalizeKey(key);
        if (!this.values.has(normalized) && value !== undefined) this.values.set(normalized, value);
      }
    }
  }

  has(...names: string[]): boolean {
    return names.some((name) => this.present(name));
  }

  /** The first of the names that is present, as a string (numbers and booleans converted), or null. */
  string(names: readonly string[], options: { trim?: boolean } = {}): string | null {
    for (const name of names) {
      if (!this.present(name)) continue;
      const text = this.scalar(name);
      return options.trim === false ? text : text.trim();
    }
    return null;
  }

  /** Like string(), but an absent or blank value is a MALFORMED_CALLBACK naming the field. */
  required(names: readonly string[], options: { trim?: boolean; allowEmpty?: boolean } = {}): string {
    const value = this.string(names, options);
    if (value === null || (!options.allowEmpty && value.trim() === '')) {
      throw malformed(this.provider, names[0], `required field '${names[0]}' is ${value === null ? 'missing' : 'empty'}`);
    }
    return value;
  }

  /** Which of the names is present (the name as given), for error messages. */
  nameOf(names: readonly string[]): string {
    return names.find((name) => this.present(name)) ?? names[0];
  }

  private present(name: string): boolean {
    const value = this.values.get(normalizeKey(name));
    return value !== undefined && value !== null;
  }

  private scalar(name: string): string {
    let value = this.values.get(normalizeKey(name));
    // A query string may repeat a key; one value is fine, conflicting ones cannot be read.
    if (Array.isArray(value)) {
      const distinct = [...new Set(value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))))];
      if (distinct.length !== 1) throw malformed(this.provider, name, `field '${name}' was given ${value.length} times with different values`);
      value = value[0];
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
    throw malformed(this.provider, name, `field '${name}' is ${value === null ? 'null' : typeof value}, not a value`);
  }
}

/**
 * Clickatell's legacy gateway runs on South African time (SAST, GMT+2, no daylight saving). Its two-way
 * guide and sample MO callbacks give `timestamp` as 'YYYY-MM-DD HH:MM:SS' in that local time, while status
 * callbacks give unix seconds. A date-time without a zone from Clickatell is therefore read as GMT+2.
 */
export const CLICKATELL_LOCAL_OFFSET_MINUTES = 120;

const NAIVE_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T+](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO 8601 UTC time from a callback timestamp: unix seconds (milliseconds when 13 digits or more),
 * an ISO date-time with a zone, or a zone-less 'YYYY-MM-DD HH:MM:SS' read at `localOffsetMinutes`
 * (null: zone-less times are not accepted). Blank is null; anything else is MALFORMED_CALLBACK.
 */
export function parseCallbackTimestamp(
  value: string | null,
  provider: Provider,
  field: string,
  localOffsetMinutes: number | null,
): string | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  let millis: number;
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    const number = Number(text);
    millis = text.split('.')[0].length >= 13 ? number : number * 1000;
  } else if (NAIVE_DATE_TIME.test(text) && localOffsetMinutes !== null) {
    const [, y, mo, d, h, mi, s] = NAIVE_DATE_TIME.exec(text)!.map(Number);
    millis = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s) - localOffsetMinutes * 60_000;
    // Date.UTC rolls 2024-02-30 over to March: a date that does not round-trip does not exist.
    const check = new Date(millis + localOffsetMinutes * 60_000);
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
      throw malformed(provider, field, `timestamp '${text}' is not a valid date and time`);
    }
  } else if (ZONED_DATE_TIME.test(text)) {
    millis = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  } else {
    throw malformed(provider, field, `timestamp '${text}' is neither unix time nor a date and time`);
  }
  const date = new Date(millis);
  if (!Number.isFinite(millis) || Number.isNaN(date.getTime())) {
    throw malformed(provider, field, `timestamp '${text}' is out of range`);
  }
  return date.toISOString();
}

/** A charge or price: a decimal number (a comma as decimal mark is accepted). Blank is null. */
export function parseCallbackAmount(value: string | null, provider: Provider, field: string): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) throw malformed(provider, field, `'${value}' is not a number`);
  return Number(text);
}

/** The provider's fields for the event's raw payload, without our secrets (see CallbackOptions). */
export function rawWithoutSecrets(params: Record<string, unknown>, options: CallbackOptions = {}): Record<string, unknown> {
  const secret = new Set([...DEFAULT_SECRET_PARAMS, ...(options.secretParams ?? [])].map(normalizeKey));
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    // defineProperty, so that a '__proto__' key stays data instead of replacing the prototype.
    if (!secret.has(normalizeKey(key))) Object.defineProperty(raw, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return raw;
}
