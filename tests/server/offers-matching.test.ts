import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUnit } from '../helpers/offers.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let school: string;
let heping: string;
let repairNeed: string;
let careNeed: string;
let project: string;
const resources: Record<string, string> = {};

const { unitRep, volunteer, resident, neighbour, communityStaff, gridWorker, otherCommunityStaff, otherStreetAdmin } =
  DEMO_ACCOUNTS;

const code = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;

async function ok<T = any>(query: string, variables: Record<string, unknown>, as: string): Promise<T> {
  const result = await server.gql(query, variables, { as });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const OFFER = `mutation($input: OfferResourceInput!) { offerResource(input: $input) { id } }`;
async function offer(as: string, title: string, input: Record<string, unknown>) {
  const data = await ok(OFFER, { input: { description: '', title, ...input } }, as);
  resources[title] = data.offerResource.id;
  return data.offerResource.id as string;
}

const RAISE = `mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }`;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  school = await insertUnit(server, { name: '测试小学', areaName: '幸福里社区', reps: [unitRep] });
  heping = await insertUnit(server, { name: '测试物业', areaName: '和平社区', reps: [volunteer] });
  const unit = { unitId: school };
  await offer(unitRep, '测维修工', { ...unit, kind: 'LABOR', areaIds: [ids['幸福里第一网格']] });
  await offer(unitRep, '测建材', { ...unit, kind: 'GOODS', quantity: 10, measure: '件', areaIds: [ids['幸福里社区']] });
  await offer(unitRep, '测教室', { ...unit, kind: 'VENUE', areaIds: [ids['幸福里社区']] });
  await offer(unitRep, '测撤回的人力', { ...unit, kind: 'LABOR', areaIds: [ids['幸福里社区']] });
  await server.sql('update resource set withdrawn_at = now() where id = ?', [Number(resources['测撤回的人力'])]);
  await offer(unitRep, '测用完的物资', { ...unit, kind: 'GOODS', quantity: 5, areaIds: [ids['幸福里社区']] });
  await server.sql('update resource set quantity_pledged = 5 where id = ?', [Number(resources['测用完的物资'])]);
  await offer(unitRep, '测过期的人力', {
    ...unit,
    kind: 'LABOR',
    areaIds: [ids['幸福里社区']],
    availableTo: '2020-01-01T00:00:00Z',
  });
  await offer(volunteer, '测和平社区电工', { unitId: heping, kind: 'LABOR', areaIds: [ids['和平社区']] });
  await offer(volunteer, '测全街道志愿队', { unitId: heping, kind: 'LABOR', areaIds: [ids['幸福街道']] });
  await offer(neighbour, '测邻居会修水管', { kind: 'SKILL', areaIds: [ids['幸福里第二网格']] });
  await offer(unitRep, '测公益金', {
    ...unit,
    kind: 'FUNDS',
    quantity: 20000,
    measure: '元',
    areaIds: [ids['幸福里社区']],
  });
  await ok(
    `mutation($input: PublishServiceInput!) { publishService(input: $input) { id } }`,
    {
      input: {
        unitId: school,
        title: '测老年人上门巡诊',
        description: '',
        areaId: ids['幸福里社区'],
        schedule: { weekdays: [2, 4], startTime: '09:00', endTime: '11:00' },
        place: '上门',
        capacity: 20,
      },
    },
    unitRep,
  );
  const need = (title: string, category: string) =>
    ok(RAISE, { input: { title, description: '', category, areaId: ids['1号楼'] } }, resident);
  repairNeed = (await need('楼道扶手松了', 'REPAIR')).raiseNeed.id;
  careNeed = (await need('老人需要上门看病', 'ELDERLY_CARE')).raiseNeed.id;
  const [row] = await server.sql<{ id: number }>(
    `insert into project (area_id, area_path, street_id, community_id, title, description, status, created_by_id, created_at, updated_at, version)
     select id, path, split_part(path, '/', 2)::int, id, '口袋公园', '', 'ACTIVE', 1, now(), now(), 1 from area where name = '幸福里社区'
     returning id`,
  );
  project = String(row!.id);
});
afterAll(() => server?.close());

const MATCHES = `query($needId: ID!, $first: Int) { matchesForNeed(needId: $needId, first: $first) {
  score reason resource { id title unit { name } quantityRemaining } service { id title remaining } } }`;

describe('matches for a need', () => {
  it('suggests what fits, nearest and best kind first, with the reason in words', async () => {
    const { matchesForNeed: matches } = await ok(MATCHES, { needId: repairNeed, first: 50 }, communityStaff);
    const titles = matches.map((m: { resource: { title: string } }) => m.resource.title);
    expect(titles[0]).toBe('测维修工');
    expect(titles).toEqual(expect.arrayContaining(['测建材', '测全街道志愿队', '测公益金']));
    for (const absent of ['测教室', '测撤回的人力', '测用完的物资', '测过期的人力', '测和平社区电工']) {
      expect(titles).not.toContain(absent);
    }
    // The kind weighs most: labour for the whole street comes before goods for the community.
    expect(titles.indexOf('测全街道志愿队')).toBeLessThan(titles.indexOf('测建材'));
    expect(matches.every((m: { service: unknown }) => m.service === null)).toBe(true);
    const scores = matches.map((m: { score: number }) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(matches[0].reason).toBe('人力可用于维修设施类诉求；服务本网格');
    const goods = matches.find((m: { resource: { title: string } }) => m.resource.title === '测建材');
    expect(goods.reason).toBe('物资可用于维修设施类诉求；服务本社区；尚余 10 件');
    const english = await server.gql(
      MATCHES,
      { needId: repairNeed },
      { as: gridWorker, headers: { 'accept-language': 'en' } },
    );
    expect(english.data.matchesForNeed[0].reason).toBe('Labour for a need about Repairs; serves this grid');
  });

  it('suggests services for care, with the places left', async () => {
    const { matchesForNeed: few } = await ok(MATCHES, { needId: careNeed, first: 3 }, communityStaff);
    expect(few).toHaveLength(3);
    const { matchesForNeed: matches } = await ok(MATCHES, { needId: careNeed, first: 50 }, communityStaff);
    const service = matches.find((m: { service: { title: string } | null }) => m.service?.title === '测老年人上门巡诊');
    expect(service).toMatchObject({ service: { title: '测老年人上门巡诊', remaining: 20 } });
    expect(service.reason).toContain('还有 20 个名额');
  });

  it('is for those who handle the need or ask for pledges over it', async () => {
    expect(code(await server.gql(MATCHES, { needId: repairNeed }, { as: resident }))).toBe('FORBIDDEN');
    expect(code(await server.gql(MATCHES, { needId: repairNeed }, { as: unitRep }))).toBe('FORBIDDEN');
    expect(code(await server.gql(MATCHES, { needId: repairNeed }, { as: otherCommunityStaff }))).toBe('FORBIDDEN');
    expect(code(await server.gql(MATCHES, { needId: repairNeed }, { as: otherStreetAdmin }))).toBe('FORBIDDEN');
    expect(code(await server.gql(MATCHES, { needId: repairNeed }))).toBe('UNAUTHENTICATED');
    expect(code(await server.gql(MATCHES, { needId: '999999' }, { as: communityStaff }))).toBe('NOT_FOUND');
    expect(code(await server.gql(MATCHES, { needId: 'x' }, { as: communityStaff }))).toBe('NOT_FOUND');
    for (const first of [0, -1, 1000]) {
      const result = await server.gql(MATCHES, { needId: repairNeed, first }, { as: communityStaff });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { first: expect.any(String) },
      });
    }
  });

  it('costs the same statements for 2 matches as for 20', async () => {
    await server.tokenFor(communityStaff);
    const small = await server.countQueries(() =>
      server.gql(MATCHES, { needId: repairNeed, first: 2 }, { as: communityStaff }),
    );
    const large = await server.countQueries(() =>
      server.gql(MATCHES, { needId: repairNeed, first: 20 }, { as: communityStaff }),
    );
    expect(large).toBeLessThanOrEqual(small);
  });
});

describe('matches for a project', () => {
  const PROJECT_MATCHES = `query($projectId: ID!) { matchesForProject(projectId: $projectId) { reason resource { title } service { id } } }`;

  it('suggests funds, goods and labour first, never services', async () => {
    const { matchesForProject: matches } = await ok(PROJECT_MATCHES, { projectId: project }, communityStaff);
    // The demo bank's 公益金 serves the whole street; this one serves the community, nearer.
    expect(matches[0].resource.title).toBe('测公益金');
    expect(matches[0].reason).toBe('资金可用于项目；服务本社区；尚余 20000 元');
    expect(matches.every((m: { service: unknown }) => m.service === null)).toBe(true);
  });

  it('is for those who run projects or ask for pledges there', async () => {
    expect(code(await server.gql(PROJECT_MATCHES, { projectId: project }, { as: resident }))).toBe('FORBIDDEN');
    expect(code(await server.gql(PROJECT_MATCHES, { projectId: project }, { as: otherStreetAdmin }))).toBe('FORBIDDEN');
    expect(code(await server.gql(PROJECT_MATCHES, { projectId: '999999' }, { as: communityStaff }))).toBe('NOT_FOUND');
  });
});

const REQUEST = `mutation($input: RequestPledgeInput!) { requestPledge(input: $input) {
  id status note unit { name } person { displayName } requestedBy { displayName } need { title } project { title }
  resource { title } service { id } availableActions } }`;
const DECLINE = `mutation($id: ID!, $reason: String!) { declinePledgeRequest(id: $id, reason: $reason) { id status declineReason answeredAt availableActions } }`;
const REQUESTS = `query($filter: PledgeRequestFilter) { pledgeRequests(filter: $filter, first: 50) { totalCount edges { node { id status availableActions } } } }`;
const TODOS = `{ myTodos { pledgeRequests } }`;
const requestCount = async () =>
  Number((await server.sql<{ n: string }>('select count(*) n from pledge_request'))[0]!.n);

describe('requesting a pledge', () => {
  let requestId: string;

  it('turns a match into a request to the unit, whose representatives are told', async () => {
    const { requestPledge: request } = await ok(
      REQUEST,
      { input: { needId: repairNeed, resourceId: resources['测维修工'], note: '请周三前来看看' } },
      communityStaff,
    );
    requestId = request.id;
    expect(request).toMatchObject({
      status: 'OPEN',
      note: '请周三前来看看',
      unit: { name: '测试小学' },
      person: null,
      requestedBy: { displayName: '李秀英' },
      need: { title: '楼道扶手松了' },
      resource: { title: '测维修工' },
      availableActions: [],
    });
    const { notifications } = await ok(
      `{ notifications(first: 5) { edges { node { kind title body pledgeRequest { id availableActions } } } } }`,
      {},
      unitRep,
    );
    expect(notifications.edges[0].node).toMatchObject({
      kind: 'PLEDGE_REQUESTED',
      body: '社区希望测试小学为「楼道扶手松了」提供支持：请周三前来看看',
      pledgeRequest: { id: requestId, availableActions: ['PLEDGE', 'DECLINE'] },
    });
    expect((await ok(TODOS, {}, unitRep)).myTodos.pledgeRequests).toBe(1);
    expect((await ok(TODOS, {}, volunteer)).myTodos.pledgeRequests).toBe(0);
  });

  it('lists requests to one’s units, one’s own, and (for staff) those of their areas', async () => {
    const ids = async (as: string, filter: Record<string, unknown> = {}) =>
      (await ok(REQUESTS, { filter }, as)).pledgeRequests.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await ids(unitRep)).toEqual([requestId]);
    expect(await ids(communityStaff, { needId: repairNeed })).toEqual([requestId]);
    expect(await ids(gridWorker, { needId: repairNeed, statuses: ['OPEN', 'DECLINED'] })).toEqual([requestId]);
    expect(await ids(unitRep, { unitId: heping })).toEqual([]);
    expect(await ids(volunteer)).toEqual([]);
    expect(await ids(otherCommunityStaff)).toEqual([]);
    expect(await ids(resident)).toEqual([]);
  });

  it('asks a person for their own resource', async () => {
    const { requestPledge: request } = await ok(
      REQUEST,
      { input: { needId: repairNeed, resourceId: resources['测邻居会修水管'], idempotencyKey: 'ask-neighbour-1' } },
      gridWorker,
    );
    expect(request).toMatchObject({ unit: null, person: { displayName: '孙志强' } });
    const again = await ok(
      REQUEST,
      { input: { needId: repairNeed, resourceId: resources['测邻居会修水管'], idempotencyKey: 'ask-neighbour-1' } },
      gridWorker,
    );
    expect(again.requestPledge.id).toBe(request.id);
    expect((await ok(TODOS, {}, neighbour)).myTodos.pledgeRequests).toBe(1);
  });

  it('refuses the wrong people, targets and offers, and a second open request; nothing is written', async () => {
    const before = await requestCount();
    const run = (as: string, input: Record<string, unknown>) => server.gql(REQUEST, { input }, { as });
    const fine = { needId: repairNeed, resourceId: resources['测建材'] };
    expect(code(await run(resident, fine))).toBe('FORBIDDEN');
    expect(code(await run(unitRep, fine))).toBe('FORBIDDEN');
    expect(code(await run(otherCommunityStaff, fine))).toBe('FORBIDDEN');
    // The need is public: seen, but not theirs to ask about.
    expect(code(await run(otherStreetAdmin, fine))).toBe('FORBIDDEN');
    expect(code(await run(communityStaff, { needId: repairNeed, resourceId: resources['测维修工'] }))).toBe('CONFLICT');
    expect(code(await run(communityStaff, { needId: repairNeed, resourceId: resources['测撤回的人力'] }))).toBe(
      'INVALID_STATE',
    );
    expect(code(await run(communityStaff, { needId: repairNeed, resourceId: '999999' }))).toBe('NOT_FOUND');
    // 阳光中学's 操场 (demo) lies in another street: as unknown as a wrong id.
    const [playground] = await server.sql<{ id: number }>(`select id from resource where title = '操场'`);
    expect(code(await run(communityStaff, { needId: repairNeed, resourceId: String(playground!.id) }))).toBe(
      'NOT_FOUND',
    );
    expect(code(await run(communityStaff, { needId: '999999', resourceId: resources['测建材'] }))).toBe('NOT_FOUND');
    expect(code(await run(communityStaff, { projectId: '999999', resourceId: resources['测建材'] }))).toBe('NOT_FOUND');
    const both = await run(communityStaff, { needId: repairNeed, projectId: project, resourceId: resources['测建材'] });
    expect(both.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { needId: expect.any(String) },
    });
    const neither = await run(communityStaff, { needId: repairNeed });
    expect(neither.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { resourceId: expect.any(String) },
    });
    const long = await run(communityStaff, { ...fine, note: '长'.repeat(501) });
    expect(long.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { note: expect.any(String) },
    });
    expect(await requestCount()).toBe(before);
  });

  it('makes one request of many sent at once with the same key', async () => {
    const before = await requestCount();
    const input = { projectId: project, resourceId: resources['测公益金'], idempotencyKey: 'ask-bank-funds-1' };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => server.gql(REQUEST, { input }, { as: communityStaff })),
    );
    expect(new Set(results.map((r) => r.data?.requestPledge.id)).size).toBe(1);
    expect(await requestCount()).toBe(before + 1);
  });

  it('lets the one asked decline with a reason, once', async () => {
    expect(code(await server.gql(DECLINE, { id: requestId, reason: '人手不够' }, { as: volunteer }))).toBe('NOT_FOUND');
    expect(code(await server.gql(DECLINE, { id: requestId, reason: '人手不够' }, { as: communityStaff }))).toBe(
      'FORBIDDEN',
    );
    const empty = await server.gql(DECLINE, { id: requestId, reason: '  ' }, { as: unitRep });
    expect(empty.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { reason: expect.any(String) },
    });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => server.gql(DECLINE, { id: requestId, reason: '人手不够' }, { as: unitRep })),
    );
    const done = results.filter((r) => !r.errors);
    expect(done).toHaveLength(1);
    expect(done[0]!.data.declinePledgeRequest).toMatchObject({
      status: 'DECLINED',
      declineReason: '人手不够',
      availableActions: [],
    });
    expect(results.filter((r) => code(r) === 'INVALID_STATE')).toHaveLength(3);
    // What is left: the request about the project's funds.
    expect((await ok(TODOS, {}, unitRep)).myTodos.pledgeRequests).toBe(1);
    // Declined, the suggestion may be asked for again.
    expect(
      (
        await server.gql(
          REQUEST,
          { input: { needId: repairNeed, resourceId: resources['测维修工'] } },
          { as: communityStaff },
        )
      ).errors,
    ).toBeUndefined();
  });
});
