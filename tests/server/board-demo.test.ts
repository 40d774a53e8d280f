import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VOTES } from '../../server/src/seed/demo-council.data.js';
import { DEMO_OBJECTIONS, DEMO_RESOLUTIONS, seedDemoBoard } from '../../server/src/seed/demo-board.js';
import { insertClosedVote } from '../helpers/council.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  // The demo's elevator vote comes from the votes' seeder; where it has not run, plant the vote as it
  // leaves it (closed, passed, published) and play the board's seeder on it.
  const [seeded] = await server.sql('select id from vote where title = ?', [DEMO_VOTES.elevator]);
  if (!seeded) {
    const userIds = await server.userIds();
    await insertClosedVote(server, {
      areaId: ids['3号楼']!,
      openedById: userIds[DEMO_ACCOUNTS.communityStaff]!,
      title: DEMO_VOTES.elevator,
      electorate: 'OWNERS',
      rulePreset: 'OWNERS_MAJOR',
      options: [
        { label: '赞成', count: 9, area: 860 },
        { label: '反对', count: 1, area: 90 },
        { label: '弃权', count: 0, area: 0 },
      ],
      eligibleCount: 10,
      publishedHoursAgo: 48,
    });
    await server.app.orm.em.fork().transactional((tx) => seedDemoBoard(tx));
  }
}, 120_000);
afterAll(() => server?.close());

describe('the demo board', () => {
  it('shows the elevator vote with one answered and one open objection, its resolution at 40 % and a late one', async () => {
    const result = await server.gql(
      `query($areaId: ID!) { publicBoard(areaId: $areaId, first: 50) { edges { node { kind
        vote { title objections { reason answer } }
        resolution { title percent late ownerUnit { name } ownerUser { displayName } updates { percent } } } } } }`,
      { areaId: ids['幸福里社区'] },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data.publicBoard.edges.map((edge: any) => edge.node);
    const vote = nodes.find((node: any) => node.vote?.title === DEMO_VOTES.elevator).vote;
    expect(vote.objections).toEqual([
      { reason: DEMO_OBJECTIONS.answered, answer: DEMO_OBJECTIONS.answer },
      { reason: DEMO_OBJECTIONS.open, answer: null },
    ]);
    const resolutions = new Map(
      nodes.filter((node: any) => node.resolution).map((node: any) => [node.resolution.title, node.resolution]),
    );
    expect(resolutions.get(DEMO_RESOLUTIONS.elevator)).toEqual({
      title: DEMO_RESOLUTIONS.elevator,
      percent: 40,
      late: false,
      ownerUnit: { name: '安居物业幸福里项目部' },
      ownerUser: null,
      updates: [{ percent: 20 }, { percent: 40 }],
    });
    expect(resolutions.get(DEMO_RESOLUTIONS.late)).toMatchObject({ late: true, ownerUser: { displayName: '张伟' } });
    // The unanswered objection waits for 李秀英; the late resolution is 张伟's to-do.
    const staffTodos = await server.gql('{ myTodos { objectionsToAnswer } }', {}, { as: DEMO_ACCOUNTS.communityStaff });
    expect(staffTodos.data.myTodos.objectionsToAnswer).toBeGreaterThanOrEqual(1);
    const workerTodos = await server.gql('{ myTodos { lateResolutions } }', {}, { as: DEMO_ACCOUNTS.gridWorker });
    expect(workerTodos.data.myTodos.lateResolutions).toBe(1);
  });
});
