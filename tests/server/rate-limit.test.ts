import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEED_COMMENT_RATE_LIMIT, NEED_RAISE_RATE_LIMIT } from '../../server/src/needs/needs.limits.js';
import { REGISTER_RATE_LIMIT } from '../../server/src/people/people.limits.js';
import { consumeRateLimit, deleteStaleRateLimits } from '../../server/src/platform/rate-limit.js';
import { AppError } from '../../server/src/platform/errors.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
});
afterAll(() => server?.close());

const RAISE = 'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }';
const COMMENT = 'mutation($id: ID!, $note: String!) { commentOnNeed(id: $id, note: $note) { id } }';
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { user { id } } }';

const count = async (table: string) =>
  Number((await server.sql<{ n: string }>(`select count(*) n from ${table}`))[0]!.n);
const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code ?? 'OK';

describe('rate limits on writes', () => {
  it('lets one person raise 60 needs an hour, then answers RATE_LIMITED with retryAfterSeconds and writes nothing', async () => {
    const input = (i: number) => ({ title: `限流 ${i}`, description: '', category: 'REPAIR', areaId: ids['1号楼'] });
    const { limit, windowSeconds } = NEED_RAISE_RATE_LIMIT;
    for (let i = 0; i < limit; i++) {
      const result = await server.gql(RAISE, { input: input(i) }, { as: DEMO_ACCOUNTS.neighbour });
      expect(codeOf(result), `need ${i}`).toBe('OK');
    }
    const before = await count('need');
    const refused = await server.gql(RAISE, { input: input(limit) }, { as: DEMO_ACCOUNTS.neighbour });
    expect(refused.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    const retryAfter = refused.errors?.[0]?.extensions.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(windowSeconds - 120);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect(refused.errors?.[0]?.message).toBe('尝试次数过多，请 60 分钟后再试。');
    expect(await count('need')).toBe(before);
    // Someone else is not held back.
    expect(codeOf(await server.gql(RAISE, { input: input(0) }, { as: DEMO_ACCOUNTS.resident }))).toBe('OK');
  });

  it('limits comments per person', async () => {
    const need = await server.gql(
      RAISE,
      { input: { title: '评论限流', description: '', category: 'REPAIR', areaId: ids['1号楼'] } },
      { as: DEMO_ACCOUNTS.resident },
    );
    const id = need.data.raiseNeed.id as string;
    const { limit } = NEED_COMMENT_RATE_LIMIT;
    for (let i = 0; i < limit; i++) {
      expect(codeOf(await server.gql(COMMENT, { id, note: `第 ${i} 条` }, { as: DEMO_ACCOUNTS.resident }))).toBe('OK');
    }
    const refused = await server.gql(COMMENT, { id, note: '再一条' }, { as: DEMO_ACCOUNTS.resident });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    const notes = await server.sql('select id from need_event where need_id = ? and note = ?', [Number(id), '再一条']);
    expect(notes).toHaveLength(0);
  });

  it('limits registrations per address, also refused ones, and not for other addresses', async () => {
    const { limit } = REGISTER_RATE_LIMIT;
    const input = (i: number) => ({
      phone: `1371111${String(i).padStart(4, '0')}`,
      password: 'longenough',
      displayName: `新人${i}`,
      homeAreaId: ids['1号楼'],
    });
    const office = { remoteAddress: '198.51.100.20' };
    for (let i = 0; i < limit - 1; i++)
      expect(codeOf(await server.gql(REGISTER, { input: input(i) }, office))).toBe('OK');
    // Bad input costs a hit too, so probing with it gains nothing.
    const bad = await server.gql(REGISTER, { input: { ...input(90), displayName: ' ' } }, office);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const users = await count('app_user');
    const refused = await server.gql(REGISTER, { input: input(91) }, office);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(await count('app_user')).toBe(users);
    expect(codeOf(await server.gql(REGISTER, { input: input(92) }, { remoteAddress: '198.51.100.21' }))).toBe('OK');
  });

  it('admits at most the limit when hits arrive at once', async () => {
    const rule = { name: 'test.burst', per: 'person', limit: 5, windowSeconds: 60 } as const;
    const em = server.app.orm.em.fork();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => consumeRateLimit(em.fork(), rule, { userId: 999_001 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
      expect(((result as PromiseRejectedResult).reason as AppError).code).toBe('RATE_LIMITED');
    }
  });
});

describe('stale windows', () => {
  it('are deleted once their newest hit is older than the longest window a rule may have (a day), and live ones are kept', async () => {
    await server.sql(
      `insert into rate_limit_window (key, hits, last_allowed) values
         ('test:stale', array[now() - interval '25 hours'], true), ('test:live', array[now() - interval '10 minutes'], true)`,
    );
    expect(await deleteStaleRateLimits(server.app.orm.em.fork())).toBeGreaterThanOrEqual(1);
    const keys = await server.sql<{ key: string }>(`select key from rate_limit_window where key like 'test:%'`);
    expect(keys.map((row) => row.key)).toEqual(['test:live']);
  });
});

describe('behind one proxy (TRUST_PROXY=1)', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await createTestServer({ TRUST_PROXY: '1' });
  });
  afterAll(() => proxied?.close());

  it('counts the address the proxy saw, whatever X-Forwarded-For the client sent', async () => {
    const homeAreaId = (await proxied.areaIds())['1号楼'];
    const input = (i: number) => ({
      phone: `1372222${String(i).padStart(4, '0')}`,
      password: 'longenough',
      displayName: `代理${i}`,
      homeAreaId,
    });
    // The proxy (127.0.0.1) appends the address it saw to what the client sent.
    const through = (clientClaims: string, client: string) => ({
      headers: { 'x-forwarded-for': `${clientClaims}, ${client}` },
    });
    const { limit } = REGISTER_RATE_LIMIT;
    for (let i = 0; i < limit; i++) {
      expect(codeOf(await proxied.gql(REGISTER, { input: input(i) }, through(`10.9.8.${i}`, '203.0.113.50')))).toBe(
        'OK',
      );
    }
    const spoofed = await proxied.gql(REGISTER, { input: input(limit) }, through('10.9.8.200', '203.0.113.50'));
    expect(codeOf(spoofed)).toBe('RATE_LIMITED');
    expect(
      codeOf(await proxied.gql(REGISTER, { input: input(limit + 1) }, through('10.9.8.200', '203.0.113.51'))),
    ).toBe('OK');
  });
});
