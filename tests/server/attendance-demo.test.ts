import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTIVITIES } from '../../server/src/seed/demo-volunteering.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

/*
 * The demo attendance (seed/demo-attendance.ts). It stands on the activities and sign-ups the
 * activities' seed plants and the profiles of the volunteers' seed, so it holds once those are
 * merged; records' seed verifies some of last week's afterwards, which these checks allow.
 */

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server?.close());

interface Row {
  status: string;
  recorded_minutes: number | null;
  retroactive: boolean;
  phone: string;
  open: number;
  stretches: number;
  methods: string[];
  kinds: string[];
}

/** The sign-ups of the activity with their check-ins and entries. */
const signupsOf = (title: string) =>
  server.sql<Row>(
    `select su.status, su.recorded_minutes, su.retroactive, u.phone,
            (select count(*)::int from shift_check_in c where c.signup_id = su.id and c.checked_out_at is null) as open,
            (select count(*)::int from shift_check_in c where c.signup_id = su.id) as stretches,
            array(select c.check_in_method from shift_check_in c where c.signup_id = su.id order by c.id) as methods,
            array(select e.kind from service_record_entry e where e.signup_id = su.id order by e.id) as kinds
       from shift_signup su join activity a on a.id = su.activity_id join app_user u on u.id = su.volunteer_id
      where a.title = ? order by su.id`,
    [title],
  );

describe('the demo attendance', () => {
  it('today’s clean-up: 陈静 checked in by code, two by staff, one has been and gone', async () => {
    const rows = await signupsOf(DEMO_ACTIVITIES.cleanUp);
    const present = rows.filter((row) => row.status === 'CHECKED_IN');
    expect(present).toHaveLength(3);
    expect(present.every((row) => row.open === 1)).toBe(true);
    const chen = rows.find((row) => row.phone === DEMO_ACCOUNTS.volunteer);
    expect(chen).toMatchObject({ status: 'CHECKED_IN', methods: ['CODE'] });
    expect(present.filter((row) => row.methods[0] === 'ORGANISER')).toHaveLength(2);
    const gone = rows.filter((row) => row.status === 'CHECKED_OUT');
    expect(gone).toHaveLength(1);
    expect(gone[0]!.recorded_minutes).toBeGreaterThan(0);
    expect(gone[0]!.kinds).toEqual(['RECORDED']);
  });

  it('last week: six came and left with their minutes recorded, one check-out forgotten', async () => {
    const rows = await signupsOf(DEMO_ACTIVITIES.lastWeek);
    const recorded = rows.filter((row) => row.recorded_minutes !== null);
    expect(recorded).toHaveLength(6);
    // Waiting for the organiser, or verified since by records' seed.
    expect(recorded.every((row) => ['CHECKED_OUT', 'VERIFIED'].includes(row.status))).toBe(true);
    expect(recorded.every((row) => row.kinds[0] === 'RECORDED' && row.open === 0)).toBe(true);
    expect(new Set(recorded.flatMap((row) => row.methods))).toEqual(new Set(['CODE', 'ORGANISER']));
    const forgotten = rows.filter((row) => row.status === 'CHECKED_IN');
    expect(forgotten).toHaveLength(1);
    expect(forgotten[0]).toMatchObject({ open: 1, recorded_minutes: null, kinds: [] });
  });

  it('the paper sheet: a retroactive activity of 10 days ago with five lines recorded', async () => {
    const [activity] = await server.sql<{ retroactive: boolean; days: number }>(
      `select retroactive, floor(extract(epoch from now() - ends_at) / 86400)::int as days from activity where title = ?`,
      [DEMO_ACTIVITIES.paperSheet],
    );
    expect(activity!.retroactive).toBe(true);
    // 10 days ago 14:00–16:30 China time: 9 or 10 whole days ago, by the time of day now.
    expect([9, 10]).toContain(activity!.days);
    const rows = await signupsOf(DEMO_ACTIVITIES.paperSheet);
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row).toMatchObject({
        status: 'CHECKED_OUT',
        retroactive: true,
        methods: ['PAPER'],
        kinds: ['PAPER_RECORDED'],
      });
      expect(row.recorded_minutes).toBeGreaterThan(0);
    }
  });
});
