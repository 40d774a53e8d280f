import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMMITTEES, DEMO_TOPICS } from '../../server/src/seed/demo-council.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let areas: Record<string, string>;
beforeAll(async () => {
  server = await createTestServer();
  areas = await server.areaIds();
});
afterAll(() => server?.close());

const { resident, neighbour, communityStaff, unitRep, otherCommunityStaff, gridWorker } = DEMO_ACCOUNTS;

async function ok<T = any>(query: string, variables: Record<string, unknown>, as?: string): Promise<T> {
  const result = await server.gql(query, variables, as ? { as } : {});
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

describe('the deliberation demo: households, committees, topics', () => {
  it('registers households in 幸福里第一网格 1–3号楼, the demo resident representing and owning 1号楼 1单元101', async () => {
    const mine = await ok(
      '{ myHouseholds { label building { name } representative { displayName } members { isOwner adult user { displayName } } } }',
      {},
      resident,
    );
    expect(mine.myHouseholds).toHaveLength(1);
    const home = mine.myHouseholds[0];
    expect(home).toMatchObject({
      label: '1单元101',
      building: { name: '1号楼' },
      representative: { displayName: '赵桂兰' },
    });
    expect(home.members).toContainEqual({ isOwner: true, adult: true, user: { displayName: '赵桂兰' } });
    expect(home.members.some((m: any) => !m.adult)).toBe(true);
    const neighbours = await ok('{ myHouseholds { building { name } } }', {}, neighbour);
    expect(neighbours.myHouseholds).toEqual([{ building: { name: '2号楼' } }]);
    const listed = await ok(
      'query($a: ID!) { households(areaId: $a, first: 100) { totalCount edges { node { floorArea members { isOwner } } } } }',
      { a: areas['幸福里第一网格'] },
      gridWorker,
    );
    expect(listed.households.totalCount).toBeGreaterThanOrEqual(12);
    const building3 = await ok(
      'query($a: ID!) { households(areaId: $a, first: 100) { edges { node { floorArea members { isOwner } } } } }',
      { a: areas['3号楼'] },
      communityStaff,
    );
    // The owners' vote on the elevator needs every flat's floor area.
    for (const { node } of building3.households.edges) {
      expect(node.floorArea).toBeGreaterThanOrEqual(60);
      expect(node.floorArea).toBeLessThanOrEqual(140);
      expect(node.members.some((m: any) => m.isOwner)).toBe(true);
    }
  });

  it('has the two committees, the school’s contact part-time in the community’s, the other community’s staff in neither', async () => {
    const committees = await ok(
      `query($a: ID!) { committees(areaId: $a) { name kind active members { title seat user { displayName } unit { name } } } }`,
      { a: areas['幸福街道'] },
    );
    expect(committees.committees.map((c: any) => c.name).sort()).toEqual(
      [DEMO_COMMITTEES.streetWorking, DEMO_COMMITTEES.communityParty].sort(),
    );
    expect(committees.committees.every((c: any) => c.active)).toBe(true);
    const party = committees.committees.find((c: any) => c.name === DEMO_COMMITTEES.communityParty);
    expect(party.members).toContainEqual({
      title: '书记',
      seat: 'STANDING',
      user: { displayName: '李秀英' },
      unit: null,
    });
    expect(party.members).toContainEqual({
      title: '兼职委员',
      seat: 'PART_TIME',
      user: { displayName: '刘洋' },
      unit: { name: '幸福街道第一小学' },
    });
    const names = committees.committees.flatMap((c: any) => c.members.map((m: any) => m.user.displayName));
    expect(names).not.toContain('吴丽娟');
    expect((await ok('{ myCommittees { name } }', {}, unitRep)).myCommittees).toEqual([
      { name: DEMO_COMMITTEES.communityParty },
    ]);
    expect((await ok('{ myCommittees { name } }', {}, otherCommunityStaff)).myCommittees).toEqual([]);
    const [granted] = await server.sql<{ n: number }>(
      `select count(*)::int n from role_assignment ra join app_user u on u.id = ra.user_id
        where u.phone = ? and ra.role = 'COMMITTEE_MEMBER' and ra.area_id = ?`,
      [unitRep, Number(areas['幸福里社区'])],
    );
    expect(granted!.n).toBe(1);
  });

  it('has the four topics in their states', async () => {
    const topics = await ok(
      `query($a: ID!) { topics(filter: { areaId: $a }, first: 100) { edges { node { title status supporterCount need { id } proposer { displayName } } } } }`,
      { a: areas['幸福里社区'] },
      resident,
    );
    const byTitle = new Map(topics.topics.edges.map((e: any) => [e.node.title, e.node]));
    // Parking reached the threshold and is on the upcoming meeting's agenda; the elevator was voted on and passed.
    expect(byTitle.get(DEMO_TOPICS.parking)).toMatchObject({ status: 'SCHEDULED' });
    expect((byTitle.get(DEMO_TOPICS.parking) as any).supporterCount).toBeGreaterThanOrEqual(10);
    expect(byTitle.get(DEMO_TOPICS.elevator)).toMatchObject({ status: 'PASSED' });
    expect(byTitle.get(DEMO_TOPICS.lighting)).toMatchObject({
      status: 'PROPOSED',
      supporterCount: 3,
      proposer: { displayName: '赵桂兰' },
    });
    expect(byTitle.get(DEMO_TOPICS.squareDance)).toMatchObject({ status: 'DECLINED' });
    expect((await ok('{ myTodos { topicsToReview } }', {}, communityStaff)).myTodos.topicsToReview).toBe(1);
  });
});
