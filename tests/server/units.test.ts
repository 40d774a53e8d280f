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
  volunteer,
  communityStaff: staff,
  gridWorker,
  unitRep,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;
const hospitalRep = DEMO_UNITS.hospital.representatives[0];
const otherStreetRep = DEMO_UNITS.otherStreetSchool.representatives[0];

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

async function refusal(query: string, variables: Record<string, unknown>, as?: string) {
  const result = await server.gql(query, variables, as ? { as } : {});
  expect(result.errors, JSON.stringify(result.data)).toBeDefined();
  return result.errors![0]!.extensions;
}

const count = async (table: string) =>
  Number((await server.sql<{ n: string }>(`select count(*) n from ${table}`))[0]!.n);

const UNIT_FIELDS = `id name kind area { name } contactName contactPhone partyOrganization isMine availableActions reportUrl
  representatives { displayName } reportIns { status area { name } }`;
const UNIT = `query($id: ID!) { unit(id: $id) { ${UNIT_FIELDS} } }`;
const CREATE = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { ${UNIT_FIELDS} } }`;
const ADD_REP = `mutation($unitId: ID!, $userId: ID!) { addUnitRepresentative(unitId: $unitId, userId: $userId) { representatives { displayName } } }`;
const REMOVE_REP = `mutation($unitId: ID!, $userId: ID!) { removeUnitRepresentative(unitId: $unitId, userId: $userId) { representatives { displayName } } }`;
const REPORT_IN = `mutation($unitId: ID, $areaId: ID!, $workUnitId: ID) {
  reportIn(unitId: $unitId, areaId: $areaId, workUnitId: $workUnitId) { id status unit { name } person { displayName } workUnit { name } area { name } } }`;
const ACCEPT = `mutation($id: ID!) { acceptReportIn(id: $id) { id status answeredAt availableActions } }`;
const DECLINE = `mutation($id: ID!, $reason: String!) { declineReportIn(id: $id, reason: $reason) { id status reason } }`;

const newUnit = (input: Record<string, unknown> = {}) => ({
  name: `测试单位${Math.random().toString(36).slice(2, 8)}`,
  kind: 'PRIVATE_ENTERPRISE',
  areaId: areas['幸福里社区'],
  address: '幸福路 99 号',
  contactName: '测试联系人',
  contactPhone: '13700000001',
  ...input,
});

describe('the unit directory', () => {
  it('lists the demo units, filtered by area, several kinds, a name and mine', async () => {
    const list = async (filter: Record<string, unknown>, as?: string) =>
      (
        await ok<{ units: { totalCount: number; edges: { node: { name: string } }[] } }>(
          `query($filter: UnitFilter) { units(filter: $filter, first: 50) { totalCount edges { node { name } } } }`,
          { filter },
          as,
        )
      ).units;
    expect((await list({ areaId: areas['幸福街道'] })).totalCount).toBe(6);
    expect((await list({ areaId: areas['阳光街道'] })).edges.map((e) => e.node.name)).toEqual(['阳光中学']);
    const kinds = await list({ areaId: areas['幸福街道'], kinds: ['SCHOOL', 'HOSPITAL'] });
    expect(kinds.edges.map((e) => e.node.name).sort()).toEqual(
      [DEMO_UNITS.school.name, DEMO_UNITS.hospital.name].sort(),
    );
    expect((await list({ search: '物业' })).edges.map((e) => e.node.name)).toEqual([DEMO_UNITS.property.name]);
    expect((await list({ mine: true }, unitRep)).edges.map((e) => e.node.name)).toEqual([DEMO_UNITS.school.name]);
    expect((await list({ mine: true })).totalCount).toBe(0);
    const mine = await ok(`{ myUnits { name isMine } }`, {}, unitRep);
    expect(mine.myUnits).toEqual([{ name: DEMO_UNITS.school.name, isMine: true }]);
  });

  it('masks the contact and hides representatives from all but its people and staff over it', async () => {
    const asResident = (await ok(UNIT, { id: unitId('school') }, resident)).unit;
    expect(asResident).toMatchObject({
      name: DEMO_UNITS.school.name,
      contactPhone: '138****0004',
      representatives: [],
      isMine: false,
      availableActions: [],
      reportUrl: null,
    });
    // Others see the accepted report-ins only: the school still waits for 和平社区.
    expect(asResident.reportIns).toEqual([{ status: 'ACCEPTED', area: { name: '幸福里社区' } }]);
    const signedOut = (await ok(UNIT, { id: unitId('school') })).unit;
    expect(signedOut.contactPhone).toBe('138****0004');
    const asStaff = (await ok(UNIT, { id: unitId('school') }, staff)).unit;
    expect(asStaff).toMatchObject({
      contactPhone: '13800000004',
      representatives: [{ displayName: '刘洋' }],
      availableActions: ['MANAGE_REPRESENTATIVES', 'DOWNLOAD_REPORT'],
      reportUrl: `/units/${unitId('school')}/report.pdf`,
    });
    const asRep = (await ok(UNIT, { id: unitId('school') }, unitRep)).unit;
    expect(asRep).toMatchObject({
      contactPhone: '13800000004',
      isMine: true,
      availableActions: ['REPORT_IN', 'OFFER_RESOURCE', 'PUBLISH_SERVICE', 'PLEDGE', 'DOWNLOAD_REPORT'],
    });
    expect(asRep.reportIns).toHaveLength(2);
    // 和平社区's staff: the school waits to report in to them, so they see that; its contact stays masked.
    const asOtherStaff = (await ok(UNIT, { id: unitId('school') }, otherCommunityStaff)).unit;
    expect(asOtherStaff.contactPhone).toBe('138****0004');
    expect(asOtherStaff.reportIns.map((r: { status: string }) => r.status).sort()).toEqual(['ACCEPTED', 'PENDING']);
    // The other street's administrator reads nothing more of 幸福街道's units.
    const asOtherStreet = (await ok(UNIT, { id: unitId('school') }, otherStreetAdmin)).unit;
    expect(asOtherStreet).toMatchObject({ representatives: [], reportUrl: null, availableActions: [] });
    expect((await ok(UNIT, { id: '99999999' })).unit).toBeNull();
    expect((await ok(UNIT, { id: 'abc' })).unit).toBeNull();
  });
});

describe('creating units', () => {
  it('lets staff over the area create one, once per idempotency key, audited', async () => {
    const before = await count('unit');
    const input = newUnit({ idempotencyKey: 'unit-create-key-1' });
    const first = (await ok(CREATE, { input }, staff)).createUnit;
    expect(first).toMatchObject({
      name: input.name,
      kind: 'PRIVATE_ENTERPRISE',
      area: { name: '幸福里社区' },
      contactPhone: '13700000001',
      representatives: [],
    });
    const again = (await ok(CREATE, { input }, staff)).createUnit;
    expect(again.id).toBe(first.id);
    expect(await count('unit')).toBe(before + 1);
    const audit = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'Unit' and target_id = ?`,
      [first.id],
    );
    expect(audit.map((row) => row.action)).toEqual(['unit.create']);
    const reused = await refusal(CREATE, { input: { ...input, name: '别的名字' } }, staff);
    expect(reused.code).toBe('CONFLICT');
  });

  it('refuses residents, representatives, staff of another community, the other street and visitors', async () => {
    const before = await count('unit');
    for (const as of [resident, unitRep, otherCommunityStaff, otherStreetAdmin]) {
      expect((await refusal(CREATE, { input: newUnit() }, as)).code, as).toBe('FORBIDDEN');
    }
    expect((await refusal(CREATE, { input: newUnit() })).code).toBe('UNAUTHENTICATED');
    expect((await refusal(CREATE, { input: newUnit({ areaId: '99999999' }) }, staff)).code).toBe('NOT_FOUND');
    expect(await count('unit')).toBe(before);
  });

  it('refuses bad input field by field, writing nothing', async () => {
    const before = await count('unit');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '  ' }, 'name', '此项必填。'],
      [{ name: '名'.repeat(101) }, 'name', '不能超过 100 个字。'],
      [{ name: 'a\u0000b' }, 'name', '含有不能保存的字符。'],
      [{ address: 'a\ud800' }, 'address', '含有不能保存的字符。'],
      [{ contactName: '' }, 'contactName', '此项必填。'],
      [{ contactPhone: '12345' }, 'contactPhone', '请输入 11 位手机号（1 开头）。'],
      [{ address: '址'.repeat(201) }, 'address', '不能超过 200 个字。'],
      [{ partyOrganization: '党'.repeat(101) }, 'partyOrganization', '不能超过 100 个字。'],
      [{ idempotencyKey: 'short' }, 'idempotencyKey', '请求编号格式不对（8 到 100 个字母、数字、- 或 _）。'],
      [{ name: DEMO_UNITS.school.name }, 'name', '这个区域已有同名单位。'],
    ];
    for (const [change, field, message] of cases) {
      const error = await refusal(CREATE, { input: newUnit(change) }, staff);
      expect(error, field).toMatchObject({ fields: { [field]: message } });
      expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(error.code);
    }
    expect((await refusal(CREATE, { input: newUnit({ kind: 'BAKERY' }) }, staff)).code).toBe('BAD_USER_INPUT');
    expect(await count('unit')).toBe(before);
  });

  it('creates one unit when the same key is sent many times at once', async () => {
    const before = await count('unit');
    const input = newUnit({ idempotencyKey: 'unit-create-concurrent' });
    const results = await Promise.all(Array.from({ length: 8 }, () => server.gql(CREATE, { input }, { as: staff })));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(new Set(results.map((r) => r.data.createUnit.id)).size).toBe(1);
    expect(await count('unit')).toBe(before + 1);
  });
});

describe('representatives', () => {
  it('are added by staff, granted UNIT_REP, told, and removed with the role', async () => {
    const unit = (await ok(CREATE, { input: newUnit() }, staff)).createUnit;
    const added = await ok(ADD_REP, { unitId: unit.id, userId: people[neighbour] }, staff);
    expect(added.addUnitRepresentative.representatives).toEqual([{ displayName: '孙志强' }]);
    const roles = () =>
      server.sql<{ role: string }>(`select role from role_assignment where user_id = ? and role = 'UNIT_REP'`, [
        Number(people[neighbour]),
      ]);
    expect(await roles()).toHaveLength(1);
    const told = await ok(
      `{ notifications(first: 1) { edges { node { kind body unit { id name } } } } }`,
      {},
      neighbour,
    );
    expect(told.notifications.edges[0].node).toEqual({
      kind: 'UNIT_REPRESENTATIVE_ADDED',
      body: `您现在代表${unit.name}参与社区共建。`,
      unit: { id: unit.id, name: unit.name },
    });
    // A new session sees the new role and the unit as theirs.
    const mine = await server.gql(`{ myUnits { id } }`, {}, { as: neighbour });
    expect(mine.data.myUnits).toEqual([{ id: unit.id }]);

    const twice = await refusal(ADD_REP, { unitId: unit.id, userId: people[neighbour] }, staff);
    expect(twice).toMatchObject({ code: 'CONFLICT', fields: { userId: '此人已是该单位的联络人。' } });

    const removed = await ok(REMOVE_REP, { unitId: unit.id, userId: people[neighbour] }, staff);
    expect(removed.removeUnitRepresentative.representatives).toEqual([]);
    expect(await roles()).toHaveLength(0);
    const notRep = await refusal(REMOVE_REP, { unitId: unit.id, userId: people[neighbour] }, staff);
    expect(notRep).toMatchObject({ code: 'BAD_USER_INPUT', fields: { userId: '此人不是该单位的联络人。' } });
    const audit = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'Unit' and target_id = ? order by id`,
      [unit.id],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'unit.create',
      'unit.representative_add',
      'unit.representative_remove',
    ]);
  });

  it('keeps UNIT_REP while the person still represents another unit of the area', async () => {
    const unit = (await ok(CREATE, { input: newUnit() }, staff)).createUnit;
    await ok(ADD_REP, { unitId: unit.id, userId: people[unitRep] }, staff);
    await ok(REMOVE_REP, { unitId: unit.id, userId: people[unitRep] }, staff);
    const held = await server.sql(`select 1 from role_assignment where user_id = ? and role = 'UNIT_REP'`, [
      Number(people[unitRep]),
    ]);
    expect(held).toHaveLength(1);
  });

  it('refuses people out of reach as unknown, and everyone but staff over the unit', async () => {
    const before = await count('unit_representative');
    const school = unitId('school');
    expect((await refusal(ADD_REP, { unitId: school, userId: people[otherStreetRep!] }, staff)).code).toBe('NOT_FOUND');
    expect((await refusal(ADD_REP, { unitId: school, userId: '99999999' }, staff)).code).toBe('NOT_FOUND');
    expect((await refusal(ADD_REP, { unitId: '99999999', userId: people[neighbour] }, staff)).code).toBe('NOT_FOUND');
    for (const as of [unitRep, resident, otherCommunityStaff, otherStreetAdmin]) {
      expect((await refusal(ADD_REP, { unitId: school, userId: people[neighbour] }, as)).code, as).toBe('FORBIDDEN');
      expect((await refusal(REMOVE_REP, { unitId: school, userId: people[unitRep] }, as)).code, as).toBe('FORBIDDEN');
    }
    expect(await count('unit_representative')).toBe(before);
  });

  it('adds a person once when asked many times at once', async () => {
    const unit = (await ok(CREATE, { input: newUnit() }, staff)).createUnit;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        server.gql(ADD_REP, { unitId: unit.id, userId: people[volunteer] }, { as: staff }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions.code)).toEqual(
      Array(7).fill('CONFLICT'),
    );
    const rows = await server.sql(`select 1 from unit_representative where unit_id = ?`, [Number(unit.id)]);
    expect(rows).toHaveLength(1);
  });
});

describe('report-ins (报到)', () => {
  it('a unit reports in to a community of its street, its staff accept, the representatives are told', async () => {
    const reported = (await ok(REPORT_IN, { unitId: unitId('school'), areaId: areas['光明社区'] }, unitRep)).reportIn;
    expect(reported).toMatchObject({
      status: 'PENDING',
      unit: { name: DEMO_UNITS.school.name },
      person: null,
      area: { name: '光明社区' },
    });
    // 幸福里's staff does not answer 光明社区's report-ins: to them it does not exist.
    expect((await refusal(ACCEPT, { id: reported.id }, staff)).code).toBe('NOT_FOUND');
    // The representative sees it, but may not answer it.
    expect((await refusal(ACCEPT, { id: reported.id }, unitRep)).code).toBe('FORBIDDEN');
    const todo = await ok(`{ myTodos { reportInsToAnswer } }`, {}, streetAdmin);
    expect(todo.myTodos.reportInsToAnswer).toBeGreaterThanOrEqual(1);
    const accepted = (await ok(ACCEPT, { id: reported.id }, streetAdmin)).acceptReportIn;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', availableActions: [] });
    expect((await refusal(ACCEPT, { id: reported.id }, streetAdmin)).code).toBe('INVALID_STATE');
    expect((await refusal(DECLINE, { id: reported.id, reason: '晚了' }, streetAdmin)).code).toBe('INVALID_STATE');
    const told = await ok(
      `{ notifications(first: 1) { edges { node { kind body reportIn { status } } } } }`,
      {},
      unitRep,
    );
    expect(told.notifications.edges[0].node).toEqual({
      kind: 'REPORT_IN_ACCEPTED',
      body: `${DEMO_UNITS.school.name}到光明社区的报到已被接受。`,
      reportIn: { status: 'ACCEPTED' },
    });
    const audit = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'ReportIn' and target_id = ?`,
      [reported.id],
    );
    expect(audit.map((row) => row.action)).toEqual(['reportIn.accept']);
    const twice = await refusal(REPORT_IN, { unitId: unitId('school'), areaId: areas['光明社区'] }, unitRep);
    expect(twice).toMatchObject({ code: 'CONFLICT', fields: { areaId: '已经向这个社区报到过（待确认或已确认）。' } });
  });

  it('tells the community staff of a new report-in, and lists it for them to answer', async () => {
    const reported = (await ok(REPORT_IN, { unitId: unitId('hospital'), areaId: areas['和平社区'] }, hospitalRep))
      .reportIn;
    const told = await ok(
      `{ notifications(first: 1) { edges { node { kind body reportIn { id availableActions } } } } }`,
      {},
      otherCommunityStaff,
    );
    expect(told.notifications.edges[0].node).toEqual({
      kind: 'REPORT_IN_RECEIVED',
      body: `${DEMO_UNITS.hospital.name}申请到和平社区报到，请确认。`,
      reportIn: { id: reported.id, availableActions: ['ACCEPT', 'DECLINE'] },
    });
    const inbox = await ok(
      `{ reportIns(filter: { statuses: [PENDING], ofUnits: true }) { totalCount edges { node { id unit { name } } } } }`,
      {},
      otherCommunityStaff,
    );
    expect(inbox.reportIns.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(reported.id);
    // 幸福里's staff does not see 和平社区's inbox; the hospital's representative sees its own.
    const elsewhere = await ok(`{ reportIns(first: 100) { edges { node { id } } } }`, {}, staff);
    expect(elsewhere.reportIns.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(reported.id);
    const own = await ok(`{ reportIns(first: 100) { edges { node { id } } } }`, {}, hospitalRep);
    expect(own.reportIns.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(reported.id);
    const declined = (await ok(DECLINE, { id: reported.id, reason: '本社区暂无对口需求' }, otherCommunityStaff))
      .declineReportIn;
    expect(declined).toEqual({ id: reported.id, status: 'DECLINED', reason: '本社区暂无对口需求' });
    // Declined, it may report in again.
    const again = await ok(REPORT_IN, { unitId: unitId('hospital'), areaId: areas['和平社区'] }, hospitalRep);
    expect(again.reportIn.status).toBe('PENDING');
  });

  it('a party member reports in to their home community, with their work unit; it shows on their profile', async () => {
    const reported = (await ok(REPORT_IN, { areaId: areas['幸福里社区'], workUnitId: unitId('hospital') }, neighbour))
      .reportIn;
    expect(reported).toMatchObject({
      status: 'PENDING',
      unit: null,
      person: { displayName: '孙志强' },
      workUnit: { name: DEMO_UNITS.hospital.name },
    });
    const profile = `query($id: ID!) { user(id: $id) { reportIns { id status area { name } } } }`;
    const me = await ok(`{ me { reportIns { id status } } }`, {}, neighbour);
    expect(me.me.reportIns).toEqual([{ id: reported.id, status: 'PENDING' }]);
    const asStaff = await server.gql(profile, { id: people[neighbour] }, { as: staff });
    expect(asStaff.data?.user?.reportIns).toEqual([
      { id: reported.id, status: 'PENDING', area: { name: '幸福里社区' } },
    ]);
    const declined = await ok(DECLINE, { id: reported.id, reason: '请先转接组织关系' }, staff);
    expect(declined.declineReportIn.status).toBe('DECLINED');
    const told = await ok(`{ notifications(first: 1) { edges { node { kind body } } } }`, {}, neighbour);
    expect(told.notifications.edges[0].node).toEqual({
      kind: 'REPORT_IN_DECLINED',
      body: '孙志强到幸福里社区的报到未被接受：请先转接组织关系',
    });
  });

  it('refuses what is not the reporter’s to do, and bad places, writing nothing', async () => {
    const before = await count('report_in');
    const school = unitId('school');
    expect((await refusal(REPORT_IN, { unitId: school, areaId: areas['东岭村'] }, hospitalRep)).code).toBe('FORBIDDEN');
    expect((await refusal(REPORT_IN, { unitId: '99999999', areaId: areas['东岭村'] }, unitRep)).code).toBe('NOT_FOUND');
    expect((await refusal(REPORT_IN, { unitId: school, areaId: areas['东岭村'] })).code).toBe('UNAUTHENTICATED');
    const cases: [Record<string, unknown>, string, string, string][] = [
      [{ unitId: school, areaId: areas['朝阳社区'] }, unitRep, 'areaId', '单位只能向所在街道的社区报到。'],
      [{ unitId: school, areaId: areas['幸福里第一网格'] }, unitRep, 'areaId', '报到要选择社区或村。'],
      [{ unitId: school, areaId: '99999999' }, unitRep, 'areaId', '找不到要找的内容，可能已被删除。'],
      [
        { unitId: school, areaId: areas['东岭村'], workUnitId: school },
        unitRep,
        'workUnitId',
        '工作单位只在党员个人报到时填写。',
      ],
      [{ areaId: areas['和平社区'] }, resident, 'areaId', '在职党员到居住地所在的社区报到。'],
      [
        { areaId: areas['幸福里社区'], workUnitId: '99999999' },
        resident,
        'workUnitId',
        '找不到要找的内容，可能已被删除。',
      ],
    ];
    for (const [args, as, field, message] of cases) {
      const error = await refusal(REPORT_IN, args, as);
      expect(error, JSON.stringify(args)).toMatchObject({ code: 'BAD_USER_INPUT', fields: { [field]: message } });
    }
    const reason = await refusal(DECLINE, { id: '1', reason: '  ' }, staff);
    expect(reason).toMatchObject({ code: 'BAD_USER_INPUT', fields: { reason: '此项必填。' } });
    const long = await refusal(DECLINE, { id: '1', reason: '因'.repeat(501) }, staff);
    expect(long).toMatchObject({ code: 'BAD_USER_INPUT', fields: { reason: '不能超过 500 个字。' } });
    expect((await refusal(ACCEPT, { id: '99999999' }, staff)).code).toBe('NOT_FOUND');
    expect(await count('report_in')).toBe(before);
  });

  it('takes one report-in of many sent at once, and one answer of many', async () => {
    const propertyRep = DEMO_UNITS.property.representatives[0]!;
    await server.tokenFor(propertyRep);
    const sent = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.gql(REPORT_IN, { unitId: unitId('property'), areaId: areas['和平社区'] }, { as: propertyRep }),
      ),
    );
    const created = sent.filter((r) => !r.errors);
    expect(created).toHaveLength(1);
    expect(sent.filter((r) => r.errors).every((r) => r.errors![0]!.extensions.code === 'CONFLICT')).toBe(true);
    const id = created[0]!.data.reportIn.id;
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => server.gql(ACCEPT, { id }, { as: otherCommunityStaff })),
      ...Array.from({ length: 4 }, () => server.gql(DECLINE, { id, reason: '重复' }, { as: otherCommunityStaff })),
    ]);
    expect(answers.filter((r) => !r.errors)).toHaveLength(1);
    expect(answers.filter((r) => r.errors).every((r) => r.errors![0]!.extensions.code === 'INVALID_STATE')).toBe(true);
    const audit = await server.sql(`select 1 from audit_entry where target_type = 'ReportIn' and target_id = ?`, [id]);
    expect(audit).toHaveLength(1);
  });

  it('counts the report-ins waiting in the areas the viewer answers', async () => {
    const waiting = async (as: string) =>
      (await ok(`{ myTodos { reportInsToAnswer } }`, {}, as)).myTodos.reportInsToAnswer;
    const rows = await server.sql<{ n: string }>(
      `select count(*) n from report_in r join area a on a.id = r.area_id where r.status = 'PENDING' and a.name = '幸福里社区'`,
    );
    expect(await waiting(staff)).toBe(Number(rows[0]!.n));
    expect(await waiting(staff)).toBeGreaterThan(0);
    expect(await waiting(resident)).toBe(0);
    expect(await waiting(gridWorker)).toBe(0);
  });
});

describe('the audit log of units', () => {
  it('reads unit and report-in entries in words', async () => {
    const unit = (await ok(CREATE, { input: newUnit() }, staff)).createUnit;
    await ok(ADD_REP, { unitId: unit.id, userId: people[neighbour] }, staff);
    const log = await ok(
      `query($areaId: ID!) { auditLog(areaId: $areaId, actions: [UNIT_CREATE, UNIT_REPRESENTATIVE_ADD, UNIT_REPORT_IN_DECLINE], first: 100) {
         edges { node { action targetType targetLabel changes { label after } } } } }`,
      { areaId: areas['幸福街道'] },
      streetAdmin,
    );
    const nodes = log.auditLog.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toContainEqual({
      action: 'UNIT_REPRESENTATIVE_ADD',
      targetType: 'UNIT',
      targetLabel: unit.name,
      changes: [{ label: '人员', after: '孙志强' }],
    });
    expect(nodes).toContainEqual(expect.objectContaining({ action: 'UNIT_CREATE', targetLabel: unit.name }));
    expect(nodes).toContainEqual(
      expect.objectContaining({
        action: 'UNIT_REPORT_IN_DECLINE',
        targetType: 'REPORT_IN',
        targetLabel: '孙志强',
        changes: [
          { label: '报到状态', after: '未接受' },
          { label: '原因', after: '请先转接组织关系' },
        ],
      }),
    );
  });
});

describe('write limits', () => {
  it('refuses a person reporting in more than 30 times an hour, whatever the outcome', async () => {
    const attempts = [];
    for (let i = 0; i < 31; i++)
      attempts.push(await server.gql(REPORT_IN, { areaId: areas['光明社区'] }, { as: volunteer }));
    expect(attempts.slice(0, 30).every((r) => r.errors?.[0]?.extensions.code === 'BAD_USER_INPUT')).toBe(true);
    expect(attempts[30]!.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
  });
});
