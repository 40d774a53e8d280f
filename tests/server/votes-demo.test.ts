import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VOTES } from '../../server/src/seed/demo-council.data.js';
import { seedDemoVotes } from '../../server/src/seed/demo-votes.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

// The demo's votes (seed/demo-votes.ts): what a visitor finds on first start.

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server?.close());

const FIELDS = `id title status secret electorate rulePreset ballotsCast results { count } outcome publishedAt publicityEndsAt
  viewerEligible viewerHasVoted availableActions topic { title status }`;

async function voteTitled(title: string, as?: string) {
  const [row] = await server.sql<{ id: number }>('select id from vote where title = ? order by id desc limit 1', [
    title,
  ]);
  if (!row) return null;
  const result = await server.gql(
    `query($id: ID!) { vote(id: $id) { ${FIELDS} } }`,
    { id: String(row.id) },
    as ? { as } : {},
  );
  return result.data.vote;
}

describe('demo votes', () => {
  it('has the open, secret parking vote of 幸福里社区 waiting for the demo resident', async () => {
    const parking = await voteTitled(DEMO_VOTES.parking, DEMO_ACCOUNTS.resident);
    expect(parking).toMatchObject({
      status: 'OPEN',
      secret: true,
      electorate: 'RESIDENTS',
      ballotsCast: 4,
      results: null,
      viewerEligible: true,
      viewerHasVoted: false,
      availableActions: ['CAST'],
    });
    const todos = await server.gql('{ myTodos { votesToCast } }', {}, { as: DEMO_ACCOUNTS.resident });
    expect(todos.data.myTodos.votesToCast).toBeGreaterThanOrEqual(1);
  });

  it('has the elevator vote of 3号楼’s owners passed and on the board, once the demo has its owners', async () => {
    const [owned] = await server.sql<{ n: number }>(
      `select count(*)::int as n from household h join area a on a.id = h.area_id join area g on g.id = a.parent_id
        where a.name = '3号楼' and g.name = '幸福里第一网格'
          and exists (select 1 from household_member m where m.household_id = h.id and m.is_owner)`,
    );
    let elevator = await voteTitled(DEMO_VOTES.elevator);
    if (owned!.n === 0) {
      // Without the households' seeder (seed/demo-topics.ts), plant four owned flats and play the votes' seeder again.
      expect(elevator).toBeNull();
      const [building] = await server.sql<{ id: number; path: string }>(
        `select a.id, a.path from area a join area g on g.id = a.parent_id where a.name = '3号楼' and g.name = '幸福里第一网格'`,
      );
      const [street, community, grid] = building!.path.split('/').filter(Boolean).map(Number);
      const owners = await server.sql<{ id: number }>(
        `select id from app_user where phone like '1390000%' order by id limit 4`,
      );
      for (const [i, owner] of owners.entries()) {
        const [flat] = await server.sql<{ id: number }>(
          `insert into household (area_id, area_path, street_id, community_id, grid_id, label, floor_area, created_at)
           values (?, ?, ?, ?, ?, ?, ?, now()) returning id`,
          [building!.id, building!.path, street, community, grid, `1单元${i + 1}01`, [60, 90, 100, 120][i]],
        );
        await server.sql(
          'insert into household_member (household_id, user_id, is_owner, adult, created_at) values (?, ?, true, true, now())',
          [flat!.id, owner.id],
        );
      }
      await server.app.orm.em.fork().transactional((tx) => seedDemoVotes(tx));
      owned!.n = owners.length;
      elevator = await voteTitled(DEMO_VOTES.elevator);
    }
    expect(elevator).toMatchObject({
      status: 'CLOSED',
      outcome: 'PASSED',
      rulePreset: 'OWNERS_MAJOR',
      ballotsCast: owned!.n,
    });
    const now = Date.now();
    expect(new Date(elevator.publishedAt).getTime()).toBeLessThan(now);
    expect(new Date(elevator.publicityEndsAt).getTime()).toBeGreaterThan(now);
    if (elevator.topic) expect(elevator.topic.status).toBe('PASSED');
  });
});
