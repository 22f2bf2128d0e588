import type { SmsEvent } from '../events';
import type { Provider } from '../provider';
import { classifyClickatellCallback, normalizeClickatellInbound, normalizeClickatellStatusCallback } from './clickatell';
import { classifyClickSendCallback, normalizeClickSendDeliveryReport, normalizeClickSendReply } from './clicksend';
import { malformed, type CallbackOptions } from './fields';

export type CallbackKind = 'status' | 'inbound';

function isClickSend(provider: Provider): boolean {
  return provider === 'clicksend' || provider === 'clicksend-v3';
}

/** Whether a provider's callback parameters are a status update, an inbound message, or neither. */
export function classifyCallback(provider: Provider, params: Record<string, unknown>): CallbackKind | null {
  return isClickSend(provider) ? classifyClickSendCallback(params) : classifyClickatellCallback(params);
}

/** Normalize parameters already classified (a trigger may drop a kind it does not emit before this). */
export function normalizeClassified(provider: Provider, kind: CallbackKind, params: Record<string, unknown>, options: CallbackOptions = {}): SmsEvent {
  if (isClickSend(provider)) {
    const clickSend = { ...options, provider: provider as 'clicksend' | 'clicksend-v3' };
    return kind === 'inbound' ? normalizeClickSendReply(params, clickSend) : normalizeClickSendDeliveryReport(params, clickSend);
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
