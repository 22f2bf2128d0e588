/**
 * One timer for everything that happens later (status pushes, callback retries, expiry refunds): a
 * min-heap of due times with a single setTimeout armed for the earliest. Thousands of pending pushes
 * cost one Node timer, and close() cancels them all at once.
 */
interface Job {
  at: number;
  seq: number;
  run: () => void;
}

export class Scheduler {
  private readonly heap: Job[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private stopped = false;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  get size(): number {
    return this.heap.length;
  }

  /** Run `run` at time `at` (epoch ms); a time in the past runs on the next tick. */
  at(at: number, run: () => void): void {
    if (this.stopped) return;
    this.push({ at, seq: this.seq++, run });
    if (at < this.armedFor) this.arm();
  }

  /** Drop every pending job (used by reset and close). */
  clear(): void {
    this.heap.length = 0;
    this.disarm();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private arm(): void {
    this.disarm();
    const head = this.heap[0];
    if (!head) return;
    this.armedFor = head.at;
    // setTimeout cannot wait longer than 2^31-1 ms; a later job is re-armed when this timer fires.
    const delay = Math.min(Math.max(0, head.at - Date.now()), 2_147_000_000);
    this.timer = setTimeout(() => this.runDue(), delay);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
  }

  private runDue(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = Date.now();
    let ran = 0;
    // Bounded batches keep the event loop responsive when many jobs fall due together.
    while (this.heap.length > 0 && this.heap[0].at <= now && ran < 5000) {
      const job = this.pop()!;
      ran++;
      try {
        job.run();
      } catch (error) {
        this.onError(error);
      }
    }
    if (!this.stopped) this.arm();
  }

  private push(job: Job): void {
    const heap = this.heap;
    heap.push(job);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): Job | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: Job, b: Job): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
