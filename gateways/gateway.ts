import type { GatewayError } from './errors';
import type { Encoding, SmsEvent } from './events';
import type { Provider } from './provider';

/** How to choose the encoding: from the text (auto), or forced. */
export type UnicodeMode = 'auto' | 'on' | 'off';

/**
 * Every documented send option across the three APIs, named once. Each API's builder maps the ones it
 * supports to its own parameter names and rejects (naming the field) values it cannot express.
 */
export interface SendOptions {
  /** Sender ID: Clickatell `from`, ClickSend `senderid`. */
  from?: string;
  /** Our reference: Clickatell `climsgid` / `clientMessageId`, ClickSend `customstring`. */
  clientReference?: string;
  /** Deliver at this time: Clickatell `scheduled_time` / `scheduledDeliveryTime`, ClickSend `schedule`. */
  scheduledAt?: Date;
  unicode?: UnicodeMode;
  // Clickatell only
  /** Route over reply-capable networks (`mo=1`). */
  mo?: boolean;
  /** Status callback level 0–7. */
  callback?: number;
  /** Most concatenated parts (`concat` / `maxMessageParts`), 1–3. */
  maxParts?: number;
  /** Delay delivery by this many minutes (HTTP `deliv_time`), at most 10080. */
  deliveryDelayMinutes?: number;
  /** Flash (class 0) message: HTTP `msg_type=SMS_FLASH`, REST `type`. */
  flash?: boolean;
  /** Validity period in minutes (`validity` / `validityPeriod`). */
  validityMinutes?: number;
  /** Delivery queue 1 (highest) – 3 (`queue` / `userPriorityQueue`). */
  priorityQueue?: number;
  /** Escalate to a more expensive route when delayed (`escalate`). */
  escalate?: boolean;
  /** Most credits to spend on the message (`max_credits` / `maxCredits`). */
  maxCredits?: number;
  /** Required features bit mask (`req_feat` / `requiredFeatures`). */
  requiredFeatures?: number;
  /** Skip the Do-Not-Contact check (REST `bypassDNCCheck`). */
  bypassDnc?: boolean;
  /** Send the text as 8-bit binary data (REST `binary`). */
  binary?: boolean;
  /** User data header, hex (`udh`). */
  udh?: string;
  // ClickSend only
  /** Two-letter country code used to complete local numbers (`country`). */
  country?: string;
}

export interface SendRequest {
  /** Recipients, already split (one number per entry); builders normalize and validate them. */
  to: string[];
  text: string;
  options?: SendOptions;
}

/** The result for one recipient of a send: its event, or the error that stopped it. */
export type RecipientOutcome =
  | { to: string; ok: true; event: SmsEvent }
  | { to: string; ok: false; error: GatewayError };

/**
 * What the bulk planner needs from an API client: a multi-recipient send and its limit.
 * `send` returns one outcome per recipient, in the order of `request.to`. It throws a GatewayError only
 * when the request as a whole failed (auth, network, 429/503, malformed response).
 */
export interface SmsGateway {
  readonly provider: Provider;
  readonly maxRecipientsPerRequest: number;
  send(request: SendRequest): Promise<RecipientOutcome[]>;
}

/**
 * A validated send ready for the wire: the API's request body plus what its response parser needs to
 * build each recipient's result (a SentBatchContext once the answer's time is added).
 */
export interface PreparedSend<Body> {
  body: Body;
  /** Normalized recipients, in request order, as sent. */
  recipients: string[];
  text: string;
  from: string | null;
  clientReference: string | null;
  encoding: Encoding;
  parts: number;
  /** True when the message is held for a later delivery time. */
  scheduled: boolean;
}

/** What a response parser needs to know about the send it answers, to build each recipient's event. */
export interface SentBatchContext {
  /** The recipients as sent, in request order. */
  recipients: readonly string[];
  text?: string | null;
  from?: string | null;
  clientReference?: string | null;
  encoding?: Encoding;
  parts?: number;
  scheduled?: boolean;
  /** When the response arrived (the event timestamp of a send). */
  now?: Date;
}
