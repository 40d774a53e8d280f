import { Migrator } from '@mikro-orm/migrations';
import { DataloaderType, defineConfig, MikroORM, type EntityName, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import pg from 'pg';
import { DATABASE_POOL_SIZE } from './config.js';

export const MIGRATIONS_FOLDER = 'server/src/migrations';

/** The features' entities and the committed migrations, as app.ts lists them. */
export interface OrmModel {
  entities: readonly EntityName[];
  migrations: NonNullable<NonNullable<Options['migrations']>['migrationsList']>;
}

export function ormConfig(clientUrl: string, model: OrmModel, overrides: Partial<Options> = {}): Options {
  const { entities, migrations } = model;
  return defineConfig({
    clientUrl,
    entities: [...entities],
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      migrationsList: migrations,
      path: MIGRATIONS_FOLDER,
      pathTs: MIGRATIONS_FOLDER,
      emit: 'ts',
      snapshotOnMigrate: false,
      silent: true,
    },
    // Relations resolved per GraphQL field are batched into one query per level, not one per row.
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    pool: { min: 0, max: DATABASE_POOL_SIZE },
    ...overrides,
  });
}

/** PostgreSQL's SQLSTATE for a table that does not exist. */
const UNDEFINED_TABLE = '42P01';

/**
 * Whether the database records every committed migration as run: one query on every start,
 * where the Migrator's own check takes several. A new database has no table yet.
 */
async function allMigrationsRun(orm: MikroORM, model: OrmModel): Promise<boolean> {
  const { tableName } = orm.config.get('migrations');
  let rows: { name: string }[];
  try {
    rows = await orm.em.getConnection().execute<{ name: string }[]>(`select name from ${tableName}`);
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return false;
    throw error;
  }
  const run = new Set(rows.map((row) => row.name));
  return model.migrations.every((migration) => run.has(migration.name));
}

/** Connects and applies the committed migrations; the schema is never synced from the entities. */
export async function openOrm(clientUrl: string, model: OrmModel, overrides: Partial<Options> = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(clientUrl, model, overrides));
  if (!(await allMigrationsRun(orm, model))) await orm.migrator.up();
  return orm;
}

const STARTUP_LOCK = 47_474_701;

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so replicas starting together
 * migrate and seed one after another. A plain client holds it: a pooled connection
 * could take the lock on one session and try to release it on another.
 */
export async function withStartupLock<T>(clientUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: clientUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.end();
  }
}
