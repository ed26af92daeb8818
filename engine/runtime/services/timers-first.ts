/**
 * Timers before effects. When many timers fall due at once (10 000 reminders at 08:00), the
 * firings and the effects they queue (the reminders' notifications) share one thread: each
 * effect run during the burst delays the firings behind it. The outbox worker asks
 * `turn()` before each effect and waits while firings are under way, so the burst is fired
 * first and its effects follow. A burst that lasts longer than `maxWaitMs` stops holding
 * effects back: they are never starved. Effects late because they were held back are not
 * the outbox falling behind: commands are not slowed for it (`holding()`).
 */
export class TimersFirst {
  #firing = 0;
  /** When the current burst began (firings under way without a pause). */
  #burstStart = 0;
  #idle: Promise<void> | undefined;
  #release: (() => void) | undefined;

  constructor(private readonly maxWaitMs = 2000) {}

  /** Run a firing of timers; effects wait for it. */
  async firing<T>(fire: () => Promise<T>): Promise<T> {
    if (this.#firing++ === 0) {
      this.#burstStart = Date.now();
      this.#idle = new Promise((resolve) => (this.#release = resolve));
    }
    try {
      return await fire();
    } finally {
      if (--this.#firing === 0) {
        this.#release?.();
        this.#idle = undefined;
        this.#release = undefined;
      }
    }
  }

  /** Whether effects are held back now (a burst is firing, within its allowance). */
  holding(): boolean {
    return this.#firing > 0 && Date.now() - this.#burstStart < this.maxWaitMs;
  }

  /** What an effect waits for before it runs: undefined when it may run now. */
  turn(): Promise<void> | undefined {
    if (!this.holding()) return undefined;
    const left = this.maxWaitMs - (Date.now() - this.#burstStart);
    return Promise.race([this.#idle, new Promise<void>((resolve) => setTimeout(resolve, left).unref())]);
  }
}
