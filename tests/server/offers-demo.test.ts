import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server?.close());

const PROPERTY_REP = '13900000103';

describe('the demo offers', () => {
  it('give each demo unit its resources, and the school its services with residents signed up', async () => {
    const result = await server.gql(
      `{ units(first: 50) { edges { node { name resources { totalCount edges { node { title kind quantity quantityPledged quantityRemaining } } }
         services { edges { node { title signupCount remaining schedule { weekdays startTime endTime } } } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const byName = new Map(result.data.units.edges.map((e: { node: { name: string } }) => [e.node.name, e.node]));
    const school = byName.get('幸福街道第一小学') as any;
    expect(school.resources.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual([
      '教师志愿辅导',
      '教室',
    ]);
    expect(school.services.edges[0].node).toMatchObject({
      title: '四点半课堂',
      signupCount: 4,
      remaining: 26,
      schedule: { weekdays: [1, 2, 3, 4, 5], startTime: '16:30', endTime: '18:00' },
    });
    const bank = byName.get('工商银行幸福支行') as any;
    const funds = bank.resources.edges[0].node;
    expect(funds).toMatchObject({ title: '公益金', kind: 'FUNDS', quantity: 20000 });
    // The demo pledges draw on it: what remains is what is not pledged.
    expect(funds.quantityRemaining).toBe(20000 - funds.quantityPledged);
    for (const unit of byName.values()) expect((unit as any).resources.totalCount).toBeGreaterThan(0);
  });

  it('leave one open request to the property company, on its representative’s to-dos', async () => {
    const todos = await server.gql(`{ myTodos { pledgeRequests } }`, {}, { as: PROPERTY_REP });
    expect(todos.data.myTodos.pledgeRequests).toBe(1);
    const requests = await server.gql(
      `{ pledgeRequests(first: 5) { edges { node { status need { title } resource { title } unit { name } } } } }`,
      {},
      { as: DEMO_ACCOUNTS.communityStaff },
    );
    expect(requests.data.pledgeRequests.edges[0].node).toMatchObject({
      status: 'OPEN',
      need: { title: '4号楼屋顶漏雨，顶层住户家里墙面发霉' },
      resource: { title: '维修工' },
      unit: { name: '安居物业幸福里项目部' },
    });
  });

  it('show a resident the services near them, signed up where they are', async () => {
    const result = await server.gql(
      `{ services(filter: { nearMe: true }) { edges { node { title viewerSignup { note } availableActions } } } }`,
      {},
      { as: DEMO_ACCOUNTS.resident },
    );
    const classes = result.data.services.edges.find((e: { node: { title: string } }) => e.node.title === '四点半课堂');
    expect(classes.node).toMatchObject({ viewerSignup: { note: '孙子上二年级' }, availableActions: ['CANCEL_SIGNUP'] });
  });
});

describe('units with their resources and services', () => {
  it('cost the same statements for 2 units as for 7', async () => {
    const query = `query($first: Int) { units(first: $first) { edges { node { name
      resources(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { node { title quantityRemaining areas { name }
        offeredBy { displayName } availableActions } } }
      services(first: 5) { totalCount edges { node { title remaining availableActions viewerSignup { id } } } } } } } }`;
    await server.tokenFor(DEMO_ACCOUNTS.communityStaff);
    const run = (first: number) =>
      server.countQueries(() => server.gql(query, { first }, { as: DEMO_ACCOUNTS.communityStaff }));
    const small = await run(2);
    const large = await run(7);
    expect(large).toBeLessThanOrEqual(small);
  });

  it('page on from a unit’s first page', async () => {
    const first = await server.gql(
      `{ units(first: 50, filter: { search: "第一小学" }) { edges { node { id resources(first: 1) { pageInfo { hasNextPage endCursor } edges { node { title } } } } } } }`,
    );
    const unit = first.data.units.edges[0].node;
    expect(unit.resources.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql(
      `query($id: ID!, $after: String) { unit(id: $id) { resources(first: 1, after: $after) { pageInfo { hasNextPage } edges { node { title } } } } }`,
      { id: unit.id, after: unit.resources.pageInfo.endCursor },
    );
    expect(next.data.unit.resources.edges[0].node.title).not.toBe(unit.resources.edges[0].node.title);
    expect(next.data.unit.resources.pageInfo.hasNextPage).toBe(false);
  });
});
