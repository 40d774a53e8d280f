import { tooBusy } from './errors.js';

export interface WorkQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting for a turn; one more is refused. */
  maxWaiting: number;
  /** What the refusal tells the client. */
  retryAfterSeconds: number;
}

/**
 * Runs at most `concurrency` tasks at once, queues `maxWaiting` more in order, and refuses the
 * rest with RATE_LIMITED at once: a burst is answered instead of piling up in memory.
 */
export class WorkQueue {
  #running = 0;
  #peakRunning = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly options: WorkQueueOptions) {}

  /** True when `run` would refuse: worth checking before reading a large request body. */
  get full(): boolean {
    return this.#running >= this.options.concurrency && this.#waiting.length >= this.options.maxWaiting;
  }

  /** Running and waiting now, and the most that ever ran at once. */
  get stats() {
    return { running: this.#running, waiting: this.#waiting.length, peakRunning: this.#peakRunning };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.options.concurrency) {
      this.#running++;
      this.#peakRunning = Math.max(this.#peakRunning, this.#running);
    } else if (this.#waiting.length < this.options.maxWaiting) {
      // The finishing task hands its turn over, so `running` stays as it is.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      throw tooBusy(this.options.retryAfterSeconds);
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
