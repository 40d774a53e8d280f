import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ORM_MODEL } from '../../server/src/app.js';
import { openOrm } from '../../server/src/platform/orm.js';
import { deleteOldSentMessages, drainBatch, enqueueMessage } from '../../server/src/platform/outbox.js';
import { consoleSender, httpSmsSender, type Sender } from '../../server/src/platform/outbox.senders.js';
import { cloneTemplateDatabase, freePort } from '../helpers/postgres.js';

/**
 * The outbox against real PostgreSQL and a fake SMS gateway on 127.0.0.1 that records every
 * request and, as real gateways may, delivers a key once. The exactly-once test runs three
 * server processes (server/dist: `npm run build:server` first) and kills one mid-batch.
 */
interface GatewayRequest {
  key: string;
  outId: string;
  phone: string;
  templateCode: string;
  params: Record<string, string>;
}

interface Gateway {
  url: string;
  requests: GatewayRequest[];
  /** Keys delivered to a phone: each once, however often it was sent. */
  delivered: Set<string>;
  /** Answer every request with this status from now on. */
  status: number;
  /** Answer 200 with this Code (not OK), as Aliyun does for business errors. */
  businessError?: string;
  /** Hold (never answer) the request with this 1-based number; `onHold` is called with it. */
  holdNumber?: number;
  onHold?: (request: GatewayRequest) => void;
  close(): Promise<void>;
}

async function startGateway(): Promise<Gateway> {
  const gateway: Omit<Gateway, 'url' | 'close'> = { requests: [], delivered: new Set(), status: 200 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const json = JSON.parse(body) as Record<string, string>;
      const request: GatewayRequest = {
        key: String(req.headers['idempotency-key']),
        outId: json.OutId!,
        phone: json.PhoneNumbers!,
        templateCode: json.TemplateCode!,
        params: JSON.parse(json.TemplateParam!) as Record<string, string>,
      };
      gateway.requests.push(request);
      if (gateway.status !== 200 || gateway.businessError) {
        res.writeHead(gateway.status).end(JSON.stringify({ Code: gateway.businessError ?? 'isv.SYSTEM_ERROR' }));
        return;
      }
      // Accepted on arrival: a sender dying now has handed the message over.
      const duplicate = gateway.delivered.has(request.key);
      gateway.delivered.add(request.key);
      if (gateway.requests.length === gateway.holdNumber) {
        gateway.onHold?.(request);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: 'OK', duplicate }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(gateway, {
    url: `http://127.0.0.1:${port}/sms`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

const rowIdOf = (key: string) => Number(/^gz-(\d+)-/.exec(key)![1]);

let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
let orm: MikroORM;
let gateway: Gateway;
const sql = <T = any>(query: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(query, params);

beforeAll(async () => {
  database = await cloneTemplateDatabase(inject('postgresUrl'));
  orm = await openOrm(database.url, ORM_MODEL);
  gateway = await startGateway();
});

afterAll(async () => {
  await gateway?.close();
  await orm?.close();
  await database?.drop();
});

async function enqueue(count: number, template = 'TEST', extra: { notBefore?: Date; urgent?: boolean } = {}) {
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    for (let i = 0; i < count; i++) {
      enqueueMessage(tx, {
        channel: 'SMS',
        recipient: `1370000${String(i).padStart(4, '0')}`,
        template,
        params: { n: String(i) },
        ...extra,
      });
    }
  });
}

const silent = pino({ level: 'silent' });
const settings = { batchSize: 50, sendTimeoutMs: 2000, maxAttempts: 3, retryBaseMs: 60_000 };

describe('exactly once, with a sender killed mid-batch', () => {
  const processes: ChildProcess[] = [];

  afterAll(() => {
    for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
  });

  async function startInstance(): Promise<ChildProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['server/dist/main.js'], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        SMS_SENDER: 'http',
        SMS_GATEWAY_URL: gateway.url,
        SMS_GATEWAY_KEY: 'test-key',
        SMS_SIGN_NAME: '共治',
        SMS_TEMPLATES: JSON.stringify({ TEST: 'SMS_0001' }),
        OUTBOX_DRAIN_INTERVAL_MS: '100',
        OUTBOX_BATCH_SIZE: '4',
        SMS_TIMEOUT_MS: '1500',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    processes.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    for (let waited = 0; ; waited += 100) {
      if (child.exitCode !== null) throw new Error(`instance exited: ${stderr}`);
      if (waited > 30_000) throw new Error(`instance did not start: ${stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('delivers each of 200 messages once; only the request killed in flight is repeated, with its key', async () => {
    // Only this test's messages: the demo's own (and its reminders) are not on the gateway's list.
    await sql(`delete from outbox_message`);
    await sql(`update need set due_at = '9999-12-31' where due_at < now() + interval '3 hours'`);
    const instances = await Promise.all([startInstance(), startInstance(), startInstance()]);
    const killed = new Promise<{ request: GatewayRequest; pid: number }>((resolve, reject) => {
      gateway.holdNumber = 50;
      gateway.onHold = (request) => {
        sql<{ claimed_by: string }>(`select claimed_by from outbox_message where id = ?`, [rowIdOf(request.key)])
          .then(([row]) => {
            const pid = Number(row!.claimed_by.split(':').at(-1));
            const child = instances.find((instance) => instance.pid === pid)!;
            child.kill('SIGKILL');
            resolve({ request, pid });
          })
          .catch(reject);
      };
    });
    await enqueue(200);
    const { request: inFlight } = await killed;

    const until = Date.now() + 40_000;
    for (;;) {
      const [left] = await sql<{ n: number }>(`select count(*)::int as n from outbox_message where status <> 'SENT'`);
      if (left!.n === 0) break;
      if (Date.now() > until) throw new Error(`${left!.n} messages not sent`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const child of instances) if (child.exitCode === null) child.kill('SIGTERM');

    const rows = await sql<{ id: number }>(`select id from outbox_message where template = 'TEST'`);
    expect(rows).toHaveLength(200);
    const keys = gateway.requests.map((request) => request.key);
    // Every message delivered once after dedup, every row SENT.
    expect(gateway.delivered.size).toBe(200);
    expect(new Set(keys.map(rowIdOf))).toEqual(new Set(rows.map((row) => row.id)));
    // The only repeated request is the one killed in flight, sent again with the same key.
    const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(repeated).toEqual([inFlight.key]);
    expect(keys).toHaveLength(201);
    // The key is the gateway's out-id too; the parameters are the template's.
    expect(
      gateway.requests.every((request) => request.outId === request.key && request.templateCode === 'SMS_0001'),
    ).toBe(true);
    const sample = gateway.requests.find((request) => request.phone === '13700000007')!;
    expect(sample.params).toEqual({ n: '7' });
  }, 90_000);
});

describe('retries and dead letters', () => {
  it('backs off after each failure and dead-letters after the last attempt', async () => {
    await sql(`delete from outbox_message`);
    gateway.requests.length = 0;
    gateway.status = 500;
    await enqueue(1);
    const sender = httpSmsSender({ url: gateway.url, key: 'k', signName: 's', templates: { TEST: 'SMS_0001' } });
    const row = async () =>
      (
        await sql<{ status: string; attempts: number; wait_ms: number; last_error: string }>(
          `select status, attempts, extract(epoch from not_before - now()) * 1000 as wait_ms, last_error from outbox_message`,
        )
      )[0]!;
    const dueNow = () => sql(`update outbox_message set not_before = now()`);

    expect(await drainBatch(orm.em.fork(), sender, settings, silent)).toEqual({ claimed: 1, sent: 0, failed: 1 });
    let state = await row();
    expect(state).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(Number(state.wait_ms)).toBeGreaterThan(55_000);
    expect(state.last_error).toContain('500');
    // Not due yet: nothing claimed.
    expect(await drainBatch(orm.em.fork(), sender, settings, silent)).toMatchObject({ claimed: 0 });

    await dueNow();
    await drainBatch(orm.em.fork(), sender, settings, silent);
    state = await row();
    expect(state).toMatchObject({ status: 'PENDING', attempts: 2 });
    expect(Number(state.wait_ms)).toBeGreaterThan(115_000);

    await dueNow();
    await drainBatch(orm.em.fork(), sender, settings, silent);
    expect(await row()).toMatchObject({ status: 'DEAD', attempts: 3 });
    await dueNow();
    expect(await drainBatch(orm.em.fork(), sender, settings, silent)).toMatchObject({ claimed: 0 });
    expect(gateway.requests).toHaveLength(3);
    gateway.status = 200;
  });

  it('retries what the gateway answers with 200 and a Code other than OK (Aliyun’s business errors)', async () => {
    await sql(`delete from outbox_message`);
    gateway.businessError = 'isv.BUSINESS_LIMIT_CONTROL';
    await enqueue(1);
    const sender = httpSmsSender({ url: gateway.url, key: 'k', signName: 's', templates: { TEST: 'SMS_0001' } });
    expect(await drainBatch(orm.em.fork(), sender, settings, silent)).toMatchObject({ sent: 0, failed: 1 });
    gateway.businessError = undefined;
    const [row] = await sql(`select status, last_error from outbox_message`);
    expect(row).toMatchObject({ status: 'PENDING', last_error: 'gateway refused: isv.BUSINESS_LIMIT_CONTROL' });
  });

  it('dead-letters at once what the gateway refuses for good, or has no template for', async () => {
    await sql(`delete from outbox_message`);
    const sender = httpSmsSender({ url: gateway.url, key: 'k', signName: 's', templates: { TEST: 'SMS_0001' } });
    await enqueue(1, 'UNKNOWN_TEMPLATE');
    gateway.status = 400;
    await enqueue(1);
    await drainBatch(orm.em.fork(), sender, settings, silent);
    gateway.status = 200;
    const rows = await sql<{ template: string; status: string; attempts: number; last_error: string }>(
      `select template, status, attempts, last_error from outbox_message order by id`,
    );
    expect(rows).toEqual([
      expect.objectContaining({ template: 'UNKNOWN_TEMPLATE', status: 'DEAD', attempts: 1 }),
      expect.objectContaining({ template: 'TEST', status: 'DEAD', attempts: 1 }),
    ]);
    expect(rows[0]!.last_error).toContain('no gateway template');
  });

  it('takes a SENDING row again only after its lease runs out', async () => {
    await sql(`delete from outbox_message`);
    await enqueue(1);
    const hang: Sender = { send: () => new Promise(() => {}) };
    // A claim that never finishes, as a process that died would leave it.
    void drainBatch(orm.em.fork(), hang, { ...settings, sendTimeoutMs: 60_000 }, silent);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent: number[] = [];
    const recording: Sender = { send: async (message) => void sent.push(message.id) };
    expect(await drainBatch(orm.em.fork(), recording, settings, silent)).toMatchObject({ claimed: 0 });
    await sql(`update outbox_message set not_before = now() - interval '1 second'`);
    expect(await drainBatch(orm.em.fork(), recording, settings, silent)).toMatchObject({ claimed: 1, sent: 1 });
    expect((await sql(`select status from outbox_message`))[0].status).toBe('SENT');
  });
});

describe('stopping', () => {
  it('gives back the claimed messages not yet sent, due at once for another instance', async () => {
    await sql(`delete from outbox_message`);
    await enqueue(5);
    const stopping = new AbortController();
    const sent: number[] = [];
    const stopAfterTwo: Sender = {
      send: async (message) => {
        sent.push(message.id);
        if (sent.length === 2) stopping.abort();
      },
    };
    expect(await drainBatch(orm.em.fork(), stopAfterTwo, settings, silent, stopping.signal)).toEqual({
      claimed: 5,
      sent: 2,
      failed: 0,
    });
    const rows = await sql<{ status: string; attempts: number; due: boolean }>(
      `select status, attempts, not_before <= now() as due from outbox_message order by id`,
    );
    expect(rows.map((row) => row.status)).toEqual(['SENT', 'SENT', 'PENDING', 'PENDING', 'PENDING']);
    expect(rows.slice(2).every((row) => row.attempts === 0 && row.due)).toBe(true);
  });
});

describe('cleanup', () => {
  it('deletes SENT messages after 7 days, and nothing else', async () => {
    await sql(`delete from outbox_message`);
    await enqueue(4);
    await sql(`update outbox_message set status = 'SENT', sent_at = now() - interval '8 days' where id in
      (select id from outbox_message order by id limit 2)`);
    await sql(`update outbox_message set status = 'SENT', sent_at = now() - interval '6 days' where status = 'PENDING'
      and id = (select max(id) from outbox_message)`);
    expect(await deleteOldSentMessages(orm.em.fork())).toBe(2);
    expect((await sql(`select status from outbox_message order by id`)).map((row) => row.status)).toEqual([
      'PENDING',
      'SENT',
    ]);
  });
});

describe('not before', () => {
  it('holds a message until its time, unless urgent', async () => {
    await sql(`delete from outbox_message`);
    const later = new Date(Date.now() + 3600 * 1000);
    await enqueue(1, 'LATER', { notBefore: later });
    await enqueue(1, 'URGENT', { notBefore: later, urgent: true });
    const sent: string[] = [];
    const recording: Sender = { send: async (message) => void sent.push(message.template) };
    await drainBatch(orm.em.fork(), recording, settings, silent);
    expect(sent).toEqual(['URGENT']);
    await sql(`update outbox_message set not_before = now() where template = 'LATER'`);
    await drainBatch(orm.em.fork(), recording, settings, silent);
    expect(sent).toEqual(['URGENT', 'LATER']);
  });

  it('the console sender writes one line per message with its id and key', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    await consoleSender(logger).send(
      { id: 7, channel: 'SMS', recipient: '13800000006', template: 'T', params: {}, idempotencyKey: 'gz-7-x' },
      AbortSignal.timeout(1000),
    );
    expect(JSON.parse(lines[0]!)).toMatchObject({ outboxId: 7, idempotencyKey: 'gz-7-x' });
  });
});
