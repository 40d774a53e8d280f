import type { EntityManager } from '@mikro-orm/postgresql';
import { createActivity } from '../activities/activities.service.js';
import type { CreateActivityInput } from '../activities/activities.inputs.js';
import { signUpForShift } from '../activities/signups.service.js';
import { Shift } from '../activities/activity.entity.js';
import { Area } from '../areas/area.entity.js';
import { viewerOf } from '../people/sessions.js';
import { User } from '../people/user.entity.js';
import { CHINA_OFFSET_MS, chinaDay } from '../platform/china-time.js';
import { clockAt } from '../platform/clock.js';
import { Team } from '../teams/team.entity.js';
import { VolunteerSkill } from '../volunteers/volunteers.enums.js';
import { DEMO_ACTIVITIES, DEMO_TEAMS } from './demo-volunteering.data.js';

/** 李秀英, staff of 幸福里社区, and 吴丽娟, staff of 和平社区 (seed/demo.ts DEMO_ACCOUNTS). */
const XINGFULI_STAFF = '13800000002';
const HEPING_STAFF = '13800000009';
/** 陈静, the demo volunteer. */
const DEMO_VOLUNTEER = '13800000005';
const DAY = 86_400_000;

/** `hh:mm` in China on the China day `days` from today. */
function chinaTime(now: Date, days: number, time: string): Date {
  return new Date(Date.parse(`${chinaDay(now)}T${time}:00+08:00`) + days * DAY);
}

/** 0 (Sunday) to 6 of the China day `days` from today. */
const chinaWeekday = (now: Date, days: number) => new Date(now.getTime() + CHINA_OFFSET_MS + days * DAY).getUTCDay();

/**
 * The volunteering demo's activities, played through the services with clocks in the past
 * (so "before the shift starts" holds when each step happens): 四点半课堂 on the weekdays of
 * the next two weeks with some places taken, 重阳敬老入户探访 on Saturday full with two on the
 * waiting list, 环境清洁日 today with four signed up (陈静 among them) for attendance to check
 * in, 秋季义诊协助 last week with seven signed up for attendance to record, and 和平社区's
 * 助残陪同就医. Teams and profiles are those seedDemoVolunteers planted, looked up by name and
 * status: an activity whose team is not there is organised by the staff alone, and sign-ups
 * go to the ACTIVE volunteers there are (陈静 last, so the others fill the lists first).
 */
export async function seedDemoActivities(tx: EntityManager, now = new Date()): Promise<void> {
  const staff = await viewerOf(tx, await tx.findOneOrFail(User, { phone: XINGFULI_STAFF }));
  const hepingStaff = await viewerOf(tx, await tx.findOneOrFail(User, { phone: HEPING_STAFF }));
  const areaId = async (name: string) => String((await tx.findOneOrFail(Area, { name })).id);
  const teamId = async (name: string) => {
    const team = await tx.findOne(Team, { name });
    return team ? String(team.id) : null;
  };
  const volunteers = await tx.execute<{ id: number; phone: string }[]>(
    `select u.id, u.phone from volunteer_profile p join app_user u on u.id = p.user_id
      where p.status = 'ACTIVE' order by u.phone = ?, u.phone`,
    [DEMO_VOLUNTEER],
  );
  const viewers = await Promise.all(
    volunteers.map(async (row) => viewerOf(tx, await tx.findOneOrFail(User, { id: row.id }))),
  );
  const others = viewers.filter((viewer) => viewer.user.phone !== DEMO_VOLUNTEER);
  const chenJing = viewers.find((viewer) => viewer.user.phone === DEMO_VOLUNTEER) ?? null;

  const create = async (input: Omit<CreateActivityInput, 'idempotencyKey'>, at: Date, organiser = staff) => {
    const activity = await createActivity(tx, organiser, input as CreateActivityInput, clockAt(at));
    return tx.find(Shift, { activity: activity.id }, { orderBy: { startsAt: 'asc', id: 'asc' } });
  };
  const signUp = async (people: readonly (typeof staff)[], shift: Shift, at: Date) => {
    for (const [i, person] of people.entries()) {
      await signUpForShift(tx, person, String(shift.id), clockAt(new Date(at.getTime() + i * 60_000)));
    }
  };

  // 四点半课堂: the weekdays of the next two weeks, 16:30–18:00; the first three with two places taken.
  const weekdays = Array.from({ length: 14 }, (_, i) => i + 1).filter((d) => ![0, 6].includes(chinaWeekday(now, d)));
  const afterSchool = await create(
    {
      areaId: await areaId('幸福里社区'),
      title: DEMO_ACTIVITIES.afterSchool,
      description: '放学后在社区活动室陪伴孩子完成作业，辅导语文、数学，照看到家长来接。',
      place: '幸福里社区党群服务中心二楼活动室',
      skills: [VolunteerSkill.TUTORING, VolunteerSkill.CHILD_CARE],
      teamId: await teamId(DEMO_TEAMS.afterSchool),
      shifts: weekdays.map((d) => ({
        startsAt: chinaTime(now, d, '16:30'),
        endsAt: chinaTime(now, d, '18:00'),
        capacity: 4,
      })),
    },
    new Date(now.getTime() - 3 * DAY),
  );
  for (const [i, shift] of afterSchool.slice(0, 3).entries()) {
    await signUp(others.slice(i, i + 2), shift, new Date(now.getTime() - 2 * DAY));
  }

  // 重阳敬老入户探访: the coming Saturday, three places, full, two waiting.
  const saturday = Array.from({ length: 7 }, (_, i) => i + 1).find((d) => chinaWeekday(now, d) === 6)!;
  const [visit] = await create(
    {
      areaId: await areaId('幸福里第一网格'),
      title: DEMO_ACTIVITIES.elderVisit,
      description: '两人一组入户探访独居和高龄老人，陪聊、量血压、检查家中用电用气安全。',
      place: '幸福里第一网格（网格员带队，网格工作站集合）',
      skills: [VolunteerSkill.ELDERLY_CARE],
      teamId: await teamId(DEMO_TEAMS.elderCare),
      shifts: [{ startsAt: chinaTime(now, saturday, '09:00'), endsAt: chinaTime(now, saturday, '11:30'), capacity: 3 }],
    },
    new Date(now.getTime() - 4 * DAY),
  );
  await signUp(others.slice(0, 5), visit!, new Date(now.getTime() - 3 * DAY));

  // 环境清洁日: today 08:00–20:00, twenty places, four signed up the day before (陈静 among them).
  const cleanUpStart = chinaTime(now, 0, '08:00');
  const [cleanUp] = await create(
    {
      areaId: await areaId('幸福里社区'),
      title: DEMO_ACTIVITIES.cleanUp,
      description: '清理楼道堆物、小广告和绿地垃圾，分片包干，工具在服务中心领取。',
      place: '幸福里社区各楼栋（服务中心门口签到）',
      skills: [VolunteerSkill.CLEANING, VolunteerSkill.GREENING],
      shifts: [{ startsAt: cleanUpStart, endsAt: chinaTime(now, 0, '20:00'), capacity: 20 }],
    },
    new Date(cleanUpStart.getTime() - 2 * DAY),
  );
  await signUp(
    [...others.slice(0, 3), ...(chenJing ? [chenJing] : [])],
    cleanUp!,
    new Date(cleanUpStart.getTime() - DAY),
  );

  // 秋季义诊协助: a week ago, seven signed up (attendance records them).
  const lastWeekStart = chinaTime(now, -7, '08:30');
  const [lastWeek] = await create(
    {
      areaId: await areaId('幸福里社区'),
      title: DEMO_ACTIVITIES.lastWeek,
      description: '协助社区卫生服务站义诊：引导排队、登记信息、维持秩序。',
      place: '幸福里社区广场',
      skills: [VolunteerSkill.MEDICAL, VolunteerSkill.ORDER_KEEPING],
      shifts: [{ startsAt: lastWeekStart, endsAt: chinaTime(now, -7, '11:30'), capacity: 10 }],
    },
    new Date(lastWeekStart.getTime() - 3 * DAY),
  );
  await signUp(viewers.slice(0, 7), lastWeek!, new Date(lastWeekStart.getTime() - 2 * DAY));

  // 和平社区助残陪同就医: 和平社区's own, next week, organised by its staff.
  const [heping] = await create(
    {
      areaId: await areaId('和平社区'),
      title: DEMO_ACTIVITIES.heping,
      description: '陪同行动不便的残疾人到区医院就诊：接送、挂号、取药。',
      place: '和平社区服务中心门口集合',
      skills: [VolunteerSkill.DISABILITY_SUPPORT, VolunteerSkill.DRIVING],
      teamId: await teamId(DEMO_TEAMS.disability),
      shifts: [{ startsAt: chinaTime(now, 8, '08:30'), endsAt: chinaTime(now, 8, '12:00'), capacity: 4 }],
    },
    new Date(now.getTime() - DAY),
    hepingStaff,
  );
  await signUp(others.slice(-1), heping!, now);
}
