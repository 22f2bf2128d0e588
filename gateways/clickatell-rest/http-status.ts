import { GatewayError, type Delivery } from '../errors';
import type { Provider } from '../provider';

/**
 * HTTP-level failures: the REST API's status table (spec section 9) and the generic rules for any
 * provider (429/503 are safe to retry and never acted on; other 5xx may have been).
 */

export interface HttpStatusInfo {
  status: number;
  description: string;
  hint: string;
}

const ROWS: HttpStatusInfo[] = [
  { status: 200, description: 'OK', hint: '' },
  { status: 202, description: 'Accepted', hint: '' },
  { status: 207, description: 'Multi-status', hint: 'Some messages were accepted and some were not; see each recipient.' },
  { status: 400, description: 'Bad request', hint: 'Validation failure: check the required fields, the option values and the headers.' },
  { status: 401, description: 'Unauthorized', hint: "Check the auth token in the credentials and the API's IP lockdown settings." },
  { status: 402, description: 'Payment required', hint: 'Not enough credits: buy credits in Developers\' Central.' },
  { status: 404, description: 'Not found', hint: 'The message or resource does not exist; check the message ID and the base URL.' },
  { status: 405, description: 'Method not allowed', hint: 'The HTTP method is not supported on this resource; report this as a bug in the node.' },
  { status: 410, description: 'Gone', hint: 'The number is blocked, delisted or cannot be routed.' },
  { status: 429, description: 'Too many requests', hint: 'Rate limited: slow down; the request can be repeated after a pause.' },
  { status: 503, description: 'Service unavailable', hint: 'A temporary gateway error; the request can be repeated later.' },
];

/** Clickatell REST API response status codes (spec section 9). */
export const REST_HTTP_STATUSES: ReadonlyMap<number, HttpStatusInfo> = new Map(ROWS.map((row) => [row.status, row]));

/** Statuses at which the gateway refused the request before acting on it, so it may be repeated as is. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110). Missing or unreadable values
 * give undefined rather than a guess; a date in the past gives 0.
 */
export function retryAfterMs(value: string | undefined, now: Date = new Date()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : undefined;
  }
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Whether a response that failed at this status may have been acted on by the gateway. */
export function deliveryForStatus(status: number): Delivery {
  if (isRetryableStatus(status)) return 'no';
  // 500, 502, 504 ...: a server or proxy failure after the request arrived; it may have been processed.
  if (status >= 500) return 'unknown';
  // 4xx: the gateway refused the request as a whole, so nothing was sent (the same rule as the HTTP API client).
  if (status >= 400) return 'no';
  return 'yes';
}

export interface HttpFailure {
  provider: Provider;
  status: number;
  headers: Record<string, string>;
  /** The provider's code from the body, when it gave one; otherwise HTTP_<status>. */
  code?: string;
  providerText?: string;
  hint?: string;
  retryable?: boolean;
  now?: Date;
}

/** A GatewayError for a response whose HTTP status (or error body) says the request failed. */
export function httpFailure(failure: HttpFailure): GatewayError {
  const retryableStatus = isRetryableStatus(failure.status);
  return new GatewayError({
    provider: failure.provider,
    code: failure.code ?? `HTTP_${failure.status}`,
    providerText: failure.providerText ?? `HTTP ${failure.status}`,
    httpStatus: failure.status,
    hint: failure.hint,
    retryable: retryableStatus || (failure.retryable ?? false),
    retryAfterMs: retryableStatus ? retryAfterMs(failure.headers['retry-after'], failure.now) : undefined,
    delivery: deliveryForStatus(failure.status),
  });
}
