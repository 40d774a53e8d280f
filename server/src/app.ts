import path from 'node:path';
import type { MikroORM, Options } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './platform/config.js';
import { startEmbeddedPostgres, type Database } from './platform/database.js';
import { createHttpApp } from './platform/http.js';
import { openOrm, withStartupLock } from './platform/orm.js';
import { buildGraphQLSchema } from './platform/schema.js';
import { isDatabaseEmpty, seedDemo } from './seed/demo.js';

export interface RunningApp {
  http: FastifyInstance;
  orm: MikroORM;
  database: Database;
  /** Finishes requests in flight, closes the pool, stops the embedded database. */
  close(): Promise<void>;
}

/** config → database → ORM (migrated) → demo data → schema → HTTP, ready to listen. */
export async function createApp(config: Config, logger: Logger, ormOverrides: Partial<Options> = {}): Promise<RunningApp> {
  const database: Database = config.databaseUrl
    ? { url: config.databaseUrl, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, logger });
  try {
    const orm = await withStartupLock(database.url, async () => {
      const migrated = await openOrm(database.url, ormOverrides);
      if (config.seedDemo && (await isDatabaseEmpty(migrated.em.fork()))) {
        logger.info('empty database: seeding the demo street');
        await seedDemo(migrated.em.fork());
      }
      return migrated;
    });
    const http = await createHttpApp({ config, orm, schema: await buildGraphQLSchema(), logger });
    return {
      http,
      orm,
      database,
      async close() {
        await http.close();
        await orm.close();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
