import path from 'node:path';
import type { MikroORM, Options } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { featureMessages } from './messages.js';
import { AUTO_CLOSE_INTERVAL_MS, autoCloseNeeds } from './needs/needs.jobs.js';
import type { Config } from './platform/config.js';
import { startEmbeddedPostgres, type Database } from './platform/database.js';
import { createEventBus, type EventBus } from './platform/events.js';
import { createHttpApp } from './platform/http.js';
import { useMessages } from './platform/i18n/messages.js';
import { openOrm, withStartupLock } from './platform/orm.js';
import { runPeriodically } from './platform/periodic.js';
import { deleteStaleRateLimits } from './platform/rate-limit.js';
import { buildGraphQLSchema } from './platform/schema.js';
import { isDatabaseEmpty, seedDemo } from './seed/demo.js';

const RATE_LIMIT_CLEANUP_MS = 60 * 60 * 1000;

export interface RunningApp {
  http: FastifyInstance;
  orm: MikroORM;
  database: Database;
  /** Live updates across instances (Redis with REDIS_URL, PostgreSQL LISTEN/NOTIFY otherwise). */
  events: EventBus;
  /** Finishes requests in flight, closes the pool, stops the embedded database. */
  close(): Promise<void>;
}

/** config → database → ORM (migrated) → demo data → live events → schema → HTTP, ready to listen; jobs started. */
export async function createApp(
  config: Config,
  logger: Logger,
  ormOverrides: Partial<Options> = {},
): Promise<RunningApp> {
  useMessages(featureMessages);
  const database: Database = config.databaseUrl
    ? { url: config.databaseUrl, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, logger });
  // Opened so far, to close again when a later step fails.
  const opened: { close(): Promise<unknown> }[] = [];
  try {
    const orm = await withStartupLock(database.url, async () => {
      const migrated = await openOrm(database.url, ormOverrides);
      if (config.seedDemo && (await isDatabaseEmpty(migrated.em.fork()))) {
        logger.info('empty database: seeding the demo street');
        await seedDemo(migrated.em.fork());
      }
      return migrated;
    });
    opened.unshift(orm);
    const events = await createEventBus({ databaseUrl: database.url, redisUrl: config.redisUrl, logger });
    opened.unshift(events);
    const http = await createHttpApp({ config, orm, schema: await buildGraphQLSchema(events), logger, events });
    const autoClose = runPeriodically(
      'autoCloseNeeds',
      AUTO_CLOSE_INTERVAL_MS,
      async () => {
        const closed = await autoCloseNeeds(orm.em.fork(), events);
        if (closed > 0) logger.info({ closed }, 'closed resolved needs nobody confirmed');
      },
      logger,
    );
    const rateLimitCleanup = runPeriodically(
      'deleteStaleRateLimits',
      RATE_LIMIT_CLEANUP_MS,
      async () => void (await deleteStaleRateLimits(orm.em.fork())),
      logger,
    );
    return {
      http,
      orm,
      database,
      events,
      async close() {
        await autoClose.stop();
        await rateLimitCleanup.stop();
        // Closing HTTP ends the WebSockets too, and with them every subscription's listener.
        await http.close();
        await events.close();
        await orm.close();
        await database.stop();
      },
    };
  } catch (error) {
    for (const resource of opened) await resource.close().catch(() => {});
    await database.stop();
    throw error;
  }
}
