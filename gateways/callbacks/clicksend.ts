import { clickSendDelivery } from '../codes/clicksend-delivery';
import { makeEvent, type SmsEvent } from '../events';
import { CallbackFields, malformed, parseCallbackTimestamp, rawWithoutSecrets, type CallbackOptions } from './fields';

/*
 * ClickSend pushes (../shared/specs/clicksend-http-api-v2.apib), POSTed as a form:
 * - reply ("Incoming SMS/Reply Options", option 4): from, message, originalmessage, originalmessageid,
 *   originalsenderid, customstring, username;
 * - delivery report ("Delivery Reports", PUSH): messageid, status, status_code, customstring, username.
 * ClickSend's published pushes also carry to, timestamp (unix seconds) and message_id, and its v3 JSON
 * pushes name the same facts body, message_id, original_message_id, original_body, custom_string,
 * status_text / error_text. Keys are matched without case, underscores or dashes, so
 * 'original_message_id' reads as 'originalmessageid'.
 */
/** Both ClickSend APIs push the same facts; the event names the API whose push it was. */
export type ClickSendProvider = 'clicksend' | 'clicksend-v3';

export interface ClickSendCallbackOptions extends CallbackOptions {
  /** Default 'clicksend' (HTTP v2). */
  provider?: ClickSendProvider;
}

const FROM = ['from'];
const MESSAGE = ['message', 'body'];
const ORIGINAL_MESSAGE_ID = ['originalmessageid'];
const ORIGINAL_SENDER = ['originalsenderid'];
const CUSTOM_STRING = ['customstring'];
const MESSAGE_ID = ['messageid'];
const STATUS = ['status'];
const STATUS_CODE = ['statuscode'];
const STATUS_DETAIL = ['errortext', 'statustext'];
const TO = ['to', 'recipient'];

function fieldsOf(params: unknown, provider: ClickSendProvider): CallbackFields {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw malformed(provider, 'body', 'callback parameters are not an object');
  }
  return new CallbackFields(provider, params as Record<string, unknown>);
}

/** ClickSend documents unix times only; a date-time without a zone is not guessed at. */
function timestampOf(fields: CallbackFields): string | null {
  return parseCallbackTimestamp(fields.string(['timestamp']), fields.provider, 'timestamp', null);
}

/** A ClickSend reply (inbound SMS) push as a 'message.inbound' event; inReplyTo is the original message id. */
export function normalizeClickSendReply(params: Record<string, unknown>, options: ClickSendCallbackOptions = {}): SmsEvent {
  const provider = options.provider ?? 'clicksend';
  const fields = fieldsOf(params, provider);
  const from = fields.required(FROM);
  const text = fields.required(MESSAGE, { trim: false, allowEmpty: true });
  return makeEvent({
    type: 'message.inbound',
    provider,
    messageId: fields.string(MESSAGE_ID) || null,
    clientReference: fields.string(CUSTOM_STRING) || null,
    // The reply went to the number the original message came from.
    to: fields.string(TO) || fields.string(ORIGINAL_SENDER) || null,
    from,
    text,
    state: 'received',
    final: true,
    timestamp: timestampOf(fields),
    inReplyTo: fields.string(ORIGINAL_MESSAGE_ID) || null,
    raw: rawWithoutSecrets(params, options),
  });
}

/** A ClickSend delivery report push as a 'message.status' event (see codes/clicksend-delivery.ts). */
export function normalizeClickSendDeliveryReport(params: Record<string, unknown>, options: ClickSendCallbackOptions = {}): SmsEvent {
  const provider = options.provider ?? 'clicksend';
  const fields = fieldsOf(params, provider);
  const messageId = fields.required(MESSAGE_ID);
  let status = fields.string(STATUS);
  let statusCode = fields.string(STATUS_CODE);
  if (!status && !statusCode) throw malformed(provider, 'status', "required field 'status' (or 'status_code') is missing");
  // REST v3's single-receipt example carries the status word in status_code ("status_code": "Completed",
  // ../shared/specs/clicksend-rest-api-v3.md §4 and §10 item 8); v3 reads such a word as the status.
  if (provider === 'clicksend-v3' && statusCode && !/^\d+$/.test(statusCode) && /^[A-Za-z][A-Za-z _-]{0,40}$/.test(statusCode)) {
    status = status || statusCode;
    statusCode = null;
  }
  if (statusCode && !/^\d+$/.test(statusCode)) throw malformed(provider, 'status_code', `status_code '${statusCode}' is not a number`);
  const info = clickSendDelivery(status, statusCode);
  return makeEvent({
    type: 'message.status',
    provider,
    messageId,
    clientReference: fields.string(CUSTOM_STRING) || null,
    to: fields.string(TO) || null,
    state: info.state,
    final: info.final,
    error: info.error,
    providerCode: statusCode || null,
    // The first detail that says something: v3 records carry an empty error_text beside status_text.
    providerDescription: STATUS_DETAIL.map((name) => fields.string([name])).find((text) => !!text) || info.description,
    timestamp: timestampOf(fields),
    raw: rawWithoutSecrets(params, options),
  });
}

/** Which kind of ClickSend push the parameters are: a reply ('inbound'), a delivery report ('status'), or null. */
export function classifyClickSendCallback(params: Record<string, unknown>): 'status' | 'inbound' | null {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return null;
  const fields = new CallbackFields('clicksend', params);
  if (fields.has(...FROM) && fields.has(...MESSAGE)) return 'inbound';
  if (fields.has(...MESSAGE_ID) && fields.has(...STATUS, ...STATUS_CODE)) return 'status';
  return null;
}
