import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState } from '../helpers/database-state.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let areas: Record<string, string>;
let people: Record<string, string>;

const {
  resident,
  neighbour,
  volunteer,
  communityStaff: staff,
  gridWorker,
  otherCommunityStaff,
  otherStreetAdmin,
  streetAdmin,
} = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  areas = await server.areaIds();
  people = await server.userIds();
  for (const as of [
    resident,
    neighbour,
    volunteer,
    staff,
    gridWorker,
    otherCommunityStaff,
    otherStreetAdmin,
    streetAdmin,
  ]) {
    await server.tokenFor(as);
  }
});
afterAll(() => server?.close());

async function ok<T = any>(query: string, variables: Record<string, unknown>, as?: string): Promise<T> {
  const result = await server.gql(query, variables, as ? { as } : {});
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

async function refusal(query: string, variables: Record<string, unknown>, as?: string) {
  const result = await server.gql(query, variables, as ? { as } : {});
  expect(result.errors, JSON.stringify(result.data)).toBeDefined();
  return result.errors![0]!.extensions;
}

/** The database's fingerprint, line order aside. */
const state = async () => (await databaseState(server.sql)).split('\n').sort().join('\n');

const FIELDS = `id label floorArea building { name } representative { displayName } members { isOwner adult user { id displayName } }`;
const REGISTER = `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { ${FIELDS} } }`;
const SET_MEMBER = `mutation($input: HouseholdMemberInput!) { setHouseholdMember(input: $input) { ${FIELDS} } }`;
const REMOVE_MEMBER = `mutation($h: ID!, $u: ID!) { removeHouseholdMember(householdId: $h, userId: $u) { ${FIELDS} } }`;
const SET_REP = `mutation($h: ID!, $u: ID) { setHouseholdRepresentative(householdId: $h, userId: $u) { ${FIELDS} } }`;
const SET_AREA = `mutation($h: ID!, $a: Float) { setHouseholdFloorArea(householdId: $h, floorArea: $a) { ${FIELDS} } }`;
const HOUSEHOLD = `query($id: ID!) { household(id: $id) { ${FIELDS} } }`;
const HOUSEHOLDS = `query($a: ID!, $s: String, $first: Int, $after: String) { households(areaId: $a, search: $s, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id label } } } }`;

let flats = 0;
async function register(extra: Record<string, unknown> = {}, as: string = gridWorker) {
  flats++;
  const data = await ok(
    REGISTER,
    { input: { buildingId: areas['4号楼'], label: `9单元${900 + flats}`, ...extra } },
    as,
  );
  return data.registerHousehold;
}

describe('registerHousehold', () => {
  it('registers a flat of a building with its floor area; the representative becomes its adult member', async () => {
    const household = await register({ floorArea: 88.456, representativeId: people[neighbour] });
    expect(household).toMatchObject({
      floorArea: 88.46,
      building: { name: '4号楼' },
      representative: { displayName: '孙志强' },
      members: [{ isOwner: false, adult: true, user: { id: people[neighbour], displayName: '孙志强' } }],
    });
    const [entry] = await server.sql<{ action: string; actor_id: number }>(
      `select action, actor_id from audit_entry where target_type = 'Household' and target_id = ?`,
      [household.id],
    );
    expect(entry).toEqual({ action: 'household.register', actor_id: Number(people[gridWorker]) });
  });

  it('refuses those not over the building, areas that are no building, bad numbers and text, changing nothing', async () => {
    const before = await state();
    const input = (extra: Record<string, unknown>) => ({
      input: { buildingId: areas['4号楼'], label: '1单元999', ...extra },
    });
    for (const as of [resident, otherCommunityStaff, otherStreetAdmin]) {
      expect((await refusal(REGISTER, input({}), as)).code, as).toBe('FORBIDDEN');
    }
    expect((await refusal(REGISTER, input({}))).code).toBe('UNAUTHENTICATED');
    const grid = await refusal(REGISTER, input({ buildingId: areas['幸福里第一网格'] }), gridWorker);
    expect(grid.code).toBe('BAD_USER_INPUT');
    expect(grid.fields).toHaveProperty('buildingId');
    expect((await refusal(REGISTER, input({ buildingId: '999999' }), gridWorker)).code).toBe('NOT_FOUND');
    for (const floorArea of [0, -5, 5001, 1e12]) {
      const refused = await refusal(REGISTER, input({ floorArea }), gridWorker);
      expect(refused.code, String(floorArea)).toBe('BAD_USER_INPUT');
      expect(refused.fields).toHaveProperty('floorArea');
    }
    for (const label of ['', ' ', 'x'.repeat(51), '1\u00002']) {
      const refused = await refusal(REGISTER, input({ label }), gridWorker);
      expect(refused.code, JSON.stringify(label)).toBe('BAD_USER_INPUT');
      expect(refused.fields).toHaveProperty('label');
    }
    // Someone of another street is beyond the grid worker's reach: answered as an unknown person.
    expect((await refusal(REGISTER, input({ representativeId: people[otherStreetAdmin] }), gridWorker)).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusal(REGISTER, input({ representativeId: 'abc' }), gridWorker)).code).toBe('NOT_FOUND');
    expect((await refusal(REGISTER, input({ idempotencyKey: 'short' }), gridWorker)).fields).toHaveProperty(
      'idempotencyKey',
    );
    expect(await state()).toBe(before);
  });

  it('keeps a label once per building: a duplicate is CONFLICT, also when registered at once', async () => {
    const first = await register();
    const duplicate = await refusal(REGISTER, { input: { buildingId: areas['4号楼'], label: first.label } }, staff);
    expect(duplicate.code).toBe('CONFLICT');
    expect(duplicate.fields).toHaveProperty('label');
    // The same label in another building is another flat.
    await ok(REGISTER, { input: { buildingId: areas['1号楼'], label: first.label } }, staff);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        server.gql(REGISTER, { input: { buildingId: areas['4号楼'], label: '8单元801' } }, { as: staff }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) expect(r.errors![0]!.extensions.code).toBe('CONFLICT');
    expect(await server.sql(`select id from household where label = '8单元801'`)).toHaveLength(1);
  });

  it('returns the first household for a repeated idempotency key', async () => {
    const input = { buildingId: areas['4号楼'], label: '7单元701', idempotencyKey: 'household-0001' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => server.gql(REGISTER, { input }, { as: gridWorker })),
    );
    expect(new Set(results.map((r) => r.data?.registerHousehold?.id)).size).toBe(1);
  });
});

describe('members and representatives', () => {
  it('adds members, changes their ownership and age, and keeps the representative an adult', async () => {
    const household = await register({ representativeId: people[neighbour] });
    const added = await ok(
      SET_MEMBER,
      { input: { householdId: household.id, userId: people[volunteer], isOwner: true } },
      gridWorker,
    );
    expect(added.setHouseholdMember.members).toContainEqual({
      isOwner: true,
      adult: true,
      user: { id: people[volunteer], displayName: '陈静' },
    });
    const minor = await ok(
      SET_MEMBER,
      { input: { householdId: household.id, userId: people[volunteer], isOwner: false, adult: false } },
      gridWorker,
    );
    expect(minor.setHouseholdMember.members.find((m: any) => m.user.id === people[volunteer])).toMatchObject({
      isOwner: false,
      adult: false,
    });
    // Omitted, `adult` stays as it was.
    const kept = await ok(
      SET_MEMBER,
      { input: { householdId: household.id, userId: people[volunteer], isOwner: true } },
      gridWorker,
    );
    expect(kept.setHouseholdMember.members.find((m: any) => m.user.id === people[volunteer]).adult).toBe(false);
    const refusedMinor = await refusal(
      SET_MEMBER,
      { input: { householdId: household.id, userId: people[neighbour], isOwner: false, adult: false } },
      gridWorker,
    );
    expect(refusedMinor.fields).toHaveProperty('adult');
    const asRep = await refusal(SET_REP, { h: household.id, u: people[volunteer] }, gridWorker);
    expect(asRep.code).toBe('BAD_USER_INPUT');
    expect(asRep.fields).toHaveProperty('userId');
  });

  it('adds a person once when the same addition comes many times at once', async () => {
    const household = await register();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.gql(
          SET_MEMBER,
          { input: { householdId: household.id, userId: people[resident], isOwner: true } },
          { as: gridWorker },
        ),
      ),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(
      await server.sql('select id from household_member where household_id = ?', [Number(household.id)]),
    ).toHaveLength(1);
  });

  it('sets and clears the representative; removing them clears it too', async () => {
    const household = await register();
    const notMember = await refusal(SET_REP, { h: household.id, u: people[resident] }, gridWorker);
    expect(notMember.fields).toHaveProperty('userId');
    await ok(SET_MEMBER, { input: { householdId: household.id, userId: people[resident], isOwner: true } }, gridWorker);
    const set = await ok(SET_REP, { h: household.id, u: people[resident] }, gridWorker);
    expect(set.setHouseholdRepresentative.representative).toEqual({ displayName: '赵桂兰' });
    const cleared = await ok(SET_REP, { h: household.id, u: null }, gridWorker);
    expect(cleared.setHouseholdRepresentative.representative).toBeNull();
    await ok(SET_REP, { h: household.id, u: people[resident] }, gridWorker);
    const removed = await ok(REMOVE_MEMBER, { h: household.id, u: people[resident] }, gridWorker);
    expect(removed.removeHouseholdMember).toMatchObject({ representative: null, members: [] });
    const again = await refusal(REMOVE_MEMBER, { h: household.id, u: people[resident] }, gridWorker);
    expect(again.fields).toHaveProperty('userId');
    const actions = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'Household' and target_id = ? order by id`,
      [household.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'household.register',
      'household.member_set',
      'household.representative_set',
      'household.representative_set',
      'household.representative_set',
      'household.member_remove',
    ]);
  });

  it('refuses people beyond reach, households beyond the viewer, and members of another household, changing nothing', async () => {
    const household = await register();
    const before = await state();
    const input = (extra: Record<string, unknown>) => ({
      input: { householdId: household.id, userId: people[resident], isOwner: true, ...extra },
    });
    expect((await refusal(SET_MEMBER, input({ userId: people[otherStreetAdmin] }), gridWorker)).code).toBe('NOT_FOUND');
    expect((await refusal(SET_MEMBER, input({ householdId: '999999' }), gridWorker)).code).toBe('NOT_FOUND');
    expect((await refusal(SET_MEMBER, input({}), otherCommunityStaff)).code).toBe('NOT_FOUND');
    expect((await refusal(SET_MEMBER, input({}), resident)).code).toBe('NOT_FOUND');
    expect((await refusal(SET_AREA, { h: household.id, a: 80 }, otherStreetAdmin)).code).toBe('NOT_FOUND');
    expect((await refusal(SET_REP, { h: household.id, u: people[otherStreetAdmin] }, gridWorker)).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusal(REMOVE_MEMBER, { h: household.id, u: people[otherStreetAdmin] }, gridWorker)).code).toBe(
      'NOT_FOUND',
    );
    expect(await state()).toBe(before);
  });

  it('tells a member who may not manage their household FORBIDDEN (they know it exists)', async () => {
    const household = await register({ representativeId: people[resident] });
    expect((await refusal(SET_AREA, { h: household.id, a: 90 }, resident)).code).toBe('FORBIDDEN');
  });
});

describe('setHouseholdFloorArea', () => {
  it('sets, rounds and clears the floor area; refuses nonsense', async () => {
    const household = await register();
    expect((await ok(SET_AREA, { h: household.id, a: 120.005 }, staff)).setHouseholdFloorArea.floorArea).toBe(120.01);
    expect((await ok(SET_AREA, { h: household.id, a: null }, staff)).setHouseholdFloorArea.floorArea).toBeNull();
    for (const a of [0, -1, 100000]) {
      expect((await refusal(SET_AREA, { h: household.id, a }, staff)).fields).toHaveProperty('floorArea');
    }
    const text = await server.gql(SET_AREA, { h: household.id, a: 'big' }, { as: staff });
    expect(text.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('reading households', () => {
  it('shows a household to its members and the staff over it, nobody else', async () => {
    const household = await register({ representativeId: people[neighbour] });
    expect((await ok(HOUSEHOLD, { id: household.id }, neighbour)).household.id).toBe(household.id);
    expect((await ok(HOUSEHOLD, { id: household.id }, staff)).household.id).toBe(household.id);
    expect((await ok(HOUSEHOLD, { id: household.id }, resident)).household).toBeNull();
    expect((await ok(HOUSEHOLD, { id: household.id }, otherCommunityStaff)).household).toBeNull();
    expect((await ok(HOUSEHOLD, { id: household.id })).household).toBeNull();
    const mine = await ok('{ myHouseholds { id } }', {}, neighbour);
    expect(mine.myHouseholds.map((h: any) => h.id)).toContain(household.id);
    expect((await ok('{ myHouseholds { id } }', {})).myHouseholds).toEqual([]);
  });

  it('lists the households of an area for those who manage them, searching labels and members’ names', async () => {
    const household = await register({ representativeId: people[volunteer] });
    const byName = await ok(HOUSEHOLDS, { a: areas['4号楼'], s: '陈静' }, gridWorker);
    expect(byName.households.edges.map((e: any) => e.node.id)).toContain(household.id);
    const byLabel = await ok(HOUSEHOLDS, { a: areas['幸福里第一网格'], s: household.label }, gridWorker);
    expect(byLabel.households.edges.map((e: any) => e.node.id)).toEqual([household.id]);
    const wildcard = await ok(HOUSEHOLDS, { a: areas['幸福里第一网格'], s: '%' }, gridWorker);
    expect(wildcard.households.totalCount).toBe(0);
    expect((await refusal(HOUSEHOLDS, { a: areas['4号楼'] }, resident)).code).toBe('FORBIDDEN');
    expect((await refusal(HOUSEHOLDS, { a: areas['4号楼'] }, otherStreetAdmin)).code).toBe('FORBIDDEN');
    expect((await refusal(HOUSEHOLDS, { a: '999999' }, staff)).code).toBe('NOT_FOUND');
    expect((await refusal(HOUSEHOLDS, { a: areas['4号楼'], s: 'x'.repeat(51) }, staff)).fields).toHaveProperty(
      'search',
    );
    const page = await ok(HOUSEHOLDS, { a: areas['幸福里社区'], first: 2 }, staff);
    const next = await ok(
      HOUSEHOLDS,
      { a: areas['幸福里社区'], first: 2, after: page.households.pageInfo.endCursor },
      staff,
    );
    expect(next.households.edges[0].node.id).not.toBe(page.households.edges[1].node.id);
  });

  it('costs the same SQL statements for 5 or 50 households with their members and buildings', async () => {
    await server.sql(
      `with added as (
         insert into household (area_id, area_path, street_id, community_id, grid_id, label, floor_area, representative_id, created_at)
         select a.id, a.path, h.street_id, h.community_id, h.grid_id, '批量' || g, 80, ?, now()
           from generate_series(1, 60) g
           join area a on a.id = ?
           join lateral (select * from household where area_id = a.id limit 1) h on true
         returning id)
       insert into household_member (household_id, user_id, is_owner, adult, created_at)
       select id, u, true, true, now() from added, unnest(?::int[]) u`,
      [Number(people[resident]), Number(areas['4号楼']), `{${people[resident]},${people[neighbour]}}`],
    );
    const page = `query($first: Int) { households(areaId: "${areas['幸福里社区']}", first: $first) { edges { node { ${FIELDS} } } } }`;
    const count = (first: number) => server.countQueries(() => server.gql(page, { first }, { as: staff }));
    const [small, large] = [await count(5), await count(50)];
    // A larger page may meet a relation the smaller lacks (a representative who is no member): one batched query more, never one per household.
    expect(large).toBeLessThanOrEqual(small + 1);
  });
});
