import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../helpers/multipart.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

const RAISE = `mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id photos { id } } }`;

let server: TestServer;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
});
afterAll(() => server?.close());

const needCount = async () => (await server.sql<{ n: number }>('select count(*)::int as n from need'))[0]!.n;

function raiseInput(input: Record<string, unknown> = {}) {
  return { title: '楼道灯不亮', description: '', category: 'REPAIR', areaId: ids['1号楼'], ...input };
}

async function uploadPhoto(as: string): Promise<string> {
  const data = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c84' } })
    .png()
    .toBuffer();
  const body = multipart({ filename: 'a.png', contentType: 'image/png', data });
  const response = await server.app.http.inject({
    method: 'POST',
    url: '/uploads/photos',
    payload: body.payload,
    headers: { ...body.headers, authorization: `Bearer ${await server.tokenFor(as)}` },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

describe('raising a need for a resident (代办)', () => {
  it('is for residents living where the worker works; anyone else is NOT_FOUND, as an unknown id', async () => {
    // A resident of the other street, registered for this test.
    const [sunshineBuilding] = await server.sql<{ id: number }>(
      `select b.id from area b join area s on b.path like s.path || '%'
       where s.name = '阳光街道' and b.kind = 'BUILDING' limit 1`,
    );
    const registered = await server.gql(
      `mutation($input: RegisterInput!) { register(input: $input) { user { id } } }`,
      {
        input: {
          phone: '13712340000',
          password: 'sunshine-123',
          displayName: '钱多多',
          homeAreaId: String(sunshineBuilding!.id),
        },
      },
    );
    expect(registered.errors).toBeUndefined();
    const stranger = registered.data.register.user.id;
    const before = await needCount();

    const refused = await server.gql(
      RAISE,
      { input: raiseInput({ onBehalfOfUserId: stranger, channel: 'PHONE' }) },
      { as: DEMO_ACCOUNTS.gridWorker },
    );
    expect(refused.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(refused.errors?.[0]?.extensions.fields ?? {})).toContain('onBehalfOfUserId');
    expect(await needCount()).toBe(before);

    const users = await server.userIds();
    const neighbour = await server.gql(
      RAISE,
      { input: raiseInput({ onBehalfOfUserId: users[DEMO_ACCOUNTS.neighbour], channel: 'PHONE' }) },
      { as: DEMO_ACCOUNTS.gridWorker },
    );
    expect(neighbour.errors).toBeUndefined();
    expect(await needCount()).toBe(before + 1);
  });
});

describe('a photo raised with twice at once', () => {
  it('goes to one need; the other raise is CONFLICT and creates nothing', async () => {
    const photo = await uploadPhoto(DEMO_ACCOUNTS.resident);
    const before = await needCount();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.gql(
          RAISE,
          { input: raiseInput({ title: `同一张照片 ${i}`, photoIds: [photo] }) },
          {
            as: DEMO_ACCOUNTS.resident,
          },
        ),
      ),
    );
    const raised = results.filter((result) => !result.errors);
    expect(raised).toHaveLength(1);
    for (const result of results.filter((r) => r.errors)) {
      expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(result.errors![0]!.extensions.code);
    }
    expect(await needCount()).toBe(before + 1);
    const [row] = await server.sql<{ need_id: number }>('select need_id from need_photo where id = ?', [photo]);
    expect(String(row!.need_id)).toBe(raised[0]!.data.raiseNeed.id);
    expect(raised[0]!.data.raiseNeed.photos.map((p: { id: string }) => p.id)).toEqual([photo]);
  });
});

describe('the idempotency key of raiseNeed', () => {
  const as = { as: DEMO_ACCOUNTS.resident };

  it('returns the first need to a retry with the same key, and creates one', async () => {
    const photo = await uploadPhoto(DEMO_ACCOUNTS.resident);
    const input = raiseInput({ title: '重发不重复', photoIds: [photo], idempotencyKey: 'retry-0001-abcdef' });
    const before = await needCount();
    const first = await server.gql(RAISE, { input }, as);
    const again = await server.gql(RAISE, { input }, as);
    expect(first.errors).toBeUndefined();
    expect(again.errors).toBeUndefined();
    expect(again.data.raiseNeed.id).toBe(first.data.raiseNeed.id);
    expect(again.data.raiseNeed.photos).toEqual(first.data.raiseNeed.photos);
    expect(await needCount()).toBe(before + 1);
  });

  it('gives a concurrent double submit one need', async () => {
    const input = raiseInput({ title: '连点两下', idempotencyKey: 'double-tap-0002' });
    const before = await needCount();
    const results = await Promise.all([1, 2, 3].map(() => server.gql(RAISE, { input }, as)));
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(new Set(results.map((result) => result.data.raiseNeed.id)).size).toBe(1);
    expect(await needCount()).toBe(before + 1);
  });

  it('refuses the same key with a different need, and a malformed key, changing nothing', async () => {
    await server.gql(RAISE, { input: raiseInput({ title: '第一件事', idempotencyKey: 'reused-key-0003' }) }, as);
    const before = await needCount();
    const reused = await server.gql(
      RAISE,
      { input: raiseInput({ title: '另一件事', idempotencyKey: 'reused-key-0003' }) },
      as,
    );
    expect(reused.errors?.[0]?.extensions.code).toBe('CONFLICT');
    const malformed = await server.gql(RAISE, { input: raiseInput({ idempotencyKey: 'x y' }) }, as);
    expect(malformed.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(malformed.errors?.[0]?.extensions.fields ?? {})).toContain('idempotencyKey');
    expect(await needCount()).toBe(before);
  });

  it('is kept per person: another resident using the same key raises their own need', async () => {
    const key = 'shared-key-0004';
    const mine = await server.gql(RAISE, { input: raiseInput({ idempotencyKey: key }) }, as);
    const theirs = await server.gql(
      RAISE,
      { input: raiseInput({ idempotencyKey: key, areaId: ids['2号楼'] }) },
      {
        as: DEMO_ACCOUNTS.neighbour,
      },
    );
    expect(mine.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data.raiseNeed.id).not.toBe(mine.data.raiseNeed.id);
  });
});
