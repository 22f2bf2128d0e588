import type { Provider } from './provider';

/**
 * Documented per-request limits, in one place. Both runtimes and the sandbox read these.
 * Sources: ../shared/specs (Clickatell HTTP intro: 300 numbers on GET, 600 on POST;
 * Clickatell REST: "batches of up to 500 destination numbers per submission" in section 2 — the same
 * document also says 200 and 600 elsewhere; we take 500, the figure given for the send feature itself;
 * ClickSend v2: 1000 recipients per POST, fewer than 100 on GET, message max 960 characters, which is
 * at most 7 GSM-7 parts of 153).
 */
export interface ApiLimits {
  /** Most recipients in one send request (we always POST sends). */
  maxRecipientsPerRequest: number;
  maxRecipientsGet: number;
  /** Longest text the API accepts, in characters (null: bounded by parts only). */
  maxTextChars: number | null;
  /** Most concatenated parts a message may be split into. */
  maxParts: number;
  maxClientReferenceLength: number;
}

export const API_LIMITS: Readonly<Record<Provider, ApiLimits>> = {
  'clickatell-http': { maxRecipientsPerRequest: 600, maxRecipientsGet: 300, maxTextChars: null, maxParts: 3, maxClientReferenceLength: 32 },
  'clickatell-rest': { maxRecipientsPerRequest: 500, maxRecipientsGet: 0, maxTextChars: null, maxParts: 3, maxClientReferenceLength: 32 },
  clicksend: { maxRecipientsPerRequest: 1000, maxRecipientsGet: 99, maxTextChars: 960, maxParts: 7, maxClientReferenceLength: 50 },
  // Portal APIs: "up to 200 messages per request" (Platform SMS REST send page, S2 of
  // ../shared/specs/clickatell-platform-api.md; One API send page S10: 200 per batch). The GET variant
  // /messages/http/send takes one handset per request (S4). Refined by the Portal client's own module.
  'clickatell-platform': { maxRecipientsPerRequest: 200, maxRecipientsGet: 1, maxTextChars: null, maxParts: 3, maxClientReferenceLength: 32 },
  'clickatell-one': { maxRecipientsPerRequest: 200, maxRecipientsGet: 0, maxTextChars: null, maxParts: 3, maxClientReferenceLength: 32 },
  // REST v3: "up to 1000 messages" per /sms/send call (C1, C2 of ../shared/specs/clicksend-rest-api-v3.md).
  'clicksend-v3': { maxRecipientsPerRequest: 1000, maxRecipientsGet: 0, maxTextChars: null, maxParts: 8, maxClientReferenceLength: 50 },
};

/** Clickatell deliv_time / scheduled time: at most 7 days ahead (10080 minutes). */
export const MAX_DELAY_MINUTES = 10080;
