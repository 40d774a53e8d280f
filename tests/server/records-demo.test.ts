import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRecords } from '../../server/src/seed/demo-records.js';
import { DEMO_ACTIVITIES, DEMO_TEAMS } from '../../server/src/seed/demo-volunteering.data.js';
import { chinaDaysAgo, ensureProfile, insertActivity, insertSignup, insertTeam } from '../helpers/records-fixtures.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;
const { volunteer, communityStaff: staff, otherCommunityStaff } = DEMO_ACCOUNTS;
/** The generated residents holding VOLUNTEER in the demo (every sixth). */
const VOLUNTEER_RESIDENTS = ['13900000001', '13900000007', '13900000013', '13900000019', '13900000025', '13900000031'];
let lastWeekSignups: string[];

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  // What the earlier seeders (volunteers, activities, attendance) plant, written here directly.
  await ensureProfile(server, userIds[volunteer]!);
  for (const phone of VOLUNTEER_RESIDENTS) await ensureProfile(server, userIds[phone]!);
  await insertTeam(server, ids['幸福里社区']!, userIds[VOLUNTEER_RESIDENTS[0]!]!, DEMO_TEAMS.elderCare);
  await insertTeam(server, ids['和平社区']!, userIds[VOLUNTEER_RESIDENTS[1]!]!, DEMO_TEAMS.disability);
  const lastWeek = await insertActivity(server, {
    areaId: ids['幸福里社区']!,
    createdById: userIds[staff]!,
    title: DEMO_ACTIVITIES.lastWeek,
    shifts: [{ startsAt: chinaDaysAgo(6), hours: 4 }],
  });
  lastWeekSignups = [];
  for (const phone of [volunteer, ...VOLUNTEER_RESIDENTS.slice(0, 5)]) {
    lastWeekSignups.push(
      await insertSignup(server, { shiftId: lastWeek.shiftIds[0]!, userId: userIds[phone]!, recordedMinutes: 200 }),
    );
  }
  await server.app.orm.em.fork().transactional((tx) => seedDemoRecords(tx));
}, 180_000);
afterAll(() => server?.close());

describe('seedDemoRecords', () => {
  it('makes 陈静 102 verified hours with 一星 on the board now', async () => {
    const result = await server.gql(
      `{ myVolunteering { verifiedHours starLevel nextStarLevel hoursToNextStar pendingStar { level status publicUntil }
         corrections { edges { node { status answer } } } records(first: 50) { totalCount } } }`,
      {},
      { as: volunteer },
    );
    expect(result.errors).toBeUndefined();
    const summary = result.data.myVolunteering;
    expect(summary).toMatchObject({ verifiedHours: 102, starLevel: 0, nextStarLevel: 2, hoursToNextStar: 198 });
    expect(summary.pendingStar).toMatchObject({ level: 1, status: 'PUBLICIZING' });
    expect(new Date(summary.pendingStar.publicUntil).getTime()).toBeGreaterThan(Date.now());
    expect(summary.corrections.edges.map((e: { node: { status: string } }) => e.node.status).sort()).toEqual([
      'OPEN',
      'REJECTED',
    ]);
  });

  it('verifies 4 of lastWeek’s checked-out records, one corrected, and leaves 陈静’s waiting', async () => {
    const rows = await server.sql<{ id: number; status: string; verified_minutes: number | null }>(
      'select id, status, verified_minutes from shift_signup where id = any(?::int[]) order by id',
      [`{${lastWeekSignups.join(',')}}`],
    );
    expect(rows.map((r) => r.status)).toEqual([
      'CHECKED_OUT',
      'VERIFIED',
      'VERIFIED',
      'VERIFIED',
      'VERIFIED',
      'CHECKED_OUT',
    ]);
    expect(rows.map((r) => r.verified_minutes)).toEqual([null, 170, 200, 200, 200, null]);
    const [corrected] = await server.sql<{ reason: string }>(
      `select reason from service_record_entry where signup_id = ? and kind = 'CORRECTED'`,
      [rows[1]!.id],
    );
    expect(corrected?.reason).toBeTruthy();
  });

  it('gives a ranking of several volunteers in both communities, rollups equal to the sign-ups', async () => {
    const query = `query($areaId: ID!) { volunteerRanking(areaId: $areaId) { totalCount edges { node { rank name hours } } } }`;
    const street = (await server.gql(query, { areaId: ids['幸福街道'] })).data.volunteerRanking;
    expect(street.totalCount).toBeGreaterThanOrEqual(7);
    expect(street.edges[0].node).toMatchObject({ rank: 1, name: '陈**', hours: 102 });
    const heping = (await server.gql(query, { areaId: ids['和平社区'] })).data.volunteerRanking;
    expect(heping.totalCount).toBe(3);
    const [mismatch] = await server.sql(
      `select r.user_id from volunteer_hours_rollup r where r.period = 0 and r.minutes <> (
         select coalesce(sum(s.verified_minutes), 0) from shift_signup s join activity a on a.id = s.activity_id
         where s.volunteer_id = r.user_id and (a.street_id = r.area_id or a.community_id = r.area_id))`,
    );
    expect(mismatch).toBeUndefined();
    const staffInbox = await server.gql(
      `query($filter: CorrectionFilter!) { correctionRequests(filter: $filter) { totalCount } }`,
      { filter: { areaId: ids['幸福里社区'], statuses: ['OPEN'] } },
      { as: staff },
    );
    expect(staffInbox.data.correctionRequests.totalCount).toBe(1);
    const other = await server.gql(
      `query($filter: CorrectionFilter!) { correctionRequests(filter: $filter) { totalCount } }`,
      { filter: { areaId: ids['幸福街道'], statuses: ['OPEN'] } },
      { as: otherCommunityStaff },
    );
    expect(other.data.correctionRequests.totalCount).toBe(0);
  });
});
