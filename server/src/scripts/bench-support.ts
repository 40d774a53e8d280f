import path from 'node:path';
import { DefaultLogger, type LogContext } from '@mikro-orm/core';
import { loadConfig } from '../platform/config.js';
import { runningJob } from '../platform/periodic.js';

/** What the benches share: the configuration they run with, SQL timing, and how figures print. */

/** The app as a bench runs it: no demo data, no web build, no log lines; `env` adds to it. */
export function benchConfig(env: Record<string, string> = {}) {
  return loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    WEB_DIR: path.join('tests', 'no-web-build'),
    ...env,
  });
}

/** A positive whole number from the environment (1_000 allowed), or the fallback; anything else stops the bench. */
export function sizeFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive integer`);
    process.exit(2);
  }
  return n;
}

export interface Statement {
  sql: string;
  formatted: string;
  took: number;
}

/**
 * Keeps the SQL statements and their times (as the driver measured them) while `recording` is set;
 * not those of the periodic jobs, which run beside the requests timed.
 */
export class RecordingLogger extends DefaultLogger {
  recording: Statement[] | null = null;

  override logQuery(context: { query: string } & LogContext) {
    if (!this.recording || runningJob()) return;
    const formatted = (context as { formatted?: string }).formatted ?? context.query;
    this.recording.push({
      sql: (context as { sql?: string }).sql ?? context.query,
      formatted,
      took: context.took ?? 0,
    });
  }
}

/** The q-quantile of ascending `sorted` (nearest rank). */
export const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

export const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** Milliseconds, aligned. */
export const fmt = (ms: number) => ms.toFixed(1).padStart(7);

/** Milliseconds since `start` (from process.hrtime.bigint()). */
export const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
