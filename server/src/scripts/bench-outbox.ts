import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { ORM_MODEL } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { startEmbeddedPostgres } from '../platform/database.js';
import { openOrm } from '../platform/orm.js';
import { drainOutbox } from '../platform/outbox.js';
import type { Sender } from '../platform/outbox.senders.js';

/**
 * Messages per second through the outbox: one outbox of N messages drained by 3 server
 * processes with the console sender (counting every message id in their output, to show none
 * went out twice), beside the same claim-and-mark statements run without sending.
 * On a temporary embedded PostgreSQL, or a fresh database `gongzhi_bench_outbox` on the
 * server of DATABASE_URL. Needs `npm run build:server` (npm run bench:outbox does it).
 * Usage: npm run bench:outbox [-- --messages 20000 --instances 3 --timeout 180]
 */
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    instances: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '180' },
  },
});
const MESSAGES = Number(values.messages);
const INSTANCES = Number(values.instances);
const deadline = Date.now() + Number(values.timeout) * 1000;
const logger = pino({ level: 'warn' });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function prepareDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query('drop database if exists gongzhi_bench_outbox with (force)');
    await admin.query('create database gongzhi_bench_outbox');
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/gongzhi_bench_outbox';
    return { url: url.toString(), stop: async () => {} };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-outbox-'));
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), logger });
  return {
    url: database.url,
    async stop() {
      await database.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const fill = (client: pg.Client) =>
  client.query(
    `insert into outbox_message (channel, recipient, template, params, status, attempts, not_before, created_at)
     select 'SMS', '139' || lpad(n::text, 8, '0'), 'BENCH', jsonb_build_object('n', n::text), 'PENDING', 0, now(), now()
       from generate_series(1, $1) as n`,
    [MESSAGES],
  );

async function untilAllSent(client: pg.Client): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from outbox_message where status <> 'SENT'`,
    );
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error(`timed out with ${rows[0]!.n} messages not sent`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startInstance(url: string, ids: number[]): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      SMS_SENDER: 'console',
      OUTBOX_DRAIN_INTERVAL_MS: '100',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (!line.includes('"outboxId"')) continue;
      ids.push((JSON.parse(line) as { outboxId: number }).outboxId);
    }
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error('an instance exited while starting');
    if (Date.now() > deadline) throw new Error('an instance did not start in time');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const database = await prepareDatabase();
const children: ChildProcess[] = [];
try {
  const orm = await openOrm(database.url, ORM_MODEL);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const settings = loadConfig({}).outbox;

  // The statements alone: the same claims and marks, in this process, with a sender that sends nothing.
  await fill(client);
  const nothing: Sender = { send: () => Promise.resolve() };
  let started = performance.now();
  await Promise.all(
    Array.from({ length: INSTANCES }, async () => {
      while ((await drainOutbox(orm.em.fork(), nothing, settings, logger)).claimed > 0);
    }),
  );
  await untilAllSent(client);
  const sqlOnly = MESSAGES / ((performance.now() - started) / 1000);
  await client.query('delete from outbox_message');
  await orm.close();

  // The instances, started on an empty outbox, then given it all in one commit.
  const ids: number[] = [];
  children.push(...(await Promise.all(Array.from({ length: INSTANCES }, () => startInstance(database.url, ids)))));
  await fill(client);
  started = performance.now();
  await untilAllSent(client);
  const seconds = (performance.now() - started) / 1000;
  // The last lines may still be on their way through the pipes.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await client.end();

  const unique = new Set(ids).size;
  console.log(`outbox: ${MESSAGES} messages, ${INSTANCES} instances, batch ${settings.batchSize}`);
  console.log(`  console sender: ${Math.round(MESSAGES / seconds)} messages/s (${seconds.toFixed(1)} s)`);
  console.log(`  statements only (claim and mark, no sending): ${Math.round(sqlOnly)} messages/s`);
  console.log(`  lines written: ${ids.length}, distinct ids: ${unique}, sent twice: ${ids.length - unique}`);
  if (unique !== MESSAGES || ids.length !== MESSAGES) {
    console.error('FAILED: some message was not sent exactly once');
    process.exitCode = 1;
  }
} finally {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) =>
          child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')),
        ),
    ),
  );
  await database.stop();
}
