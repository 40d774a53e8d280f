import type { EntityManager } from '@mikro-orm/postgresql';
import { SignupStatus } from '../activities/activities.enums.js';
import { Activity, Shift, ShiftSignup } from '../activities/activity.entity.js';
import { Area } from '../areas/area.entity.js';
import { levelsOf } from '../areas/area-levels.js';
import { viewerOf } from '../people/sessions.js';
import { User } from '../people/user.entity.js';
import { CHINA_OFFSET_MS } from '../platform/china-time.js';
import { clockAt } from '../platform/clock.js';
import { ServiceRecordEntry } from '../records/record.entity.js';
import { RecordEntryKind } from '../records/records.enums.js';
import { answerRecordCorrection, requestRecordCorrection, verifyHours } from '../records/records.service.js';
import { Team } from '../teams/team.entity.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { DEMO_ACTIVITIES, DEMO_TEAMS, DEMO_VOLUNTEER_HOURS } from './demo-volunteering.data.js';

const XINGFULI_STAFF = '13800000002';
const HEPING_STAFF = '13800000009';
const VOLUNTEER = '13800000005';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `daysAgo` days back at `hour`:00 China time. */
function chinaDaysAgo(now: Date, daysAgo: number, hour: number): Date {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  return new Date(
    Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() - daysAgo, hour) - CHINA_OFFSET_MS,
  );
}

/**
 * The monthly history: 13 shifts of 8 hours (09:00–17:00), one a month, the latest 2 days ago.
 * 陈静 served all of them: 6 h at the oldest and 8 h at the others, 102 h in all, so the last
 * verification (a day ago) crosses 100 h and 一星 is on the board now.
 */
const HISTORY_SHIFTS = 13;
const CHEN_JING_MINUTES = (index: number) => (index === 0 ? 6 * 60 : 8 * 60);

/** The other volunteers' minutes at the history shifts they served (index → minutes), varied for a ranking. */
const OTHERS_PLAN: readonly ((index: number) => number | null)[] = [
  (i) => (i % 2 === 0 ? 7 * 60 : null),
  (i) => (i >= 6 ? 8 * 60 : null),
  (i) => (i % 3 === 0 ? 5 * 60 + 30 : null),
  (i) => (i >= 10 ? 4 * 60 : null),
  (i) => (i % 4 === 1 ? 8 * 60 : null),
  (i) => (i === 12 ? 3 * 60 : null),
];

/** A past activity with its shifts and CHECKED_OUT sign-ups with recorded minutes, as attendance leaves them. */
async function plantPastActivity(
  tx: EntityManager,
  plan: {
    title: string;
    area: Area;
    team: Team | null;
    createdBy: User;
    shifts: { startsAt: Date; hours: number; minutes: Map<number, number> }[];
  },
): Promise<{ shift: Shift; signups: ShiftSignup[] }[]> {
  const activity = tx.create(Activity, {
    ...(await levelsOf(tx, plan.area)),
    title: plan.title,
    description: '每月一次到独居老人家中探访、陪伴、做家务，记录服务时长。',
    place: '幸福里社区居家养老服务站',
    team: plan.team,
    startsAt: plan.shifts[0]!.startsAt,
    endsAt: new Date(plan.shifts.at(-1)!.startsAt.getTime() + plan.shifts.at(-1)!.hours * HOUR),
    createdBy: plan.createdBy,
    createdAt: new Date(plan.shifts[0]!.startsAt.getTime() - 7 * DAY),
  });
  const planted: { shift: Shift; signups: ShiftSignup[] }[] = [];
  for (const [index, plannedShift] of plan.shifts.entries()) {
    const endsAt = new Date(plannedShift.startsAt.getTime() + plannedShift.hours * HOUR);
    const shift = tx.create(Shift, {
      activity,
      startsAt: plannedShift.startsAt,
      endsAt,
      capacity: 20,
      signedUpCount: plannedShift.minutes.size,
      checkInSecret: `demo-history-${index}-${plannedShift.startsAt.getTime()}`,
    });
    const signups = [...plannedShift.minutes].map(([userId, minutes]) => {
      const signup = tx.create(ShiftSignup, {
        shift,
        activity,
        volunteer: tx.getReference(User, userId),
        status: SignupStatus.CHECKED_OUT,
        recordedMinutes: minutes,
        queuedAt: new Date(plannedShift.startsAt.getTime() - 3 * DAY),
        createdAt: new Date(plannedShift.startsAt.getTime() - 3 * DAY),
      });
      tx.create(ServiceRecordEntry, {
        signup,
        volunteer: tx.getReference(User, userId),
        kind: RecordEntryKind.RECORDED,
        minutes,
        actor: tx.getReference(User, userId),
        createdAt: endsAt,
      });
      return signup;
    });
    planted.push({ shift, signups });
  }
  await tx.flush();
  return planted;
}

/**
 * Verified history, corrections and a star (after seedDemoAttendance), all verified through
 * records' own service so that totals, rollups and the star are what verifying makes them.
 * Needs the profiles and teams of seedDemoVolunteers (does nothing without 陈静's profile) and
 * verifies 4 of lastWeek's checked-out sign-ups when seedDemoAttendance has recorded them.
 */
export async function seedDemoRecords(tx: EntityManager): Promise<void> {
  const chenJing = await tx.findOne(User, { phone: VOLUNTEER });
  const chenProfile = chenJing && (await tx.findOne(VolunteerProfile, { user: chenJing }));
  if (!chenJing || !chenProfile) return;
  const now = new Date();
  const staff = await viewerOf(tx, await tx.findOneOrFail(User, { phone: XINGFULI_STAFF }));
  const hepingStaff = await viewerOf(tx, await tx.findOneOrFail(User, { phone: HEPING_STAFF }));
  const others = await tx.find(
    VolunteerProfile,
    { user: { phone: { $like: '1390000%' } }, status: 'ACTIVE' as VolunteerProfile['status'] },
    { populate: ['user'], orderBy: { user: { phone: 'asc' } } },
  );
  const xingfuli = await tx.findOneOrFail(Area, { name: '幸福里社区' });
  const heping = await tx.findOneOrFail(Area, { name: '和平社区' });
  const elderCare = await tx.findOne(Team, { name: DEMO_TEAMS.elderCare });
  const disability = await tx.findOne(Team, { name: DEMO_TEAMS.disability });

  // 幸福里's monthly history: 陈静 and most of the other volunteers.
  const history = await plantPastActivity(tx, {
    title: DEMO_ACTIVITIES.history,
    area: xingfuli,
    team: elderCare,
    createdBy: staff.user as User,
    shifts: Array.from({ length: HISTORY_SHIFTS }, (_, index) => {
      const minutes = new Map<number, number>([[chenJing.id, CHEN_JING_MINUTES(index)]]);
      others.slice(0, OTHERS_PLAN.length).forEach((profile, n) => {
        const served = OTHERS_PLAN[n]!(index);
        if (served !== null) minutes.set(profile.user.id, served);
      });
      return { startsAt: chinaDaysAgo(now, (HISTORY_SHIFTS - 1 - index) * 30 + 2, 9), hours: 8, minutes };
    }),
  });
  const chenTotal = history.reduce((sum, _, index) => sum + CHEN_JING_MINUTES(index), 0);
  if (chenTotal !== DEMO_VOLUNTEER_HOURS * 60) throw new Error('the demo history must make 陈静 102 h');
  for (const [index, { shift, signups }] of history.entries()) {
    // Verified the day after (the latest a day ago), in the order they happened.
    const verifiedAt = clockAt(new Date(Math.min(shift.endsAt.getTime() + DAY, now.getTime() - HOUR)));
    for (const signup of signups) {
      // One record of each of the others corrected with a reason, as organisers do.
      const corrected = index === 4 && signup.volunteer.id !== chenJing.id;
      await verifyHours(
        tx,
        staff,
        corrected
          ? {
              signupId: String(signup.id),
              hours: (signup.recordedMinutes! - 30) / 60,
              reason: '提前半小时离开，按签到表核减',
            }
          : { signupId: String(signup.id) },
        verifiedAt,
      );
    }
  }

  // 和平社区's own: a few of the others accompanied patients to hospital.
  const hepingVolunteers = others.slice(0, 3);
  if (hepingVolunteers.length > 0) {
    const hepingHistory = await plantPastActivity(tx, {
      title: DEMO_ACTIVITIES.history,
      area: heping,
      team: disability,
      createdBy: hepingStaff.user as User,
      shifts: [40, 70, 100].map((daysAgo, index) => ({
        startsAt: chinaDaysAgo(now, daysAgo, 8),
        hours: 4,
        minutes: new Map(hepingVolunteers.map((profile, n) => [profile.user.id, 180 + 30 * ((n + index) % 3)])),
      })),
    });
    for (const { shift, signups } of hepingHistory) {
      for (const signup of signups) {
        await verifyHours(
          tx,
          hepingStaff,
          { signupId: String(signup.id) },
          clockAt(new Date(shift.endsAt.getTime() + DAY)),
        );
      }
    }
  }

  // lastWeek: 4 of its checked-out records verified, one at corrected hours (陈静's left alone: her 102 h stand).
  const lastWeek = await tx.findOne(Activity, { title: DEMO_ACTIVITIES.lastWeek });
  if (lastWeek) {
    const waiting = await tx.find(
      ShiftSignup,
      { activity: lastWeek, status: SignupStatus.CHECKED_OUT, volunteer: { $ne: chenJing.id } },
      { orderBy: { id: 'asc' }, populate: ['shift'], limit: 4 },
    );
    for (const [index, signup] of waiting.entries()) {
      const corrected = index === 0 && signup.recordedMinutes !== null && signup.recordedMinutes! > 30;
      await verifyHours(
        tx,
        staff,
        corrected
          ? {
              signupId: String(signup.id),
              hours: (signup.recordedMinutes! - 30) / 60,
              reason: '签退晚了半小时，按实际离场时间核定',
            }
          : { signupId: String(signup.id) },
      );
    }
  }

  // 陈静's corrections: one answered (rejected: the hours stand), one waiting for the organiser.
  const chen = await viewerOf(tx, chenJing);
  const [latest, previous, earlier] = [...history]
    .reverse()
    .map(({ signups }) => signups.find((signup) => signup.volunteer.id === chenJing.id)!);
  const answered = await requestRecordCorrection(tx, chen, {
    signupId: String(earlier!.id),
    hours: 8.5,
    reason: '当天服务到17:30，最后半小时没有记入',
  });
  await answerRecordCorrection(tx, staff, {
    id: String(answered.id),
    accept: false,
    answer: '签到表显示17:00签退，时长按记录保持不变',
  });
  await requestRecordCorrection(tx, chen, {
    signupId: String((previous ?? latest)!.id),
    hours: 8.5,
    reason: '活动结束后帮忙整理物资半小时，未计入时长',
  });
}
