import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTIVITIES } from '../../server/src/seed/demo-volunteering.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

/*
 * The demo records (seed/demo-records.ts) as the whole demo seeds them: on the profiles and teams
 * of the volunteers' seed and last week's sign-ups checked out by the attendance seed.
 */

let server: TestServer;
let ids: Record<string, string>;
const { volunteer, communityStaff: staff, otherCommunityStaff } = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
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
    const rows = await server.sql<{
      id: number;
      phone: string;
      status: string;
      recorded_minutes: number;
      verified_minutes: number | null;
      reasons: string[];
    }>(
      `select su.id, u.phone, su.status, su.recorded_minutes, su.verified_minutes,
              array(select e.reason from service_record_entry e where e.signup_id = su.id and e.kind = 'CORRECTED') as reasons
         from shift_signup su join activity a on a.id = su.activity_id join app_user u on u.id = su.volunteer_id
        where a.title = ? and su.recorded_minutes is not null order by su.id`,
      [DEMO_ACTIVITIES.lastWeek],
    );
    expect(rows).toHaveLength(6);
    const verified = rows.filter((row) => row.status === 'VERIFIED');
    expect(verified).toHaveLength(4);
    // 陈静's own (when she is among them) is left waiting: her 102 h stand.
    expect(verified.map((row) => row.phone)).not.toContain(volunteer);
    expect(rows.filter((row) => row.status === 'CHECKED_OUT')).toHaveLength(2);
    const corrected = verified.filter((row) => row.reasons.length > 0);
    expect(corrected).toHaveLength(1);
    expect(corrected[0]!.reasons[0]).toBeTruthy();
    expect(corrected[0]!.verified_minutes).toBe(corrected[0]!.recorded_minutes - 30);
    for (const row of verified.filter((r) => r.reasons.length === 0)) {
      expect(row.verified_minutes).toBe(row.recorded_minutes);
    }
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
