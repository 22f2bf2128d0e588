import { clickatellOneStatus } from '../codes/clickatell-one-status';
import { clickatellPlatformStatus } from '../codes/clickatell-platform-status';
import { isGatewayError } from '../errors';
import { makeEvent, type SmsEvent } from '../events';
import { isObject } from '../json-fields';
import { decodeInboundText } from '../text/ucs2';
import { CallbackFields, malformed, parseCallbackTimestamp, rawWithoutSecrets, type CallbackOptions } from './fields';

/*
 * Callbacks of Clickatell's Portal APIs (../shared/specs/clickatell-platform-api.md), two shapes:
 *
 * - Platform SMS API (§5): flat fields, as a GET query or a JSON POST, set on the integration.
 *   Status (S6 doc): integrationName, messageId (= apiMessageId), requestId, clientMessageId, to, from,
 *   statusCode, status (a name such as RECEIVED_BY_RECIPIENT), statusDescription, timestamp. The official
 *   PHP client (S8) checks apiKey, messageId, requestId, clientMessageId, to, from, status,
 *   statusDescription, timestamp: no integrationName or statusCode, and an apiKey (dropped from the raw
 *   payload like every secret-named field). Both sets are read; only messageId and status (or statusCode)
 *   are required. Reply (S7 doc): integrationName, messageId (the message replied to), replyMessageId,
 *   fromNumber, toNumber, timestamp, text, charset, udh, network, keyword; the PHP client has
 *   integrationId (and apiKey) instead of integrationName. Required: replyMessageId and fromNumber.
 *   The timestamp's unit is not published (§8 item 6): unix seconds, milliseconds and ISO times are read.
 *
 * - One API (§6.5): a JSON POST envelope {integrationId, integrationName, event: {...}} whose event holds
 *   arrays: messageStatusUpdate[] (channel, messageId, clientMessageId, timestamp ms, statusCode, status)
 *   and moText[] (channel, messageId, relatedMessageId, relatedClientMessageId, from, to, timestamp,
 *   content, charset, sms.network). "Batches currently hold one event but may hold more"; "new event
 *   types/fields may appear at any time and must not break the receiver" (S14): unknown event types are
 *   skipped, and an envelope of only unknown types gives no event (acknowledge it, nothing to emit).
 *
 * The callback body was already bounded and parsed by body.ts (CALLBACK_LIMITS: bytes, fields, depth);
 * each array is checked against MAX_PORTAL_EVENTS before it is read, then read once, front to back.
 */

/** Most events read from one One API callback (the body's own field limit is the outer bound). */
export const MAX_PORTAL_EVENTS = 100;

type PortalProvider = 'clickatell-platform' | 'clickatell-one';

const STATUS_NAME = ['status'];
const STATUS_CODE = ['statusCode'];
const REPLY_ID = ['replyMessageId'];
const REPLY_FROM = ['fromNumber', 'from'];
const REPLY_TO = ['toNumber', 'to'];

function asRecord(params: unknown, provider: PortalProvider): Record<string, unknown> {
  if (!isObject(params)) throw malformed(provider, 'body', 'callback parameters are not an object');
  return params;
}

/** A timestamp of either API: ms or s epoch, or an ISO time with a zone (a zone-less time is refused). */
function timestamp(fields: CallbackFields, provider: PortalProvider): string | null {
  return parseCallbackTimestamp(fields.string(['timestamp']), provider, 'timestamp', null);
}

/** Decode a reply's text by its charset; UTF-8 JSON text is taken as it is. */
function replyText(fields: CallbackFields, names: readonly string[], provider: PortalProvider): string {
  const body = fields.required(names, { trim: false, allowEmpty: true });
  try {
    return decodeInboundText(body, fields.string(['charset']));
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    throw malformed(provider, error.field ?? names[0], error.providerText ?? error.message);
  }
}

// ---------------------------------------------------------------------------------------------------
// Platform SMS API: flat

/** A Platform status callback as a 'message.status' event. The status name decides the state. */
export function normalizePlatformStatusCallback(params: Record<string, unknown>, options: CallbackOptions = {}): SmsEvent {
  const provider = 'clickatell-platform';
  const fields = new CallbackFields(provider, asRecord(params, provider));
  const messageId = fields.required(['messageId', 'apiMessageId']);
  const name = fields.string(STATUS_NAME);
  const code = fields.string(STATUS_CODE);
  const status = clickatellPlatformStatus(name);
  if (status === null && (code === null || code === '')) throw malformed(provider, 'status', "required field 'status' is missing");
  // Without a name the numeric code is kept verbatim but not read as a state: the Platform's numbers are
  // not published (gateways/codes/clickatell-platform-status.ts).
  return makeEvent({
    type: 'message.status',
    provider,
    messageId,
    clientReference: fields.string(['clientMessageId']) || null,
    to: fields.string(['to']) || null,
    from: fields.string(['from']) || null,
    state: status?.state ?? 'unknown',
    final: status?.final ?? false,
    error: status?.error ?? false,
    providerCode: status?.name ?? code,
    providerDescription: fields.string(['statusDescription']) || status?.description || null,
    timestamp: timestamp(fields, provider),
    raw: rawWithoutSecrets(params, options),
  });
}

/** A Platform reply (MO) callback as a 'message.inbound' event. */
export function normalizePlatformReplyCallback(params: Record<string, unknown>, options: CallbackOptions = {}): SmsEvent {
  const provider = 'clickatell-platform';
  const fields = new CallbackFields(provider, asRecord(params, provider));
  const messageId = fields.required(REPLY_ID);
  const from = fields.required(REPLY_FROM);
  const text = replyText(fields, ['text', 'content'], provider);
  return makeEvent({
    type: 'message.inbound',
    provider,
    messageId,
    to: fields.string(REPLY_TO) || null,
    from,
    text,
    state: 'received',
    final: true,
    timestamp: timestamp(fields, provider),
    inReplyTo: fields.string(['messageId']) || null,
    raw: rawWithoutSecrets(params, options),
  });
}

/** Which kind of flat Platform callback the parameters are, or null. */
export function classifyPlatformCallback(params: Record<string, unknown>): 'status' | 'inbound' | null {
  if (!isObject(params)) return null;
  const fields = new CallbackFields('clickatell-platform', params);
  if (fields.has(...REPLY_ID) || (fields.has('fromNumber') && fields.has('text'))) return 'inbound';
  if (fields.has('messageId', 'apiMessageId') && fields.has(...STATUS_NAME, ...STATUS_CODE)) return 'status';
  return null;
}

// ---------------------------------------------------------------------------------------------------
// One API: envelope

/** The envelope's `event` object, or null when the parameters are not a One API envelope. */
function oneEvent(params: Record<string, unknown>): Record<string, unknown> | null {
  return isObject(params) && isObject(params.event) ? params.event : null;
}

/** Whether the parameters are a One API callback envelope ({..., event: {...}}). */
export function isOneApiEnvelope(params: Record<string, unknown>): boolean {
  return oneEvent(params) !== null;
}

function entries(event: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const value = event[name];
  if (value === undefined || value === null) return [];
  // One event may come as an object rather than a one-element list.
  const list = Array.isArray(value) ? value : [value];
  if (list.length > MAX_PORTAL_EVENTS) throw malformed('clickatell-one', `event.${name}`, `more than ${MAX_PORTAL_EVENTS} entries`);
  for (let i = 0; i < list.length; i++) {
    if (!isObject(list[i])) throw malformed('clickatell-one', `event.${name}`, `entry ${i} is not an object`);
  }
  return list as Record<string, unknown>[];
}

/** The envelope's own fields (integrationId, integrationName) beside an entry's, for the event's raw. */
function rawOf(params: Record<string, unknown>, entry: Record<string, unknown>, options: CallbackOptions): Record<string, unknown> {
  const envelope = rawWithoutSecrets(params, options);
  delete envelope.event;
  return { ...envelope, ...rawWithoutSecrets(entry, options) };
}

function oneStatusEvent(params: Record<string, unknown>, entry: Record<string, unknown>, options: CallbackOptions): SmsEvent {
  const provider = 'clickatell-one';
  const fields = new CallbackFields(provider, entry);
  const messageId = fields.required(['messageId']);
  const status = clickatellOneStatus(fields.string(STATUS_NAME), fields.string(STATUS_CODE));
  if (status === null) throw malformed(provider, 'status', "required field 'status' is missing");
  return makeEvent({
    type: 'message.status',
    provider,
    messageId,
    clientReference: fields.string(['clientMessageId']) || null,
    state: status.state,
    final: status.final,
    error: status.error,
    providerCode: status.name,
    providerDescription: status.description,
    timestamp: timestamp(fields, provider),
    raw: rawOf(params, entry, options),
  });
}

function oneInboundEvent(params: Record<string, unknown>, entry: Record<string, unknown>, options: CallbackOptions): SmsEvent {
  const provider = 'clickatell-one';
  const fields = new CallbackFields(provider, entry);
  return makeEvent({
    type: 'message.inbound',
    provider,
    messageId: fields.required(['messageId']),
    clientReference: fields.string(['relatedClientMessageId']) || null,
    to: fields.string(['to']) || null,
    from: fields.required(['from']),
    text: replyText(fields, ['content'], provider),
    state: 'received',
    final: true,
    timestamp: timestamp(fields, provider),
    inReplyTo: fields.string(['relatedMessageId']) || null,
    raw: rawOf(params, entry, options),
  });
}

/**
 * Every event of a One API callback, status updates first, then inbound texts, each in the order given
 * (S14: "sort by the millisecond timestamp" is the receiver's job, the events keep theirs).
 * `kinds` limits which kinds are read (a trigger that emits only replies skips status updates).
 */
export function normalizeOneApiCallback(
  params: Record<string, unknown>,
  options: CallbackOptions = {},
  kinds: ReadonlyArray<'status' | 'inbound'> = ['status', 'inbound'],
): SmsEvent[] {
  const event = oneEvent(asRecord(params, 'clickatell-one'));
  if (event === null) throw malformed('clickatell-one', 'event', "required field 'event' is missing", 'One API callbacks are JSON envelopes with an event object.');
  const events: SmsEvent[] = [];
  if (kinds.includes('status')) for (const entry of entries(event, 'messageStatusUpdate')) events.push(oneStatusEvent(params, entry, options));
  if (kinds.includes('inbound')) for (const entry of entries(event, 'moText')) events.push(oneInboundEvent(params, entry, options));
  return events;
}

/** Which kinds of events a One API envelope holds. */
export function classifyOneApiCallback(params: Record<string, unknown>): Array<'status' | 'inbound'> {
  const event = oneEvent(params);
  if (event === null) return [];
  const kinds: Array<'status' | 'inbound'> = [];
  if (event.messageStatusUpdate !== undefined && event.messageStatusUpdate !== null) kinds.push('status');
  if (event.moText !== undefined && event.moText !== null) kinds.push('inbound');
  return kinds;
}

// ---------------------------------------------------------------------------------------------------
// Either shape

/**
 * Every event of a Portal callback, whichever shape arrived: a One API envelope gives its events
 * (provider 'clickatell-one'), flat fields one Platform event (provider 'clickatell-platform'). One API key
 * serves both APIs, so a receiver set up for either reads both.
 */
export function normalizePortalCallback(params: Record<string, unknown>, options: CallbackOptions = {}, kinds?: ReadonlyArray<'status' | 'inbound'>): SmsEvent[] {
  if (isOneApiEnvelope(params)) return normalizeOneApiCallback(params, options, kinds);
  const kind = classifyPlatformCallback(params);
  if (kind === null) throw malformed('clickatell-platform', 'body', 'the parameters are neither a status callback nor a reply');
  if (kinds && !kinds.includes(kind)) return [];
  return [kind === 'inbound' ? normalizePlatformReplyCallback(params, options) : normalizePlatformStatusCallback(params, options)];
}
