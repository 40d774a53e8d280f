import path from 'node:path';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { runSystemClockAhead } from '../../server/src/platform/clock.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { cloneTemplateDatabase } from './postgres.js';

export interface StartedApp {
  url: string;
  stop(): Promise<void>;
  /** Raw SQL against this app's database, e.g. to read a sign-in code from the outbox. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs the server's clock (the services' `systemClock`) this far ahead of real time, to reach a
   * moment without waiting for it; 0 puts it back. The app runs in this process, so this is the
   * only way to move it.
   */
  runClockAhead(ms: number): void;
}

/**
 * The whole app as a user meets it: the built web app and the API on one random port,
 * over a fresh copy of the demo database. Run `npm run build:web` first (npm test does).
 */
export async function startApp(): Promise<StartedApp> {
  const database = await cloneTemplateDatabase(inject('postgresUrl'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      SEED_DEMO: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      WEB_DIR: path.resolve('web/build'),
    },
    process.cwd(),
  );
  const app = await createApp(config, pino({ level: 'silent' }));
  const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    async sql(query, params = []) {
      return app.orm.em.fork().execute(query, params as unknown[]);
    },
    runClockAhead: runSystemClockAhead,
    async stop() {
      runSystemClockAhead(0);
      await app.close();
      await database.drop();
    },
  };
}
