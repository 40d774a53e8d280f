import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_COUNTS, POINTS_SQL, unitScore, type UnitScoreCounts } from '../../server/src/units/units.score.js';
import { insertPledge, insertProject, insertResource, insertUnit } from '../helpers/commitments.js';
import { createTestServer, DEMO_ACCOUNTS, type GraphQLResponse, type TestServer } from '../helpers/server.js';

// The co-building score (Unit.score) and the ranking (unitRanking, /units/ranking.xlsx), issue 13.

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;
let projectId: string;
const { communityStaff: staff, resident, otherCommunityStaff, otherStreetAdmin, streetAdmin, unitRep } = DEMO_ACCOUNTS;
/** Units of 和平第一网格 (where no demo unit lies) by name, with what they delivered: best first. */
const PLAN: [string, string[]][] = [
  ['和平甲', ['FULFILLED', 'FULFILLED', 'FULFILLED']],
  ['和平乙', ['FULFILLED', 'PARTIAL']],
  ['和平丙', ['FULFILLED']],
  ['和平丁', ['PARTIAL', 'PLEDGED']],
  ['和平戊', ['NOT_FULFILLED']],
  // Nothing to score: last, points null.
  ['和平己', ['PLEDGED', 'WITHDRAWN']],
  ['和平庚', []],
];
const unitIds: Record<string, string> = {};

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  projectId = await insertProject(server, ids['和平第一网格']!, userIds[staff]!, 'ACTIVE', '和平广场改造');
  for (const [name, statuses] of PLAN) {
    unitIds[name] = await insertUnit(server, name, ids['和平第一网格']!, [], userIds[staff]!);
    for (const status of statuses) {
      await insertPledge(server, {
        unitId: unitIds[name]!,
        projectId,
        pledgedById: userIds[unitRep]!,
        status,
        createdAt: '2026-03-01T00:00:00Z',
        dueAt: '2026-04-01T00:00:00Z',
        settledAt: status === 'PLEDGED' || status === 'WITHDRAWN' ? null : '2026-03-15T00:00:00Z',
      });
    }
  }
});
afterAll(() => server?.close());

const RANKING = `query($areaId: ID!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  unitRanking(areaId: $areaId, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { rank unit { id name } score { pledges fulfilled partial notFulfilled fulfilmentRate onTimeRate points } } } } }`;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;

describe('POINTS_SQL', () => {
  it('computes the very points unitScore does', async () => {
    const samples: UnitScoreCounts[] = [
      NO_COUNTS,
      { ...NO_COUNTS, fulfilled: 3, partial: 1, notFulfilled: 2, onTime: 2, settledWithDue: 4 },
      { ...NO_COUNTS, ratedNeeds: 3, ratingSum: 7 },
      { ...NO_COUNTS, contributionValue: 12_345.67, fulfilled: 1 },
      { ...NO_COUNTS, notFulfilled: 4 },
    ];
    for (const c of samples) {
      const [row] = await server.sql<{ points: string | null }>(
        `select ${POINTS_SQL} as points from (select ?::int as fulfilled, ?::int as partial, ?::int as not_fulfilled,
           ?::int as on_time, ?::int as rated_needs, ?::int as rating_sum, ?::numeric as contribution_value) t`,
        [c.fulfilled, c.partial, c.notFulfilled, c.onTime, c.ratedNeeds, c.ratingSum, c.contributionValue],
      );
      expect(row!.points === null ? null : Number(row!.points), JSON.stringify(c)).toBe(unitScore(c).points);
    }
  });
});

describe('unitRanking', () => {
  it('ranks the units of the area by points, ranks continuing across pages, nothing-to-score last', async () => {
    const seen: { rank: number; unit: { name: string }; score: { points: number | null } }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: GraphQLResponse = await server.gql(
        RANKING,
        { areaId: ids['和平第一网格'], first: 3, after },
        { as: otherCommunityStaff },
      );
      expect(result.errors).toBeUndefined();
      const page: {
        totalCount: number;
        edges: { node: (typeof seen)[number] }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      } = result.data!.unitRanking;
      expect(page.totalCount).toBe(PLAN.length);
      seen.push(...page.edges.map((edge: { node: (typeof seen)[number] }) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen.map((entry) => entry.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen.slice(0, 5).map((entry) => entry.unit.name)).toEqual([
      '和平甲',
      '和平乙',
      '和平丙',
      '和平丁',
      '和平戊',
    ]);
    expect(seen.slice(5).map((entry) => entry.score.points)).toEqual([null, null]);
    expect(seen[0]!.score).toMatchObject({ pledges: 3, fulfilled: 3, fulfilmentRate: 1, onTimeRate: 1, points: 36 });
  });

  it('counts the pledges made in the period only', async () => {
    const result = await server.gql(
      RANKING,
      { areaId: ids['和平第一网格'], from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z' },
      { as: staff },
    );
    // 幸福里's staff holds no role over 和平社区.
    expect(codeOf(result)).toBe('FORBIDDEN');
    const inPeriod = await server.gql(
      RANKING,
      { areaId: ids['和平第一网格'], from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z' },
      { as: streetAdmin },
    );
    expect(
      inPeriod.data.unitRanking.edges.every(
        (edge: { node: { score: { pledges: number } } }) => edge.node.score.pledges === 0,
      ),
    ).toBe(true);
  });

  it('refuses those without VIEW_UNIT_RANKING, areas out of existence and bad periods or pages', async () => {
    for (const as of [resident, unitRep, otherStreetAdmin])
      expect(codeOf(await server.gql(RANKING, { areaId: ids['和平第一网格'] }, { as })), as).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(RANKING, { areaId: ids['和平第一网格'] }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(RANKING, { areaId: '999999' }, { as: streetAdmin }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(RANKING, { areaId: 'x' }, { as: streetAdmin }))).toBe('NOT_FOUND');
    const backwards = await server.gql(
      RANKING,
      { areaId: ids['和平第一网格'], from: '2026-05-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
      { as: streetAdmin },
    );
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
    expect(backwards.errors![0]!.extensions.fields).toHaveProperty('from');
    for (const page of [{ first: 0 }, { first: 101 }, { after: 'bm9wZQ' }]) {
      expect(
        codeOf(await server.gql(RANKING, { areaId: ids['和平第一网格'], ...page }, { as: streetAdmin })),
        JSON.stringify(page),
      ).toBe('BAD_USER_INPUT');
    }
  });

  it('costs the same statements for a page of 2 as for 7', async () => {
    const count = (first: number) =>
      server.countQueries(() => server.gql(RANKING, { areaId: ids['和平第一网格'], first }, { as: streetAdmin }));
    await count(2);
    expect(await count(7)).toBe(await count(2));
  });
});

describe('Unit.score', () => {
  it('is batched: a page of pledges with their units’ scores costs the same for 2 as for 12', async () => {
    const query = `query($first: Int, $id: ID!) { pledges(first: $first, filter: { projectId: $id }) {
      edges { node { unit { name score { points fulfilmentRate } all: score(from: "2026-01-01T00:00:00Z") { pledges } } } } } }`;
    const count = (first: number) =>
      server.countQueries(() => server.gql(query, { first, id: projectId }, { as: streetAdmin }));
    await count(2);
    expect(await count(12)).toBe(await count(2));
    const result = await server.gql(query, { first: 12, id: projectId }, { as: streetAdmin });
    const first = result.data.pledges.edges.find(
      (edge: { node: { unit: { name: string } } }) => edge.node.unit.name === '和平乙',
    );
    expect(first.node.unit.score).toEqual({ points: 19, fulfilmentRate: 0.75 });
    const bad = await server.gql(
      `query($id: ID!) { pledges(filter: { projectId: $id }) { edges { node { unit { score(from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { points } } } } } }`,
      { id: projectId },
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });
});

describe('/units/ranking.xlsx', () => {
  const download = async (as: string | null, query: string) =>
    server.app.http.inject({
      method: 'GET',
      url: `/units/ranking.xlsx?${query}`,
      headers: { ...(as ? { authorization: `Bearer ${await server.tokenFor(as)}` } : {}), 'accept-language': 'zh-CN' },
    });

  it('is the whole ranking in one sheet, headers in the reader’s language', async () => {
    const response = await download(streetAdmin, `areaId=${ids['和平第一网格']}&from=2026-01-01T00:00:00Z`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('名次');
    expect(sheet.rowCount).toBe(PLAN.length + 1);
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining([1, '和平甲', '学校', 36]));
  });

  it('refuses as the query does', async () => {
    expect((await download(null, `areaId=${ids['和平第一网格']}`)).statusCode).toBe(401);
    expect((await download(resident, `areaId=${ids['和平第一网格']}`)).statusCode).toBe(403);
    expect((await download(streetAdmin, '')).statusCode).toBe(400);
    expect((await download(streetAdmin, `areaId=${ids['和平第一网格']}&from=yesterday`)).statusCode).toBe(400);
    expect((await download(streetAdmin, 'areaId=999999')).statusCode).toBe(404);
  });
});

describe('units(first: 50) with scores, resources and representatives', () => {
  it('costs the same statements as units(first: 5)', async () => {
    // Enough units with pledges, resources and representatives to fill a page of 50.
    for (let i = 0; i < 50; i++) {
      const id = await insertUnit(server, `批量单位 ${i}`, ids['和平第二网格']!, [userIds[unitRep]!], userIds[staff]!);
      await insertResource(server, {
        unitId: id,
        offeredById: userIds[unitRep]!,
        areaId: ids['和平第二网格']!,
        quantity: 10,
      });
      await insertPledge(server, { unitId: id, projectId, pledgedById: userIds[unitRep]!, status: 'FULFILLED' });
    }
    const query = `query($first: Int, $areaId: ID) { units(first: $first, filter: { areaId: $areaId }) { edges { node { id name
      score { pledges fulfilled fulfilmentRate points }
      resources(first: 5) { edges { node { id title quantityRemaining } } }
      representatives { id displayName } } } } }`;
    // Units of one grid alike, all within the viewer's street: a page mixing streets reads the report-ins once more (units/).
    const areaId = ids['和平第二网格'];
    const count = (first: number) =>
      server.countQueries(() => server.gql(query, { first, areaId }, { as: streetAdmin }));
    const result = await server.gql(query, { first: 50, areaId }, { as: streetAdmin });
    expect(result.errors).toBeUndefined();
    expect(result.data.units.edges).toHaveLength(50);
    await count(5);
    expect(await count(50)).toBe(await count(5));
  });
});
