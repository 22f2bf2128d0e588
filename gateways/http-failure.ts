import { GatewayError, type Delivery } from './errors';
import type { Provider } from './provider';

/**
 * HTTP-level failure rules shared by every API client: 429 and 503 mean "not processed, come back later"
 * (safe to repeat as is); other 4xx mean the request was refused as a whole; other 5xx may have been cut
 * after the gateway acted, so they are never repeated.
 */

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
