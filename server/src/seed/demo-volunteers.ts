import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { viewerOf } from '../people/sessions.js';
import { RoleAssignment } from '../people/role-assignment.entity.js';
import { User } from '../people/user.entity.js';
import { Role } from '../platform/auth/roles.js';
import { chinaDay } from '../platform/china-time.js';
import { createTeam, decideTeamMember, joinTeam } from '../teams/teams.service.js';
import { RecordNoteKind, VolunteerAvailability, VolunteerSkill } from '../volunteers/volunteers.enums.js';
import { addVolunteerRecordNote, becomeVolunteer } from '../volunteers/volunteers.service.js';
import { DEMO_MINOR, DEMO_TEAMS } from './demo-volunteering.data.js';

const XINGFULI_STAFF = '13800000002';
const HEPING_STAFF = '13800000009';
const VOLUNTEER = '13800000005';

/** 陈静's ID number: a made-up one with a valid check character, born 1988-05-16 (110105 is 朝阳区, any region would do). */
export const DEMO_VOLUNTEER_ID_NUMBER = '110105198805163122';

const SKILL_CYCLE: VolunteerSkill[][] = [
  [VolunteerSkill.ELDERLY_CARE, VolunteerSkill.CLEANING],
  [VolunteerSkill.CHILD_CARE, VolunteerSkill.CULTURE_SPORTS],
  [VolunteerSkill.DISABILITY_SUPPORT, VolunteerSkill.DRIVING],
  [VolunteerSkill.REPAIR, VolunteerSkill.ORDER_KEEPING],
  [VolunteerSkill.MEDICAL, VolunteerSkill.FIRST_AID],
  [VolunteerSkill.PUBLICITY, VolunteerSkill.PHOTOGRAPHY],
];

/** A day `years` and `days` before today in China, as YYYY-MM-DD. */
function yearsAgo(years: number, days: number): string {
  const date = new Date(Date.now() - days * 86_400_000);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return chinaDay(date);
}

/**
 * The volunteering demo's people (幸福街道), through the volunteers' and teams' own services:
 * 陈静 and every resident who holds VOLUNTEER become volunteers; the three teams with their
 * leaders, members and one request waiting; the minor 林小雨 waiting for a guardian's consent;
 * a training and an award on 陈静's record.
 */
export async function seedDemoVolunteers(tx: EntityManager): Promise<void> {
  const as = async (phone: string) => viewerOf(tx, await tx.findOneOrFail(User, { phone }));
  const areaIdOf = async (name: string) => String((await tx.findOneOrFail(Area, { name })).id);
  const xingfuli = await areaIdOf('幸福里社区');
  const heping = await areaIdOf('和平社区');

  const chen = await becomeVolunteer(tx, await as(VOLUNTEER), {
    skills: [VolunteerSkill.TUTORING, VolunteerSkill.ELDERLY_CARE],
    tags: ['钢琴', '手语'],
    availability: [VolunteerAvailability.WEEKDAY_AFTERNOON, VolunteerAvailability.WEEKEND_MORNING],
    areaIds: [xingfuli],
    partyMember: true,
    birthDate: '1988-05-16',
    idNumber: DEMO_VOLUNTEER_ID_NUMBER,
  });

  // The other residents holding VOLUNTEER (1390000…), by their home community.
  const holders = await tx.execute<{ phone: string; community: string }[]>(
    `select u.phone, c.name as community from app_user u
     join role_assignment ra on ra.user_id = u.id and ra.role = ?
     join area c on c.id = ra.area_id
     where u.phone like '1390000%' order by u.phone`,
    [Role.VOLUNTEER],
  );
  const byCommunity = new Map<string, string[]>();
  for (const [i, holder] of holders.entries()) {
    await becomeVolunteer(tx, await as(holder.phone), {
      skills: SKILL_CYCLE[i % SKILL_CYCLE.length]!,
      availability: [i % 2 ? VolunteerAvailability.WEEKEND_AFTERNOON : VolunteerAvailability.WEEKDAY_MORNING],
      areaIds: [await areaIdOf(holder.community)],
      partyMember: i % 3 === 0,
      birthDate: yearsAgo(30 + 5 * i, 40 * i),
    });
    byCommunity.set(holder.community, [...(byCommunity.get(holder.community) ?? []), holder.phone]);
  }
  const xingfuliVolunteers = byCommunity.get('幸福里社区') ?? [];
  const hepingVolunteers = byCommunity.get('和平社区') ?? [];
  const idOf = async (phone: string) => String((await tx.findOneOrFail(User, { phone })).id);

  const staff = await as(XINGFULI_STAFF);
  const afterSchool = await createTeam(tx, staff, {
    areaId: xingfuli,
    name: DEMO_TEAMS.afterSchool,
    description: '工作日下午为双职工家庭的孩子辅导作业、陪伴阅读。',
    leaderIds: [await idOf(VOLUNTEER)],
  });
  const chenViewer = await as(VOLUNTEER);
  for (const [i, phone] of xingfuliVolunteers.slice(0, 3).entries()) {
    const request = await joinTeam(tx, await as(phone), String(afterSchool.id));
    // Two approved by 陈静, the third waits for her.
    if (i < 2) await decideTeamMember(tx, chenViewer, { membershipId: String(request.id), approve: true });
  }

  const elderLeader = xingfuliVolunteers[3] ?? xingfuliVolunteers[0];
  const elderCare = await createTeam(tx, staff, {
    areaId: xingfuli,
    name: DEMO_TEAMS.elderCare,
    description: '上门看望独居和高龄老人，陪同就医、代购生活用品。',
    leaderIds: elderLeader ? [await idOf(elderLeader)] : [],
  });
  const chenRequest = await joinTeam(tx, chenViewer, String(elderCare.id));
  if (elderLeader) {
    await decideTeamMember(tx, await as(elderLeader), { membershipId: String(chenRequest.id), approve: true });
  }

  const disability = await createTeam(tx, await as(HEPING_STAFF), {
    areaId: heping,
    name: DEMO_TEAMS.disability,
    description: '为残疾人家庭提供陪同出行、康复陪练和代办服务。',
    leaderIds: hepingVolunteers[0] ? [await idOf(hepingVolunteers[0])] : [],
  });
  if (hepingVolunteers[1] && hepingVolunteers[0]) {
    const request = await joinTeam(tx, await as(hepingVolunteers[1]), String(disability.id));
    await decideTeamMember(tx, await as(hepingVolunteers[0]), { membershipId: String(request.id), approve: true });
  }

  // 林小雨, 12, lives in 幸福里第一网格 1号楼 and waits for a guardian's consent.
  const grid = await tx.findOneOrFail(Area, { name: '幸福里第一网格' });
  const building = await tx.findOneOrFail(Area, { name: '1号楼', parent: grid.id });
  const passwordHash = (await tx.findOneOrFail(User, { phone: VOLUNTEER }, { populate: ['passwordHash'] }))
    .passwordHash;
  const minor = tx.create(User, {
    phone: DEMO_MINOR.phone,
    displayName: DEMO_MINOR.name,
    passwordHash,
    homeArea: building,
  });
  tx.create(RoleAssignment, { user: minor, role: Role.RESIDENT, area: building });
  await tx.flush();
  await becomeVolunteer(tx, await viewerOf(tx, minor), {
    skills: [VolunteerSkill.CULTURE_SPORTS],
    availability: [VolunteerAvailability.WEEKEND_MORNING],
    areaIds: [xingfuli],
    birthDate: yearsAgo(12, 100),
  });

  await addVolunteerRecordNote(tx, staff, {
    profileId: String(chen.id),
    kind: RecordNoteKind.TRAINING,
    title: '志愿服务通用培训',
    detail: '志愿服务理念、安全知识与急救常识。',
    occurredOn: yearsAgo(1, 30),
    hours: 4,
    issuer: '幸福街道志愿服务站',
  });
  await addVolunteerRecordNote(tx, staff, {
    profileId: String(chen.id),
    kind: RecordNoteKind.AWARD,
    title: '幸福里社区优秀志愿者',
    occurredOn: yearsAgo(0, 20),
    issuer: '幸福里社区居民委员会',
  });
}
