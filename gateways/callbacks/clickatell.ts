import { CLICKATELL_STATUS, clickatellStatus } from '../codes/clickatell-status';
import { invalidInput, isGatewayError } from '../errors';
import { makeEvent, type SmsEvent } from '../events';
import { decodeInboundText } from '../text/ucs2';
import {
  CallbackFields,
  CLICKATELL_LOCAL_OFFSET_MINUTES,
  malformed,
  parseCallbackAmount,
  parseCallbackTimestamp,
  rawWithoutSecrets,
  type CallbackOptions,
} from './fields';

export type ClickatellProvider = 'clickatell-http' | 'clickatell-rest';

/*
 * Field names, in order of preference.
 * - Legacy HTTP status callback (../shared/specs/clickatell-http-api.md, `callback`): apiMsgId, cliMsgId,
 *   api_id, to, from, timestamp (unix seconds), status (001–014), charge — sent as GET query or POST form.
 * - REST API status callback, "JSON RAW HTTP POST" in Clickatell's archived callback guide: the same facts
 *   under REST names, apiMessageId, clientMessageId, messageStatus, timestamp, to, from, charge, apiId,
 *   wrapped in { "data": { ... } } (a flat object is accepted too).
 * - Clickatell's newer platform posts messageId, clientMessageId, requestId, statusCode (a number: 4 is
 *   '004') and status (a text such as 'RECEIVED_BY_RECIPIENT') with a millisecond timestamp; those are
 *   read as well, so a REST account migrated to it keeps working.
 * Keys are matched without case, underscores or dashes.
 */
const MESSAGE_ID = ['apiMsgId', 'apiMessageId', 'messageId'];
const CLIENT_REFERENCE = ['cliMsgId', 'clientMessageId'];
const STATUS_CODE = ['messageStatus', 'statusCode', 'status'];
const TO = ['to', 'toNumber'];
const FROM = ['from', 'fromNumber'];
const MO_MESSAGE_ID = ['moMsgId'];
const MO_TEXT = ['text', 'content'];

function assertProvider(provider: unknown): asserts provider is ClickatellProvider {
  if (provider !== 'clickatell-http' && provider !== 'clickatell-rest') {
    throw invalidInput('provider', `must be 'clickatell-http' or 'clickatell-rest', got '${String(provider)}'`);
  }
}

function asRecord(params: unknown, provider: ClickatellProvider): Record<string, unknown> {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw malformed(provider, 'body', 'callback parameters are not an object');
  }
  return params as Record<string, unknown>;
}

/** A Clickatell message status callback (HTTP or REST API) as a 'message.status' event. */
export function normalizeClickatellStatusCallback(
  params: Record<string, unknown>,
  provider: ClickatellProvider,
  options: CallbackOptions = {},
): SmsEvent {
  assertProvider(provider);
  const fields = new CallbackFields(provider, asRecord(params, provider));
  const messageId = fields.required(MESSAGE_ID);

  // The first numeric status field wins; the platform's text `status` sits beside a numeric `statusCode`.
  let code: string | null = null;
  let statusText: string | null = null;
  for (const name of STATUS_CODE) {
    const value = fields.string([name]);
    if (value === null || value === '') continue;
    if (/^\d{1,3}$/.test(value)) {
      code = value;
      break;
    }
    statusText ??= value;
  }
  if (code === null) {
    throw statusText === null
      ? malformed(provider, 'status', "required field 'status' is missing")
      : malformed(provider, 'status', `status '${statusText}' is not a Clickatell status code`);
  }
  const status = clickatellStatus(code)!;
  const known = CLICKATELL_STATUS.has(status.code);

  return makeEvent({
    type: 'message.status',
    provider,
    messageId,
    clientReference: fields.string(CLIENT_REFERENCE) || null,
    to: fields.string(TO) || null,
    from: fields.string(FROM) || null,
    state: status.state,
    final: status.final,
    error: status.error,
    providerCode: status.code,
    providerDescription: known ? status.description : (statusText ?? status.description),
    charge: parseCallbackAmount(fields.string(['charge']), provider, 'charge'),
    timestamp: parseCallbackTimestamp(fields.string(['timestamp']), provider, 'timestamp', CLICKATELL_LOCAL_OFFSET_MINUTES),
    raw: rawWithoutSecrets(params, options),
  });
}

/**
 * A Clickatell inbound (MO) message callback as a 'message.inbound' event.
 * Fields (spec "Overview: Receiving Messages"): api_id, moMsgId, from, to, timestamp, text, and when
 * applicable charset and udh (network too, in practice). The text is decoded according to charset:
 * Clickatell sends ISO-8859-1 by default and UCS-2 as hex. The timestamp arrives as
 * 'YYYY-MM-DD HH:MM:SS' in the gateway's local time (GMT+2), unlike status callbacks' unix seconds;
 * both forms are read (see parseCallbackTimestamp).
 */
export function normalizeClickatellInbound(
  params: Record<string, unknown>,
  options: CallbackOptions & { provider?: ClickatellProvider } = {},
): SmsEvent {
  const provider = options.provider ?? 'clickatell-http';
  assertProvider(provider);
  const fields = new CallbackFields(provider, asRecord(params, provider));
  const messageId = fields.required([...MO_MESSAGE_ID, 'messageId']);
  const from = fields.required(FROM);
  const body = fields.required(MO_TEXT, { trim: false, allowEmpty: true });
  const charset = fields.string(['charset']);
  let text: string;
  try {
    text = decodeInboundText(body, charset);
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    throw malformed(provider, error.field ?? 'text', error.providerText ?? error.message, 'Check the character set of the two-way number in the Clickatell settings.');
  }
  return makeEvent({
    type: 'message.inbound',
    provider,
    messageId,
    to: fields.string(TO) || null,
    from,
    text,
    state: 'received',
    final: true,
    timestamp: parseCallbackTimestamp(fields.string(['timestamp']), provider, 'timestamp', CLICKATELL_LOCAL_OFFSET_MINUTES),
    raw: rawWithoutSecrets(params, options),
  });
}

/** Which kind of Clickatell callback the parameters are, or null when they are neither. */
export function classifyClickatellCallback(params: Record<string, unknown>): 'status' | 'inbound' | null {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return null;
  const fields = new CallbackFields('clickatell-http', params);
  if (fields.has(...MO_MESSAGE_ID)) return 'inbound';
  if (fields.has(...MESSAGE_ID) && fields.has(...STATUS_CODE)) return 'status';
  if (fields.has(...MO_TEXT) && fields.has(...FROM)) return 'inbound';
  return null;
}
