import type { BulkItem, BulkItemResult } from '../../gateways/bulk/planner';

/** How long a send may wait for company, and how much company it may get. */
export interface BatchWindow {
  /** Longest wait, in ms, from the first msg of a pending batch to its dispatch; 0 sends each msg alone. */
  windowMs: number;
  /** Recipients that make a pending batch dispatch at once (and the most one holds, a larger msg aside). */
  maxRecipients: number;
}

/** Node settings: 10 ms is under a tenth of one sandbox round trip, yet a split node's burst fits in it. */
export const DEFAULT_BATCH_WINDOW_MS = 10;
export const MAX_BATCH_WINDOW_MS = 1000;

interface Waiting {
  items: BulkItem[];
  resolve(results: BulkItemResult[]): void;
  reject(error: unknown): void;
}

/** Runs the items of several msgs as one bulk run (the planner groups equal text and options). */
export type Dispatch = (items: BulkItem[]) => Promise<BulkItemResult[]>;

function recipientCount(items: readonly BulkItem[]): number {
  let count = 0;
  for (const item of items) count += item.to.length;
  return count;
}

/**
 * Gathers the sends of msgs that arrive close together into one bulk run, so a split → send flow of
 * 10,000 one-recipient msgs makes ceil(10,000 / API limit) requests instead of 10,000, and hands each msg
 * its own slice of the results. Node-RED itself batches nothing across msgs: each msg is its own event.
 *
 * Bounded wait: a pending batch dispatches when it holds `maxRecipients` recipients or `windowMs` after
 * its first msg, whichever comes first. Bounded memory: at most one pending batch (at most
 * `maxRecipients` recipients, or one larger msg alone); a dispatched batch keeps only its items and the
 * callbacks of its msgs until its run ends. How many requests are in flight across dispatched batches is
 * the dispatch function's business (see shared-gateway.ts).
 */
export class SendBatcher {
  private pending: Waiting[] = [];
  private pendingRecipients = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly dispatch: Dispatch,
    private readonly window: BatchWindow,
  ) {}

  /** Resolves with one result per item of this msg, in order, once the run that carried them ends. */
  submit(items: BulkItem[]): Promise<BulkItemResult[]> {
    return new Promise<BulkItemResult[]>((resolve, reject) => {
      const count = recipientCount(items);
      const waiting: Waiting = { items, resolve, reject };
      if (this.window.windowMs <= 0) {
        this.start([waiting]);
        return;
      }
      // A msg that would overfill the pending batch goes into the next one, so no run exceeds the cap
      // because of gathering (a single msg larger than the cap still goes, alone).
      if (this.pending.length > 0 && this.pendingRecipients + count > this.window.maxRecipients) this.flush();
      this.pending.push(waiting);
      this.pendingRecipients += count;
      if (this.pendingRecipients >= this.window.maxRecipients) this.flush();
      else if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), this.window.windowMs);
    });
  }

  /** Dispatches what is pending now (at the window's end, when full, and on close). */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingRecipients = 0;
    this.start(batch);
  }

  /** Dispatches what is pending and resolves when every run has ended (a node's close waits on it). */
  async close(): Promise<void> {
    this.flush();
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private start(batch: Waiting[]): void {
    let items: BulkItem[];
    if (batch.length === 1) items = batch[0].items;
    else {
      items = [];
      for (const waiting of batch) for (const item of waiting.items) items.push(item);
    }
    const run = this.dispatch(items).then(
      (results) => {
        let offset = 0;
        for (const waiting of batch) {
          const count = waiting.items.length;
          waiting.resolve(batch.length === 1 ? results : results.slice(offset, offset + count));
          offset += count;
        }
      },
      (error: unknown) => {
        for (const waiting of batch) waiting.reject(error);
      },
    );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}
