import type { MessageState } from '../events';

/**
 * Clickatell One API message status codes: the `statusCode` and `status` of One API status callbacks
 * (`event.messageStatusUpdate[]`) and the `status` of the status query. Source: Clickatell's "One API
 * message status table" (docs.clickatell.com .../channels/one-api/one-api-message-status-table/, S13 of
 * ../shared/specs/clickatell-platform-api.md), whose column header reads "Callbacks; Query Message
 * Response"; the status enum of Clickatell's own One API OpenAPI ("Query status of a message",
 * help.clickatell.com/developers-api-reference/reference/one-api) lists the same names.
 *
 * The table groups codes without saying which are final; the flags follow its groups: 2–4 are on the
 * way, 5 (DEVICE_ACK, delivered) and 6 (READ) are positive and final, every code from 20 up ends the
 * message: a failure, except 21/22 (stopped by the user or an admin: 'cancelled', like the legacy 006)
 * and 24 EMULATED (a test integration's pretend delivery), which counts as delivered.
 * WhatsApp-only codes (130 and up) are kept by name but unused for SMS.
 */
export interface OneStatusInfo {
  code: number;
  name: string;
  description: string;
  state: MessageState;
  final: boolean;
  error: boolean;
}

type Row = [number, string, string, MessageState, boolean, boolean];

const ROWS: readonly Row[] = [
  [1, 'UNKNOWN', 'Message not found', 'unknown', false, false],
  [2, 'QUEUED', 'Queued', 'queued', false, false],
  [3, 'SCHEDULED', 'Scheduled for later delivery', 'scheduled', false, false],
  [4, 'SENT_TO_SUPPLIER', 'Sent to supplier', 'sent', false, false],
  [5, 'DEVICE_ACK', 'Device acknowledged delivery', 'delivered', true, false],
  [6, 'READ', 'Read receipt', 'delivered', true, false],
  [20, 'EXPIRED', 'Message has expired', 'expired', true, true],
  [21, 'STOPPED_BY_USER', 'Message stopped by user', 'cancelled', true, false],
  [22, 'STOPPED_BY_ADMIN', 'Message stopped by admin', 'cancelled', true, false],
  [23, 'DELIVERY_FAILURE', 'Error delivering message', 'failed', true, true],
  [24, 'EMULATED', 'Emulated', 'delivered', true, false],
  [25, 'INSUFFICIENT_ACCOUNT_BALANCE', 'Insufficient account balance', 'failed', true, true],
  [26, 'VOLUME_LIMIT', 'Volume limit exceeded', 'failed', true, true],
  [27, 'VOLUME_LIMIT_DAILY', 'Daily volume limit exceeded', 'failed', true, true],
  [28, 'VOLUME_LIMIT_MONTHLY', 'Monthly volume limit exceeded', 'failed', true, true],
  [29, 'RECIPIENT_DOES_NOT_EXIST', 'Recipient does not exist on channel', 'failed', true, true],
  [60, 'ENCRYPTION_ACCESS_DENIED', 'Security access denied', 'failed', true, true],
  [61, 'ENCRYPTION_CONTENT_ERROR', 'Content decryption failed', 'failed', true, true],
  [80, 'MEDIA_NOT_FOUND', 'Media not found', 'failed', true, true],
  [81, 'MEDIA_SIZE_ERROR', 'Media size error', 'failed', true, true],
  [82, 'MEDIA_CHECKSUM_FAILURE', 'Media checksum failure', 'failed', true, true],
  [83, 'MEDIA_REJECTED_BY_SUPPLIER', 'Channel supplier rejected media file', 'failed', true, true],
  [84, 'MEDIA_METADATA_ERROR', 'Metadata for the media file was not found or does not match the message request', 'failed', true, true],
  [85, 'MEDIA_ACCESS_ERROR', 'An access/permissions-related error occurred when handling the media file', 'failed', true, true],
  [100, 'ROUTING_ERROR', 'Routing error', 'failed', true, true],
  [130, 'WHATSAPP_ACCOUNT_PAYMENT_ISSUE', 'WhatsApp account payment issue', 'failed', true, true],
  [131, 'WHATSAPP_RE_ENGAGEMENT_REQUIRED', 'Re-engagement required', 'failed', true, true],
  [132, 'WHATSAPP_SPAM_RATE_LIMIT_REACHED', 'Spam rate limit reached', 'failed', true, true],
  [133, 'WHATSAPP_SERVER_RATE_LIMIT', 'WhatsApp server rate limit', 'failed', true, true],
  [139, 'WHATSAPP_EXPERIMENTAL_NUMBER', 'Non-delivery due to WhatsApp experimental number feature', 'failed', true, true],
];

function info([code, name, description, state, final, error]: Row): OneStatusInfo {
  return { code, name, description, state, final, error };
}

export const CLICKATELL_ONE_STATUS: ReadonlyMap<number, OneStatusInfo> = new Map(ROWS.map((row) => [row[0], info(row)]));
const BY_NAME: ReadonlyMap<string, OneStatusInfo> = new Map(ROWS.map((row) => [row[1], info(row)]));

/**
 * A One API status from its name and/or numeric code. The name decides when both are given: Clickatell's
 * own FAQ example pairs `statusCode: 4` with `DEVICE_ACK` (5 in the table, S16), so a code that
 * disagrees with the name is not trusted. An unknown status is kept as state 'unknown', never guessed.
 */
export function clickatellOneStatus(name: unknown, code?: unknown): OneStatusInfo | null {
  const label = typeof name === 'string' ? name.trim().toUpperCase() : '';
  if (label !== '') {
    const known = BY_NAME.get(label);
    if (known) return known;
  }
  const number = typeof code === 'number' ? code : typeof code === 'string' && /^\s*\d{1,4}\s*$/.test(code) ? Number(code) : NaN;
  const byCode = Number.isInteger(number) ? CLICKATELL_ONE_STATUS.get(number) : undefined;
  if (label === '' && byCode) return byCode;
  if (label === '' && !Number.isInteger(number)) return null;
  return {
    code: Number.isInteger(number) ? number : 0,
    name: label || `STATUS_${number}`,
    description: 'Status not in the documented One API table',
    state: 'unknown',
    final: false,
    error: false,
  };
}
