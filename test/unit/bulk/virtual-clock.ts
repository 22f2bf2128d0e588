/**
 * A clock for tests: `sleep` registers a timer on virtual time, and whenever the process has nothing
 * else to do (no pending microtasks, checked with setImmediate) time jumps to the earliest timer.
 * Concurrent sleepers therefore overlap exactly as on a real clock, and a run of minutes takes no time.
 */
export class VirtualClock {
  private time = 0;
  private seq = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private ticking = false;

  readonly now = (): number => this.time;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve });
      this.schedule();
    });

  private schedule(): void {
    if (this.ticking) return;
    this.ticking = true;
    setImmediate(() => this.tick());
  }

  private tick(): void {
    this.ticking = false;
    if (this.timers.length === 0) return;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const first = this.timers.shift() as { at: number; resolve: () => void };
    this.time = Math.max(this.time, first.at);
    first.resolve();
    if (this.timers.length > 0) this.schedule();
  }
}
