import { CLICKATELL_STATUS } from '../../gateways/codes/clickatell-status';
import { INBOUND_RETRY_MINUTES, STATUS_RETRY_MINUTES, type CallbackKind, type CallbackRecord } from '../callbacks';
import type { SandboxCore } from '../core';
import type { Fault } from '../faults';
import { accountView, messageView, type MessageView } from '../inspect';
import { knownSecrets, maskKnown, maskUrl } from '../redact';
import type { TrafficEntry } from '../traffic';

/**
 * Everything the web page shows, in one JSON document: the newest messages, inbound messages, callbacks
 * and requests (each list bounded, so the document stays small however long the sandbox runs), the
 * accounts and the faults. Built from the same views as the /sandbox/ JSON API.
 */

/** The newest items of each list the page receives. */
export const PAGE_LIMITS = { messages: 300, inbound: 200, callbacks: 200, traffic: 200 } as const;

export interface CallbackView {
  id: number;
  kind: CallbackKind;
  provider: string;
  account: string;
  messageId: string | null;
  /** The target, secret-named query parameters masked. */
  url: string;
  method: string;
  auth: string;
  state: CallbackRecord['state'];
  attempts: CallbackRecord['attempts'];
  maxAttempts: number;
  nextAttemptAt: string | null;
  /** Seconds from one failed attempt to the next, as scaled by the time factor. */
  retryScheduleSeconds: number[];
  createdAt: string;
  payload: Record<string, string>;
}

export interface PageSnapshot {
  messages: MessageView[];
  inbound: Array<{ id: string; provider: string; account: string; from: string; to: string; text: string; receivedAt: string; inReplyTo: string | null }>;
  callbacks: CallbackView[];
  traffic: TrafficEntry[];
  accounts: Array<Record<string, unknown>>;
  faults: Fault[];
  /** Clickatell status code -> description and state, for the status history of a message. */
  statuses: Record<string, { description: string; state: string; final: boolean }>;
  totals: { messagesSent: number; messagesStored: number; messagesEvicted: number; requests: number; timeFactor: number };
}

const SCHEDULES: Readonly<Record<CallbackKind, readonly number[]>> = {
  'clickatell-status': STATUS_RETRY_MINUTES,
  'clickatell-inbound': INBOUND_RETRY_MINUTES,
  'clicksend-delivery': STATUS_RETRY_MINUTES,
  'clicksend-reply': INBOUND_RETRY_MINUTES,
};

const STATUSES = Object.fromEntries([...CLICKATELL_STATUS].map(([code, info]) => [code, { description: info.description, state: info.state, final: info.final }]));

function newest<T>(items: T[], count: number): T[] {
  return items.length > count ? items.slice(items.length - count) : items;
}

/** A user's callback URL may carry a token of their own (`?token=`): masked like everything else. */
function maskAccountUrls(view: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  const masked = { ...view };
  for (const field of ['statusCallbackUrl', 'inboundUrl']) {
    if (typeof masked[field] === 'string') masked[field] = maskUrl(masked[field] as string, secrets);
  }
  return masked;
}

export function pageSnapshot(core: SandboxCore, now: number): PageSnapshot {
  const { state } = core;
  const secrets = knownSecrets(state, state.options.callbackSecret);
  const minuteSeconds = 60 * state.options.timeFactor;
  return {
    // Texts are the user's, but a secret pasted into one is still not shown.
    messages: newest(state.messages.values(), PAGE_LIMITS.messages).map((message) => {
      const view = messageView(core, message, now);
      return { ...view, text: maskKnown(view.text, secrets) };
    }),
    inbound: newest(state.inbound.toArray(), PAGE_LIMITS.inbound).map((record) => ({
      id: record.id,
      provider: record.provider,
      account: record.accountId,
      from: record.from,
      to: record.to,
      text: maskKnown(record.text, secrets),
      receivedAt: new Date(record.receivedAt).toISOString(),
      inReplyTo: record.inReplyTo,
    })),
    callbacks: newest(state.callbacks.toArray(), PAGE_LIMITS.callbacks).map((record) => ({
      id: record.id,
      kind: record.kind,
      provider: record.provider,
      account: record.accountId,
      messageId: record.messageId,
      url: maskUrl(record.url, secrets),
      method: record.method,
      auth: record.auth,
      state: record.state,
      attempts: record.attempts,
      maxAttempts: record.maxAttempts,
      nextAttemptAt: record.nextAttemptAt,
      retryScheduleSeconds: SCHEDULES[record.kind].map((minutes) => Math.round(minutes * minuteSeconds * 1000) / 1000),
      createdAt: record.createdAt,
      payload: Object.fromEntries(Object.entries(record.payload).map(([name, value]) => [name, maskKnown(value, secrets)])),
    })),
    traffic: state.traffic.list(PAGE_LIMITS.traffic),
    accounts: [...state.accounts.values()].map((account) => maskAccountUrls(accountView(account), secrets)),
    faults: core.faults.list(),
    statuses: STATUSES,
    totals: {
      messagesSent: state.messages.total,
      messagesStored: state.messages.size,
      messagesEvicted: state.messages.evicted,
      requests: state.stats.total,
      timeFactor: state.options.timeFactor,
    },
  };
}
