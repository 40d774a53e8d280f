import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, valueInWords } from '../../server/src/audit/audit.reading.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

const { streetAdmin, communityStaff, gridWorker, resident, otherStreetAdmin, otherCommunityStaff } = DEMO_ACCOUNTS;

const AUDIT = `query($areaId: ID!, $actions: [AuditAction!], $actorIds: [ID!], $from: DateTime, $to: DateTime, $first: Int) {
  auditLog(areaId: $areaId, actions: $actions, actorIds: $actorIds, from: $from, to: $to, first: $first) {
    totalCount
    edges { node { action targetType targetId targetLabel at actor { displayName } changes { field label before after } } }
  }
}`;

interface Node {
  action: string;
  targetId: string;
  targetLabel: string | null;
  at: string;
  actor: { displayName: string } | null;
  changes: { field: string; label: string; before: string | null; after: string | null }[];
}

let server: TestServer;
let areas: Record<string, string>;
let users: Record<string, string>;
let needId: string;
let startedAt: string;

const log = async (as: string, variables: Record<string, unknown>, language?: string): Promise<Node[]> => {
  const result = await server.gql(
    AUDIT,
    { first: 100, ...variables },
    { as, ...(language ? { headers: { 'accept-language': language } } : {}) },
  );
  expect(result.errors).toBeUndefined();
  return result.data.auditLog.edges.map((edge: { node: Node }) => edge.node);
};
/** The newest entry of an action, in the viewer's own area. */
const newest = async (as: string, action: string, language?: string) => {
  const area = as === communityStaff ? '幸福里社区' : '幸福街道';
  return (await log(as, { areaId: areas[area], actions: [action], first: 1 }, language))[0]!;
};

beforeAll(async () => {
  server = await createTestServer();
  areas = await server.areaIds();
  users = await server.userIds();
  startedAt = new Date((await server.sql<{ now: string }>('select now() as now'))[0]!.now).toISOString();
  const ok = async (query: string, variables: Record<string, unknown>, as: string) => {
    const result = await server.gql(query, variables, { as, remoteAddress: '192.0.2.1' });
    expect(result.errors, query).toBeUndefined();
    return result.data;
  };
  const raised = await ok(
    'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }',
    {
      input: { title: '三楼水管漏水', description: '', category: 'REPAIR', areaId: areas['1号楼'], isPublic: false },
    },
    resident,
  );
  needId = raised.raiseNeed.id;
  await ok('mutation($id: ID!) { acceptNeed(id: $id) { id } }', { id: needId }, gridWorker);
  await ok(
    'mutation($id: ID!, $u: ID) { assignNeed(id: $id, assigneeUserId: $u) { id } }',
    { id: needId, u: users[gridWorker] },
    communityStaff,
  );
  await ok(
    `mutation($s: ID!) {
      setNeedDeadline(streetId: $s, category: REPAIR, urgency: LOW, respondHours: 7, resolveHours: 77) { category } }`,
    { s: areas['幸福街道'] },
    streetAdmin,
  );
  await ok(
    'mutation($input: UpdateAreaInput!) { updateArea(input: $input) { id } }',
    { input: { id: areas['光明社区'], name: '光明新社区' } },
    streetAdmin,
  );
  await ok(
    'mutation($u: ID!, $a: ID!) { assignRole(userId: $u, role: VOLUNTEER, areaId: $a) { id } }',
    { u: users['13800000007'], a: areas['幸福里社区'] },
    streetAdmin,
  );
  // 忘记密码 for the resident: the code read from the outbox as her phone would get it.
  await ok(
    'mutation($p: String!) { requestSignInCode(phone: $p, purpose: RESET_PASSWORD) }',
    { p: resident },
    resident,
  );
  const [sent] = await server.sql<{ code: string }>(
    `select params->>'code' as code from outbox_message where recipient = ? order by id desc limit 1`,
    [resident],
  );
  await ok(
    'mutation($p: String!, $c: String!) { resetPassword(phone: $p, code: $c, newPassword: "new-password-1") { token } }',
    { p: resident, c: sent!.code },
    resident,
  );
});
afterAll(() => server?.close());

describe('the audit log in words', () => {
  it('names a need by its title for staff, and not for an administrator who may not see the private need', async () => {
    const forStaff = (
      await log(communityStaff, { areaId: areas['幸福里社区'], actions: ['NEED_ASSIGN'], first: 1 })
    )[0]!;
    expect(forStaff).toMatchObject({ targetId: needId, targetLabel: '三楼水管漏水' });
    const forAdmin = await newest(streetAdmin, 'NEED_ASSIGN');
    expect(forAdmin.targetId).toBe(needId);
    expect(forAdmin.targetLabel).toBeNull();
  });

  it('shows a need’s step field by field: the status in words, the assignee by name (zh-CN and en)', async () => {
    const zh = await newest(communityStaff, 'NEED_ASSIGN');
    expect(zh.changes).toEqual([
      { field: 'status', label: '状态', before: '已受理', after: '已派单' },
      { field: 'assigneeId', label: '承办人', before: null, after: '张伟' },
    ]);
    const en = await newest(communityStaff, 'NEED_ASSIGN', 'en');
    expect(en.changes).toEqual([
      { field: 'status', label: 'Status', before: 'Accepted', after: 'Assigned' },
      { field: 'assigneeId', label: 'Assignee', before: null, after: '张伟' },
    ]);
  });

  it('names areas, role assignments, deadline policies and password resets in words', async () => {
    const rename = await newest(streetAdmin, 'AREA_RENAME');
    expect(rename.targetLabel).toBe('光明新社区');
    expect(rename.changes).toEqual([{ field: 'name', label: '名称', before: '光明社区', after: '光明新社区' }]);

    const role = await newest(streetAdmin, 'ROLE_ASSIGN');
    expect(role.targetLabel).toBe('孙志强');
    expect(role.changes).toEqual([
      { field: 'role', label: '角色', before: null, after: '志愿者' },
      { field: 'userId', label: '人员', before: null, after: '孙志强' },
      { field: 'areaId', label: '区域', before: null, after: '幸福里社区' },
    ]);
    const roleEn = await newest(streetAdmin, 'ROLE_ASSIGN', 'en');
    expect(roleEn.changes.map((change) => [change.label, change.after])).toEqual([
      ['Role', 'Volunteer'],
      ['Person', '孙志强'],
      ['Area', '幸福里社区'],
    ]);

    const deadline = await newest(streetAdmin, 'NEED_DEADLINE_SET');
    expect(deadline.targetLabel).toBe('维修设施 × 不急');
    expect(deadline.changes).toEqual([
      { field: 'respondHours', label: '响应时限（小时）', before: expect.any(String), after: '7' },
      { field: 'resolveHours', label: '解决时限（小时）', before: expect.any(String), after: '77' },
    ]);
    expect((await newest(streetAdmin, 'NEED_DEADLINE_SET', 'en')).targetLabel).toBe('Repairs × Not urgent');

    const reset = await newest(communityStaff, 'ACCOUNT_PASSWORD_RESET');
    expect(reset).toMatchObject({ targetLabel: '赵桂兰', actor: { displayName: '赵桂兰' }, changes: [] });
  });

  it('filters by several people, several actions and a time range at once', async () => {
    const street = areas['幸福街道'];
    const byTwo = await log(streetAdmin, {
      areaId: street,
      actorIds: [users[streetAdmin], users[communityStaff]],
      from: startedAt,
    });
    expect(new Set(byTwo.map((node) => node.actor?.displayName))).toEqual(new Set(['王建国', '李秀英']));
    expect(byTwo.map((node) => node.action).sort()).toEqual(
      ['AREA_RENAME', 'NEED_ASSIGN', 'NEED_DEADLINE_SET', 'ROLE_ASSIGN'].sort(),
    );
    const actionsAndPeople = await log(streetAdmin, {
      areaId: street,
      actorIds: [users[streetAdmin], users[gridWorker]],
      actions: ['NEED_ACCEPT', 'AREA_RENAME'],
      from: startedAt,
    });
    expect(actionsAndPeople.map((node) => node.action).sort()).toEqual(['AREA_RENAME', 'NEED_ACCEPT']);
    // Before the test's changes: none of them.
    const before = await log(streetAdmin, { areaId: street, actorIds: [users[streetAdmin]], to: startedAt });
    expect(before.map((node) => node.action)).not.toContain('AREA_RENAME');
    // Ids of people elsewhere, or no ids at all, match nothing; they are not an error.
    for (const actorIds of [[users[otherStreetAdmin]], ['abc', '0'], ['99999999']]) {
      expect(await log(streetAdmin, { areaId: street, actorIds }), String(actorIds)).toEqual([]);
    }
  });

  it('is still refused outside the viewer’s areas, with the new filters too', async () => {
    for (const [as, area] of [
      [otherStreetAdmin, '幸福街道'],
      [otherCommunityStaff, '幸福里社区'],
      [gridWorker, '幸福里社区'],
    ] as const) {
      const result = await server.gql(AUDIT, { areaId: areas[area], actorIds: [users[streetAdmin]] }, { as });
      expect(result.errors?.[0]?.extensions.code, as).toBe('FORBIDDEN');
    }
    const unknown = await server.gql(AUDIT, { areaId: '99999999' }, { as: streetAdmin });
    expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const tooMany = await server.gql(
      AUDIT,
      { areaId: areas['幸福街道'], actorIds: Array.from({ length: 101 }, (_, i) => String(i + 1)) },
      { as: streetAdmin },
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { actorIds: '最多选 100 项。' },
    });
  });

  it('costs the same SQL statements for 5 or 50 entries with their labels and changes', async () => {
    await server.tokenFor(streetAdmin);
    // The actor's masked name is covered by audit.test.ts; its cost depends on whom the page names.
    // Only the kinds this test wrote: the demo seed adds entries of other features' targets further down the log.
    const query = `query($areaId: ID!, $first: Int) {
      auditLog(areaId: $areaId, first: $first, actions: [ACCOUNT_PASSWORD_RESET, AREA_RENAME, NEED_ASSIGN, NEED_DEADLINE_SET, ROLE_ASSIGN]) {
        edges { node { action targetLabel changes { label before after } } } } }`;
    const count = (first: number) =>
      server.countQueries(() => server.gql(query, { areaId: areas['幸福街道'], first }, { as: streetAdmin }));
    const small = await count(5);
    // The newest five hold every kind of target (need, deadline, area, role, account), as the fifty do.
    const kinds = (await log(streetAdmin, { areaId: areas['幸福街道'], first: 5 })).map((node) => node.action);
    expect(kinds.sort()).toEqual([
      'ACCOUNT_PASSWORD_RESET',
      'AREA_RENAME',
      'NEED_ASSIGN',
      'NEED_DEADLINE_SET',
      'ROLE_ASSIGN',
    ]);
    expect(await count(50)).toBe(small);
  });
});

describe('changes (no database)', () => {
  const fields = { status: { label: 'needExport.status' as const, value: { words: 'needStatus.' } } };

  it('keeps the declared fields that changed, or every present one of a creation', () => {
    expect(changedFields({ status: 'A', other: 1 }, { status: 'A', other: 2 }, fields)).toEqual([]);
    expect(changedFields({ status: 'A' }, { status: 'B' }, fields).map((change) => change.field)).toEqual(['status']);
    expect(changedFields(null, { name: 'x', kind: null }, undefined).map((change) => change.field)).toEqual(['name']);
  });

  it('puts values in words, leaving unknown ones as they are', () => {
    const names = { people: new Map([[3, '张伟']]), areas: new Map<number, string>() };
    expect(valueInWords('3', { label: 'needExport.assignee', value: 'person' }, 'zh-CN', names)).toBe('张伟');
    expect(valueInWords(4, { label: 'needExport.assignee', value: 'person' }, 'zh-CN', names)).toBe('4');
    expect(valueInWords(null, null, 'zh-CN', names)).toBeNull();
    expect(valueInWords(12, null, 'en', names)).toBe('12');
  });
});
