import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS } from '../../server/src/seed/demo-units.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let areas: Record<string, string>;
let people: Record<string, string>;
let units: Record<string, string>;

const {
  resident,
  neighbour,
  gridWorker,
  unitRep,
  communityStaff: staff,
  otherCommunityStaff,
  streetAdmin,
} = DEMO_ACCOUNTS;
const propertyRep = DEMO_UNITS.property.representatives[0]!;
const hospitalRep = DEMO_UNITS.hospital.representatives[0]!;

beforeAll(async () => {
  server = await createTestServer();
  areas = await server.areaIds();
  people = await server.userIds();
  const rows = await server.sql<{ id: number; name: string }>('select id, name from unit');
  units = Object.fromEntries(rows.map((row) => [row.name, String(row.id)]));
});
afterAll(() => server?.close());

const unitId = (key: keyof typeof DEMO_UNITS) => units[DEMO_UNITS[key].name]!;

async function ok<T = any>(query: string, variables: Record<string, unknown>, as?: string): Promise<T> {
  const result = await server.gql(query, variables, as ? { as } : {});
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

const NEED = `id status assignee { displayName } assigneeUnit { name } availableActions
  raisedBy { displayName phone } events { kind unit { name } }`;
const ASSIGN = `mutation($id: ID!, $assigneeUnitId: ID, $assigneeUserId: ID) {
  assignNeed(id: $id, assigneeUnitId: $assigneeUnitId, assigneeUserId: $assigneeUserId) { ${NEED} } }`;

/** A private need raised by the resident at home (幸福里第一网格, answered by its grid worker). */
async function raise(title: string, isPublic = false): Promise<string> {
  const data = await ok(
    `mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }`,
    { input: { title, description: '', category: 'REPAIR', areaId: areas['1号楼'], isPublic } },
    resident,
  );
  const id: string = data.raiseNeed.id;
  await ok(`mutation($id: ID!) { acceptNeed(id: $id) { status } }`, { id }, gridWorker);
  return id;
}

describe('a need assigned to a unit', () => {
  it('reports the demo school’s rates as needStats defines them', async () => {
    const rates = await ok(
      `query($id: ID!) { unit(id: $id) { needRates { total resolved responseRate resolutionRate satisfactionRate averageRating } } }`,
      { id: unitId('school') },
    );
    // Two demo needs: one closed and rated 5, one in progress; both accepted within hours.
    expect(rates.unit.needRates).toMatchObject({
      total: 2,
      resolved: 1,
      responseRate: 1,
      resolutionRate: 0.5,
      satisfactionRate: 1,
      averageRating: 5,
    });
    const empty = await ok(
      `query($id: ID!) { unit(id: $id) { needRates { total responseRate resolutionRate satisfactionRate averageRating } } }`,
      { id: unitId('bank') },
    );
    expect(empty.unit.needRates).toEqual({
      total: 0,
      responseRate: null,
      resolutionRate: null,
      satisfactionRate: null,
      averageRating: null,
    });
    const period = await ok(`query($id: ID!, $from: DateTime) { unit(id: $id) { needRates(from: $from) { total } } }`, {
      id: unitId('school'),
      from: new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString(),
    });
    expect(period.unit.needRates.total).toBe(1);
    const backwards = await server.gql(
      `query($id: ID!, $from: DateTime, $to: DateTime) { unit(id: $id) { needRates(from: $from, to: $to) { total } } }`,
      { id: unitId('school'), from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
    );
    expect(backwards.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { from: '开始时间要早于结束时间。' },
    });
    const absurd = await server.gql(
      `query($id: ID!, $from: DateTime) { unit(id: $id) { needRates(from: $from) { total } } }`,
      { id: unitId('school'), from: '0001-01-01T00:00:00Z' },
    );
    expect(absurd.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('is worked by the unit’s representatives, who are told and see it though it is private', async () => {
    const id = await raise('单元门禁坏了');
    expect(
      (await server.gql(`query($id: ID!) { need(id: $id) { id } }`, { id }, { as: propertyRep })).data?.need,
    ).toBeNull();
    const assigned = (await ok(ASSIGN, { id, assigneeUnitId: unitId('property') }, gridWorker)).assignNeed;
    expect(assigned).toMatchObject({
      status: 'ASSIGNED',
      assignee: null,
      assigneeUnit: { name: DEMO_UNITS.property.name },
    });
    expect(assigned.events.at(-1)).toEqual({ kind: 'TRANSITION', unit: { name: DEMO_UNITS.property.name } });

    const told = await ok(`{ notifications(first: 1) { edges { node { kind need { id } } } } }`, {}, propertyRep);
    expect(told.notifications.edges[0].node).toEqual({ kind: 'NEED_ASSIGNED_TO_YOU', need: { id } });

    const asRep = (await ok(`query($id: ID!) { need(id: $id) { ${NEED} } }`, { id }, propertyRep)).need;
    expect(asRep.availableActions).toEqual(['START', 'COMMENT']);
    // The representative goes to the resident as an assignee does: name and phone in full.
    expect(asRep.raisedBy).toEqual({ displayName: '赵桂兰', phone: resident });
    // Another unit's representative sees nothing of it.
    expect(
      (await server.gql(`query($id: ID!) { need(id: $id) { id } }`, { id }, { as: unitRep })).data?.need,
    ).toBeNull();

    const mine = await ok(
      `query($ids: [ID!]) { needs(filter: { assigneeUnitIds: $ids }, first: 100) { edges { node { id } } } }`,
      { ids: [unitId('property')] },
      propertyRep,
    );
    expect(mine.needs.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
    const todo = await ok(`{ myTodos { assignedToMe } }`, {}, propertyRep);
    expect(todo.myTodos.assignedToMe).toBeGreaterThanOrEqual(2);

    const started = await ok(`mutation($id: ID!) { startNeed(id: $id) { status } }`, { id }, propertyRep);
    expect(started.startNeed.status).toBe('IN_PROGRESS');
    await ok(`mutation($id: ID!) { commentOnNeed(id: $id, note: "明天上午来修") { status } }`, { id }, propertyRep);
    const resolved = await ok(
      `mutation($id: ID!) { resolveNeed(id: $id, resolution: "已更换门禁主板") { status } }`,
      { id },
      propertyRep,
    );
    expect(resolved.resolveNeed.status).toBe('RESOLVED');
    await ok(`mutation($id: ID!) { confirmNeed(id: $id, rating: 4) { status } }`, { id }, resident);

    // The unit's rates count it, and a representative of another unit may not work it.
    const rates = await ok(
      `query($id: ID!) { unit(id: $id) { needRates { total resolved resolutionRate satisfactionRate averageRating } } }`,
      { id: unitId('property') },
    );
    // The demo's two (one closed rated 4, one assigned) and this one (closed, rated 4).
    expect(rates.unit.needRates).toEqual({
      total: 3,
      resolved: 2,
      resolutionRate: 2 / 3,
      satisfactionRate: 1,
      averageRating: 4,
    });
  });

  it('goes to a unit reported in to the community, or stationed in it; others are refused', async () => {
    const id = await raise('路灯不亮');
    // 国网幸福供电所 sits in 和平社区 and reported in to 幸福里社区 (accepted).
    const power = await ok(ASSIGN, { id, assigneeUnitId: unitId('power') }, gridWorker);
    expect(power.assignNeed.assigneeUnit.name).toBe(DEMO_UNITS.power.name);
    // Re-assigned to a person, the unit lets go.
    const person = await ok(ASSIGN, { id, assigneeUserId: people[gridWorker] }, gridWorker);
    expect(person.assignNeed).toMatchObject({ assignee: { displayName: '张伟' }, assigneeUnit: null });

    const other = await raise('楼道堆物');
    const refusals: [Record<string, unknown>, string, string][] = [
      // 工商银行 sits in 光明社区 and reported in there only.
      [{ assigneeUnitId: unitId('bank') }, 'assigneeUnitId', '只能派给到本社区报到（已确认）或驻在本社区的单位。'],
      [{ assigneeUnitId: unitId('otherStreetSchool') }, 'assigneeUnitId', '找不到要找的内容，可能已被删除。'],
      [{ assigneeUnitId: '99999999' }, 'assigneeUnitId', '找不到要找的内容，可能已被删除。'],
      [
        { assigneeUnitId: unitId('property'), assigneeUserId: people[gridWorker] },
        'assigneeUnitId',
        '派给个人或单位，只能选一个。',
      ],
    ];
    for (const [args, field, message] of refusals) {
      const result = await server.gql(ASSIGN, { id: other, ...args }, { as: gridWorker });
      expect(result.errors?.[0]?.extensions, JSON.stringify(args)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { [field]: message },
      });
    }
    const status = await server.sql<{ status: string; assignee_unit_id: number | null }>(
      'select status, assignee_unit_id from need where id = ?',
      [Number(other)],
    );
    expect(status[0]).toEqual({ status: 'ACCEPTED', assignee_unit_id: null });
    // Only those who assign needs may assign them to a unit.
    for (const as of [unitRep, neighbour, otherCommunityStaff]) {
      const refused = await server.gql(ASSIGN, { id: other, assigneeUnitId: unitId('school') }, { as });
      expect(['FORBIDDEN', 'NOT_FOUND'], as).toContain(refused.errors?.[0]?.extensions.code);
    }
  });

  it('follows the representatives: one removed no longer sees the unit’s private needs', async () => {
    const id = await raise('楼顶漏水');
    await ok(ASSIGN, { id, assigneeUnitId: unitId('power') }, gridWorker);
    const see = async () =>
      (await server.gql(`query($id: ID!) { need(id: $id) { id } }`, { id }, { as: neighbour })).data?.need;
    expect(await see()).toBeNull();
    const rep = `mutation($unitId: ID!, $userId: ID!) { addUnitRepresentative(unitId: $unitId, userId: $userId) { id } }`;
    await ok(rep, { unitId: unitId('power'), userId: people[neighbour] }, streetAdmin);
    expect(await see()).toEqual({ id });
    await ok(
      rep.replaceAll('addUnitRepresentative', 'removeUnitRepresentative'),
      { unitId: unitId('power'), userId: people[neighbour] },
      streetAdmin,
    );
    expect(await see()).toBeNull();
  });

  it('batch 派单 to a unit, and the pending unit is refused need by need', async () => {
    const ids = [await raise('一'), await raise('二')];
    const batch = await ok(
      `mutation($ids: [ID!]!, $unitId: ID) { assignNeeds(ids: $ids, assigneeUnitId: $unitId) {
         needs { id assigneeUnit { name } } failures { id code } } }`,
      { ids, unitId: unitId('school') },
      gridWorker,
    );
    expect(batch.assignNeeds.failures).toEqual([]);
    expect(batch.assignNeeds.needs.map((n: { assigneeUnit: { name: string } }) => n.assigneeUnit.name)).toEqual([
      DEMO_UNITS.school.name,
      DEMO_UNITS.school.name,
    ]);
    // The hospital's report-in to 和平社区 was never made: 和平's needs are not its to work.
    const heping = await ok(
      `mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }`,
      { input: { title: '和平的需求', description: '', category: 'REPAIR', areaId: areas['和平第一网格'] } },
      otherCommunityStaff,
    );
    const refused = await ok(
      `mutation($ids: [ID!]!, $unitId: ID) { assignNeeds(ids: $ids, assigneeUnitId: $unitId) { needs { id } failures { id code message } } }`,
      { ids: [heping.raiseNeed.id], unitId: unitId('hospital') },
      otherCommunityStaff,
    );
    expect(refused.assignNeeds.failures).toEqual([
      {
        id: heping.raiseNeed.id,
        code: 'BAD_USER_INPUT',
        message: '只能派给到本社区报到（已确认）或驻在本社区的单位。',
      },
    ]);
    expect((await server.gql(`{ myUnits { id } }`, {}, { as: hospitalRep })).data.myUnits).toEqual([
      { id: unitId('hospital') },
    ]);
  });
});

describe('what a page of units costs', () => {
  it('is the same number of statements for 5 units as for 50, every field asked', async () => {
    await server.sql(
      `insert into unit (name, kind, area_id, area_path, street_id, community_id, contact_name, contact_phone, created_by_id, created_at)
       select '批量单位' || g, 'OTHER', u.area_id, u.area_path, u.street_id, u.community_id, '联系人', '13700000000', u.created_by_id, now()
         from unit u, generate_series(1, 60) g where u.name = ?`,
      [DEMO_UNITS.school.name],
    );
    const query = `query($first: Int) { units(first: $first) { totalCount edges { node {
      id name kind area { name } contactPhone isMine availableActions reportUrl
      representatives { displayName phone } reportIns { status area { name } availableActions }
      needRates { total resolutionRate } } } } }`;
    for (const as of [staff, unitRep, resident]) {
      await server.gql(query, { first: 1 }, { as });
      const small = await server.countQueries(() => server.gql(query, { first: 5 }, { as }));
      const large = await server.countQueries(() => server.gql(query, { first: 50 }, { as }));
      expect(large, as).toBe(small);
    }
    const reportIns = `{ reportIns(first: $first) { edges { node { id unit { name } person { displayName } workUnit { name } area { name } availableActions } } } }`;
    const small = await server.countQueries(() =>
      server.gql(`query($first: Int) ${reportIns}`, { first: 2 }, { as: staff }),
    );
    const large = await server.countQueries(() =>
      server.gql(`query($first: Int) ${reportIns}`, { first: 50 }, { as: staff }),
    );
    expect(large).toBe(small);
  });

  it('is the same for a page of needs with their units, for a representative and for staff', async () => {
    const query = `query($first: Int) { needs(first: $first) { edges { node {
      id assigneeUnit { name contactPhone } availableActions raisedBy { displayName } events { kind unit { name } } } } } }`;
    for (const as of [staff, propertyRep]) {
      await server.gql(query, { first: 1 }, { as });
      const small = await server.countQueries(() => server.gql(query, { first: 5 }, { as }));
      const large = await server.countQueries(() => server.gql(query, { first: 50 }, { as }));
      // A larger page may meet a relation the smaller lacks (a 代办 resident, a unit): one statement more at most.
      expect(large, as).toBeLessThanOrEqual(small + 1);
    }
  });
});
