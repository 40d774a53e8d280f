import path from 'node:path';
import type { MikroORM, Options } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AUTO_CLOSE_INTERVAL_MS, autoCloseNeeds } from './needs/needs.jobs.js';
import type { Config } from './platform/config.js';
import { startEmbeddedPostgres, type Database } from './platform/database.js';
import { createEventBus, type EventBus } from './platform/events.js';
import { closeHttp, createHttpApp } from './platform/http.js';
import { openOrm, withStartupLock } from './platform/orm.js';
import { runPeriodically } from './platform/periodic.js';
import { buildGraphQLSchema } from './platform/schema.js';
import { isDatabaseEmpty, seedDemo } from './seed/demo.js';

export interface RunningApp {
  http: FastifyInstance;
  orm: MikroORM;
  database: Database;
  /** Live updates across instances (Redis with REDIS_URL, PostgreSQL LISTEN/NOTIFY otherwise). */
  events: EventBus;
  /**
   * In this order: stops accepting, finishes requests in flight (cut after SHUTDOWN_GRACE_MS),
   * closes subscriptions, stops the jobs, closes the event bus and the pool, stops the embedded database.
   */
  close(): Promise<void>;
}

/** config → database → ORM (migrated) → demo data → live events → schema → HTTP, ready to listen; jobs started. */
export async function createApp(
  config: Config,
  logger: Logger,
  ormOverrides: Partial<Options> = {},
): Promise<RunningApp> {
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
    return {
      http,
      orm,
      database,
      events,
      async close() {
        // Stops accepting, ends the WebSockets (and every subscription's listener), lets requests in flight finish.
        await closeHttp(http, config.shutdownGraceMs, logger);
        await autoClose.stop();
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
