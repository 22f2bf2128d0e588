/**
 * A FIFO list with a capacity: pushing beyond it drops the oldest entry. Array.shift() is O(n), which a
 * list of 100,000 entries cannot afford on every push, so removal advances a head index and the array
 * is compacted now and then.
 */
export class BoundedList<T> {
  private items: T[] = [];
  private head = 0;

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.items.length - this.head;
  }

  /** Add an entry; returns the entry dropped to make room, if any. */
  push(item: T): T | undefined {
    this.items.push(item);
    return this.length > this.capacity ? this.shift() : undefined;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined as T;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Remove the entries matching `take` and return them, oldest first. */
  extract(take: (item: T) => boolean): T[] {
    const taken: T[] = [];
    const kept: T[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i];
      (take(item) ? taken : kept).push(item);
    }
    if (taken.length > 0) {
      this.items = kept;
      this.head = 0;
    }
    return taken;
  }

  toArray(): T[] {
    return this.items.slice(this.head);
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
