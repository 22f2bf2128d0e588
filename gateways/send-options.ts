import { invalidInput } from './errors';
import type { SendOptions, UnicodeMode } from './gateway';
import { MAX_DELAY_MINUTES } from './limits';
import { normalizeNumber } from './text/numbers';

/**
 * Reading and checking SendOptions fields, shared by the three APIs' request builders. Every check throws
 * invalidInput naming `options.<field>`; a blank value (undefined, null, '') means "not given".
 */

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

export function integerOption(options: SendOptions, name: keyof SendOptions, min: number, max: number, hint?: string): number | undefined {
  const value = options[name];
  if (isBlank(value)) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidInput(`options.${name}`, `must be a whole number from ${min} to ${max}`, hint);
  }
  return value;
}

/** true, false, or undefined when not given. */
export function booleanOption(options: SendOptions, name: keyof SendOptions): boolean | undefined {
  const value = options[name];
  if (isBlank(value)) return undefined;
  if (typeof value !== 'boolean') throw invalidInput(`options.${name}`, 'must be true or false');
  return value;
}

export function stringOption(options: SendOptions, name: keyof SendOptions): string | undefined {
  const value = options[name];
  if (isBlank(value)) return undefined;
  if (typeof value !== 'string') throw invalidInput(`options.${name}`, 'must be text');
  return value.trim() === '' ? undefined : value.trim();
}

const UNICODE_MODES: readonly UnicodeMode[] = ['auto', 'on', 'off'];

export function unicodeOption(options: SendOptions): UnicodeMode {
  const unicode = (isBlank(options.unicode) ? 'auto' : options.unicode) as UnicodeMode;
  if (!UNICODE_MODES.includes(unicode)) throw invalidInput('options.unicode', "must be 'auto', 'on' or 'off'");
  return unicode;
}

/** Options an API has no parameter for. `false` is accepted: it asks for nothing the API lacks. */
export function rejectUnsupported(
  options: SendOptions,
  names: ReadonlyArray<keyof SendOptions>,
  api: string,
  hint: (name: keyof SendOptions) => string,
): void {
  for (const name of names) {
    const value = options[name];
    if (!isBlank(value) && value !== false) throw invalidInput(`options.${name}`, `is not supported by ${api}`, hint(name));
  }
}

/**
 * Clickatell sender ID: an international number (digits only, like `to`) or an alphanumeric name. GSM
 * carries at most 11 characters for an alphanumeric originator, so longer names would be cut by networks.
 */
export function clickatellSenderId(options: SendOptions): string | undefined {
  const from = stringOption(options, 'from');
  if (from === undefined) return undefined;
  if (/^\+?[\d\s().-]+$/.test(from)) return normalizeNumber(from, 'digits', 'options.from');
  if (!/^[A-Za-z0-9 ]{1,11}$/.test(from)) {
    throw invalidInput('options.from', 'must be an international number or at most 11 letters, digits and spaces');
  }
  return from;
}

/** Scheduled times may be slightly in the past by the time they arrive; a minute absorbs clock skew. */
const SCHEDULE_PAST_TOLERANCE_MS = 60_000;

/** A date (`scheduledAt`, a history bound) as a valid Date, or undefined when blank; each API checks its own window. */
export function dateValue(value: unknown, field: string): Date | undefined {
  if (isBlank(value)) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalidInput(field, 'must be a valid date and time');
  return value;
}

/** A delivery time must not be in the past (beyond the clock-skew tolerance). */
export function checkNotPast(field: string, when: Date, now: Date): void {
  if (when.getTime() - now.getTime() < -SCHEDULE_PAST_TOLERANCE_MS) throw invalidInput(field, 'is in the past');
}

/** A delivery time for Clickatell: not in the past, at most 7 days ahead. */
export function checkScheduleWindow(field: string, when: Date, now: Date): void {
  checkNotPast(field, when, now);
  if (when.getTime() - now.getTime() > MAX_DELAY_MINUTES * 60_000) {
    throw invalidInput(field, 'is more than 7 days ahead', 'Clickatell schedules at most 7 days in advance.');
  }
}

/** `scheduledAt` as a valid Date within Clickatell's window, or undefined when not given. */
export function clickatellScheduledAt(options: SendOptions, now: Date): Date | undefined {
  const value = dateValue(options.scheduledAt, 'options.scheduledAt');
  if (value !== undefined) checkScheduleWindow('options.scheduledAt', value, now);
  return value;
}

export function maxCreditsOption(options: SendOptions): number | undefined {
  const value = options.maxCredits as unknown;
  if (isBlank(value)) return undefined;
  // Documented values are 0.8, 1, 1.5, 2, 2.5 and 3; any positive amount up to 3 is passed through.
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 3) {
    throw invalidInput('options.maxCredits', 'must be a number above 0 and at most 3', 'Documented values: 0.8, 1, 1.5, 2, 2.5, 3.');
  }
  return value;
}

/** User data header: hexadecimal, whole octets, upper case. */
export function udhOption(options: SendOptions): string | undefined {
  const value = stringOption(options, 'udh');
  if (value === undefined) return undefined;
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(value)) throw invalidInput('options.udh', 'must be hexadecimal with an even number of digits');
  return value.toUpperCase();
}
