import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantStartedTermRoles, releaseEndedTermRoles } from '../../server/src/committees/committees.service.js';
import { DEMO_COMMITTEES } from '../../server/src/seed/demo-council.data.js';
import { DEMO_UNITS } from '../../server/src/seed/demo-units.data.js';
import { databaseState } from '../helpers/database-state.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let areas: Record<string, string>;
let people: Record<string, string>;
let units: Record<string, string>;

const {
  resident,
  neighbour,
  volunteer,
  communityStaff: staff,
  streetAdmin,
  unitRep,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  areas = await server.areaIds();
  people = await server.userIds();
  const rows = await server.sql<{ id: number; name: string }>('select id, name from unit');
  units = Object.fromEntries(rows.map((row) => [row.name, String(row.id)]));
  for (const as of [resident, neighbour, staff, streetAdmin, unitRep, otherCommunityStaff, otherStreetAdmin]) {
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

const state = async () => (await databaseState(server.sql)).split('\n').sort().join('\n');

const FIELDS = `id name kind active termStart termEnd area { name } availableActions
  members { id title seat user { id displayName } unit { name } }`;
const CREATE = `mutation($input: CreateCommitteeInput!) { createCommittee(input: $input) { ${FIELDS} } }`;
const ADD = `mutation($input: AddCommitteeMemberInput!) { addCommitteeMember(input: $input) { id title seat user { displayName } unit { name } } }`;
const REMOVE = `mutation($id: ID!) { removeCommitteeMember(id: $id) { ${FIELDS} } }`;
const COMMITTEE = `query($id: ID!) { committee(id: $id) { ${FIELDS} } }`;

const DAY = 86_400_000;
const term = (startDays: number, endDays: number) => ({
  termStart: new Date(Date.now() + startDays * DAY).toISOString(),
  termEnd: new Date(Date.now() + endDays * DAY).toISOString(),
});

let made = 0;
async function create(extra: Record<string, unknown> = {}, as: string = staff) {
  made++;
  const data = await ok(
    CREATE,
    {
      input: {
        name: `议事协调会${made}`,
        kind: 'COMMUNITY_PARTY_COMMITTEE',
        areaId: areas['幸福里社区'],
        ...term(-10, 365),
        ...extra,
      },
    },
    as,
  );
  return data.createCommittee;
}

const roleHeld = async (phone: string, area: string) =>
  (
    await server.sql(
      `select ra.id from role_assignment ra join app_user u on u.id = ra.user_id
        where u.phone = ? and ra.role = 'COMMITTEE_MEMBER' and ra.area_id = ?`,
      [phone, Number(areas[area])],
    )
  ).length > 0;

describe('createCommittee', () => {
  it('creates a committee of a kind that fits its area, for staff or admins over it', async () => {
    const community = await create();
    expect(community).toMatchObject({
      kind: 'COMMUNITY_PARTY_COMMITTEE',
      active: true,
      area: { name: '幸福里社区' },
      availableActions: ['MANAGE_MEMBERS', 'SCHEDULE_MEETING'],
      members: [],
    });
    const street = await ok(
      CREATE,
      { input: { name: '联席会议', kind: 'JOINT_MEETING', areaId: areas['幸福街道'], ...term(0, 30) } },
      streetAdmin,
    );
    expect(street.createCommittee.kind).toBe('JOINT_MEETING');
    const future = await create(term(30, 400));
    expect(future.active).toBe(false);
    // Public: anyone reads it, without the actions.
    const seen = await ok(COMMITTEE, { id: community.id });
    expect(seen.committee).toMatchObject({ id: community.id, availableActions: [] });
  });

  it('refuses kinds that do not fit, bad terms and text, and those not over the area, changing nothing', async () => {
    const before = await state();
    const input = (extra: Record<string, unknown>) => ({
      input: {
        name: '委员会',
        kind: 'COMMUNITY_PARTY_COMMITTEE',
        areaId: areas['幸福里社区'],
        ...term(0, 100),
        ...extra,
      },
    });
    const wrongKind = await refusal(CREATE, input({ kind: 'STREET_WORKING_COMMITTEE' }), staff);
    expect(wrongKind.fields).toHaveProperty('kind');
    expect((await refusal(CREATE, input({ areaId: areas['幸福街道'] }), streetAdmin)).fields).toHaveProperty('kind');
    expect(
      (await refusal(CREATE, input({ areaId: areas['幸福里第一网格'], kind: 'JOINT_MEETING' }), staff)).fields,
    ).toHaveProperty('kind');
    expect((await refusal(CREATE, input(term(10, 10)), staff)).fields).toHaveProperty('termEnd');
    expect((await refusal(CREATE, input(term(10, 5)), staff)).fields).toHaveProperty('termEnd');
    expect((await refusal(CREATE, input(term(0, 365 * 11)), staff)).fields).toHaveProperty('termEnd');
    expect((await refusal(CREATE, input({ termStart: '0001-01-01T00:00:00Z' }), staff)).code).toBe('BAD_USER_INPUT');
    expect((await refusal(CREATE, input({ name: '' }), staff)).fields).toHaveProperty('name');
    expect((await refusal(CREATE, input({ name: 'a\u0000' }), staff)).fields).toHaveProperty('name');
    expect((await refusal(CREATE, input({ name: '名'.repeat(101) }), staff)).fields).toHaveProperty('name');
    for (const as of [resident, otherCommunityStaff, otherStreetAdmin, unitRep]) {
      expect((await refusal(CREATE, input({}), as)).code, as).toBe('FORBIDDEN');
    }
    expect((await refusal(CREATE, input({}))).code).toBe('UNAUTHENTICATED');
    expect((await refusal(CREATE, input({ areaId: '999999' }), staff)).code).toBe('NOT_FOUND');
    expect(await state()).toBe(before);
  });

  it('creates one committee for one idempotency key, also at once', async () => {
    const input = {
      name: '同一个',
      kind: 'JOINT_MEETING',
      areaId: areas['幸福里社区'],
      ...term(0, 100),
      idempotencyKey: 'committee-01',
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => server.gql(CREATE, { input }, { as: staff })));
    expect(new Set(results.map((r) => r.data?.createCommittee?.id)).size).toBe(1);
    expect(await server.sql(`select id from committee where name = '同一个'`)).toHaveLength(1);
  });
});

describe('members', () => {
  it('adds a member for the term: COMMITTEE_MEMBER on the area, and a notification', async () => {
    const committee = await create();
    expect(await roleHeld(neighbour, '幸福里社区')).toBe(false);
    const added = await ok(
      ADD,
      { input: { committeeId: committee.id, userId: people[neighbour], seat: 'STANDING', title: ' 委员 ' } },
      staff,
    );
    expect(added.addCommitteeMember).toMatchObject({
      title: '委员',
      seat: 'STANDING',
      user: { displayName: '孙志强' },
      unit: null,
    });
    expect(await roleHeld(neighbour, '幸福里社区')).toBe(true);
    const notes = await ok(
      '{ notifications(first: 1) { edges { node { kind committee { id name } } } } }',
      {},
      neighbour,
    );
    expect(notes.notifications.edges[0].node).toMatchObject({
      kind: 'COMMITTEE_MEMBER_ADDED',
      committee: { id: committee.id, name: committee.name },
    });
    const mine = await ok('{ myCommittees { id } me { committees { id } } }', {}, neighbour);
    expect(mine.myCommittees.map((c: any) => c.id)).toContain(committee.id);
    expect(mine.me.committees.map((c: any) => c.id)).toContain(committee.id);
    const duplicate = await refusal(
      ADD,
      { input: { committeeId: committee.id, userId: people[neighbour], seat: 'STANDING', title: '委员' } },
      staff,
    );
    expect(duplicate.code).toBe('CONFLICT');
  });

  it('adds a person once when the same addition comes at once', async () => {
    const committee = await create();
    const input = { committeeId: committee.id, userId: people[volunteer], seat: 'STANDING', title: '委员' };
    const results = await Promise.all(Array.from({ length: 8 }, () => server.gql(ADD, { input }, { as: staff })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) expect(r.errors![0]!.extensions.code).toBe('CONFLICT');
    const notices = await server.sql(
      `select id from notification where kind = 'COMMITTEE_MEMBER_ADDED' and subject_id = ?`,
      [Number(committee.id)],
    );
    expect(notices).toHaveLength(1);
  });

  it('takes a part-time member’s unit from the area or reported in there; anything else is unknown', async () => {
    const committee = await create();
    const school = units[DEMO_UNITS.school.name]!;
    const added = await ok(
      ADD,
      {
        input: {
          committeeId: committee.id,
          userId: people[resident],
          seat: 'PART_TIME',
          title: '兼职委员',
          unitId: school,
        },
      },
      staff,
    );
    expect(added.addCommitteeMember.unit).toEqual({ name: DEMO_UNITS.school.name });
    const before = await state();
    const input = (extra: Record<string, unknown>) => ({
      input: { committeeId: committee.id, userId: people[volunteer], seat: 'PART_TIME', title: '兼职委员', ...extra },
    });
    const otherStreet = units[DEMO_UNITS.otherStreetSchool.name]!;
    expect((await refusal(ADD, input({ unitId: otherStreet }), staff)).code).toBe('NOT_FOUND');
    expect((await refusal(ADD, input({ unitId: '999999' }), staff)).code).toBe('NOT_FOUND');
    expect((await refusal(ADD, input({ seat: 'STANDING', unitId: school }), staff)).fields).toHaveProperty('unitId');
    expect((await refusal(ADD, input({ userId: people[otherStreetAdmin] }), staff)).code).toBe('NOT_FOUND');
    expect((await refusal(ADD, input({ committeeId: '999999' }), staff)).code).toBe('NOT_FOUND');
    expect((await refusal(ADD, input({}), otherCommunityStaff)).code).toBe('FORBIDDEN');
    expect((await refusal(ADD, input({}), resident)).code).toBe('FORBIDDEN');
    expect((await refusal(ADD, input({ title: '' }), staff)).fields).toHaveProperty('title');
    expect((await refusal(ADD, input({ title: '职'.repeat(51) }), staff)).fields).toHaveProperty('title');
    expect(await state()).toBe(before);
  });

  it('gives the role back on removal, unless another active committee of theirs on the area needs it', async () => {
    // A resident in no committee yet.
    const fresh = '13900000003';
    const first = await create();
    const second = await create();
    const add = async (committeeId: string) =>
      (await ok(ADD, { input: { committeeId, userId: people[fresh], seat: 'STANDING', title: '委员' } }, staff))
        .addCommitteeMember.id;
    const inFirst = await add(first.id);
    const inSecond = await add(second.id);
    expect(await roleHeld(fresh, '幸福里社区')).toBe(true);
    expect((await refusal(REMOVE, { id: inFirst }, resident)).code).toBe('FORBIDDEN');
    const removed = await ok(REMOVE, { id: inFirst }, staff);
    expect(removed.removeCommitteeMember.members).toEqual([]);
    expect(await roleHeld(fresh, '幸福里社区')).toBe(true);
    await ok(REMOVE, { id: inSecond }, staff);
    expect(await roleHeld(fresh, '幸福里社区')).toBe(false);
    expect((await refusal(REMOVE, { id: inSecond }, staff)).code).toBe('NOT_FOUND');
    const actions = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'Committee' and target_id = ? order by id`,
      [first.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'committee.create',
      'committee.member_add',
      'committee.member_remove',
    ]);
  });

  it('never takes back a role the person held before (an administrator’s assignment)', async () => {
    // 吴丽娟 holds COMMITTEE_MEMBER on 幸福街道 by assignment.
    const street = await ok(
      CREATE,
      { input: { name: '街道联席会议', kind: 'JOINT_MEETING', areaId: areas['幸福街道'], ...term(-5, 30) } },
      streetAdmin,
    );
    const member = await ok(
      ADD,
      {
        input: {
          committeeId: street.createCommittee.id,
          userId: people[otherCommunityStaff],
          seat: 'STANDING',
          title: '委员',
        },
      },
      streetAdmin,
    );
    await ok(REMOVE, { id: member.addCommitteeMember.id }, streetAdmin);
    expect(await roleHeld(otherCommunityStaff, '幸福街道')).toBe(true);
  });

  it('gives the role back once the term has ended (the periodic job), keeping it for another active term', async () => {
    // Residents in no committee yet.
    const [twice, once] = ['13900000004', '13900000005'];
    const ending = await create(term(-100, 1));
    const lasting = await create(term(-100, 300));
    for (const committeeId of [ending.id, lasting.id]) {
      await ok(ADD, { input: { committeeId, userId: people[twice], seat: 'STANDING', title: '委员' } }, staff);
    }
    const alone = await create(term(-100, 1));
    await ok(ADD, { input: { committeeId: alone.id, userId: people[once], seat: 'STANDING', title: '委员' } }, staff);
    const later = new Date(Date.now() + 2 * DAY);
    const runs = await Promise.all([
      releaseEndedTermRoles(server.app.orm.em.fork(), later),
      releaseEndedTermRoles(server.app.orm.em.fork(), later),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await roleHeld(twice, '幸福里社区')).toBe(true);
    expect(await roleHeld(once, '幸福里社区')).toBe(false);
    expect(await releaseEndedTermRoles(server.app.orm.em.fork(), later)).toBe(0);
  });
});

describe('a term yet to begin', () => {
  it('grants the role when the term begins (the periodic job), not before', async () => {
    const upcoming = await create(term(30, 400));
    const later = '13900000006';
    await ok(
      ADD,
      { input: { committeeId: upcoming.id, userId: people[later], seat: 'STANDING', title: '委员' } },
      staff,
    );
    expect(await roleHeld(later, '幸福里社区')).toBe(false);
    await grantStartedTermRoles(server.app.orm.em.fork(), new Date());
    expect(await roleHeld(later, '幸福里社区')).toBe(false);
    const begun = new Date(Date.now() + 31 * DAY);
    const runs = await Promise.all([
      grantStartedTermRoles(server.app.orm.em.fork(), begun),
      grantStartedTermRoles(server.app.orm.em.fork(), begun),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await roleHeld(later, '幸福里社区')).toBe(true);
    expect(await grantStartedTermRoles(server.app.orm.em.fork(), begun)).toBe(0);
    // And given back after it.
    await releaseEndedTermRoles(server.app.orm.em.fork(), new Date(Date.now() + 401 * DAY));
    expect(await roleHeld(later, '幸福里社区')).toBe(false);
  });
});

describe('reading committees', () => {
  it('lists the committees of an area’s subtree for anyone; a person’s only for them and staff over their home', async () => {
    const list = await ok(`query($a: ID!) { committees(areaId: $a) { name } }`, { a: areas['幸福里社区'] });
    expect(list.committees.map((c: any) => c.name)).toContain(DEMO_COMMITTEES.communityParty);
    expect(list.committees.map((c: any) => c.name)).not.toContain(DEMO_COMMITTEES.streetWorking);
    expect((await refusal(`query($a: ID!) { committees(areaId: $a) { name } }`, { a: '999999' })).code).toBe(
      'NOT_FOUND',
    );
    const committeesOf = `query($id: ID!) { user(id: $id) { committees { name } } }`;
    const bystaff = await server.gql(committeesOf, { id: people[unitRep] }, { as: staff });
    expect(bystaff.data?.user?.committees?.map((c: any) => c.name)).toContain(DEMO_COMMITTEES.communityParty);
    const byOther = await server.gql(committeesOf, { id: people[unitRep] }, { as: otherStreetAdmin });
    expect(byOther.data?.user?.committees ?? []).toEqual([]);
  });

  it('costs the same SQL statements for 2 or many committees with their members', async () => {
    const query = `query($a: ID!) { committees(areaId: $a) { ${FIELDS} } }`;
    const count = () => server.countQueries(() => server.gql(query, { a: areas['幸福街道'] }, { as: staff }));
    const before = await count();
    for (let i = 0; i < 5; i++) {
      const committee = await create();
      await ok(
        ADD,
        { input: { committeeId: committee.id, userId: people[resident], seat: 'STANDING', title: '委员' } },
        staff,
      );
    }
    expect(await count()).toBeLessThanOrEqual(before);
  });
});
