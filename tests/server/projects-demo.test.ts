import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server?.close());

const LIST = `query($filter: ProjectFilter) { projects(filter: $filter) { totalCount edges { node {
  title status area { name } budget progress contributedValue availableActions
  needs { title } tasks { title done overdue ownerUnit { name } owner { displayName } }
  contributions { kind value description unit { name } contributorName } } } } }`;

describe('the demo projects', () => {
  it('show the pocket garden of 幸福里社区 under way, to anyone', async () => {
    const result = await server.gql(LIST, { filter: { search: '口袋公园', statuses: ['ACTIVE'] } });
    expect(result.errors).toBeUndefined();
    const garden = result.data.projects.edges[0].node;
    expect(garden).toMatchObject({
      title: '幸福里口袋公园',
      status: 'ACTIVE',
      area: { name: '幸福里社区' },
      progress: 0.5,
      contributedValue: 30650,
      availableActions: [],
    });
    expect(garden.needs).toHaveLength(3);
    expect(garden.tasks.map((t: { ownerUnit: { name: string } | null }) => t.ownerUnit?.name ?? null)).toEqual([
      null,
      '安居物业幸福里项目部',
      '幸福街道第一小学',
      '国网幸福供电所',
    ]);
    expect(
      garden.contributions.map(
        (c: { unit: { name: string } | null; contributorName: string | null }) => c.unit?.name ?? c.contributorName,
      ),
    ).toEqual(['工商银行幸福支行', '安居物业幸福里项目部', '孙**', '幸福街道第一小学', null]);
  });

  it('show a finished project in 和平社区, and the pocket garden to its staff as theirs to run', async () => {
    const done = await server.gql(LIST, { filter: { statuses: ['DONE'] } });
    expect(done.data.projects.edges.map((e: { node: { title: string; area: { name: string } } }) => e.node)).toEqual([
      expect.objectContaining({ title: '和平社区背街小巷路面修补', area: { name: '和平社区' }, progress: 1 }),
    ]);
    const asStaff = await server.gql(LIST, { filter: { search: '口袋公园' } }, { as: DEMO_ACCOUNTS.communityStaff });
    expect(asStaff.data.projects.edges[0].node.availableActions).toContain('ADD_TASK');
  });
});
