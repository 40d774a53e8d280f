import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_POOL_SIZE, loadConfig } from '../../server/src/platform/config.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

/** Short limits, so the test sees the cap and the cut without waiting long. */
const MAX_CONCURRENT = 3;
const MAX_PER_PERSON = 2;
const STALL_TIMEOUT_MS = 5000;
/** Far more than the socket buffers of loopback hold (about 4 MB sent, 128 kB received): a reader that stops reading stalls the export. */
const NEED_COPIES = 4000;

let server: TestServer;
let base: URL;
let ids: Record<string, string>;
const { resident, communityStaff: staff, gridWorker, otherCommunityStaff } = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer({
    EXPORT_MAX_CONCURRENT: String(MAX_CONCURRENT),
    EXPORT_MAX_PER_PERSON: String(MAX_PER_PERSON),
    EXPORT_STALL_TIMEOUT_MS: String(STALL_TIMEOUT_MS),
  });
  base = new URL(await server.app.http.listen({ port: 0, host: '127.0.0.1' }));
  ids = await server.areaIds();
  const raised = await server.gql(
    'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }',
    { input: { title: '楼道灯坏了', description: '', areaId: ids['1号楼'], category: 'REPAIR' } },
    { as: resident },
  );
  const id = Number(raised.data.raiseNeed.id);
  // Copies of that need with the longest description: about 6 kB a row in the CSV.
  const columns = (
    await server.sql<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'need' and column_name not in ('id', 'description')`,
    )
  ).map((row) => `"${row.column_name}"`);
  await server.sql(
    `insert into need (${columns.join(', ')}, description)
     select ${columns.join(', ')}, repeat('楼道里的灯一直不亮。', 200) from need, generate_series(1, ?) where id = ?`,
    [NEED_COPIES, id],
  );
});
afterAll(() => server?.close());

interface Download {
  status: number;
  body: Record<string, unknown> | null;
  retryAfter: string | undefined;
  /** Reads what is left; resolves with whether the response came to its proper end. */
  readRest(): Promise<{ complete: boolean; bytes: number }>;
}

/** GET an export over a real socket; a 200's body is not read until `readRest`, so the server's writes back up. */
function openDownload(token: string, areaId: string): Promise<Download> {
  return new Promise((resolve, reject) => {
    const url = new URL(`/exports/needs.csv?areaId=${areaId}`, base);
    const request = http.get(url, { agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.on('error', () => {});
      const readRest = () =>
        new Promise<{ complete: boolean; bytes: number }>((done) => {
          let bytes = 0;
          response.on('data', (chunk: Buffer) => (bytes += chunk.length));
          response.on('close', () => done({ complete: response.complete, bytes }));
          response.resume();
        });
      const status = response.statusCode ?? 0;
      if (status === 200) return resolve({ status, body: null, retryAfter: undefined, readRest });
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({ status, body: JSON.parse(text), retryAfter: response.headers['retry-after'], readRest }),
      );
    });
    request.on('error', reject);
  });
}

/** Transactions open on this test's database other than the asking one's: the exports holding a connection. */
async function openTransactions(): Promise<number> {
  const [row] = await server.sql<{ n: string }>(
    `select count(*) n from pg_stat_activity
     where datname = current_database() and xact_start is not null and pid <> pg_backend_pid()`,
  );
  return Number(row!.n);
}

/** Milliseconds for a request that needs the database; a hang fails the test instead of waiting for ever. */
async function timed(run: (signal: AbortSignal) => Promise<void>): Promise<number> {
  const started = performance.now();
  await run(AbortSignal.timeout(5000));
  return Math.round(performance.now() - started);
}

describe('exports that the client stops reading', () => {
  it('are capped per person and per instance, leave the API answering, and are cut after the write timeout', async () => {
    const [staffToken, gridToken, otherStaffToken, residentToken] = await Promise.all(
      [staff, gridWorker, otherCommunityStaff, resident].map((phone) => server.tokenFor(phone)),
    );
    // Four stalled downloads each for three people: more than the pool has connections.
    const attempts = [
      ...Array.from({ length: 4 }, () => [staffToken!, ids['幸福里社区']!] as const),
      ...Array.from({ length: 4 }, () => [gridToken!, ids['幸福里第一网格']!] as const),
      ...Array.from({ length: 4 }, () => [otherStaffToken!, ids['和平社区']!] as const),
    ];
    expect(attempts.length).toBeGreaterThan(DATABASE_POOL_SIZE);
    const downloads: Download[] = [];
    for (const [token, areaId] of attempts) downloads.push(await openDownload(token, areaId));

    // Two of the staff's (the per-person cap), one of the grid worker's (the instance cap); the rest refused.
    expect(downloads.map((download) => download.status)).toEqual([
      200, 200, 429, 429, 200, 429, 429, 429, 429, 429, 429, 429,
    ]);
    for (const refused of downloads.filter((download) => download.status === 429)) {
      expect(refused.body).toEqual({
        code: 'RATE_LIMITED',
        message: '同时进行的导出太多，请等前面的下载完成，或 10 秒后再试。',
        retryAfterSeconds: 10,
      });
      expect(refused.retryAfter).toBe('10');
    }
    expect(await openTransactions()).toBe(MAX_CONCURRENT);

    const latencies: { readyz: number; graphql: number }[] = [];
    for (let round = 0; round < 5; round++) {
      const readyz = await timed(async (signal) => {
        const response = await fetch(new URL('/readyz', base), { signal });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ status: 'ready' });
      });
      const graphql = await timed(async (signal) => {
        const response = await fetch(new URL('/graphql', base), {
          method: 'POST',
          signal,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${residentToken}` },
          body: JSON.stringify({ query: '{ me { displayName } }' }),
        });
        expect(await response.json()).toEqual({ data: { me: { displayName: '赵桂兰' } } });
      });
      latencies.push({ readyz, graphql });
    }
    const stillStalled = await openTransactions();
    console.info(
      `[stalled exports] ${MAX_CONCURRENT} exports stalled, ${attempts.length - MAX_CONCURRENT} refused; ` +
        `latencies in ms while stalled: ${JSON.stringify(latencies)}; export transactions still open afterwards: ${stillStalled}`,
    );

    // Cut after the write timeout: the transactions end and their connections go back to the pool.
    const cutStarted = performance.now();
    for (let waited = 0; (await openTransactions()) > 0 && waited < 4 * STALL_TIMEOUT_MS; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await openTransactions()).toBe(0);
    console.info(`[stalled exports] all cut ${Math.round(performance.now() - cutStarted)} ms after the API checks`);
    // What a stalled reader finally gets is truncated: the server gave up on it.
    for (const stalled of downloads.filter((download) => download.status === 200)) {
      expect(await stalled.readRest()).toMatchObject({ complete: false });
    }

    // The slots are free again: a reader that reads gets the whole list.
    const again = await openDownload(staffToken!, ids['幸福里社区']!);
    expect(again.status).toBe(200);
    const whole = await again.readRest();
    expect(whole.complete).toBe(true);
    expect(whole.bytes).toBeGreaterThan(NEED_COPIES * 6000);
  });
});

describe('the export limits in the configuration', () => {
  it('default to a few exports, fewer than half the pool, and refuse values that would let exports take it', () => {
    expect(loadConfig({}).exports).toEqual({ maxConcurrent: 3, maxPerPerson: 2, stallTimeoutMs: 30_000 });
    expect(loadConfig({ EXPORT_MAX_CONCURRENT: '1' }).exports.maxPerPerson).toBe(1);
    expect(() => loadConfig({ EXPORT_MAX_CONCURRENT: String(DATABASE_POOL_SIZE) })).toThrow(/EXPORT_MAX_CONCURRENT/);
    expect(() => loadConfig({ EXPORT_MAX_CONCURRENT: '2', EXPORT_MAX_PER_PERSON: '3' })).toThrow(
      /EXPORT_MAX_PER_PERSON/,
    );
    expect(() => loadConfig({ EXPORT_STALL_TIMEOUT_MS: 'soon' })).toThrow(/EXPORT_STALL_TIMEOUT_MS/);
  });
});
