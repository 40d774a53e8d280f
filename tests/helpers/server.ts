import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, type LoggerOptions, type LogContext } from '@mikro-orm/core';
import { pino, type Logger } from 'pino';
import { inject } from 'vitest';
import { createApp, type RunningApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/src/seed/demo.js';
import { cloneTemplateDatabase } from './postgres.js';
import { runningJob } from '../../server/src/platform/periodic.js';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

/** Counts every SQL statement the ORM sends, so tests can see N+1 patterns. */
class CountingLogger extends DefaultLogger {
  count = 0;

  override logQuery(context: { query: string } & LogContext) {
    // A periodic job's statements (they run at start and every so often) are not the request's.
    if (!runningJob()) this.count++;
    if (process.env.TEST_PRINT_SQL) console.log(context.query.slice(0, 200));
    super.logQuery(context);
  }
}

export interface GraphQLResponse<T = any> {
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions: { code: string; fields?: Record<string, string>; [key: string]: unknown };
  }[];
}

export interface RequestOptions {
  /** Sign in as this phone (demo password) first; its token is cached. */
  as?: string;
  token?: string;
  headers?: Record<string, string>;
  /** The client address the request comes from (default 127.0.0.1). */
  remoteAddress?: string;
}

export interface TestServer {
  app: RunningApp;
  /** Where this server stores uploaded photos (a fresh temporary folder). */
  mediaDir: string;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  tokenFor(phone: string): Promise<string>;
  /** The SQL statements `run` caused. */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  /**
   * Demo area ids by name. Building names repeat in every grid; "1号楼" etc. are those of
   * 幸福里第一网格, where the demo residents live.
   */
  areaIds(): Promise<Record<string, string>>;
  /** Demo user ids by phone. */
  userIds(): Promise<Record<string, string>>;
  /** Raw SQL against this test's database, for checking what was (not) written. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * The whole server on its own fresh copy of the demo database, driven by fastify.inject (no port;
 * `app.http.listen` gives it one). `env` adds to or overrides the test defaults, e.g. `{ TRUST_PROXY: '1' }`;
 * `logger` replaces the silent one, to read what the server logs.
 */
export async function createTestServer(
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestServer> {
  const database = await cloneTemplateDatabase(inject('postgresUrl'));
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-media-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      SEED_DEMO: 'false',
      WEB_DIR: path.join('tests', 'no-web-build'),
      MEDIA_DIR: mediaDir,
      LOG_LEVEL: 'silent',
      // The outbox worker's statements (every second by default) would land in countQueries' counts;
      // outbox.test.ts runs the drain itself.
      OUTBOX_DRAIN_INTERVAL_MS: '3600000',
      ...env,
    },
    process.cwd(),
  );
  let logger: CountingLogger | undefined;
  const app = await createApp(config, options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), {
    loggerFactory: (options: LoggerOptions) => (logger = new CountingLogger(options)),
  });
  const tokens = new Map<string, string>();

  const post = async (
    query: string,
    variables: Record<string, unknown> | undefined,
    headers: Record<string, string>,
    remoteAddress?: string,
  ) => {
    const response = await app.http.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...headers },
      payload: { query, variables },
      ...(remoteAddress ? { remoteAddress } : {}),
    });
    return response.json() as GraphQLResponse;
  };

  const tokenFor = async (phone: string) => {
    const cached = tokens.get(phone);
    if (cached) return cached;
    const result = await post(
      'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { token } }',
      { phone, password: DEMO_PASSWORD },
      {},
    );
    const token = result.data?.login?.token as string | undefined;
    if (!token) throw new Error(`cannot sign in as ${phone}: ${JSON.stringify(result.errors)}`);
    tokens.set(phone, token);
    return token;
  };

  return {
    app,
    mediaDir,
    tokenFor,
    async gql(query, variables, options = {}) {
      const token = options.token ?? (options.as ? await tokenFor(options.as) : undefined);
      return post(
        query,
        variables,
        { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
        options.remoteAddress,
      );
    },
    async countQueries(run) {
      const before = logger!.count;
      await run();
      return logger!.count - before;
    },
    async areaIds() {
      const rows = await app.orm.em.fork().execute<{ id: number; name: string; home_grid: boolean }[]>(
        `select a.id, a.name, coalesce(p.name = '幸福里第一网格', false) as home_grid
         from area a left join area p on p.id = a.parent_id order by home_grid, a.id`,
      );
      return Object.fromEntries(rows.map((row) => [row.name, String(row.id)]));
    },
    async userIds() {
      const rows = await app.orm.em.fork().execute<{ id: number; phone: string }[]>('select id, phone from app_user');
      return Object.fromEntries(rows.map((row) => [row.phone, String(row.id)]));
    },
    async sql(query, params = []) {
      return app.orm.em.fork().execute(query, params as unknown[]);
    },
    async close() {
      await app.close();
      await database.drop();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
