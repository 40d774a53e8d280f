import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

// To-dos, the filters behind them, ticket numbers and the privacy defaults of raising (issue 12).

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;
const { resident, neighbour, communityStaff: staff, gridWorker, volunteer, otherCommunityStaff } = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
});
afterAll(() => server?.close());

async function raise(as: string, input: Record<string, unknown> = {}) {
  const result = await server.gql(
    'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id isPublic ticketNumber createdAt } }',
    { input: { title: '楼道灯坏了', description: '', category: 'REPAIR', areaId: ids['1号楼'], ...input } },
    { as },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.raiseNeed as { id: string; isPublic: boolean; ticketNumber: string; createdAt: string };
}

async function run(as: string, mutation: string, id: string, extra = '') {
  const result = await server.gql(`mutation($id: ID!) { ${mutation}(id: $id${extra}) { id } }`, { id }, { as });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

/** Each tile and the list it opens, as the contract of issue 12 names them. */
const TILE_LISTS = {
  toRate: { mine: true, statuses: ['RESOLVED'] },
  toAccept: { worksOn: true, statuses: ['SUBMITTED'] },
  dueSoon: { worksOn: true, dueSoon: true },
  overdue: { worksOn: true, overdue: true },
  assignedToMe: { assignedToMe: true, statuses: ['ASSIGNED', 'IN_PROGRESS'] },
};
const TODOS = '{ myTodos { toRate toAccept dueSoon overdue assignedToMe } }';
const setDue = (id: string, interval: string) =>
  server.sql(`update need set due_at = now() + interval '${interval}' where id = ?`, [Number(id)]);

describe('myTodos', () => {
  it('counts exactly what the list each tile opens shows, for a resident, a grid worker and staff', async () => {
    // Something in every tile: a need to rate, one to accept, one due soon, one overdue, one assigned.
    const toRate = await raise(resident);
    await run(gridWorker, 'takeNeed', toRate.id);
    await run(gridWorker, 'resolveNeed', toRate.id, ', resolution: "修好了"');
    await raise(neighbour, { title: '电梯异响' });
    const soon = await raise(resident, { title: '井盖松动' });
    await setDue(soon.id, '1 hour');
    const late = await raise(resident, { title: '路灯不亮' });
    await setDue(late.id, '-1 hour');
    const mine = await raise(resident, { title: '楼梯扶手松了' });
    await run(staff, 'acceptNeed', mine.id);
    await run(staff, 'assignNeed', mine.id, `, assigneeUserId: "${userIds[gridWorker]}"`);
    const elsewhere = await raise(otherCommunityStaff, { areaId: ids['和平第一网格'], isPublic: false });
    await setDue(elsewhere.id, '1 hour');

    const expected: Record<string, Record<string, number>> = {};
    for (const as of [resident, gridWorker, staff, volunteer]) {
      const todos = await server.gql(TODOS, {}, { as });
      expect(todos.errors, as).toBeUndefined();
      for (const [field, filter] of Object.entries(TILE_LISTS)) {
        const list = await server.gql(
          'query($filter: NeedFilter) { needs(filter: $filter) { totalCount } }',
          { filter },
          {
            as,
          },
        );
        expect(todos.data.myTodos[field], `${as} ${field}`).toBe(list.data.needs.totalCount);
      }
      expected[as] = todos.data.myTodos;
    }
    expect(expected[resident]!.toRate).toBeGreaterThanOrEqual(1);
    // A resident works on no area: the workers' tiles are empty, whatever is public around them.
    expect(expected[resident]).toMatchObject({ toAccept: 0, dueSoon: 0, overdue: 0, assignedToMe: 0 });
    for (const worker of [gridWorker, staff]) {
      expect(expected[worker]!.toAccept, worker).toBeGreaterThanOrEqual(2);
      expect(expected[worker]!.dueSoon, worker).toBeGreaterThanOrEqual(1);
      expect(expected[worker]!.overdue, worker).toBeGreaterThanOrEqual(1);
    }
    expect(expected[gridWorker]!.assignedToMe).toBeGreaterThanOrEqual(1);
    expect(expected[volunteer]).toEqual({ toRate: 0, toAccept: 0, dueSoon: 0, overdue: 0, assignedToMe: 0 });
  });

  it('is for signed-in people', async () => {
    expect((await server.gql(TODOS)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the filters behind the tiles', () => {
  it('worksOn keeps the needs of the areas where I am staff or grid worker, private ones included', async () => {
    const here = await raise(resident, { isPublic: false, title: '家里漏水' });
    const there = await raise(otherCommunityStaff, { areaId: ids['和平第一网格'] });
    const listed = async (as: string) =>
      (
        await server.gql(
          '{ needs(first: 100, filter: { worksOn: true, sort: NEWEST }) { edges { node { id } } } }',
          {},
          { as },
        )
      ).data.needs.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(await listed(gridWorker)).toContain(here.id);
    expect(await listed(gridWorker)).not.toContain(there.id);
    expect(await listed(otherCommunityStaff)).toContain(there.id);
    expect(await listed(otherCommunityStaff)).not.toContain(here.id);
    expect(await listed(resident)).toEqual([]);
  });

  it('dueSoon keeps open needs due within 2 hours and agrees with Need.dueSoon', async () => {
    const soon = await raise(resident, { title: '消防通道堵了' });
    await setDue(soon.id, '90 minutes');
    const later = await raise(resident, { title: '绿化带缺苗' });
    await setDue(later.id, '3 hours');
    const late = await raise(resident, { title: '垃圾没清运' });
    await setDue(late.id, '-5 minutes');
    const query = `query($filter: NeedFilter) { needs(first: 100, filter: $filter) { edges { node { id dueSoon overdue dueAt } } } }`;
    const nodes = async (filter: Record<string, unknown>) =>
      (await server.gql(query, { filter }, { as: staff })).data.needs.edges.map(
        (edge: { node: { id: string; dueSoon: boolean; overdue: boolean } }) => edge.node,
      );
    const dueSoon = await nodes({ worksOn: true, dueSoon: true });
    expect(dueSoon.map((n: { id: string }) => n.id)).toContain(soon.id);
    expect(dueSoon.map((n: { id: string }) => n.id)).not.toContain(later.id);
    expect(dueSoon.map((n: { id: string }) => n.id)).not.toContain(late.id);
    expect(dueSoon.every((n: { dueSoon: boolean; overdue: boolean }) => n.dueSoon && !n.overdue)).toBe(true);
    const notSoon = await nodes({ worksOn: true, dueSoon: false });
    expect(notSoon.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([later.id, late.id]));
    expect(notSoon.some((n: { dueSoon: boolean }) => n.dueSoon)).toBe(false);
  });
});

describe('ticket numbers (工单编号)', () => {
  it('numbers a need by its day in Beijing and its id, and the inbox text filter finds it by that number', async () => {
    const need = await raise(resident, { title: '单元门禁坏了' });
    const day = new Date(Date.parse(need.createdAt) + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    expect(need.ticketNumber).toBe(`${day}-${need.id.padStart(6, '0')}`);
    const found = async (text: string) =>
      (
        await server.gql(
          'query($text: String) { needs(first: 100, filter: { text: $text }) { edges { node { id } } } }',
          {
            text,
          },
          { as: staff },
        )
      ).data.needs.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(await found(need.ticketNumber)).toEqual([need.id]);
    // Another day is another ticket: the id alone does not find it.
    expect(await found(`19990101-${need.id.padStart(6, '0')}`)).toEqual([]);
  });
});

describe('privacy by default', () => {
  it('raises 代办 and sensitive needs private when the raiser does not say, others public', async () => {
    expect((await raise(resident)).isPublic).toBe(true);
    expect((await raise(resident, { category: 'HEALTH' })).isPublic).toBe(false);
    expect((await raise(resident, { category: 'DISPUTE', isPublic: true })).isPublic).toBe(true);
    expect((await raise(gridWorker, { onBehalfOfUserId: userIds[resident] })).isPublic).toBe(false);
    expect((await raise(gridWorker, { onBehalfOfUserId: userIds[resident], isPublic: true })).isPublic).toBe(true);
  });

  it('lists each category, sensitive ones marked and private by default', async () => {
    const { data } = await server.gql('{ needCategoryOptions { category sensitive publicByDefault } }');
    const sensitive = data.needCategoryOptions.filter((o: { sensitive: boolean }) => o.sensitive);
    expect(sensitive.map((o: { category: string }) => o.category).sort()).toEqual([
      'DISABILITY',
      'DISPUTE',
      'ELDERLY_CARE',
      'HEALTH',
    ]);
    for (const option of data.needCategoryOptions) expect(option.publicByDefault).toBe(!option.sensitive);
    expect(data.needCategoryOptions).toHaveLength(12);
  });
});
