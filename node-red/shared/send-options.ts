import { invalidInput } from '../../gateways/errors';
import type { SendOptions, UnicodeMode } from '../../gateways/gateway';

/** Option names the "options" object may carry, with the JavaScript type each one takes. */
const OPTION_KINDS: Record<keyof SendOptions, 'string' | 'number' | 'boolean' | 'date' | 'unicode'> = {
  from: 'string',
  clientReference: 'string',
  scheduledAt: 'date',
  unicode: 'unicode',
  mo: 'boolean',
  callback: 'number',
  maxParts: 'number',
  deliveryDelayMinutes: 'number',
  flash: 'boolean',
  validityMinutes: 'number',
  priorityQueue: 'number',
  escalate: 'boolean',
  maxCredits: 'number',
  requiredFeatures: 'number',
  bypassDnc: 'boolean',
  binary: 'boolean',
  udh: 'string',
  country: 'string',
};

export const OPTION_NAMES = Object.keys(OPTION_KINDS) as Array<keyof SendOptions>;

function convert(name: keyof SendOptions, value: unknown): unknown {
  const field = `options.${name}`;
  switch (OPTION_KINDS[name]) {
    case 'string':
      if (typeof value === 'number') return String(value);
      if (typeof value !== 'string') throw invalidInput(field, `must be text, got ${typeof value}`);
      return value;
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw invalidInput(field, `must be a number, got ${JSON.stringify(value)}`);
      return number;
    }
    case 'boolean':
      if (value === true || value === 'true' || value === 1 || value === '1') return true;
      if (value === false || value === 'false' || value === 0 || value === '0') return false;
      throw invalidInput(field, `must be true or false, got ${JSON.stringify(value)}`);
    case 'date': {
      const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
      if (!date || Number.isNaN(date.getTime())) throw invalidInput(field, `must be a date (ISO 8601 text or epoch milliseconds), got ${JSON.stringify(value)}`, 'e.g. 2030-01-31T09:00:00Z');
      return date;
    }
    case 'unicode':
      if (value === 'auto' || value === 'on' || value === 'off') return value as UnicodeMode;
      if (value === true) return 'on';
      if (value === false) return 'off';
      throw invalidInput(field, `must be 'auto', 'on' or 'off', got ${JSON.stringify(value)}`);
  }
}

/**
 * The advanced "options" object of a send (from JSON or a msg/flow/global property), checked by name and
 * type so a typo is an error naming the field rather than an option silently ignored. The gateway's own
 * builders then check the values against what the chosen API allows.
 */
export function parseSendOptions(value: unknown): SendOptions {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidInput('options', `must be an object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  const options: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!(name in OPTION_KINDS)) {
      throw invalidInput('options', `unknown option '${name}'`, `Known options: ${OPTION_NAMES.join(', ')}`);
    }
    if (raw === undefined || raw === null || raw === '') continue;
    options[name] = convert(name as keyof SendOptions, raw);
  }
  return options as SendOptions;
}

/** Drops undefined entries so `{...base, ...overrides}` only overrides what is actually set. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
