import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoActivities } from '../../server/src/seed/demo-activities.js';
import { DEMO_ACTIVITIES } from '../../server/src/seed/demo-volunteering.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';
import { makeVolunteers } from '../helpers/volunteering.js';

// The demo's activities (seed/demo-activities.ts). The template holds them as seeded before any
// volunteer profile exists on this branch; here they are seeded again after profiles are made,
// as seedDemoVolunteers makes them, and the newest of each title is read.

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
}, 120_000);
afterAll(() => server?.close());

const FIELDS = `id title status retroactive area { name } placesLeft
  shifts { startsAt endsAt capacity signedUpCount waitlistCount }`;

async function newest(title: string, as?: string) {
  const [row] = await server.sql<{ id: number }>('select id from activity where title = ? order by id desc limit 1', [
    title,
  ]);
  if (!row) return null;
  const result = await server.gql(
    `query($id: ID!) { activity(id: $id) { ${FIELDS} viewerSignups { status } } }`,
    { id: String(row.id) },
    as ? { as } : {},
  );
  return result.data.activity;
}

describe('demo activities', () => {
  it('are there on first start, before any volunteer signed up', async () => {
    for (const title of [
      DEMO_ACTIVITIES.afterSchool,
      DEMO_ACTIVITIES.elderVisit,
      DEMO_ACTIVITIES.cleanUp,
      DEMO_ACTIVITIES.lastWeek,
      DEMO_ACTIVITIES.heping,
    ]) {
      expect(await newest(title), title).toMatchObject({ title, status: 'PUBLISHED', retroactive: false });
    }
  });

  it('fill their shifts from the volunteers there are, as planned', async () => {
    const community = (await server.areaIds())['幸福里社区']!;
    const volunteers = await server.sql<{ id: number }>(
      `select u.id from app_user u where u.phone = ? or (u.phone like '1390000%' and exists
         (select 1 from role_assignment r where r.user_id = u.id and r.role = 'VOLUNTEER'))`,
      [DEMO_ACCOUNTS.volunteer],
    );
    expect(volunteers.length).toBe(7);
    await makeVolunteers(
      server,
      volunteers.map((row) => row.id),
      { communityId: community },
    );
    await server.app.orm.em.fork().transactional((tx) => seedDemoActivities(tx));

    const afterSchool = await newest(DEMO_ACTIVITIES.afterSchool);
    expect(afterSchool.area.name).toBe('幸福里社区');
    expect(afterSchool.shifts.length).toBeGreaterThanOrEqual(8);
    for (const shift of afterSchool.shifts) {
      const start = new Date(shift.startsAt);
      const china = new Date(start.getTime() + 8 * 3_600_000);
      expect([0, 6]).not.toContain(china.getUTCDay());
      expect(china.toISOString().slice(11, 16)).toBe('16:30');
      expect(start.getTime()).toBeGreaterThan(Date.now());
    }
    expect(afterSchool.shifts.slice(0, 3).map((s: { signedUpCount: number }) => s.signedUpCount)).toEqual([2, 2, 2]);

    const visit = await newest(DEMO_ACTIVITIES.elderVisit);
    expect(visit.shifts).toEqual([expect.objectContaining({ capacity: 3, signedUpCount: 3, waitlistCount: 2 })]);
    expect(visit.placesLeft).toBe(0);

    const cleanUp = await newest(DEMO_ACTIVITIES.cleanUp, DEMO_ACCOUNTS.volunteer);
    expect(cleanUp.shifts).toEqual([expect.objectContaining({ capacity: 20, signedUpCount: 4 })]);
    expect(cleanUp.viewerSignups).toEqual([{ status: 'SIGNED_UP' }]);
    const [start, end] = [new Date(cleanUp.shifts[0].startsAt), new Date(cleanUp.shifts[0].endsAt)];
    expect(new Date(start.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)).toBe('08:00');
    expect(end.getTime() - start.getTime()).toBe(12 * 3_600_000);

    const lastWeek = await newest(DEMO_ACTIVITIES.lastWeek);
    expect(lastWeek.shifts).toEqual([expect.objectContaining({ signedUpCount: 7 })]);
    expect(new Date(lastWeek.shifts[0].endsAt).getTime()).toBeLessThan(Date.now() - 6 * 86_400_000);

    const heping = await newest(DEMO_ACTIVITIES.heping);
    expect(heping.area.name).toBe('和平社区');
    expect(heping.shifts[0].signedUpCount).toBe(1);
  });
});
