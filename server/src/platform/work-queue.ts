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
  readonly #waiting: (() => void)[] = [];

  constructor(readonly options: WorkQueueOptions) {}

  /** Throws the refusal `run` would give now: worth checking before reading a large request body. */
  refuseIfFull(): void {
    if (this.#running >= this.options.concurrency && this.#waiting.length >= this.options.maxWaiting)
      throw tooBusy(this.options.retryAfterSeconds);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    this.refuseIfFull();
    if (this.#running < this.options.concurrency) this.#running++;
    // The finishing task hands its turn over, so `running` stays as it is.
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
