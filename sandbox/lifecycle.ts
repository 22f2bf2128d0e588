import { callbackWanted } from '../gateways/codes/callback-levels';
import type { CallbackDispatcher } from './callbacks';
import { hasReceiptRules, pushReceipt } from './clicksend-v3-rules';
import { pushPortalStatus } from './clickatell-portal-callbacks';
import type { SandboxMessage, Step } from './message-store';
import type { Scheduler } from './scheduler';
import type { AccountState, SandboxState } from './state';
import type { Outcome } from './test-numbers';
import { formatDecimal } from './wire';

/**
 * The status lifecycle of a sent message (Clickatell status codes; ClickSend maps them to its own):
 *   scheduled/delayed: 011 until the delivery time, then
 *   002 queued -> 003 delivered to gateway -> 004 received by recipient
 * or, for the behaviour numbers of test-numbers.ts, an error status, or expiry (010) at the end of the
 * validity period. A user's stop (delmsg / DELETE) before 003 gives 006.
 *
 * Statuses are computed from the message's steps when someone asks, so a million messages need no
 * timer. Only events somebody receives are scheduled: Clickatell callbacks the message's level asks
 * for, ClickSend delivery-report pushes, and the refund of an expired message.
 */
export class Lifecycle {
  constructor(
    private readonly state: SandboxState,
    private readonly scheduler: Scheduler,
    private readonly callbacks: CallbackDispatcher,
  ) {}

  /** Scale a real-world delay by the time factor. */
  scale(ms: number): number {
    return ms * this.state.options.timeFactor;
  }

  /** The steps of a message whose delivery starts at `startAt`; `validityMs` is already scaled. */
  plan(outcome: Outcome, startAt: number, scheduled: boolean, validityMs: number): Step[] {
    const steps: Step[] = scheduled ? [{ at: startAt, code: '002' }] : [];
    const sent = startAt + this.scale(this.state.options.sentAfterMs);
    const final = sent + this.scale(this.state.options.deliveredAfterMs);
    switch (outcome.kind) {
      case 'deliver':
        steps.push({ at: sent, code: '003' }, { at: final, code: '004' });
        break;
      case 'fail-after-gateway':
        steps.push({ at: sent, code: '003' }, { at: final, code: outcome.code });
        break;
      case 'fail-before-gateway':
        steps.push({ at: sent, code: outcome.code });
        break;
      case 'expire':
        steps.push({ at: startAt + validityMs, code: '010' });
        break;
      case 'reject':
        break;
    }
    return steps;
  }

  /** The message's Clickatell status code at `now`. */
  status(message: SandboxMessage, now: number): string {
    let code = message.scheduledFor !== null ? '011' : '002';
    for (const step of message.steps) {
      if (step.at > now) break;
      code = step.code;
    }
    return code;
  }

  /** When the message reached its current status. */
  statusTime(message: SandboxMessage, now: number): number {
    let at = message.createdAt;
    for (const step of message.steps) {
      if (step.at > now) break;
      at = step.at;
    }
    return at;
  }

  /** The steps reached so far (for the inspection API). */
  history(message: SandboxMessage, now: number): Step[] {
    const initial: Step = { at: message.createdAt, code: message.scheduledFor !== null ? '011' : '002' };
    return [initial, ...message.steps.filter((step) => step.at <= now)];
  }

  /**
   * Stop a message that has not left the sandbox (scheduled, delayed or still queued): status 006 and
   * the charge refunded. False when it is already on its way or done.
   */
  cancel(message: SandboxMessage, now: number): boolean {
    const code = this.status(message, now);
    if (code !== '011' && code !== '002') return false;
    message.steps = [...message.steps.filter((step) => step.at <= now), { at: now, code: '006' }];
    message.version++;
    this.refund(message);
    return true;
  }

  /** Start tracking an accepted message: schedule the pushes it will cause. */
  track(message: SandboxMessage, account: AccountState): void {
    const version = message.version;
    for (const step of message.steps) {
      if (step.code === '010') this.scheduler.at(step.at, () => message.version === version && this.refund(message));
    }
    if (message.provider === 'clicksend') {
      this.trackClickSend(message, account, version);
      return;
    }
    if (message.callback === 0) return;
    if (message.provider === 'clickatell-platform' || message.provider === 'clickatell-one') {
      // Portal integrations push every status their API has a name for (clickatell-portal-callbacks.ts).
      for (const step of message.steps) {
        this.scheduler.at(step.at, () => message.version === version && pushPortalStatus(this.callbacks, message, account, step));
      }
      return;
    }
    for (const step of message.steps) {
      if (!callbackWanted(message.callback, step.code)) continue;
      this.scheduler.at(step.at, () => {
        if (message.version !== version) return;
        this.callbacks.send('clickatell-status', account, account.config.statusCallbackUrl, this.statusPayload(message, account, step), message.id);
      });
    }
  }

  /** The documented status callback parameters (HTTP spec, `callback`). */
  statusPayload(message: SandboxMessage, account: AccountState, step: Step): Record<string, string> {
    return {
      api_id: account.config.apiId ?? '',
      apiMsgId: message.id,
      cliMsgId: message.clientReference,
      to: message.to,
      from: message.from,
      timestamp: String(Math.floor(step.at / 1000)),
      status: step.code,
      charge: formatDecimal(step.code === '010' ? 0 : message.charge),
    };
  }

  private trackClickSend(message: SandboxMessage, account: AccountState, version: number): void {
    if (!message.reportable) return;
    account.pendingReports.push(message);
    const final = message.steps[message.steps.length - 1];
    // Pushed to the v2 delivery URL and to the REST v3 receipt rules that exist when the message is sent.
    if (!final || (!account.config.statusCallbackUrl && !hasReceiptRules(account))) return;
    this.scheduler.at(final.at, () => {
      if (message.version !== version) return;
      this.callbacks.send('clicksend-delivery', account, account.config.statusCallbackUrl, clickSendReport(message, account.config.username ?? ''), message.id);
      pushReceipt(this.callbacks, account, message);
    });
  }

  private refund(message: SandboxMessage): void {
    if (message.charge === 0) return;
    this.state.accounts.get(message.accountId)?.refund(message.charge);
    message.charge = 0;
  }
}

/** ClickSend's delivery status for a final Clickatell-style code: Delivered (201) or Undelivered (301). */
export function clickSendDelivery(code: string): { status: 'Delivered' | 'Undelivered'; statusCode: string } {
  return code === '004' ? { status: 'Delivered', statusCode: '201' } : { status: 'Undelivered', statusCode: '301' };
}

/** The documented delivery-report parameters (ClickSend spec, "Delivery Reports"). */
export function clickSendReport(message: SandboxMessage, username: string): Record<string, string> {
  const final = message.steps[message.steps.length - 1];
  const delivery = clickSendDelivery(final?.code ?? '');
  return {
    messageid: message.id,
    status: delivery.status,
    status_code: delivery.statusCode,
    customstring: message.clientReference,
    username,
  };
}

/** ClickSend history.php status words for a Clickatell-style code. */
export function clickSendHistoryStatus(code: string): string {
  switch (code) {
    case '011':
      return 'Scheduled';
    case '002':
      return 'Queued';
    case '003':
      return 'Sent';
    case '004':
      return 'Delivered';
    case '006':
      return 'Cancelled';
    default:
      return 'Undelivered';
  }
}
