import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createApp, type RunningApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { cloneTemplateDatabase, freePort } from './postgres.js';

/** One app listening on loopback, with its HTTP and WebSocket addresses. */
export interface Instance {
  app: RunningApp;
  http: string;
  ws: string;
}

/** Two apps on one database copy, as two instances behind a load balancer. */
export interface Cluster {
  a: Instance;
  b: Instance;
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Two apps on one database copy; `env` may add REDIS_URL (events through Redis instead of LISTEN/NOTIFY). */
export async function startCluster(env: Record<string, string> = {}): Promise<Cluster> {
  const database = await cloneTemplateDatabase(inject('postgresUrl'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      SEED_DEMO: 'false',
      WEB_DIR: path.join('tests', 'no-web-build'),
      ...env,
    },
    process.cwd(),
  );
  const start = async (): Promise<Instance> => {
    const app = await createApp(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
    const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
    return { app, http: address, ws: `${address.replace(/^http/, 'ws')}/graphql` };
  };
  const [a, b] = await Promise.all([start(), start()]);
  return {
    a: a!,
    b: b!,
    sql: (query, params = []) => a!.app.orm.em.fork().execute(query, params as unknown[]),
    async close() {
      await Promise.all([a!.app.close(), b!.app.close()]);
      await database.drop();
    },
  };
}

/** Waits until `check` holds, polling; fails naming `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** CI installs redis-server (.ci/run); elsewhere the Redis checks run where it is installed. */
export const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

async function acceptsConnections(port: number): Promise<void> {
  for (const until = Date.now() + 10_000; ;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A throwaway redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await new Promise<void>((resolve, reject) => {
    redis.once('spawn', resolve);
    redis.once('error', reject);
  });
  await acceptsConnections(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (redis.exitCode !== null) return;
      const exited = new Promise((resolve) => redis.once('exit', resolve));
      redis.kill('SIGTERM');
      await exited;
    },
  };
}
