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
