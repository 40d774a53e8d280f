import { boardModule } from './board/board.module.js';
import { committeesModule } from './committees/committees.module.js';
import { householdsModule } from './households/households.module.js';
import { meetingsModule } from './meetings/meetings.module.js';
import { resolutionsModule } from './resolutions/resolutions.module.js';
import { topicsModule } from './topics/topics.module.js';
import { votesModule } from './votes/votes.module.js';
import { volunteersModule } from './volunteers/volunteers.module.js';
import { teamsModule } from './teams/teams.module.js';
import { activitiesModule } from './activities/activities.module.js';
import { attendanceModule } from './attendance/attendance.module.js';
import { recordsModule } from './records/records.module.js';
import { certificatesModule } from './certificates/certificates.module.js';
import type { MikroORM, Options } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { featureMessages } from './messages.js';
import { areasModule } from './areas/areas.module.js';
import { auditModule } from './audit/audit.module.js';
import { declareAuditVocabulary } from './audit/audit.vocabulary.js';
import { capabilitiesModule } from './capabilities/capabilities.module.js';
import { mediaModule, type Feature } from './media/media.module.js';
import { createMediaStorage } from './media/media.storage.js';
import { migrations } from './migrations/index.js';
import { needsModule } from './needs/needs.module.js';
import { offersModule } from './offers/offers.module.js';
import { notificationsModule } from './notifications/notifications.module.js';
import { peopleModule } from './people/people.module.js';
import { pledgesModule } from './pledges/pledges.module.js';
import { projectsModule } from './projects/projects.module.js';
import { todosModule } from './todos/todos.module.js';
import { unitsModule } from './units/units.module.js';
import { watchSession } from './people/session-ends.js';
import { findViewer } from './people/sessions.js';
import type { Config } from './platform/config.js';
import { openDatabase, type Database } from './platform/database.js';
import { runAfterCommits } from './platform/after-commit.js';
import { createEventBus, type EventBus } from './platform/events.js';
import { closeHttp, createHttpApp } from './platform/http.js';
import { useMessages } from './platform/i18n/messages.js';
import type { FeatureModule } from './platform/module.js';
import { platformModule } from './platform/platform.module.js';
import { openOrm, withStartupLock, type OrmModel } from './platform/orm.js';
import { startJobs } from './platform/periodic.js';
import { buildGraphQLSchema, printGraphQLSchema, type Resolvers } from './platform/schema.js';
import { isDatabaseEmpty, seedDemo } from './seed/demo.js';

/**
 * The one composition root: every feature, and what each hands to the platform. A new feature
 * exports a `<feature>.module.ts` and is added here; nothing else lists entities, resolvers,
 * routes, jobs or media access rules.
 */
const FEATURES: readonly Feature[] = [
  areasModule,
  peopleModule,
  auditModule,
  todosModule,
  notificationsModule,
  needsModule,
  unitsModule,
  offersModule,
  projectsModule,
  pledgesModule,
  householdsModule,
  committeesModule,
  topicsModule,
  meetingsModule,
  votesModule,
  boardModule,
  resolutionsModule,
  volunteersModule,
  teamsModule,
  activitiesModule,
  attendanceModule,
  recordsModule,
  certificatesModule,
  capabilitiesModule,
];
/** The platform's own tables and jobs, the features, and the media module serving the files they own. */
const MODULES: readonly Feature[] = [platformModule, ...FEATURES, mediaModule(FEATURES)];
for (const module of MODULES) [module.auditVocabulary ?? []].flat().forEach(declareAuditVocabulary);

/** Every entity and the committed migrations: for the app and for the scripts (seed, migration:create). */
export const ORM_MODEL: OrmModel = { entities: MODULES.flatMap((module) => module.entities ?? []), migrations };

function resolversOf(modules: readonly FeatureModule[]): Resolvers {
  const [first, ...rest] = modules.flatMap((module) => module.resolvers ?? []);
  if (!first) throw new Error('no feature has a resolver');
  return [first, ...rest];
}
const RESOLVERS = resolversOf(MODULES);

/** The SDL committed as schema/schema.graphql. */
export const printAppSchema = () => printGraphQLSchema(RESOLVERS);

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

/**
 * config → database → ORM (migrated) → demo data → live events → schema → HTTP, ready to listen; jobs started.
 * `starting`: the database, when the caller started it already (main.ts, while this module loaded).
 */
export async function createApp(
  config: Config,
  logger: Logger,
  ormOverrides: Partial<Options> = {},
  starting: Promise<Database> = openDatabase(config, logger),
): Promise<RunningApp> {
  useMessages(featureMessages);
  const database = await starting;
  // Opened so far, to close again when a later step fails.
  const opened: { close(): Promise<unknown> }[] = [];
  try {
    const orm = await withStartupLock(database.url, async () => {
      const migrated = await openOrm(database.url, ORM_MODEL, ormOverrides);
      if (config.seedDemo && (await isDatabaseEmpty(migrated.em.fork()))) {
        logger.info('empty database: seeding the demo street');
        await seedDemo(migrated.em.fork());
      }
      return migrated;
    });
    opened.unshift(orm);
    const events = await createEventBus({ databaseUrl: database.url, redisUrl: config.redisUrl, logger });
    opened.unshift(events);
    runAfterCommits(orm, events);
    const storage = await createMediaStorage(config);
    opened.unshift({ close: async () => storage.destroy?.() });
    const http = await createHttpApp({
      config,
      orm,
      schema: await buildGraphQLSchema(RESOLVERS, events),
      logger,
      events,
      findViewer,
      watchSession: (em, token, userId, onEnd) => watchSession({ events, em, token, userId, onEnd }),
      async registerRoutes(app, deps) {
        for (const module of MODULES) await module.routes?.(app, { ...deps, storage });
      },
    });
    const jobs = startJobs(
      MODULES.flatMap((module) => module.jobs ?? []),
      { orm, events, logger, config, storage },
    );
    return {
      http,
      orm,
      database,
      events,
      async close() {
        // Stops accepting, ends the WebSockets (and every subscription's listener), lets requests in flight finish.
        await closeHttp(http, config.shutdownGraceMs, logger);
        await jobs.stop();
        await events.close();
        storage.destroy?.();
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
