import type { EntityManager } from '@mikro-orm/postgresql';
import { SignupStatus } from '../activities/activities.enums.js';
import { Activity, Shift, ShiftSignup } from '../activities/activity.entity.js';
import { Area } from '../areas/area.entity.js';
import { levelsOf } from '../areas/area-levels.js';
import { checkInVolunteer, checkOutVolunteer, recordAttendance } from '../attendance/attendance.service.js';
import { shiftCodeSubject } from '../attendance/attendance.rules.js';
import { viewerOf } from '../people/sessions.js';
import { User } from '../people/user.entity.js';
import { clockAt } from '../platform/clock.js';
import { CHINA_OFFSET_MS } from '../platform/china-time.js';
import { codeFor, newCodeSecret } from '../platform/rotating-codes.js';
import { VolunteerStatus } from '../volunteers/volunteers.enums.js';
import { DEMO_ACTIVITIES } from './demo-volunteering.data.js';

/** 李秀英, staff of 幸福里社区 (seed/demo.ts DEMO_ACCOUNTS), who runs the community's activities. */
const XINGFULI_STAFF = '13800000002';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** `days` ago at `hour`:00 China time. */
function chinaHoursAgo(days: number, hour: number): Date {
  const chinaNow = new Date(Date.now() + CHINA_OFFSET_MS);
  const midnight = Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth(), chinaNow.getUTCDate()) - CHINA_OFFSET_MS;
  return new Date(midnight - days * DAY + hour * 3_600_000);
}

/** The activity's first shift and its sign-ups still holding a place, in the order they signed up. */
async function firstShiftOf(tx: EntityManager, title: string) {
  const activity = await tx.findOne(Activity, { title });
  if (!activity) return null;
  const shift = await tx.findOneOrFail(Shift, { activity }, { orderBy: { startsAt: 'asc', id: 'asc' } });
  const signups = await tx.find(
    ShiftSignup,
    { shift, status: { $in: [SignupStatus.SIGNED_UP, SignupStatus.NO_SHOW] } },
    { populate: ['volunteer'], orderBy: { id: 'asc' } },
  );
  return { shift, signups };
}

/**
 * The volunteer themself at the desk with the code the screen showed at `at` (the seed replays
 * the past through the services with a clock, as the meetings' seed does).
 */
async function checkInByCode(tx: EntityManager, signup: ShiftSignup, shift: Shift, at: Date) {
  const [row] = await tx.execute<{ check_in_secret: string }[]>('select check_in_secret from shift where id = ?', [
    shift.id,
  ]);
  const { code } = codeFor(row!.check_in_secret, shiftCodeSubject(shift.id), at);
  const viewer = await viewerOf(tx, signup.volunteer.getEntity());
  await checkInVolunteer(tx, viewer, { shiftId: String(shift.id), code }, clockAt(at));
}

/**
 * Attendance at the demo activities, through attendance's own services: at today's 幸福里环境清洁日
 * three volunteers are there (陈静 by code, two checked in by staff) and one has been and gone;
 * at last week's 秋季义诊协助 six came and left with their minutes recorded (waiting for the
 * organiser to verify) and one never checked out (the forgotten check-out to close); and the
 * 补录 activity 10 days ago, recorded from its paper sheet for five volunteers. The activities
 * and sign-ups are the activities' seed's (planted before) and the volunteers the volunteers'
 * seed's: a database without them gets only the paper activity, with whatever volunteers it has.
 */
export async function seedDemoAttendance(tx: EntityManager): Promise<void> {
  const staffUser = await tx.findOneOrFail(User, { phone: XINGFULI_STAFF });
  const staff = await viewerOf(tx, staffUser);
  const byStaff = (signup: ShiftSignup, at: Date) =>
    checkInVolunteer(tx, staff, { signupId: String(signup.id) }, clockAt(at));
  const outByStaff = (signup: ShiftSignup, at: Date) =>
    checkOutVolunteer(tx, staff, { signupId: String(signup.id) }, clockAt(at));

  const cleanUp = await firstShiftOf(tx, DEMO_ACTIVITIES.cleanUp);
  if (cleanUp) {
    const { shift, signups } = cleanUp;
    const start = shift.startsAt.getTime();
    // The one who has been and gone left an hour in (or now, if the seed runs earlier in the day).
    const leftAt = new Date(Math.max(start + 20 * MINUTE, Math.min(Date.now(), start + 80 * MINUTE)));
    const chen = signups.find((signup) => signup.volunteer.getEntity().phone === '13800000005');
    const others = signups.filter((signup) => signup !== chen);
    if (chen) await checkInByCode(tx, chen, shift, new Date(start + 5 * MINUTE));
    for (const [i, signup] of others.slice(0, chen ? 2 : 3).entries()) {
      await byStaff(signup, new Date(start + (10 + i * 5) * MINUTE));
    }
    const gone = others[chen ? 2 : 3];
    if (gone) {
      await byStaff(gone, new Date(start + 2 * MINUTE));
      await outByStaff(gone, leftAt);
    }
  }

  const lastWeek = await firstShiftOf(tx, DEMO_ACTIVITIES.lastWeek);
  if (lastWeek) {
    const { shift, signups } = lastWeek;
    const start = shift.startsAt.getTime();
    const end = shift.endsAt.getTime();
    for (const [i, signup] of signups.entries()) {
      const arrived = new Date(start - 10 * MINUTE + i * 4 * MINUTE);
      if (i % 2 === 0) await checkInByCode(tx, signup, shift, arrived);
      else await byStaff(signup, arrived);
    }
    // The last one forgot to check out: left open for the organiser to close from the console.
    for (const [i, signup] of signups.slice(0, -1).entries()) {
      await outByStaff(signup, new Date(end - i * 7 * MINUTE));
    }
  }

  await seedPaperSheet(tx, staffUser);
}

/** The 补录 activity, 10 days ago 14:00–16:30, and five lines of its paper sign-in sheet. */
async function seedPaperSheet(tx: EntityManager, staffUser: User): Promise<void> {
  const community = await tx.findOneOrFail(Area, { name: '幸福里社区' });
  const startsAt = chinaHoursAgo(10, 14);
  const endsAt = new Date(startsAt.getTime() + 150 * MINUTE);
  // Created as the activities' createActivity would (retroactive: every shift over, within 30 days).
  const activity = tx.create(Activity, {
    ...(await levelsOf(tx, community)),
    title: DEMO_ACTIVITIES.paperSheet,
    description: '在社区广场发放反诈宣传资料、帮助居民安装国家反诈中心App。当天使用纸质签到表，事后补录。',
    place: '幸福里社区广场',
    retroactive: true,
    startsAt,
    endsAt,
    createdBy: staffUser,
    createdAt: new Date(endsAt.getTime() + DAY),
  });
  const shift = tx.create(Shift, { activity, startsAt, endsAt, capacity: 10, checkInSecret: newCodeSecret() });
  await tx.flush();

  const volunteers = await tx.execute<{ user_id: number }[]>(
    `select user_id from volunteer_profile where community_id = ? and status = ? order by id limit 5`,
    [community.id, VolunteerStatus.ACTIVE],
  );
  const staff = await viewerOf(tx, staffUser);
  for (const [i, { user_id }] of volunteers.entries()) {
    await recordAttendance(
      tx,
      staff,
      {
        shiftId: String(shift.id),
        userId: String(user_id),
        checkedInAt: new Date(startsAt.getTime() + i * 5 * MINUTE),
        checkedOutAt: new Date(endsAt.getTime() - i * 10 * MINUTE),
      },
      clockAt(new Date(endsAt.getTime() + DAY)),
    );
  }
}
