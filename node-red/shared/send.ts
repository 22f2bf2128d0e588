import { bulkStats, runBulk, type BulkItem, type BulkItemResult, type BulkRunOptions, type BulkStats } from '../../gateways/bulk/planner';
import { GatewayError, invalidInput } from '../../gateways/errors';
import type { SmsEvent } from '../../gateways/events';
import type { SendOptions, SmsGateway } from '../../gateways/gateway';
import { splitRecipients } from '../../gateways/text/numbers';
import type { OperationResult } from './action';
import { parseSendOptions } from './send-options';

/** What the node resolved from its config (and the msg properties its config points at) for one msg. */
export interface ResolvedSend {
  to: unknown;
  text: unknown;
  options: SendOptions;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** A msg.payload that is a list of messages: `[{ to, text, options? }, ...]`. */
export function isMessageList(payload: unknown): payload is Array<Record<string, unknown>> {
  return Array.isArray(payload) && payload.length > 0 && payload.every(isPlainObject);
}

function textOf(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value === '') {
    throw invalidInput(field, value === undefined || value === '' ? 'is required' : `must be text, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value;
}

/**
 * The sends one msg asks for. Either one text to one or more recipients (`to` may be a number, a list
 * separated by commas, semicolons or new lines, or an array), or, when msg.payload is a list of message
 * objects, one send per entry; an entry's own `text` and `options` win over the node's.
 */
export function buildItems(resolved: ResolvedSend, payload: unknown): BulkItem[] {
  if (isMessageList(payload)) {
    return payload.map((entry, index) => {
      const field = `payload[${index}]`;
      const fallbackText = typeof resolved.text === 'string' || typeof resolved.text === 'number' ? resolved.text : undefined;
      return {
        to: splitRecipients(entry.to, `${field}.to`),
        text: textOf(entry.text ?? fallbackText, `${field}.text`),
        options: { ...resolved.options, ...parseSendOptions(entry.options) },
      };
    });
  }
  return [{ to: splitRecipients(resolved.to, 'to'), text: textOf(resolved.text, 'text'), options: resolved.options }];
}

/** A recipient that was not accepted, as it goes into msg.failed (GatewayError's own safe JSON). */
export interface FailedRecipient {
  to: string;
  error: Record<string, unknown>;
}

export interface SendOutcome {
  /** The accepted messages' events, in input order. */
  events: SmsEvent[];
  failed: FailedRecipient[];
  stats: BulkStats;
  /** The error to report when any recipient failed (the first failure's code; all of them when only one). */
  error?: GatewayError;
  /** True when the msg asked for exactly one message to one recipient. */
  single: boolean;
}

/** Sends through the bulk planner: batched per the API's limit, safe retries, one outcome per recipient. */
export async function sendItems(gateway: SmsGateway, items: BulkItem[], options: BulkRunOptions): Promise<SendOutcome> {
  return outcomeOf(items, await runBulk(gateway, items, options));
}

/**
 * One msg's outcome from the planner's results for its items (the msg's own slice when several msgs
 * shared one run, see send-batcher.ts): its accepted events, its failed recipients, stats over its own
 * recipients and the batches that carried them.
 */
export function outcomeOf(items: readonly BulkItem[], results: readonly BulkItemResult[]): SendOutcome {
  const events: SmsEvent[] = [];
  const failed: FailedRecipient[] = [];
  const errors: GatewayError[] = [];
  for (const result of results) {
    for (const outcome of result.outcomes) {
      if (outcome.ok) events.push(outcome.event);
      else {
        failed.push({ to: outcome.to, error: outcome.error.toJSON() });
        errors.push(outcome.error);
      }
    }
  }
  const stats = bulkStats(results);
  // The stats count this msg's items, not the shared run's.
  stats.items = items.length;
  const single = items.length === 1 && items[0].to.length === 1;
  let error: GatewayError | undefined;
  if (errors.length === 1 && single) error = errors[0];
  else if (errors.length > 0) {
    const first = errors[0];
    error = new GatewayError({
      provider: first.provider,
      code: first.code,
      providerText: first.providerText,
      hint: first.hint,
      recipient: first.recipient,
      delivery: first.delivery,
      retryable: first.retryable,
      message: `${errors.length} of ${stats.recipients} recipients failed (see msg.failed); first: ${first.message}`,
    });
  }
  return { events, failed, stats, error, single };
}

/** What the action node makes of one msg's send outcome (shared by the clickatell and clicksend nodes). */
export function sendResult(outcome: SendOutcome, sentStatus: (count: number) => string): OperationResult {
  if (outcome.single) {
    return outcome.error
      ? { payload: null, status: '', error: outcome.error, send: false }
      : { payload: outcome.events[0], status: outcome.events[0].state };
  }
  return {
    payload: outcome.events,
    extra: { failed: outcome.failed, bulk: outcome.stats },
    status: sentStatus(outcome.stats.accepted),
    error: outcome.error,
    send: outcome.events.length > 0,
  };
}
