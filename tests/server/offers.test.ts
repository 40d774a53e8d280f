import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUnit } from '../helpers/offers.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let school: string;
let heping: string;

const { unitRep, volunteer, resident, communityStaff, streetAdmin } = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  school = await insertUnit(server, { name: '测试小学', areaName: '幸福里社区', reps: [unitRep] });
  heping = await insertUnit(server, { name: '测试卫生站', areaName: '和平社区', reps: [volunteer], kind: 'HOSPITAL' });
});
afterAll(() => server?.close());

const RESOURCE_FIELDS = `id kind title description quantity measure quantityPledged quantityDelivered quantityRemaining
  availableFrom availableTo withdrawnAt unit { id name } offeredBy { displayName } areas { name } availableActions`;
const OFFER = `mutation($input: OfferResourceInput!) { offerResource(input: $input) { ${RESOURCE_FIELDS} } }`;

async function offer(as: string, input: Record<string, unknown>) {
  return server.gql(
    OFFER,
    { input: { kind: 'VENUE', title: '教室', description: '周末可用', areaIds: [ids['幸福里社区']], ...input } },
    { as },
  );
}

async function offered(as: string, input: Record<string, unknown>) {
  const result = await offer(as, input);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.offerResource;
}

const resourceCount = async () => Number((await server.sql<{ n: string }>('select count(*) n from resource'))[0]!.n);

describe('offering a resource', () => {
  it('lets a representative offer for their unit, with quantity and served areas', async () => {
    const resource = await offered(unitRep, {
      unitId: school,
      kind: 'SKILL',
      title: '教师志愿辅导',
      quantity: 40,
      measure: '小时',
      areaIds: [ids['幸福里社区'], ids['和平社区']],
    });
    expect(resource).toMatchObject({
      kind: 'SKILL',
      title: '教师志愿辅导',
      quantity: 40,
      measure: '小时',
      quantityPledged: 0,
      quantityRemaining: 40,
      unit: { id: school, name: '测试小学' },
      offeredBy: { displayName: '刘洋' },
      areas: [{ name: '幸福里社区' }, { name: '和平社区' }],
      availableActions: ['PLEDGE_FROM', 'WITHDRAW'],
    });
    const [audit] = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'Resource' and target_id = ?`,
      [resource.id],
    );
    expect(audit?.action).toBe('resource.offer');
  });

  it('lets a resident offer as themselves, sitting in their home community; uncounted has no remainder', async () => {
    const resource = await offered(resident, {
      kind: 'LABOR',
      title: '周末帮邻居搬东西',
      areaIds: [ids['幸福里第一网格']],
    });
    expect(resource).toMatchObject({
      unit: null,
      quantity: null,
      quantityRemaining: null,
      offeredBy: { displayName: '赵桂兰' },
    });
    const [row] = await server.sql<{ area_id: number }>('select area_id from resource where id = ?', [resource.id]);
    expect(String(row!.area_id)).toBe(ids['幸福里社区']);
  });

  it('returns the first resource for a retried submit with the same idempotency key', async () => {
    const before = await resourceCount();
    const input = { unitId: school, title: '操场', idempotencyKey: 'offer-playground-1' };
    const [a, b] = await Promise.all([offered(unitRep, input), offered(unitRep, input)]);
    expect(a.id).toBe(b.id);
    expect(await resourceCount()).toBe(before + 1);
  });

  it('refuses acting for a unit one does not represent, and an unknown unit', async () => {
    const before = await resourceCount();
    expect((await offer(unitRep, { unitId: heping })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await offer(communityStaff, { unitId: school })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await offer(unitRep, { unitId: '999999' })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await offer(unitRep, { unitId: 'abc' })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await resourceCount()).toBe(before);
  });

  it('refuses served areas outside the offerer’s street as NOT_FOUND', async () => {
    const result = await offer(unitRep, { unitId: school, areaIds: [ids['朝阳社区']] });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      fields: { areaIds: expect.any(String) },
    });
    expect((await offer(unitRep, { unitId: school, areaIds: ['999999'] })).errors?.[0]?.extensions.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a person without a home community', async () => {
    const result = await offer(streetAdmin, {});
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const before = await resourceCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: '长'.repeat(101) }, 'title'],
      [{ title: 'a\u0000b' }, 'title'],
      [{ quantity: -1 }, 'quantity'],
      [{ quantity: 0 }, 'quantity'],
      [{ quantity: 1e15 }, 'quantity'],
      [{ areaIds: [] }, 'areaIds'],
      [{ measure: '很'.repeat(21) }, 'measure'],
      [{ availableFrom: '2027-01-02T00:00:00Z', availableTo: '2027-01-01T00:00:00Z' }, 'availableTo'],
      [{ idempotencyKey: 'x' }, 'idempotencyKey'],
    ];
    for (const [input, field] of cases) {
      const result = await offer(resident, input);
      expect(result.errors?.[0]?.extensions.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions.fields?.[field], JSON.stringify(input)).toBeTruthy();
    }
    expect((await offer(resident, { kind: 'NOPE' })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await resourceCount()).toBe(before);
  });

  it('needs a signed-in person', async () => {
    const result = await server.gql(OFFER, {
      input: { kind: 'VENUE', title: 'x', description: '', areaIds: [ids['幸福里社区']] },
    });
    expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('withdrawing a resource', () => {
  it('lets the offerer withdraw once; others may not', async () => {
    const resource = await offered(unitRep, { unitId: school, title: '会议室' });
    const WITHDRAW = `mutation($id: ID!) { withdrawResource(id: $id) { id withdrawnAt availableActions } }`;
    expect((await server.gql(WITHDRAW, { id: resource.id }, { as: volunteer })).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await server.gql(WITHDRAW, { id: resource.id }, { as: communityStaff })).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    const done = await server.gql(WITHDRAW, { id: resource.id }, { as: unitRep });
    expect(done.data.withdrawResource).toMatchObject({ withdrawnAt: expect.any(String), availableActions: [] });
    expect((await server.gql(WITHDRAW, { id: resource.id }, { as: unitRep })).errors?.[0]?.extensions.code).toBe(
      'INVALID_STATE',
    );
    expect((await server.gql(WITHDRAW, { id: '999999' }, { as: unitRep })).errors?.[0]?.extensions.code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('listing resources', () => {
  const LIST = `query($filter: ResourceFilter, $first: Int, $after: String) {
    resources(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id title kind unit { name } withdrawnAt } }
    } }`;

  it('filters by area served, several kinds, unit, words, availability and mine', async () => {
    await offered(unitRep, { unitId: school, kind: 'FUNDS', title: '助学金', quantity: 1000, measure: '元' });
    await offered(volunteer, { unitId: heping, kind: 'GOODS', title: '药箱', areaIds: [ids['和平社区']] });
    await offered(volunteer, {
      unitId: heping,
      kind: 'GOODS',
      title: '过期的物资',
      areaIds: [ids['和平社区']],
      availableTo: '2020-01-01T00:00:00Z',
    });
    const list = async (filter: Record<string, unknown>, as?: string) => {
      const result = await server.gql(LIST, { filter, first: 100 }, as ? { as } : {});
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data.resources.edges.map((edge: { node: { title: string } }) => edge.node.title) as string[];
    };
    const inHeping = await list({ areaId: ids['和平第一网格'] });
    expect(inHeping).toContain('药箱');
    expect(inHeping).toContain('教师志愿辅导');
    expect(inHeping).not.toContain('助学金');
    expect(await list({ kinds: ['FUNDS', 'GOODS'], unitId: school })).toEqual(['助学金']);
    expect(await list({ search: '药箱' })).toEqual(['药箱']);
    const now = await list({ availableNow: true, kinds: ['GOODS'] });
    expect(now).toContain('药箱');
    expect(now).not.toContain('过期的物资');
    const mine = await list({ mine: true }, unitRep);
    expect(mine).toContain('会议室'); // withdrawn, but one's own
    expect(mine).not.toContain('药箱');
    expect(await list({ mine: true })).toEqual([]);
    expect(await list({})).not.toContain('会议室');
  });

  it('pages with the one Connection shape', async () => {
    const first = await server.gql(LIST, { first: 2 });
    expect(first.data.resources.edges).toHaveLength(2);
    expect(first.data.resources.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql(LIST, { first: 2, after: first.data.resources.pageInfo.endCursor });
    expect(next.data.resources.edges[0].node.id).not.toBe(first.data.resources.edges[0].node.id);
    expect((await server.gql(LIST, { first: 1000 })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await server.gql(LIST, { filter: { areaId: '999999' } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});

describe('the audit log', () => {
  it('reads a unit’s offer by its title and fields, in words', async () => {
    const resource = await offered(unitRep, {
      unitId: school,
      kind: 'GOODS',
      title: '课桌椅',
      quantity: 20,
      measure: '套',
    });
    const result = await server.gql(
      `query($areaId: ID!) { auditLog(areaId: $areaId, actions: [OFFER_RESOURCE_OFFER], first: 5) {
        edges { node { targetId targetType targetLabel changes { label after } } } } }`,
      { areaId: ids['幸福里社区'] },
      { as: communityStaff },
    );
    expect(result.errors).toBeUndefined();
    const entry = result.data.auditLog.edges.find(
      (e: { node: { targetId: string } }) => e.node.targetId === resource.id,
    );
    expect(entry.node).toMatchObject({ targetType: 'RESOURCE', targetLabel: '课桌椅' });
    expect(entry.node.changes).toEqual(
      expect.arrayContaining([
        { label: '种类', after: '物资' },
        { label: '数量', after: '20' },
      ]),
    );
  });
});

describe('reading one resource and a unit’s resources', () => {
  it('shows a resource to anyone, signed out too, with what its offerer may do only for them', async () => {
    const resource = await offered(resident, { kind: 'GOODS', title: '旧自行车', quantity: 1, measure: '辆' });
    const ONE = `query($id: ID!) { resource(id: $id) { title quantityRemaining offeredBy { displayName phone } availableActions } }`;
    const anonymous = await server.gql(ONE, { id: resource.id });
    expect(anonymous.data.resource).toMatchObject({ title: '旧自行车', quantityRemaining: 1, availableActions: [] });
    expect(anonymous.data.resource.offeredBy.phone).toBe('138****0006');
    const staff = await server.gql(ONE, { id: resource.id }, { as: communityStaff });
    expect(staff.data.resource.availableActions).toEqual(['REQUEST_PLEDGE']);
    expect(staff.data.resource.offeredBy.phone).toBe(resident);
    expect((await server.gql(ONE, { id: resource.id }, { as: resident })).data.resource.availableActions).toEqual([
      'PLEDGE_FROM',
      'WITHDRAW',
    ]);
    expect((await server.gql(ONE, { id: '999999' })).data.resource).toBeNull();
    const WITHDRAW = `mutation($id: ID!) { withdrawResource(id: $id) { withdrawnAt } }`;
    expect((await server.gql(WITHDRAW, { id: resource.id }, { as: volunteer })).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await server.gql(WITHDRAW, { id: resource.id }, { as: resident })).data.withdrawResource.withdrawnAt,
    ).toBeTruthy();
  });

  it('lists a unit’s resources still offered, newest first', async () => {
    const result = await server.gql(
      `query($id: ID!) { unit(id: $id) { resources(first: 50) { totalCount edges { node { title withdrawnAt } } } } }`,
      { id: school },
    );
    const titles = result.data.unit.resources.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(titles).toContain('教师志愿辅导');
    expect(titles).not.toContain('会议室');
    expect(result.data.unit.resources.totalCount).toBe(titles.length);
  });
});
