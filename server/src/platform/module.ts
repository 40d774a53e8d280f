import type { EntityManager, EntityName, MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import type { EventBus } from './events.js';
import type { Locale } from './i18n/locale.js';
import type { MessageKey } from './i18n/messages.js';
import type { RouteDeps } from './rest.js';

/** What a periodic job gets: the ORM to fork, the bus to tell subscribers, a logger, the configuration; plus what `Deps` adds. */
export interface JobDeps {
  orm: MikroORM;
  events: EventBus;
  logger: Logger;
  config: Config;
  /** Aborted when the app stops: a long run ends early (the rest waits for the next start). */
  stopping: AbortSignal;
}

/** Work every instance runs now and then (each run takes its rows with `for update skip locked`). */
export interface PeriodicJob<Deps = object> {
  name: string;
  /** Fixed, or read from the configuration at start. */
  intervalMs: number | ((config: Config) => number);
  run(deps: JobDeps & Deps): Promise<void>;
}

/**
 * What a feature hands to the platform, collected by app.ts (the one composition root).
 * `Deps` names what its routes and jobs need beyond the platform's (the media storage, say).
 */
export interface FeatureModule<Deps = object> {
  entities?: readonly EntityName[];
  /** type-graphql resolver classes. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type for a resolver class
  resolvers?: readonly Function[];
  /** Plain-HTTP routes beside GraphQL. */
  routes?(app: FastifyInstance, deps: RouteDeps & Deps): Promise<void>;
  jobs?: readonly PeriodicJob<Deps>[];
  /** The audit actions and targets it records, under a GraphQL prefix (audit/ makes the enums of them); several prefixes as a list. */
  auditVocabulary?: AuditVocabulary | readonly AuditVocabulary[];
}

/** GraphQL name → stored string: `{ prefix: 'NEED', actions: { ACCEPT: 'need.accept' }, targets: { NEED: 'Need' } }`. */
export interface AuditVocabulary {
  prefix: string;
  actions: Readonly<Record<string, string>>;
  targets: Readonly<Record<string, string>>;
  /** How the audit log reads entries about each of these targets, by stored target type ('Need'). */
  reading?: Readonly<Record<string, AuditTargetReading>>;
}

/** What a reading sees of an audit entry. */
export interface AuditedTarget {
  targetId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Who reads the audit log, in which language. */
export interface AuditReader {
  viewer: Viewer;
  locale: Locale;
}

export interface AuditTargetReading {
  /**
   * The entries' targets in words (a need's title, an area's name), one label per entry, null
   * when the target is gone or not the reader's to see; for a whole page at once, in a
   * fixed number of queries whatever its size.
   */
  labels?(em: EntityManager, entries: readonly AuditedTarget[], reader: AuditReader): Promise<(string | null)[]>;
  /** The fields of before/after to show, in this order: their labels and how their values read. */
  fields?: Readonly<Record<string, AuditFieldReading>>;
}

export interface AuditFieldReading {
  label: MessageKey;
  /**
   * How a value reads: 'person' (a user id, read as the person's name), 'area' (an area id, read
   * as its name), `{ words: 'needStatus.' }` (an enum value, read as the message
   * `needStatus.<value>`); by default the value as text.
   */
  value?: 'person' | 'area' | { words: string };
}
