import type { SmsEvent } from '../events';
import type { Provider } from '../provider';
import { classifyClickatellCallback, normalizeClickatellInbound, normalizeClickatellStatusCallback } from './clickatell';
import { classifyClickSendCallback, normalizeClickSendDeliveryReport, normalizeClickSendReply } from './clicksend';
import { malformed, type CallbackOptions } from './fields';

/**
 * One entry point for a trigger / in-node that receives every callback of a provider on one URL:
 * classify, then normalize. Parameters that are neither a status nor an inbound message are
 * MALFORMED_CALLBACK (a provider URL check without parameters lands here too).
 */
export function normalizeCallback(provider: Provider, params: Record<string, unknown>, options: CallbackOptions = {}): SmsEvent {
  if (provider === 'clicksend') {
    const kind = classifyClickSendCallback(params);
    if (kind === 'inbound') return normalizeClickSendReply(params, options);
    if (kind === 'status') return normalizeClickSendDeliveryReport(params, options);
  } else {
    const kind = classifyClickatellCallback(params);
    if (kind === 'inbound') return normalizeClickatellInbound(params, { ...options, provider });
    if (kind === 'status') return normalizeClickatellStatusCallback(params, provider, options);
  }
  throw malformed(provider, 'body', 'the parameters are neither a status callback nor an inbound message');
}
