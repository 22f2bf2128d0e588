import type { MessageState } from '../events';

/**
 * ClickSend delivery report statuses (HTTP v2 push and delivery.php: `status` + `status_code`).
 *
 * The v2 spec (../shared/specs/clicksend-http-api-v2.apib, "Delivery Reports") only says `status` is
 * 'Delivered' or 'Undelivered' and that "the temporary status codes can update at any time"; its example
 * pairs Delivered with 201 and Undelivered with 301. The code meanings below follow ClickSend's published
 * "SMS error codes" help page: 200 = in progress (queued, scheduled, awaiting approval or sent to the
 * network), 201 = delivered to the handset, 300 = temporary network error that ClickSend retries,
 * 301 = failed for good (cancelled, rejected, unknown or absent subscriber, expired ...).
 *
 * Rule: the text decides the state, the code is the fallback when the text is missing or unknown.
 * The code still decides finality for a temporary code: 'Undelivered' with 300 is a failure that may
 * still turn into a delivery, so it is not final. Neither known: state 'unknown', never a guess.
 */
export interface ClickSendDeliveryInfo {
  state: MessageState;
  final: boolean;
  error: boolean;
  description: string;
}

const BY_CODE: Readonly<Record<string, ClickSendDeliveryInfo>> = {
  '200': { state: 'sent', final: false, error: false, description: 'In progress: queued, scheduled or sent to the network, no delivery receipt yet' },
  '201': { state: 'delivered', final: true, error: false, description: 'Delivered to the handset' },
  '300': { state: 'failed', final: false, error: true, description: 'Temporary network error; ClickSend retries the message' },
  '301': { state: 'failed', final: true, error: true, description: 'Not delivered (cancelled, rejected or the number cannot be reached)' },
  // REST v3 history: "302 delivery failure (temporary, supplier routing)" (../shared/specs/clicksend-rest-api-v3.md §4, C1).
  '302': { state: 'failed', final: false, error: true, description: 'Temporary failure at the supplier (routing); it may still change' },
};

/** Status texts, compared without case, spaces or underscores. Besides the two of the v2 push, the
 * statuses ClickSend shows in history and its help pages, so a report that carries one is still read. */
const BY_TEXT: Readonly<Record<string, ClickSendDeliveryInfo>> = {
  delivered: BY_CODE['201'],
  undelivered: { state: 'failed', final: true, error: true, description: 'Not delivered' },
  sent: { state: 'sent', final: false, error: false, description: 'Sent to the network for delivery' },
  // REST v3 history: "Completed" = queued, waiting to go to the network (C1 of ../shared/specs/clicksend-rest-api-v3.md §4).
  completed: { state: 'queued', final: false, error: false, description: 'Queued, waiting to be sent to the network' },
  queued: { state: 'queued', final: false, error: false, description: 'Queued for delivery' },
  scheduled: { state: 'scheduled', final: false, error: false, description: 'Scheduled for delivery' },
  waitapproval: { state: 'queued', final: false, error: false, description: 'Waiting for manual approval by ClickSend staff' },
  cancelled: { state: 'cancelled', final: true, error: false, description: 'Cancelled' },
  cancelledafterreview: { state: 'cancelled', final: true, error: true, description: 'Cancelled by ClickSend staff after content review' },
  failed: { state: 'failed', final: true, error: true, description: 'Failed' },
  expired: { state: 'expired', final: true, error: true, description: 'Delivery receipt expired' },
};

const TEMPORARY_CODES: ReadonlySet<string> = new Set(['200', '300', '302']);

function canonicalCode(value: unknown): string | null {
  const text = String(value ?? '').trim();
  return /^\d{1,4}$/.test(text) ? String(Number(text)) : null;
}

/** Normalize a ClickSend `status` / `status_code` pair. */
export function clickSendDelivery(status: unknown, statusCode: unknown): ClickSendDeliveryInfo {
  const text = typeof status === 'string' ? status.trim() : '';
  const code = canonicalCode(statusCode);
  const byText = BY_TEXT[text.toLowerCase().replace(/[\s_-]/g, '')];
  const byCode = code === null ? undefined : BY_CODE[code];
  if (byText) {
    if (code !== null && TEMPORARY_CODES.has(code) && byText.state === 'failed') {
      const description = code === '300' ? BY_CODE['300'].description : `${byText.description} (temporary status code ${code}; it may still change)`;
      return { ...byText, final: false, description };
    }
    const description = byCode && byCode.state === byText.state ? byCode.description : byText.description;
    return { ...byText, description };
  }
  if (byCode) return byCode;
  const what = [text && `status '${text}'`, code !== null && `status code ${code}`].filter(Boolean).join(', ');
  return { state: 'unknown', final: false, error: false, description: what ? `Undocumented ${what}` : 'No delivery status given' };
}
