import type { BulkItem } from '../../gateways/bulk/planner';
import type { ClickSendV3Client, ClickSendV3Page } from '../../gateways/clicksend-v3';
import { invalidInput } from '../../gateways/errors';
import type { SmsEvent } from '../../gateways/events';
import type { OperationResult } from '../shared/action';
import type { NodeMessage } from '../shared/red';

/** The REST v3 operations of the clicksend node other than send (which goes through the batcher). */
export type V3Operation = 'priceEstimate' | 'history' | 'replies' | 'deliveryReports' | 'cancel' | 'cancelAll' | 'balance';

/** What the operations need from the node: its fields evaluated against a msg, and the config node's client. */
export interface V3Context {
  useV3<T>(call: (client: ClickSendV3Client) => Promise<T>): Promise<T>;
  /** The sends the msg asks for (a price estimate prices exactly what a send would send). */
  itemsOf(msg: NodeMessage): Promise<BulkItem[]>;
  optionalMessageId(msg: NodeMessage): Promise<string | undefined>;
  requiredMessageId(msg: NodeMessage, hint: string): Promise<string>;
  /** The field's value for this msg (page, dateFrom, dateTo); undefined when empty. */
  field(msg: NodeMessage, name: 'page' | 'dateFrom' | 'dateTo'): Promise<unknown>;
  listResult(events: unknown[]): OperationResult;
  balanceResult(balance: { balance: number; currency: string | null }): OperationResult;
  cancelledText(count: number): string;
}

/** Which page to read: a whole number from 1 (the first when the field is empty). */
function pageOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const page = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(page) || page < 1) throw invalidInput('page', `must be a whole number from 1, got ${JSON.stringify(value)?.slice(0, 40)}`);
  return page;
}

/**
 * A history bound: ISO 8601 text, a Date, or a number of milliseconds since 1970 (what an inject node's
 * timestamp gives); empty means no bound. Anything else names the field.
 */
function dateOf(value: unknown, field: 'dateFrom' | 'dateTo'): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = value instanceof Date ? value : typeof value === 'number' || typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw invalidInput(field, `must be a date and time (ISO 8601 text, a Date or milliseconds since 1970), got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return date;
}

/**
 * A page of a REST v3 list: the events in msg.payload, where the page stands in msg.page and msg.lastPage
 * (a flow reads the next page while msg.page < msg.lastPage).
 */
function pageResult(ctx: V3Context, result: ClickSendV3Page): OperationResult {
  return { ...ctx.listResult(result.events), extra: { page: result.page, lastPage: result.lastPage } };
}

export function v3Operations(ctx: V3Context): Record<V3Operation, (msg: NodeMessage) => Promise<OperationResult>> {
  const page = async (msg: NodeMessage) => pageOf(await ctx.field(msg, 'page'));
  return {
    /** What the send of this msg would cost (POST /sms/price): one estimate per text of the msg. */
    async priceEstimate(msg) {
      const items = await ctx.itemsOf(msg);
      const estimates = [];
      for (const item of items) estimates.push(await ctx.useV3((client) => client.priceEstimate({ to: item.to, text: item.text, options: item.options })));
      const total = estimates.reduce((sum, estimate) => sum + estimate.totalPrice, 0);
      const currency = estimates[0]?.currency ?? null;
      return {
        payload: estimates.length === 1 ? estimates[0] : estimates,
        status: `${Math.round(total * 10000) / 10000}${currency ? ` ${currency}` : ''}`,
      };
    },
    /** Sent messages (GET /sms/history), optionally between two times (`date_from`, `date_to`), a page at a time. */
    async history(msg) {
      const query = { page: await page(msg), dateFrom: dateOf(await ctx.field(msg, 'dateFrom'), 'dateFrom'), dateTo: dateOf(await ctx.field(msg, 'dateTo'), 'dateTo') };
      return pageResult(ctx, await ctx.useV3((client) => client.getHistory(query)));
    },
    /** Without a message id: the inbound messages (GET /sms/inbound); with one: the reply to it (GET /sms/inbound/{id}). */
    async replies(msg) {
      const messageId = await ctx.optionalMessageId(msg);
      if (messageId !== undefined) return ctx.listResult(await ctx.useV3((client) => client.getReplyTo(messageId)));
      const query = { page: await page(msg) };
      return pageResult(ctx, await ctx.useV3((client) => client.getInbound(query)));
    },
    /** Without a message id: the delivery receipts (GET /sms/receipts); with one: its receipt (GET /sms/receipts/{id}). */
    async deliveryReports(msg) {
      const messageId = await ctx.optionalMessageId(msg);
      if (messageId !== undefined) {
        const event: SmsEvent = await ctx.useV3((client) => client.getDeliveryReport(messageId));
        return { payload: event, status: event.state };
      }
      const query = { page: await page(msg) };
      return pageResult(ctx, await ctx.useV3((client) => client.getDeliveryReports(query)));
    },
    /** PUT /sms/{id}/cancel: a message.status event with state cancelled. */
    async cancel(msg) {
      const messageId = await ctx.requiredMessageId(msg, 'The message_id of a scheduled message (msg.payload.messageId after a send)');
      const result = await ctx.useV3((client) => client.cancel(messageId));
      return { payload: result, status: ctx.cancelledText(1) };
    },
    /** PUT /sms/cancel-all: `{ count }` of the scheduled messages cancelled. */
    async cancelAll() {
      const result = await ctx.useV3((client) => client.cancelAll());
      return { payload: result, status: ctx.cancelledText(result.count) };
    },
    async balance() {
      return ctx.balanceResult(await ctx.useV3((client) => client.getBalance()));
    },
  };
}
