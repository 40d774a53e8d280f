import type { EntityManager } from '@mikro-orm/postgresql';
import { CommitteeKind, Seat } from '../committees/committees.enums.js';
import { addCommitteeMember, createCommittee } from '../committees/committees.service.js';
import { clockAt } from '../platform/clock.js';
import { Unit } from '../units/unit.entity.js';
import { DEMO_COMMITTEES } from './demo-council.data.js';
import { demoArea, demoResidentsOf, demoUser, demoViewer } from './demo-deliberation-people.js';
import { DEMO_UNITS } from './demo-units.data.js';

const XINGFU = ['幸福街道'];
const XINGFULI = [...XINGFU, '幸福里社区'];
const STREET_ADMIN = '13800000001';
const COMMUNITY_STAFF = '13800000002';
const UNIT_REP = '13800000004';

const DAY = 86_400_000;

/**
 * 幸福街道大工委 (the street administrator chairs; a standing member and a part-time member from the
 * school, both residents) and 幸福里社区大党委 (the community's staff member is 书记, the school's
 * contact a part-time member, a resident a standing one), in their second year of a five-year term.
 * The other community's staff is in neither.
 */
export async function seedDemoCommittees(em: EntityManager): Promise<void> {
  const now = Date.now();
  const termStart = new Date(now - 400 * DAY);
  const termEnd = new Date(termStart.getTime() + 5 * 365 * DAY);
  const clock = clockAt(new Date(now - 390 * DAY));
  const school = await em.findOneOrFail(Unit, { name: DEMO_UNITS.school.name });
  const residents = await demoResidentsOf(em, await demoArea(em, XINGFULI));
  const plans = [
    {
      name: DEMO_COMMITTEES.streetWorking,
      kind: CommitteeKind.STREET_WORKING_COMMITTEE,
      area: XINGFU,
      by: STREET_ADMIN,
      members: [
        { user: await demoUser(em, STREET_ADMIN), seat: Seat.STANDING, title: '主任' },
        { user: residents[residents.length - 1]!, seat: Seat.STANDING, title: '委员' },
        { user: residents[residents.length - 2]!, seat: Seat.PART_TIME, title: '兼职委员', unit: school },
      ],
    },
    {
      name: DEMO_COMMITTEES.communityParty,
      kind: CommitteeKind.COMMUNITY_PARTY_COMMITTEE,
      area: XINGFULI,
      by: COMMUNITY_STAFF,
      members: [
        { user: await demoUser(em, COMMUNITY_STAFF), seat: Seat.STANDING, title: '书记' },
        { user: await demoUser(em, UNIT_REP), seat: Seat.PART_TIME, title: '兼职委员', unit: school },
        { user: residents[residents.length - 3]!, seat: Seat.STANDING, title: '委员' },
      ],
    },
  ];
  for (const plan of plans) {
    const viewer = await demoViewer(em, plan.by);
    const area = await demoArea(em, plan.area);
    const committee = await createCommittee(
      em,
      viewer,
      { name: plan.name, kind: plan.kind, areaId: String(area.id), termStart, termEnd },
      clock,
    );
    for (const member of plan.members) {
      await addCommitteeMember(
        em,
        viewer,
        {
          committeeId: String(committee.id),
          userId: String(member.user.id),
          seat: member.seat,
          title: member.title,
          unitId: 'unit' in member && member.unit ? String(member.unit.id) : null,
        },
        clock,
      );
    }
  }
}
