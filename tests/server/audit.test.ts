import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;

const AUDIT = `query($areaId: ID!, $actions: [AuditAction!], $first: Int, $after: String) {
  auditLog(areaId: $areaId, actions: $actions, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { action targetType targetId area { name } actor { displayName } before after at } }
  }
}`;
const CREATE = 'mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }';

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  const as = { as: DEMO_ACCOUNTS.streetAdmin };
  await server.gql(CREATE, { input: { name: '幸福里第三网格', kind: 'GRID', parentId: ids['幸福里社区'] } }, as);
  await server.gql(CREATE, { input: { name: '和平第三网格', kind: 'GRID', parentId: ids['和平社区'] } }, as);
});
afterAll(() => server?.close());

describe('auditLog', () => {
  it('shows community staff the changes in their community only, newest first', async () => {
    const result = await server.gql(
      AUDIT,
      { areaId: ids['幸福里社区'], actions: ['AREA_CREATE'], first: 100 },
      { as: DEMO_ACCOUNTS.communityStaff },
    );
    const names = result.data.auditLog.edges.map((e: { node: { after: { name: string } } }) => e.node.after.name);
    expect(names[0]).toBe('幸福里第三网格');
    expect(names).not.toContain('和平第三网格');
    expect(result.data.auditLog.edges[0].node).toMatchObject({
      action: 'AREA_CREATE',
      targetType: 'AREA',
      area: { name: '幸福里第三网格' },
      actor: { displayName: '王建国' },
      before: null,
    });
  });

  it('filters by several actions and pages with cursors', async () => {
    const as = { as: DEMO_ACCOUNTS.streetAdmin };
    const page = await server.gql(
      AUDIT,
      { areaId: ids['幸福街道'], actions: ['AREA_CREATE', 'AREA_RENAME'], first: 3 },
      as,
    );
    expect(page.data.auditLog.edges).toHaveLength(3);
    expect(page.data.auditLog.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql(
      AUDIT,
      {
        areaId: ids['幸福街道'],
        actions: ['AREA_CREATE', 'AREA_RENAME'],
        first: 3,
        after: page.data.auditLog.pageInfo.endCursor,
      },
      as,
    );
    expect(next.data.auditLog.edges[0].node.targetId).not.toBe(page.data.auditLog.edges[2].node.targetId);
  });

  it('names the needs actions and targets as enums, stored as the strings they always were', async () => {
    const raised = await server.gql(
      'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }',
      { input: { title: '楼道灯坏了', description: '', category: 'REPAIR', areaId: ids['1号楼'] } },
      { as: DEMO_ACCOUNTS.resident },
    );
    const needId = raised.data.raiseNeed.id as string;
    const staff = { as: DEMO_ACCOUNTS.communityStaff };
    expect(
      (await server.gql('mutation($id: ID!) { acceptNeed(id: $id) { id } }', { id: needId }, staff)).errors,
    ).toBeUndefined();
    const accepted = await server.gql(AUDIT, { areaId: ids['幸福里社区'], actions: ['NEED_ACCEPT'], first: 1 }, staff);
    expect(accepted.data.auditLog.edges[0].node).toMatchObject({
      action: 'NEED_ACCEPT',
      targetType: 'NEED',
      targetId: needId,
      actor: { displayName: '李秀英' },
    });
    const [stored] = await server.sql<{ action: string; target_type: string }>(
      'select action, target_type from audit_entry where target_id = ? order by id desc limit 1',
      [needId],
    );
    expect(stored).toEqual({ action: 'need.accept', target_type: 'Need' });

    const admin = { as: DEMO_ACCOUNTS.streetAdmin };
    const set = await server.gql(
      `mutation($s: ID!) {
        setNeedDeadline(streetId: $s, category: REPAIR, urgency: LOW, respondHours: 24, resolveHours: 120) { category }
      }`,
      { s: ids['幸福街道'] },
      admin,
    );
    expect(set.errors).toBeUndefined();
    const deadlines = await server.gql(
      AUDIT,
      { areaId: ids['幸福街道'], actions: ['NEED_DEADLINE_SET'], first: 1 },
      admin,
    );
    expect(deadlines.data.auditLog.edges[0].node).toMatchObject({
      action: 'NEED_DEADLINE_SET',
      targetType: 'NEED_DEADLINE_POLICY',
      targetId: `${ids['幸福街道']}:REPAIR:LOW`,
    });
  });

  it('refuses an action that is not in the enum, such as the stored string', async () => {
    const result = await server.gql(
      AUDIT,
      { areaId: ids['幸福里社区'], actions: ['area.create'] },
      { as: DEMO_ACCOUNTS.communityStaff },
    );
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeUndefined();
  });

  it('is refused to residents, grid workers, other communities and other streets', async () => {
    for (const phone of [
      DEMO_ACCOUNTS.resident,
      DEMO_ACCOUNTS.gridWorker,
      DEMO_ACCOUNTS.otherCommunityStaff,
      DEMO_ACCOUNTS.otherStreetAdmin,
    ]) {
      const result = await server.gql(AUDIT, { areaId: ids['幸福里社区'] }, { as: phone });
      expect(result.errors?.[0]?.extensions.code, phone).toBe('FORBIDDEN');
    }
    expect((await server.gql(AUDIT, { areaId: ids['幸福里社区'] })).errors?.[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('costs the same number of SQL statements for 5 or 50 entries with actor and area', async () => {
    const as = { as: DEMO_ACCOUNTS.streetAdmin };
    await server.tokenFor(DEMO_ACCOUNTS.streetAdmin);
    const small = await server.countQueries(() => server.gql(AUDIT, { areaId: ids['幸福街道'], first: 5 }, as));
    const large = await server.countQueries(() => server.gql(AUDIT, { areaId: ids['幸福街道'], first: 50 }, as));
    // A larger page may meet people the smaller lacks (a unit's representative whose home area no
    // entry names): one more batch for the page, never one per entry.
    expect(large).toBeLessThanOrEqual(small + 1);
  });
});
