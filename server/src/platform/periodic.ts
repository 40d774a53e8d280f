import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { JobDeps, PeriodicJob } from './module.js';

export interface Periodic {
  /** No new run starts; resolves when the one under way (if any) has finished. */
  stop(): Promise<void>;
}

const jobContext = new AsyncLocalStorage<string>();

/** The periodic job whose run this code is part of, if any (tests counting a request's statements leave these out). */
export const runningJob = (): string | undefined => jobContext.getStore();

/**
 * Runs `task` now and then every `intervalMs`, never two runs at once. A failing run is
 * logged and the next one tries again. The timer does not keep the process alive.
 */
export function runPeriodically(name: string, intervalMs: number, task: () => Promise<void>, logger: Logger): Periodic {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = jobContext
      .run(name, task)
      .catch((error: unknown) => logger.error({ err: error, job: name }, 'periodic job failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** Starts every job; `stop` tells the runs under way (`stopping`) and waits for them. */
export function startJobs<Deps>(jobs: readonly PeriodicJob<Deps>[], deps: Omit<JobDeps, 'stopping'> & Deps): Periodic {
  const stopping = new AbortController();
  const withSignal = { ...deps, stopping: stopping.signal } as JobDeps & Deps;
  const running = jobs.map((job) => {
    const intervalMs = typeof job.intervalMs === 'function' ? job.intervalMs(deps.config) : job.intervalMs;
    return runPeriodically(job.name, intervalMs, () => job.run(withSignal), deps.logger);
  });
  return {
    async stop() {
      stopping.abort();
      await Promise.all(running.map((job) => job.stop()));
    },
  };
}
