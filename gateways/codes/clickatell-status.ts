import type { MessageState } from '../events';

export interface StatusInfo {
  code: string;
  description: string;
  comment: string;
  state: MessageState;
  final: boolean;
  error: boolean;
}

/**
 * Clickatell message status codes (HTTP API `status`, REST `messageStatus`, status callbacks).
 * Source: ../shared/specs/clickatell-http-api.md, section `status`. The spec marks no code as final or
 * error; the flags follow the callback table (final: 004 005 007 009 010 012; error: 005 007 009 010 012)
 * plus 006 (cancelled) and 014 (limit exceeded), which end a message's life too.
 */
const ROWS: ReadonlyArray<[string, string, MessageState, boolean, boolean, string]> = [
  ['001', 'Message unknown', 'unknown', false, false, 'The message ID is incorrect or reporting is delayed.'],
  ['002', 'Message queued', 'queued', false, false, 'The message could not be delivered and has been queued for attempted redelivery.'],
  ['003', 'Delivered to gateway', 'sent', false, false, 'Delivered to the upstream gateway or network (delivered to the recipient).'],
  ['004', 'Received by recipient', 'delivered', true, false, 'Confirmation of receipt on the handset of the recipient.'],
  ['005', 'Error with message', 'failed', true, true, 'There was an error with the message, probably caused by the content of the message itself.'],
  ['006', 'User cancelled message delivery', 'cancelled', true, false, 'The message was terminated by a user (stop message command) or by our staff.'],
  ['007', 'Error delivering message', 'failed', true, true, 'An error occurred delivering the message to the handset.'],
  ['008', 'OK', 'accepted', false, false, 'Message received by gateway.'],
  ['009', 'Routing error', 'failed', true, true, 'An error occurred while attempting to route the message.'],
  ['010', 'Message expired', 'expired', true, true, 'Message has expired before we were able to deliver it to the upstream gateway. No charge applies.'],
  ['011', 'Message queued for later delivery', 'scheduled', false, false, 'Message has been queued at the gateway for delivery at a later time (delayed delivery).'],
  ['012', 'Out of credit', 'failed', true, true, 'The message cannot be delivered due to a lack of funds in your account. Please re-purchase credits.'],
  ['014', 'Maximum MT limit exceeded', 'failed', true, true, 'The allowable amount for MT messaging has been exceeded.'],
];

export const CLICKATELL_STATUS: ReadonlyMap<string, StatusInfo> = new Map(
  ROWS.map(([code, description, state, final, error, comment]) => [code, { code, description, comment, state, final, error }]),
);

/** Accepts '4', '04', '004', ' 004 ' and returns the canonical three-digit code, or null when it is not a number. */
export function canonicalStatusCode(value: unknown): string | null {
  const text = String(value ?? '').trim();
  if (!/^\d{1,3}$/.test(text)) return null;
  return text.padStart(3, '0');
}

/** Look up a status; an unknown but well-formed code is kept as state 'unknown' rather than guessed. */
export function clickatellStatus(value: unknown): StatusInfo | null {
  const code = canonicalStatusCode(value);
  if (code === null) return null;
  return (
    CLICKATELL_STATUS.get(code) ?? {
      code,
      description: `Status ${code}`,
      comment: 'Status code not in the documented table.',
      state: 'unknown',
      final: false,
      error: false,
    }
  );
}
