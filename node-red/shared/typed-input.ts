import { invalidInput } from '../../gateways/errors';
import type { NodeMessage, RED, RedNode } from './red';

/** A node property edited with a TypedInput: its value and where that value comes from. */
export interface TypedProperty {
  value: string;
  type: string;
}

/** Reads a typed property from the node's config, falling back to `fallback` when the config has none. */
export function typedProperty(config: Record<string, unknown>, name: string, fallback: TypedProperty): TypedProperty {
  const value = config[name];
  const type = config[`${name}Type`];
  if (typeof value !== 'string' || typeof type !== 'string') return fallback;
  return { value, type };
}

/**
 * Evaluates a typed property for one message. The node's config decides where the value comes from, so a
 * msg property only matters when the user pointed the field at it (the Node-RED convention since 0.10.6).
 * An empty string value means "not set" and gives undefined. A JSON that does not parse names the field.
 */
export function evaluateProperty(RED: RED, node: RedNode, msg: NodeMessage, field: string, property: TypedProperty): Promise<unknown> {
  if (property.value === '') return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    try {
      RED.util.evaluateNodeProperty(property.value, property.type, node, msg, (error, result) => {
        // A msg path through a null (msg.payload = null, asked for payload.messageId) is simply not set;
        // Node-RED's getMessageProperty throws a TypeError for it. A malformed path stays an error.
        if (error && property.type === 'msg' && error instanceof TypeError) resolve(undefined);
        else if (error) reject(invalidInput(field, `could not read ${property.type} '${property.value}': ${error.message}`));
        else resolve(result);
      });
    } catch (error) {
      reject(invalidInput(field, `could not read ${property.type} value: ${(error as Error).message}`));
    }
  });
}

/** Optional string parameter: numbers are accepted and turned to text, anything else names the field. */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalidInput(field, `expected text, got ${Array.isArray(value) ? 'an array' : typeof value}`);
}

export function requiredString(value: unknown, field: string, hint?: string): string {
  const text = optionalString(value, field);
  if (text === undefined) throw invalidInput(field, 'is required', hint);
  return text;
}

/** Optional whole number (from a number or numeric text) within [min, max]. */
export function optionalInteger(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw invalidInput(field, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}
