import { invalidInput } from '../errors';
import type { SendOptions } from '../gateway';
import { digitsOf } from '../text/numbers';

/** One send a workflow asked for: the same text (and options) to one or more numbers. */
export interface BulkItem {
  to: string[];
  text: string;
  options?: SendOptions;
}

/** Where a recipient of a batch came from: `items[item].to[position]`. */
export interface RecipientSlot {
  item: number;
  position: number;
}

/** One multi-recipient request the planner will make. `to[i]` belongs to `slots[i]`. */
export interface PlannedBatch {
  /** Position of the batch in the plan (creation order while reading the items in order). */
  index: number;
  /** The canonical text + options key shared by every recipient of the batch. */
  key: string;
  text: string;
  options?: SendOptions;
  to: string[];
  slots: RecipientSlot[];
}

/**
 * The key that decides whether two numbers are the same destination, for the duplicate rule:
 * digits only, without a leading international '00'. '+27 82 123 4567', '0027821234567' and
 * '27821234567' are one destination.
 */
export function recipientKey(number: string): string {
  const digits = digitsOf(number);
  return digits.startsWith('00') ? digits.slice(2) : digits;
}

/**
 * Text + options as one string: keys sorted, undefined values dropped (`{ from: undefined }` is `{}`),
 * Dates as ISO strings tagged so a Date never equals a plain string option.
 */
export function sendKey(text: string, options: SendOptions | undefined): string {
  return JSON.stringify([text, canonical(options ?? {})]);
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) {
    return { $date: Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString() };
  }
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[name];
      if (field !== undefined) out[name] = canonical(field);
    }
    return out;
  }
  return value;
}

interface Group {
  batches: PlannedBatch[];
  /** Union-find "next batch with room": nextOpen[i] leads to the first non-full batch at or after i. */
  nextOpen: number[];
  /** Per recipient key: the last batch (group-local index) it went into. */
  lastBatchOf: Map<string, number>;
  /**
   * True while `lastBatchOf` is empty and, since it last was, every recipient went into the group's
   * last batch in strictly increasing key order (every earlier batch being full). Such recipients are
   * provably distinct, so the map is not needed to place them and is not filled; it is filled from the
   * last batch (see fillLastBatchOf) the moment a key breaks the order.
   */
  sortedRun: boolean;
  /** The key placed last while `sortedRun` holds. */
  lastMember: string;
}

/**
 * Groups the recipients of items that share text and options into batches of at most `maxPerRequest`,
 * reading items and recipients in input order. Batches are numbered in the order they are opened.
 *
 * A number that appears twice in a group goes into a different batch: multi-recipient responses
 * identify recipients by number (Clickatell HTTP `ID: x To: n` lines), so one batch must never name a
 * number twice. Duplicates are never merged or dropped: the user asked twice.
 *
 * Placement is first-fit (the earliest batch of the group that has room and does not hold the number),
 * which keeps the count at ceil(N / maxPerRequest) per group when there are no duplicates.
 */
export function planBatches(items: readonly BulkItem[], maxPerRequest: number): PlannedBatch[] {
  if (!Number.isInteger(maxPerRequest) || maxPerRequest < 1) {
    throw invalidInput('maxPerRequest', `must be a whole number of at least 1, got ${String(maxPerRequest)}`);
  }
  if (!Array.isArray(items)) throw invalidInput('items', 'must be a list of { to, text, options } items');

  const plan: PlannedBatch[] = [];
  const groups = new Map<string, Group>();
  // N workflow items usually share one text and one options object (or none): the previous item's key
  // and group are reused for them instead of canonicalizing and stringifying the same options and
  // looking the key up N times.
  let previousText: string | undefined;
  let previousOptions: SendOptions | undefined;
  let previousKey: string | undefined;
  let previousGroup: Group | undefined;

  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const item = items[itemIndex];
    if (item === undefined && !(itemIndex in items)) continue; // a hole, skipped as forEach does
    if (item === null || typeof item !== 'object' || !Array.isArray(item.to)) {
      throw invalidInput(`items[${itemIndex}].to`, 'must be a list of phone numbers');
    }
    if (typeof item.text !== 'string') throw invalidInput(`items[${itemIndex}].text`, 'must be a string');
    const sameAsPrevious = previousKey !== undefined && item.text === previousText && item.options === previousOptions;
    const key = sameAsPrevious ? previousKey as string : sendKey(item.text, item.options);
    let group = sameAsPrevious ? previousGroup : groups.get(key);
    if (!group) {
      group = { batches: [], nextOpen: [], lastBatchOf: new Map(), sortedRun: true, lastMember: '' };
      groups.set(key, group);
    }
    previousText = item.text;
    previousOptions = item.options;
    previousKey = key;
    previousGroup = group;
    const recipients: readonly unknown[] = item.to;
    // A loop rather than forEach: an inner callback would be a new closure per item, over a third of
    // the planner's garbage when every item has one recipient. Holes are skipped as forEach skips them
    // (`in` is asked only about undefined entries: it is slow, and allocates, for every entry).
    for (let position = 0; position < recipients.length; position++) {
      const number = recipients[position];
      if (typeof number !== 'string') {
        if (number === undefined && !(position in recipients)) continue; // a hole, skipped as forEach does
        throw invalidInput(`items[${itemIndex}].to[${position}]`, 'must be a phone number as a string');
      }
      const member = recipientKey(number);
      if (group.sortedRun) {
        // Bulk input is often in number order (a sorted contact list): then the only open batch is the
        // last one and it cannot hold this number, so first-fit puts it there (or in a new batch when
        // the last is full), the same choice the map below would make, without a look-up per number.
        const last = group.batches.length - 1;
        if (last < 0 || group.batches[last].to.length >= maxPerRequest || member > group.lastMember) {
          let target = last;
          if (last < 0 || group.batches[last].to.length >= maxPerRequest) {
            const batch: PlannedBatch = { index: plan.length, key, text: item.text, options: item.options, to: [], slots: [] };
            plan.push(batch);
            group.batches.push(batch);
            target = group.batches.length - 1;
            group.nextOpen.push(target);
          }
          const batch = group.batches[target];
          batch.to.push(number);
          batch.slots.push({ item: itemIndex, position });
          if (batch.to.length >= maxPerRequest) group.nextOpen[target] = target + 1;
          group.lastMember = member;
          continue;
        }
        fillLastBatchOf(group, maxPerRequest);
      }
      // Every batch before the number's last batch is full or already holds it (first-fit never
      // skipped a usable batch, and batches only fill up), so the search can start after it.
      const from = (group.lastBatchOf.get(member) ?? -1) + 1;
      let target = findOpen(group, from);
      if (target === group.batches.length) {
        const batch: PlannedBatch = { index: plan.length, key, text: item.text, options: item.options, to: [], slots: [] };
        plan.push(batch);
        group.batches.push(batch);
        group.nextOpen.push(target);
        target = group.batches.length - 1;
      }
      const batch = group.batches[target];
      batch.to.push(number);
      batch.slots.push({ item: itemIndex, position });
      if (batch.to.length < maxPerRequest) group.lastBatchOf.set(member, target);
      else {
        group.nextOpen[target] = target + 1;
        // Once every batch of the group is full, any number goes into a new batch whatever its last
        // batch was, so the numbers seen so far no longer matter. Forgetting them keeps the map at one
        // batch's worth of numbers instead of one entry per recipient of the whole run (and the number
        // just placed needs no entry: its batch is full).
        if (findOpen(group, 0) === group.batches.length) {
          group.lastBatchOf.clear();
          group.sortedRun = true;
        } else group.lastBatchOf.set(member, target);
      }
    }
  }
  return plan;
}

/**
 * Leaves the sorted run: records what the map would hold had it been kept all along, the last batch for
 * each number of the group's last batch when that batch still has room (the map was empty when the
 * run began, and every number since went into the last batch or a batch now full).
 */
function fillLastBatchOf(group: Group, maxPerRequest: number): void {
  group.sortedRun = false;
  const last = group.batches.length - 1;
  const batch = group.batches[last];
  if (batch.to.length >= maxPerRequest) return;
  for (let i = 0; i < batch.to.length; i++) group.lastBatchOf.set(recipientKey(batch.to[i]), last);
}

/** First batch at or after `from` that still has room; `batches.length` when there is none. */
function findOpen(group: Group, from: number): number {
  let root = from;
  while (root < group.nextOpen.length && group.nextOpen[root] !== root) root = group.nextOpen[root];
  // Path compression keeps repeated searches over full batches near-constant.
  let node = from;
  while (node < group.nextOpen.length && group.nextOpen[node] !== node) {
    const next = group.nextOpen[node];
    group.nextOpen[node] = root;
    node = next;
  }
  return root;
}
