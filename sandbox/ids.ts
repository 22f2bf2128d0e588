import { randomFillSync, randomUUID } from 'node:crypto';

/**
 * Identifiers in each API's own format. Random bytes come from a pool refilled in large blocks: one
 * `randomBytes(16)` call per message would be the most expensive step of a 500-recipient send.
 */
const POOL_SIZE = 64 * 1024;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

function randomHex(bytes: number): string {
  if (offset + bytes > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/** Clickatell apiMsgId / apiMessageId: 32 lower-case hex characters (spec: "a 32 character hexadecimal string"). */
export function clickatellMessageId(): string {
  return randomHex(16);
}

/** Clickatell HTTP session_id: 32 hex characters, like the apiMsgId. */
export function sessionId(): string {
  return randomHex(16);
}

/** Clickatell moMsgId of an inbound (MO) message: 32 hex characters, as Clickatell's MO callbacks carry. */
export function clickatellMoMessageId(): string {
  return randomHex(16);
}

/** ClickSend messageid: an upper-case UUID (spec example: 32794C10-F9CA-4E17-ABEC-F2F764EEC922). */
export function clickSendMessageId(): string {
  return randomUUID().toUpperCase();
}

export const CLICKATELL_ID_PATTERN = /^[0-9a-f]{32}$/;
export const CLICKSEND_ID_PATTERN = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
