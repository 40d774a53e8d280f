import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;
beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
});
afterAll(() => server?.close());

const RAISE = 'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }';
const PERSON = 'displayName phone homeArea { name }';
const NEED = `query($id: ID!) { need(id: $id) {
  raisedBy { ${PERSON} } onBehalfOf { ${PERSON} } events { actor { ${PERSON} } } } }`;

async function raise(as: string, input: Record<string, unknown> = {}) {
  const result = await server.gql(
    RAISE,
    { input: { title: '楼道灯坏了', description: '', category: 'REPAIR', areaId: ids['1号楼'], ...input } },
    { as },
  );
  return result.data.raiseNeed.id as string;
}

describe('people on public needs', () => {
  it('shows visitors and unconcerned neighbours a masked name, a masked phone and no home', async () => {
    const id = await raise(DEMO_ACCOUNTS.resident);
    const masked = { displayName: '赵**', phone: '138****0006', homeArea: null };
    for (const as of [undefined, DEMO_ACCOUNTS.neighbour, DEMO_ACCOUNTS.otherStreetAdmin]) {
      const { data } = await server.gql(NEED, { id }, as ? { as } : {});
      expect(data.need.raisedBy, as ?? 'visitor').toEqual(masked);
      expect(data.need.events[0].actor, as ?? 'visitor').toEqual(masked);
    }
    // The resident and the workers over her see her in full.
    const full = { displayName: '赵桂兰', phone: DEMO_ACCOUNTS.resident, homeArea: { name: '1号楼' } };
    for (const as of [DEMO_ACCOUNTS.resident, DEMO_ACCOUNTS.communityStaff, DEMO_ACCOUNTS.gridWorker]) {
      expect((await server.gql(NEED, { id }, { as })).data.need.raisedBy, as).toEqual(full);
    }
  });

  it('names people in a public role in full, but keeps their home to those over them', async () => {
    const id = await raise(DEMO_ACCOUNTS.gridWorker, {
      onBehalfOfUserId: userIds[DEMO_ACCOUNTS.neighbour],
      isPublic: true,
    });
    const { data } = await server.gql(NEED, { id });
    expect(data.need.raisedBy).toEqual({ displayName: '张伟', phone: '138****0003', homeArea: null });
    expect(data.need.onBehalfOf).toEqual({ displayName: '孙**', phone: '138****0007', homeArea: null });
  });
});

describe('the resident of a need, by who reads it (issue 12)', () => {
  const READ = `query($id: ID!) { need(id: $id) {
    raisedBy { displayName phone callablePhone } events { actor { displayName } } } }`;
  type Shown = { displayName: string; phone: string; callablePhone: string | null };
  const full: Shown = { displayName: '赵桂兰', phone: DEMO_ACCOUNTS.resident, callablePhone: DEMO_ACCOUNTS.resident };
  const nameOnly: Shown = { displayName: '赵桂兰', phone: '138****0006', callablePhone: null };
  const masked: Shown = { displayName: '赵**', phone: '138****0006', callablePhone: null };
  /** A resident made grid worker of 幸福里第二网格: over needs raised there, not over 赵桂兰's home in the first grid. */
  const secondGridWorker = '13900000003';

  beforeAll(async () => {
    const given = await server.gql(
      'mutation($u: ID!, $a: ID!) { assignRole(userId: $u, role: GRID_WORKER, areaId: $a) { id } }',
      { u: userIds[secondGridWorker], a: ids['幸福里第二网格'] },
      { as: DEMO_ACCOUNTS.streetAdmin },
    );
    if (given.errors) throw new Error(JSON.stringify(given.errors));
  });

  async function assignToVolunteer(id: string) {
    const assigned = await server.gql(
      'mutation($id: ID!, $u: ID!) { assignNeeds(ids: [$id], assigneeUserId: $u) { failures { code } } }',
      { id, u: userIds[DEMO_ACCOUNTS.volunteer] },
      { as: DEMO_ACCOUNTS.gridWorker },
    );
    expect(assigned.data.assignNeeds.failures).toEqual([]);
  }

  it('names her in full with a number to call for those who handle her need, masked and without one for neighbours', async () => {
    const id = await raise(DEMO_ACCOUNTS.resident);
    await assignToVolunteer(id);
    const cases: [string | undefined, Shown][] = [
      [DEMO_ACCOUNTS.resident, full],
      [DEMO_ACCOUNTS.gridWorker, full],
      [DEMO_ACCOUNTS.communityStaff, full],
      // The volunteer assigned to it goes to her door: name and number, through this need.
      [DEMO_ACCOUNTS.volunteer, full],
      [DEMO_ACCOUNTS.neighbour, masked],
      [DEMO_ACCOUNTS.otherCommunityStaff, masked],
      [DEMO_ACCOUNTS.otherStreetAdmin, masked],
      [undefined, masked],
    ];
    for (const [as, expected] of cases) {
      const { data } = await server.gql(READ, { id }, as ? { as } : {});
      expect(data.need.raisedBy, as ?? 'visitor').toEqual(expected);
      expect(data.need.events[0].actor.displayName, as ?? 'visitor').toBe(expected.displayName);
    }
  });

  it('shows the building to those the need concerns, and neighbours only the grid it stands in', async () => {
    const id = await raise(DEMO_ACCOUNTS.resident);
    await assignToVolunteer(id);
    const place = `query($id: ID!) { need(id: $id) { area { name kind } } }`;
    const building = { name: '1号楼', kind: 'BUILDING' };
    const grid = { name: '幸福里第一网格', kind: 'GRID' };
    const cases: [string | undefined, typeof building][] = [
      [DEMO_ACCOUNTS.resident, building],
      [DEMO_ACCOUNTS.gridWorker, building],
      [DEMO_ACCOUNTS.communityStaff, building],
      [DEMO_ACCOUNTS.volunteer, building],
      [DEMO_ACCOUNTS.neighbour, grid],
      [DEMO_ACCOUNTS.otherStreetAdmin, grid],
      [undefined, grid],
    ];
    for (const [as, expected] of cases) {
      const { data } = await server.gql(place, { id }, as ? { as } : {});
      expect(data.need.area, as ?? 'visitor').toEqual(expected);
    }
  });

  it('shows the assignee her name only through the needs assigned to them, not through her other needs', async () => {
    const other = await raise(DEMO_ACCOUNTS.resident);
    const { data } = await server.gql(READ, { id: other }, { as: DEMO_ACCOUNTS.volunteer });
    expect(data.need.raisedBy).toEqual(masked);
  });

  it('names her to the workers over the area of her need, though not over her home, without her number', async () => {
    const id = await raise(DEMO_ACCOUNTS.resident, { areaId: ids['幸福里第二网格'] });
    expect((await server.gql(READ, { id }, { as: secondGridWorker })).data.need.raisedBy).toEqual(nameOnly);
    expect((await server.gql(READ, { id }, { as: DEMO_ACCOUNTS.gridWorker })).data.need.raisedBy).toEqual(full);
  });

  it('names the resident of a 代办 need the same way, and keeps her private need from neighbours', async () => {
    const id = await raise(DEMO_ACCOUNTS.gridWorker, {
      onBehalfOfUserId: userIds[DEMO_ACCOUNTS.resident],
      isPublic: true,
    });
    await assignToVolunteer(id);
    const onBehalf = `query($id: ID!) { need(id: $id) { onBehalfOf { displayName callablePhone } } }`;
    expect((await server.gql(onBehalf, { id }, { as: DEMO_ACCOUNTS.volunteer })).data.need.onBehalfOf).toEqual({
      displayName: '赵桂兰',
      callablePhone: DEMO_ACCOUNTS.resident,
    });
    expect((await server.gql(onBehalf, { id }, { as: DEMO_ACCOUNTS.neighbour })).data.need.onBehalfOf).toEqual({
      displayName: '赵**',
      callablePhone: null,
    });
    const hidden = await raise(DEMO_ACCOUNTS.gridWorker, { onBehalfOfUserId: userIds[DEMO_ACCOUNTS.resident] });
    expect((await server.gql(onBehalf, { id: hidden }, { as: DEMO_ACCOUNTS.neighbour })).data.need).toBeNull();
  });
});
