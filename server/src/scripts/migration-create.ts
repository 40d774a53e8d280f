import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startEmbeddedPostgres } from '../platform/database.js';
import { ORM_MODEL } from '../app.js';
import { MIGRATIONS_FOLDER, openOrm } from '../platform/orm.js';

/**
 * Diffs the entities against a database migrated with the committed migrations and writes
 * the difference as a new migration, registered in migrations/index.ts.
 * Usage: npm run migration:create -- <name>
 */
const name = process.argv[2];
const logger = pino({ level: 'warn' });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-migrate-'));
const database = process.env.DATABASE_URL
  ? { url: process.env.DATABASE_URL, stop: async () => {} }
  : await startEmbeddedPostgres({ dataDir, port: 54399, logger });
try {
  const orm = await openOrm(database.url, ORM_MODEL);
  const result = await orm.migrator.create(MIGRATIONS_FOLDER, false, false, name);
  await orm.close();
  if (!result.fileName) {
    console.log('No changes: the entities match the migrations.');
  } else {
    const className = path.basename(result.fileName, '.ts');
    const indexFile = path.join(MIGRATIONS_FOLDER, 'index.ts');
    const index = fs.readFileSync(indexFile, 'utf8');
    const withImport = index.replace(
      /(import type \{ MigrationObject \} from '@mikro-orm\/core';\n)/,
      `$1import { ${className} } from './${className}.js';\n`,
    );
    const withEntry = withImport.replace(
      /export const migrations: MigrationObject\[\] = \[([\s\S]*?)\];/,
      (_all, entries: string) => {
        const list = entries.trim() ? `${entries.trim().replace(/,$/, '')},\n  ` : '';
        return `export const migrations: MigrationObject[] = [\n  ${list}{ name: '${className}', class: ${className} },\n];`;
      },
    );
    fs.writeFileSync(indexFile, withEntry);
    console.log(`Created ${result.fileName}`);
  }
} finally {
  await database.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
