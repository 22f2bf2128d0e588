import type { SmsEvent } from '../events';
import type { Provider } from '../provider';
import { classifyClickatellCallback, normalizeClickatellInbound, normalizeClickatellStatusCallback } from './clickatell';
import { classifyOneApiCallback, classifyPlatformCallback, isOneApiEnvelope, normalizePortalCallback } from './clickatell-portal';
import { classifyClickSendCallback, normalizeClickSendDeliveryReport, normalizeClickSendReply } from './clicksend';
import { malformed, type CallbackOptions } from './fields';

export type CallbackKind = 'status' | 'inbound';

function isClickSend(provider: Provider): boolean {
  return provider === 'clicksend' || provider === 'clicksend-v3';
}

function isPortal(provider: Provider): boolean {
  return provider === 'clickatell-platform' || provider === 'clickatell-one';
}

/**
 * Whether a provider's callback parameters are a status update, an inbound message, or neither. A One API
 * envelope holding both kinds is classified by its first (status); normalizeCallbackEvents reads all.
 */
export function classifyCallback(provider: Provider, params: Record<string, unknown>): CallbackKind | null {
  if (isClickSend(provider)) return classifyClickSendCallback(params);
  if (isPortal(provider)) return isOneApiEnvelope(params) ? (classifyOneApiCallback(params)[0] ?? null) : classifyPlatformCallback(params);
  return classifyClickatellCallback(params);
}

/** Normalize parameters already classified (a trigger may drop a kind it does not emit before this). */
export function normalizeClassified(provider: Provider, kind: CallbackKind, params: Record<string, unknown>, options: CallbackOptions = {}): SmsEvent {
  if (isClickSend(provider)) {
    const clickSend = { ...options, provider: provider as 'clicksend' | 'clicksend-v3' };
    return kind === 'inbound' ? normalizeClickSendReply(params, clickSend) : normalizeClickSendDeliveryReport(params, clickSend);
  }
  if (isPortal(provider)) {
    // One event expected: a One API batch of several must be read with normalizeCallbackEvents, not cut to one.
    const events = normalizePortalCallback(params, options, [kind]);
    if (events.length !== 1) {
      throw malformed(provider, 'event', `the callback holds ${events.length} ${kind} events`, 'Read One API callbacks with normalizeCallbackEvents, which returns every event.');
    }
    return events[0];
  }
  if (provider !== 'clickatell-http' && provider !== 'clickatell-rest') throw malformed(provider, 'provider', 'callbacks of this API are not supported yet');
  return kind === 'inbound'
    ? normalizeClickatellInbound(params, { ...options, provider })
    : normalizeClickatellStatusCallback(params, provider, options);
}

/**
 * One entry point for a trigger / in-node that receives every callback of a provider on one URL:
 * classify, then normalize. Parameters that are neither a status nor an inbound message are
 * MALFORMED_CALLBACK (a provider URL check without parameters lands here too).
 */
export function normalizeCallback(provider: Provider, params: Record<string, unknown>, options: CallbackOptions = {}): SmsEvent {
  const kind = classifyCallback(provider, params);
  if (kind === null) throw malformed(provider, 'body', 'the parameters are neither a status callback nor an inbound message');
  return normalizeClassified(provider, kind, params, options);
}

/**
 * Every event of one callback: a Clickatell One API callback may carry several (`event.messageStatusUpdate[]`,
 * `event.moText[]`) or, for an event type this package does not know yet, none (acknowledge it and emit
 * nothing, as the One API asks receivers to). Every other API's callback is one event, as normalizeCallback
 * reads it. `kinds` keeps only those kinds (a trigger that emits only replies); default both.
 */
export function normalizeCallbackEvents(
  provider: Provider,
  params: Record<string, unknown>,
  options: CallbackOptions = {},
  kinds: readonly CallbackKind[] = ['status', 'inbound'],
): SmsEvent[] {
  if (isPortal(provider)) return normalizePortalCallback(params, options, kinds);
  const kind = classifyCallback(provider, params);
  if (kind === null) throw malformed(provider, 'body', 'the parameters are neither a status callback nor an inbound message');
  return kinds.includes(kind) ? [normalizeClassified(provider, kind, params, options)] : [];
}
