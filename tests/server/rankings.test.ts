import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStreet } from '../../server/src/areas/areas.service.js';
import { rebuildVolunteerRollups } from '../../server/src/records/records.rollups.js';
import { ensureProfile, insertActivity, insertPerson, insertSignup, insertTeam } from '../helpers/records-fixtures.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;
/** Six fresh volunteers: 一号 … 六号 (their user ids). */
const people: number[] = [];

/*
 * The rankings are read from a street of the test's own (排名街道: 甲社区 with 甲一格, 乙社区, 丙社区),
 * made as the operator makes streets, so the demo's verified history (幸福街道) counts nowhere here
 * and every figure below is exactly what this file verified.
 */
const admin = '13900008100'; // ADMIN of 排名街道
const staff = '13900008101'; // STAFF of 排名甲社区
const otherCommunityStaff = '13900008102'; // STAFF of 排名乙社区
/** The demo's street administrator: staff of another street, who see the rankings as the public does. */
const { streetAdmin: otherStreetAdmin, resident } = DEMO_ACCOUNTS;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;

const VERIFY = `mutation($signupId: ID!, $hours: Float, $reason: String) {
  verifyHours(signupId: $signupId, hours: $hours, reason: $reason) { id verifiedHours } }`;
const VERIFY_SHIFT = `mutation($shiftId: ID!) { verifyShiftHours(shiftId: $shiftId) { id } }`;
const REQUEST = `mutation($signupId: ID!, $hours: Float!, $reason: String!) {
  requestRecordCorrection(signupId: $signupId, hours: $hours, reason: $reason) { id } }`;
const ANSWER = `mutation($id: ID!, $accept: Boolean!, $answer: String!) {
  answerRecordCorrection(id: $id, accept: $accept, answer: $answer) { id status } }`;
const RANKING = `query($areaId: ID!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  volunteerRanking(areaId: $areaId, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { rank name hours activityCount profile { id } } } } }`;
const TEAMS = `query($areaId: ID!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  teamRanking(areaId: $areaId, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { rank hours volunteerCount team { id name } } } } }`;

const china = (text: string) => new Date(`${text}+08:00`);
const YEAR_2026 = { from: china('2026-01-01T00:00:00').toISOString(), to: china('2027-01-01T00:00:00').toISOString() };

interface Node {
  rank: number;
  name: string;
  hours: number;
  activityCount: number;
  profile: { id: string } | null;
}

async function signup(shiftId: number, userId: number, minutes: number) {
  return insertSignup(server, { shiftId, userId, recordedMinutes: minutes });
}

async function ok<T = any>(query: string, variables: Record<string, unknown>, as: string = staff): Promise<T> {
  const result = await server.gql(query, variables, { as });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** The rollups as the sign-ups say they should be: the full scan the rollups spare the rankings. */
const FULL_SCAN = `
  select lv.area_id, pr.period, s.volunteer_id as user_id, sum(s.verified_minutes)::int as minutes, count(*)::int as activity_count
  from shift_signup s join shift sh on sh.id = s.shift_id join activity a on a.id = s.activity_id
    cross join lateral (values (a.street_id), (a.community_id)) lv(area_id)
    cross join lateral (values (0),
      (extract(year from sh.starts_at at time zone 'Asia/Shanghai')::int),
      (extract(year from sh.starts_at at time zone 'Asia/Shanghai')::int * 100 + extract(month from sh.starts_at at time zone 'Asia/Shanghai')::int)) pr(period)
  where s.verified_minutes is not null and lv.area_id is not null
  group by 1, 2, 3 order by 1, 2, 3`;
const TEAM_SCAN = `
  select lv.area_id, pr.period, a.team_id, s.volunteer_id as user_id, sum(s.verified_minutes)::int as minutes
  from shift_signup s join shift sh on sh.id = s.shift_id join activity a on a.id = s.activity_id
    cross join lateral (values (a.street_id), (a.community_id)) lv(area_id)
    cross join lateral (values (0),
      (extract(year from sh.starts_at at time zone 'Asia/Shanghai')::int),
      (extract(year from sh.starts_at at time zone 'Asia/Shanghai')::int * 100 + extract(month from sh.starts_at at time zone 'Asia/Shanghai')::int)) pr(period)
  where s.verified_minutes is not null and lv.area_id is not null and a.team_id is not null
  group by 1, 2, 3, 4 order by 1, 2, 3, 4`;
const ROLLUPS = `select area_id, period, user_id, minutes, activity_count from volunteer_hours_rollup order by 1, 2, 3`;
const TEAM_ROLLUPS = `select area_id, period, team_id, user_id, minutes from team_hours_rollup order by 1, 2, 3, 4`;
const COUNTS = `select area_id, period, volunteers from volunteer_rollup_count where volunteers <> 0 order by 1, 2`;
const COUNT_SCAN = `select area_id, period, count(*)::int as volunteers from volunteer_hours_rollup where minutes > 0 group by 1, 2 order by 1, 2`;
const PROFILE_SCAN = `
  select p.user_id, p.verified_minutes, coalesce((select sum(verified_minutes) from shift_signup s where s.volunteer_id = p.user_id), 0)::int as scanned
  from volunteer_profile p order by 1`;

let team: number;

/** A person of the demo's kind holding `role` on the area (as the operator or an administrator assigns it). */
async function personWithRole(phone: string, name: string, role: 'ADMIN' | 'STAFF', areaId: string) {
  const id = await insertPerson(server, phone, name);
  await server.sql(`insert into role_assignment (user_id, role, area_id, created_at) values (?, ?, ?, now())`, [
    id,
    role,
    Number(areaId),
  ]);
  return id;
}

async function createArea(name: string, kind: 'COMMUNITY' | 'GRID', parentId: string) {
  const data = await ok(
    'mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }',
    { i: { name, kind, parentId } },
    admin,
  );
  return data.createArea.id as string;
}

beforeAll(async () => {
  server = await createTestServer();
  const street = await createStreet(server.app.orm.em.fork(), '排名街道');
  await personWithRole(admin, '排名管理员', 'ADMIN', String(street.id));
  const jia = await createArea('排名甲社区', 'COMMUNITY', String(street.id));
  await createArea('排名甲一格', 'GRID', jia);
  const yi = await createArea('排名乙社区', 'COMMUNITY', String(street.id));
  await createArea('排名丙社区', 'COMMUNITY', String(street.id));
  await personWithRole(staff, '甲社工', 'STAFF', jia);
  await personWithRole(otherCommunityStaff, '乙社工', 'STAFF', yi);
  ids = await server.areaIds();
  userIds = await server.userIds();
  for (const [index, name] of ['王一明', '李二华', '张三丰', '赵四海', '钱五岳', '孙六合'].entries()) {
    const id = await insertPerson(server, `1390000800${index}`, name);
    await ensureProfile(server, id, index < 4 ? '排名甲社区' : '排名乙社区');
    people.push(id);
  }
  team = await insertTeam(server, ids['排名甲社区']!, userIds[staff]!, '排名测试队');
  const [p1, p2, p3, p4, p5, p6] = people as [number, number, number, number, number, number];

  // 2026 in 甲社区's grid (a team's activity): a shift at 00:30 on New Year's Day in Beijing (still 2025 in UTC).
  const teamActivity = await insertActivity(server, {
    areaId: ids['排名甲一格']!,
    createdById: userIds[staff]!,
    teamId: team,
    shifts: [
      { startsAt: china('2026-01-01T00:30:00'), hours: 3 },
      { startsAt: china('2026-03-10T09:00:00'), hours: 4 },
    ],
  });
  const [newYear, march] = teamActivity.shiftIds as [number, number];
  await signup(newYear, p1, 180);
  await signup(newYear, p2, 120);
  await signup(newYear, p3, 120);
  await ok(VERIFY_SHIFT, { shiftId: newYear });
  const a4 = await signup(march, p1, 240);
  const b4 = await signup(march, p4, 200);
  const c4 = await signup(march, p2, 60);
  await ok(VERIFY, { signupId: a4 });
  await ok(VERIFY, { signupId: b4, hours: 2, reason: '提前离开' }); // corrected down from 200 to 120
  await ok(VERIFY, { signupId: c4 });
  await ok(VERIFY, { signupId: c4, hours: 3, reason: '补记晚到的签到' }); // corrected up from 60 to 180

  // 2025 in 乙社区 (no team), and a correction accepted on a NO_SHOW there.
  const yiActivity = await insertActivity(server, {
    areaId: ids['排名乙社区']!,
    createdById: userIds[otherCommunityStaff]!,
    shifts: [{ startsAt: china('2025-06-15T14:00:00'), hours: 5 }],
  });
  const old = yiActivity.shiftIds[0]!;
  await signup(old, p5, 300);
  await signup(old, p6, 240);
  await ok(VERIFY_SHIFT, { shiftId: old }, otherCommunityStaff);

  // 五号 (2025 only) verified for a 2026 shift, then corrected to nothing: counted in 2026 and off again.
  const zeroed = await insertActivity(server, {
    areaId: ids['排名甲社区']!,
    createdById: userIds[staff]!,
    shifts: [{ startsAt: china('2026-02-02T09:00:00'), hours: 2 }],
  });
  const zero = await signup(zeroed.shiftIds[0]!, p5, 60);
  await ok(VERIFY, { signupId: zero });
  await ok(VERIFY, { signupId: zero, hours: 0, reason: '当天未实际服务' });

  // A recent shift: one verified, one NO_SHOW accepted through a correction, one left unverified.
  const recent = await insertActivity(server, {
    areaId: ids['排名甲社区']!,
    createdById: userIds[staff]!,
    teamId: team,
    shifts: [{ startsAt: china('2026-11-20T09:00:00'), hours: 2 }],
  });
  const late = recent.shiftIds[0]!;
  const noShow = await insertSignup(server, { shiftId: late, userId: p3, status: 'NO_SHOW' });
  await signup(late, p6, 100); // unverified: counts nowhere
  const asked = await server.gql(
    REQUEST,
    { signupId: noShow, hours: 1.5, reason: '到场了，忘记签到' },
    { token: await tokenOf(p3) },
  );
  expect(asked.errors).toBeUndefined();
  await ok(ANSWER, { id: asked.data.requestRecordCorrection.id, accept: true, answer: '核实属实' });
}, 180_000);
afterAll(() => server?.close());

async function tokenOf(userId: number) {
  const [row] = await server.sql<{ phone: string }>('select phone from app_user where id = ?', [userId]);
  return server.tokenFor(row!.phone);
}

describe('rollups', () => {
  it('equal a full scan of the sign-ups after verifications, corrections and an accepted correction', async () => {
    expect(await server.sql(ROLLUPS)).toEqual(await server.sql(FULL_SCAN));
    expect(await server.sql(TEAM_ROLLUPS)).toEqual(await server.sql(TEAM_SCAN));
    expect(await server.sql(COUNTS)).toEqual(await server.sql(COUNT_SCAN));
    const profiles = await server.sql<{ verified_minutes: number; scanned: number }>(PROFILE_SCAN);
    for (const row of profiles) expect(row.verified_minutes).toBe(row.scanned);
    // Not vacuous: the data above reaches both streets' levels and three periods of each.
    expect((await server.sql(ROLLUPS)).length).toBeGreaterThan(20);
  });

  it('stay right when many sign-ups of one volunteer are verified at once', async () => {
    const { shiftIds } = await insertActivity(server, {
      areaId: ids['排名甲社区']!,
      createdById: userIds[staff]!,
      teamId: team,
      shifts: Array.from({ length: 8 }, (_, i) => ({ startsAt: china(`2026-0${(i % 4) + 4}-0${i + 1}T09:00:00`) })),
    });
    const signups = await Promise.all(shiftIds.map((shiftId, i) => signup(shiftId, people[5]!, 30 + i)));
    const results = await Promise.all(signups.map((signupId) => server.gql(VERIFY, { signupId }, { as: staff })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(await server.sql(ROLLUPS)).toEqual(await server.sql(FULL_SCAN));
    expect(await server.sql(TEAM_ROLLUPS)).toEqual(await server.sql(TEAM_SCAN));
    expect(await server.sql(COUNTS)).toEqual(await server.sql(COUNT_SCAN));
  });

  it('rebuildVolunteerRollups makes the same rollups and totals again from the sign-ups', async () => {
    const before = await server.sql(ROLLUPS);
    const teamsBefore = await server.sql(TEAM_ROLLUPS);
    const countsBefore = await server.sql(COUNTS);
    await server.sql('update volunteer_profile set verified_minutes = 0');
    await server.sql('delete from volunteer_hours_rollup where period = 0');
    await rebuildVolunteerRollups(server.app.orm.em.fork());
    expect(await server.sql(ROLLUPS)).toEqual(before);
    expect(await server.sql(TEAM_ROLLUPS)).toEqual(teamsBefore);
    expect(await server.sql(COUNTS)).toEqual(countsBefore);
    for (const row of await server.sql<{ verified_minutes: number; scanned: number }>(PROFILE_SCAN)) {
      expect(row.verified_minutes).toBe(row.scanned);
    }
  });
});

describe('volunteerRanking', () => {
  it('ranks a street and year by hours, equal hours sharing a rank; names masked for the public', async () => {
    const data = await ok(RANKING, { areaId: ids['排名街道'], ...YEAR_2026 }, resident);
    const nodes: Node[] = data.volunteerRanking.edges.map((e: { node: Node }) => e.node);
    // 一号 3+4 h; 二号 2+3 h; 三号 2+1.5 h; 四号 2 h; 六号 the concurrent shifts (2026, 甲社区).
    expect(nodes.map((n) => n.rank)).toEqual(competition(nodes.map((n) => n.hours)));
    expect(nodes[0]).toMatchObject({ rank: 1, hours: 7, activityCount: 2, name: '王**', profile: null });
    expect(nodes.find((n) => n.name === '李**')).toMatchObject({ hours: 5, activityCount: 2 });
    expect(nodes.find((n) => n.name === '张**')).toMatchObject({ hours: 3.5, activityCount: 2 });
    expect(nodes.find((n) => n.name === '钱**')).toBeUndefined(); // 2025 only
    expect(data.volunteerRanking.totalCount).toBe(nodes.length);
  });

  it('gives ties the same rank and the next rank after them (1, 2, 2, 4)', async () => {
    const { shiftIds } = await insertActivity(server, {
      areaId: ids['排名丙社区']!,
      createdById: userIds[admin]!,
      shifts: [{ startsAt: china('2026-05-05T09:00:00'), hours: 4 }],
    });
    const minutes = [240, 120, 120, 60];
    for (const [index, m] of minutes.entries()) {
      await ok(VERIFY, { signupId: await signup(shiftIds[0]!, people[index]!, m) }, admin);
    }
    const data = await ok(RANKING, { areaId: ids['排名丙社区'], ...YEAR_2026 }, admin);
    const nodes: Node[] = data.volunteerRanking.edges.map((e: { node: Node }) => e.node);
    expect(nodes.map((n) => [n.rank, n.hours])).toEqual([
      [1, 4],
      [2, 2],
      [2, 2],
      [4, 1],
    ]);
    // Staff see full names and the profile.
    expect(nodes[0]).toMatchObject({ name: '王一明', profile: { id: expect.any(String) } });
  });

  it('pages by cursor with ranks carried over the page break, the same as one long page', async () => {
    const whole: Node[] = (await ok(RANKING, { areaId: ids['排名街道'], first: 100 })).volunteerRanking.edges.map(
      (e: { node: Node }) => e.node,
    );
    const paged: Node[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await ok(RANKING, { areaId: ids['排名街道'], first: 2, after })).volunteerRanking;
      paged.push(...page.edges.map((e: { node: Node }) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(whole.length).toBeGreaterThan(4);
    expect(paged).toEqual(whole);
  });

  it('an unaligned range sums the sign-ups and agrees with the rollup where they cover the same', async () => {
    const rolled = await ok(RANKING, { areaId: ids['排名甲社区'], ...YEAR_2026 });
    // From 00:00 Beijing on 1 Jan to the last second of the year: no rollup period, same data.
    const scanned = await ok(RANKING, {
      areaId: ids['排名甲社区'],
      from: YEAR_2026.from,
      to: china('2026-12-31T23:59:59').toISOString(),
    });
    expect(scanned.volunteerRanking).toEqual({
      ...rolled.volunteerRanking,
      pageInfo: { ...rolled.volunteerRanking.pageInfo, endCursor: expect.any(String) },
    });
    // A grid has no rollup: its sum comes from the sign-ups of activities in it.
    const grid = await ok(RANKING, { areaId: ids['排名甲一格'] });
    expect(grid.volunteerRanking.edges[0].node).toMatchObject({ rank: 1, hours: 7 });
    // The New Year's shift at 00:30 Beijing counts in 2026, not 2025.
    const y2025 = await ok(RANKING, {
      areaId: ids['排名甲社区'],
      from: china('2025-01-01T00:00:00').toISOString(),
      to: YEAR_2026.from,
    });
    expect(y2025.volunteerRanking.totalCount).toBe(0);
  });

  it('refuses a bad cursor, an empty range and an unknown area', async () => {
    expect(codeOf(await server.gql(RANKING, { areaId: ids['排名街道'], after: 'bm9wZQ' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(RANKING, { areaId: ids['排名街道'], from: YEAR_2026.to, to: YEAR_2026.from }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await server.gql(RANKING, { areaId: '999999' }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(RANKING, { areaId: ids['排名街道'], first: 0 }))).toBe('BAD_USER_INPUT');
  });

  it('other streets’ staff see masked names; a page costs the same statements whatever its size', async () => {
    const masked = await ok(RANKING, { areaId: ids['排名街道'] }, otherStreetAdmin);
    expect(masked.volunteerRanking.edges.every((e: { node: Node }) => e.node.profile === null)).toBe(true);
    const small = await server.countQueries(() =>
      server.gql(RANKING, { areaId: ids['排名街道'], first: 1 }, { as: staff }),
    );
    const large = await server.countQueries(() =>
      server.gql(RANKING, { areaId: ids['排名街道'], first: 50 }, { as: staff }),
    );
    expect(large).toBe(small);
  });
});

describe('teamRanking', () => {
  it('sums verified hours per organising team with its volunteers counted', async () => {
    const data = await ok(TEAMS, { areaId: ids['排名街道'], ...YEAR_2026 }, resident);
    const [first] = data.teamRanking.edges.map((e: { node: unknown }) => e.node);
    const [expected] = await server.sql<{ minutes: number; volunteers: number }>(
      `select sum(s.verified_minutes)::int minutes, count(distinct s.volunteer_id)::int volunteers
       from shift_signup s join shift sh on sh.id = s.shift_id join activity a on a.id = s.activity_id
       where a.team_id = ? and s.verified_minutes > 0 and sh.starts_at >= ? and sh.starts_at < ?`,
      [team, YEAR_2026.from, YEAR_2026.to],
    );
    expect(first).toMatchObject({
      rank: 1,
      team: { id: String(team), name: '排名测试队' },
      hours: Math.round((expected!.minutes / 60) * 100) / 100,
      volunteerCount: expected!.volunteers,
    });
    const scanned = await ok(TEAMS, {
      areaId: ids['排名街道'],
      from: YEAR_2026.from,
      to: china('2026-12-31T00:00:00').toISOString(),
    });
    expect(scanned.teamRanking.edges.map((e: { node: unknown }) => e.node)).toEqual([first]);
    const small = await server.countQueries(() => server.gql(TEAMS, { areaId: ids['排名街道'], first: 1 }));
    const large = await server.countQueries(() => server.gql(TEAMS, { areaId: ids['排名街道'], first: 50 }));
    expect(large).toBe(small);
  });
});

/** The competition ranks of hours in ranking order. */
function competition(hours: number[]): number[] {
  return hours.map((h) => hours.filter((other) => other > h).length + 1);
}
