import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
});
afterAll(() => server?.close());

const CREATE = `mutation($input: CreateAreaInput!) { createArea(input: $input) { id name kind parent { name } ancestors { name } } }`;
const areaCount = async () => Number((await server.sql<{ n: string }>('select count(*) n from area'))[0]!.n);
const auditCount = async () => Number((await server.sql<{ n: string }>('select count(*) n from audit_entry'))[0]!.n);

describe('reading the area tree (public)', () => {
  it('lists the streets as roots, and children by parent and kind', async () => {
    const roots = await server.gql('{ areas { name kind } }');
    expect(roots.data.areas).toEqual([
      { name: '幸福街道', kind: 'STREET' },
      { name: '阳光街道', kind: 'STREET' },
    ]);
    const villages = await server.gql('query($p: ID) { areas(parentId: $p, kinds: [VILLAGE]) { name } }', {
      p: ids['幸福街道'],
    });
    expect(villages.data.areas).toEqual([{ name: '东岭村' }]);
    const both = await server.gql('query($p: ID) { areas(parentId: $p, kinds: [VILLAGE, COMMUNITY]) { name } }', {
      p: ids['幸福街道'],
    });
    expect(both.data.areas).toHaveLength(4);
  });

  it('gives an area with its parent, children and ancestors', async () => {
    const result = await server.gql(
      'query($id: ID!) { area(id: $id) { name parent { name } children { name } ancestors { name kind } } }',
      {
        id: ids['幸福里第一网格'],
      },
    );
    expect(result.data.area).toEqual({
      name: '幸福里第一网格',
      parent: { name: '幸福里社区' },
      children: [{ name: '1号楼' }, { name: '2号楼' }, { name: '3号楼' }, { name: '4号楼' }],
      ancestors: [
        { name: '幸福街道', kind: 'STREET' },
        { name: '幸福里社区', kind: 'COMMUNITY' },
      ],
    });
  });

  it('answers null for an unknown or malformed id', async () => {
    expect((await server.gql('{ area(id: "999999") { id } }')).data.area).toBeNull();
    expect((await server.gql('{ area(id: "abc") { id } }')).data.area).toBeNull();
  });

  it('loads a whole tree level by level, not area by area', async () => {
    const query = '{ areas { children { children { children { name parent { name } } } } } }';
    const statements = await server.countQueries(() => server.gql(query));
    // roots, then one batch per level of children, one batch of parents
    expect(statements).toBeLessThanOrEqual(6);
  });
});

describe('createArea', () => {
  it('lets the street administrator add a grid under a community, audited', async () => {
    const before = await auditCount();
    const result = await server.gql(
      CREATE,
      { input: { name: '光明第二网格', kind: 'GRID', parentId: ids['光明社区'] } },
      { as: DEMO_ACCOUNTS.streetAdmin },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.createArea).toMatchObject({
      name: '光明第二网格',
      kind: 'GRID',
      parent: { name: '光明社区' },
      ancestors: [{ name: '幸福街道' }, { name: '光明社区' }],
    });
    const [entry] = await server.sql<{ action: string; after: { name: string }; actor_id: number }>(
      'select action, after, actor_id from audit_entry order by id desc limit 1',
    );
    expect(entry).toMatchObject({ action: 'area.create', after: { name: '光明第二网格', kind: 'GRID' } });
    expect(await auditCount()).toBe(before + 1);
    const path = await server.sql<{ path: string }>('select path from area where id = ?', [
      Number(result.data.createArea.id),
    ]);
    expect(path[0]!.path).toMatch(new RegExp(`^/${ids['幸福街道']}/${ids['光明社区']}/\\d+/$`));
  });

  it.each([
    ['community staff', DEMO_ACCOUNTS.communityStaff],
    ['a resident', DEMO_ACCOUNTS.resident],
    ['the administrator of another street', DEMO_ACCOUNTS.otherStreetAdmin],
  ])('refuses %s with FORBIDDEN and changes nothing', async (_who, phone) => {
    const before = await areaCount();
    const result = await server.gql(
      CREATE,
      { input: { name: '新网格', kind: 'GRID', parentId: ids['幸福里社区'] } },
      { as: phone },
    );
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await areaCount()).toBe(before);
  });

  it('asks a visitor to sign in', async () => {
    const result = await server.gql(CREATE, { input: { name: '新网格', kind: 'GRID', parentId: ids['幸福里社区'] } });
    expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad input field by field, changing nothing', async () => {
    const before = [await areaCount(), await auditCount()];
    const as = { as: DEMO_ACCOUNTS.streetAdmin };
    const misfit = await server.gql(
      CREATE,
      { input: { name: '5号楼', kind: 'BUILDING', parentId: ids['幸福里社区'] } },
      as,
    );
    expect(misfit.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { kind: '“楼栋”不能设在“社区”之下。' },
    });
    const empty = await server.gql(CREATE, { input: { name: '   ', kind: 'GRID', parentId: ids['幸福里社区'] } }, as);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { name: '此项必填。' } });
    const long = await server.gql(
      CREATE,
      { input: { name: '网'.repeat(101), kind: 'GRID', parentId: ids['幸福里社区'] } },
      as,
    );
    expect(long.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { name: '不能超过 100 个字。' },
    });
    const wrongKind = await server.gql(
      CREATE,
      { input: { name: '网格', kind: 'CITY', parentId: ids['幸福里社区'] } },
      as,
    );
    expect(wrongKind.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const root = await server.gql(CREATE, { input: { name: '新街道', kind: 'STREET' } }, as);
    expect(root.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { parentId: expect.any(String) },
    });
    const missingParent = await server.gql(CREATE, { input: { name: '网格', kind: 'GRID', parentId: '999999' } }, as);
    expect(missingParent.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect([await areaCount(), await auditCount()]).toEqual(before);
  });

  it('refuses a duplicate name under the same parent with CONFLICT, also when two arrive at once', async () => {
    const as = { as: DEMO_ACCOUNTS.streetAdmin };
    const input = { name: '和平第三网格', kind: 'GRID', parentId: ids['和平社区'] };
    const results = await Promise.all([server.gql(CREATE, { input }, as), server.gql(CREATE, { input }, as)]);
    const codes = results.map((r) => r.errors?.[0]?.extensions.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const rows = await server.sql('select id from area where name = ?', ['和平第三网格']);
    expect(rows).toHaveLength(1);
    const again = await server.gql(CREATE, { input }, as);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: { name: expect.any(String) } });
    const audits = await server.sql("select id from audit_entry where after->>'name' = '和平第三网格'");
    expect(audits).toHaveLength(1);
  });
});

describe('updateArea', () => {
  const RENAME = 'mutation($input: UpdateAreaInput!) { updateArea(input: $input) { id name } }';

  it('lets an administrator rename an area, recording before and after', async () => {
    const result = await server.gql(
      RENAME,
      { input: { id: ids['东岭村第一网格'], name: '东岭村一组' } },
      { as: DEMO_ACCOUNTS.streetAdmin },
    );
    expect(result.data.updateArea.name).toBe('东岭村一组');
    const [entry] = await server.sql<{ before: { name: string }; after: { name: string } }>(
      "select before, after from audit_entry where action = 'area.rename' order by id desc limit 1",
    );
    expect(entry).toMatchObject({ before: { name: '东岭村第一网格' }, after: { name: '东岭村一组' } });
  });

  it('refuses staff and other streets', async () => {
    for (const phone of [DEMO_ACCOUNTS.communityStaff, DEMO_ACCOUNTS.otherStreetAdmin]) {
      const result = await server.gql(RENAME, { input: { id: ids['幸福里社区'], name: '改名' } }, { as: phone });
      expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
    expect(await server.sql('select id from area where name = ?', ['幸福里社区'])).toHaveLength(1);
  });
});
