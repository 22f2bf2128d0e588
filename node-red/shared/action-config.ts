import type { BulkRunOptions } from '../../gateways/bulk/planner';
import { invalidInput } from '../../gateways/errors';
import type { SendOptions, UnicodeMode } from '../../gateways/gateway';
import type { NodeDef, NodeMessage, RED, RedNode } from './red';
import { definedOnly, parseSendOptions } from './send-options';
import { evaluateProperty, optionalInteger, optionalString, typedProperty, type TypedProperty } from './typed-input';
import { timerSleep } from './sleep';
import { DEFAULT_BATCH_WINDOW_MS, MAX_BATCH_WINDOW_MS, type BatchWindow } from './send-batcher';

/** The send fields both action nodes share, as stored in the node's config. */
export interface SendFieldsDef extends NodeDef {
  to?: string;
  toType?: string;
  text?: string;
  textType?: string;
  from?: string;
  fromType?: string;
  clientReference?: string;
  clientReferenceType?: string;
  options?: string;
  optionsType?: string;
  unicode?: string;
  concurrency?: number | string;
  ratePerSecond?: number | string;
  /** Gathering sends across msgs (send-batcher.ts): the longest wait in ms (0: each msg alone)... */
  batchWindow?: number | string;
  /** ...and the recipients that dispatch a batch at once (empty: the API's per-request limit). */
  batchSize?: number | string;
}

/** Where each send field comes from unless the node says otherwise: the usual msg properties. */
export type SendField = 'to' | 'text' | 'from' | 'clientReference' | 'options' | 'messageId';
export const SEND_FIELD_DEFAULTS: Record<SendField, TypedProperty> = {
  to: { value: 'to', type: 'msg' },
  text: { value: 'payload', type: 'msg' },
  from: { value: '', type: 'str' },
  clientReference: { value: '', type: 'str' },
  options: { value: '', type: 'json' },
  messageId: { value: 'payload.messageId', type: 'msg' },
};

export function sendFieldProperties(def: Record<string, unknown>): Record<SendField, TypedProperty> {
  return Object.fromEntries(Object.entries(SEND_FIELD_DEFAULTS).map(([name, fallback]) => [name, typedProperty(def, name, fallback)])) as Record<SendField, TypedProperty>;
}

/** Bulk planner settings from the node's config (concurrency and an optional rate limit). */
export function bulkOptions(def: SendFieldsDef): BulkRunOptions {
  const concurrency = optionalInteger(def.concurrency, 'concurrency', 1, 64) ?? 4;
  const rate = def.ratePerSecond === undefined || def.ratePerSecond === '' ? undefined : Number(def.ratePerSecond);
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) throw invalidInput('ratePerSecond', `must be a number above 0, got ${String(def.ratePerSecond)}`);
  return { concurrency, ratePerSecond: rate, sleep: timerSleep };
}

export function unicodeMode(value: unknown): UnicodeMode | undefined {
  return value === 'on' || value === 'off' || value === 'auto' ? value : undefined;
}

/**
 * The options of one send: the advanced options object first, then the dedicated fields of the node on
 * top of it (a field left empty does not override the object's value).
 */
export async function resolveSendOptions(
  RED: RED,
  node: RedNode,
  msg: NodeMessage,
  props: Record<SendField, TypedProperty>,
  dedicated: Partial<SendOptions>,
): Promise<SendOptions> {
  const fromObject = parseSendOptions(await evaluateProperty(RED, node, msg, 'options', props.options));
  const from = optionalString(await evaluateProperty(RED, node, msg, 'from', props.from), 'from');
  const clientReference = optionalString(await evaluateProperty(RED, node, msg, 'clientReference', props.clientReference), 'clientReference');
  return { ...fromObject, ...definedOnly({ from, clientReference, ...dedicated }) };
}

/**
 * How the node gathers sends across msgs. The default size is one full request of the API, so a burst
 * of one-recipient msgs goes out in requests as full as the API allows; a larger size lets a batch span
 * several requests (they then run with the node's concurrency).
 */
export function batchWindow(def: SendFieldsDef, apiLimit: number): BatchWindow {
  const windowMs = optionalInteger(def.batchWindow, 'batchWindow', 0, MAX_BATCH_WINDOW_MS) ?? DEFAULT_BATCH_WINDOW_MS;
  const maxRecipients = optionalInteger(def.batchSize, 'batchSize', 1, 100 * apiLimit) ?? apiLimit;
  return { windowMs, maxRecipients };
}
