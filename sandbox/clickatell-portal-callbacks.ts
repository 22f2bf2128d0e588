import { createHash } from 'node:crypto';
import type { CallbackDispatcher, CallbackRecord } from './callbacks';
import { oneStatusFor, platformStatusFor } from './clickatell-portal-codes';
import type { SandboxMessage, Step } from './message-store';
import type { AccountState, InboundRecord } from './state';

/**
 * The Portal's pushes, configured on the integration (the account): status callbacks and replies, in the
 * Platform SMS API's flat shape (GET query or JSON POST, the account's callbackFormat) or the One API's
 * JSON envelope `{integrationId, integrationName, event: {messageStatusUpdate: [...] | moText: [...]}}`
 * (S14–S16 of ../shared/specs/clickatell-platform-api.md). Which shape a push takes follows the API the
 * message went through; an inbound message with no message to answer follows the injection's provider.
 *
 * Field sets: the Platform doc's (integrationName, statusCode, ...) and the official PHP client's
 * (integrationId) together, as the digest advises, except the PHP client's `apiKey`: a callback never
 * carries the account's secret (the normalizer reads callbacks with or without it).
 */

/** The integration's id: configured, or 32 hex characters derived from the account id (stable across resets). */
export function integrationIdOf(account: AccountState): string {
  return account.config.integrationId ?? createHash('md5').update(account.id).digest('hex');
}

function integrationNameOf(account: AccountState): string {
  return account.config.integrationName ?? account.id;
}

function envelope(account: AccountState, event: Record<string, unknown>): string {
  return JSON.stringify({ integrationId: integrationIdOf(account), integrationName: integrationNameOf(account), event });
}

/** Flat text fields of an event, for the record the inspection API and web page show. */
function flat(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== null && value !== undefined && typeof value !== 'object') out[name] = String(value);
  return out;
}

/**
 * Push a status change of a Portal message, when the API has a name for it: every One API status; on the
 * Platform only DELIVERED_TO_GATEWAY and RECEIVED_BY_RECIPIENT (the names public material confirms).
 */
export function pushPortalStatus(callbacks: CallbackDispatcher, message: SandboxMessage, account: AccountState, step: Step): CallbackRecord | null {
  const url = account.config.statusCallbackUrl;
  if (message.provider === 'clickatell-one') {
    const status = oneStatusFor(step.code);
    const update = {
      channel: 'sms',
      messageId: message.id,
      clientMessageId: message.clientReference === '' ? null : message.clientReference,
      timestamp: step.at,
      statusCode: status.code,
      status: status.name,
    };
    return callbacks.send('clickatell-status', account, url, flat(update), message.id, { format: 'json', body: envelope(account, { messageStatusUpdate: [update] }) });
  }
  const status = platformStatusFor(step.code);
  if (status === null) return null;
  // Typed as the Platform's OpenAPI types them (statusCode int32) in a JSON POST; text in a GET query.
  const fields = {
    integrationName: integrationNameOf(account),
    messageId: message.id,
    requestId: message.id,
    clientMessageId: message.clientReference,
    to: message.to,
    from: message.from,
    statusCode: status.statusCode,
    status: status.name,
    statusDescription: status.description,
    timestamp: step.at,
  };
  return callbacks.send('clickatell-status', account, url, flat(fields), message.id, { body: JSON.stringify(fields) });
}

/** Push a reply (MO) to the account's reply URL in the shape of the API the original went through. */
export function pushPortalReply(
  callbacks: CallbackDispatcher,
  account: AccountState,
  record: InboundRecord,
  original: SandboxMessage | undefined,
  udh: string | undefined,
): CallbackRecord | null {
  const url = account.config.inboundUrl;
  const charset = record.charset ?? 'UTF-8';
  if ((original?.provider ?? record.provider) === 'clickatell-one') {
    const mo = {
      channel: 'sms',
      messageId: record.id,
      relatedMessageId: original?.id ?? null,
      relatedClientMessageId: original && original.clientReference !== '' ? original.clientReference : null,
      from: record.from,
      to: record.to,
      timestamp: record.receivedAt,
      content: record.text,
      charset,
      sms: { network: 'sandbox' },
    };
    return callbacks.send('clickatell-inbound', account, url, flat(mo), record.id, { format: 'json', body: envelope(account, { moText: [mo] }) });
  }
  const fields = {
    integrationName: integrationNameOf(account),
    integrationId: integrationIdOf(account),
    messageId: original?.id ?? '',
    replyMessageId: record.id,
    fromNumber: record.from,
    toNumber: record.to,
    timestamp: record.receivedAt,
    text: record.text,
    charset,
    udh: udh ?? '',
    network: 'sandbox',
    keyword: record.text.trim().split(/\s+/)[0]?.toUpperCase() ?? '',
  };
  return callbacks.send('clickatell-inbound', account, url, flat(fields), record.id, { body: JSON.stringify(fields) });
}
