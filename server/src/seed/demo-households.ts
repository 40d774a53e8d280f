import type { EntityManager } from '@mikro-orm/postgresql';
import { registerHousehold, setHouseholdMember } from '../households/households.service.js';
import type { User } from '../people/user.entity.js';
import { clockAt } from '../platform/clock.js';
import { demoArea, demoResidentsOf, demoUser, demoViewer } from './demo-deliberation-people.js';

const XINGFULI = ['幸福街道', '幸福里社区'];
const GRID_ONE = [...XINGFULI, '幸福里第一网格'];
/** 李秀英, staff of 幸福里社区, registers them (seed/demo.ts DEMO_ACCOUNTS). */
const STAFF = '13800000002';
const RESIDENT = '13800000006';
const NEIGHBOUR = '13800000007';
const VOLUNTEER = '13800000005';

interface HouseholdPlan {
  building: '1号楼' | '2号楼' | '3号楼';
  label: string;
  floorArea: number | null;
  /** Members by phone, or by position in the community's generated residents; the first is the representative. */
  members: { who: string | number; owner: boolean; adult?: boolean }[];
}

/**
 * 幸福里第一网格 1–3号楼: the demo resident represents and owns 1号楼 1单元101, the neighbour 2号楼
 * 1单元101, the volunteer 3号楼 1单元101; generated residents of the community fill the rest
 * (some owners living elsewhere, one registered minor). Every flat of 3号楼 has its floor area,
 * for the owners' vote on its elevator.
 */
const HOUSEHOLDS: HouseholdPlan[] = [
  {
    building: '1号楼',
    label: '1单元101',
    floorArea: 89.5,
    members: [
      { who: RESIDENT, owner: true },
      { who: 1, owner: false, adult: false },
    ],
  },
  { building: '1号楼', label: '1单元102', floorArea: 62, members: [{ who: 0, owner: true }] },
  {
    building: '1号楼',
    label: '2单元201',
    floorArea: 118.3,
    members: [
      { who: 2, owner: false },
      { who: 3, owner: true },
    ],
  },
  { building: '1号楼', label: '2单元302', floorArea: null, members: [{ who: 4, owner: false }] },
  { building: '2号楼', label: '1单元101', floorArea: 76.8, members: [{ who: NEIGHBOUR, owner: true }] },
  {
    building: '2号楼',
    label: '1单元301',
    floorArea: 135,
    members: [
      { who: 5, owner: true },
      { who: 6, owner: true },
    ],
  },
  { building: '2号楼', label: '2单元402', floorArea: 98, members: [{ who: 7, owner: false }] },
  { building: '3号楼', label: '1单元101', floorArea: 104.2, members: [{ who: VOLUNTEER, owner: true }] },
  { building: '3号楼', label: '1单元102', floorArea: 60.5, members: [{ who: 8, owner: true }] },
  {
    building: '3号楼',
    label: '1单元201',
    floorArea: 140,
    members: [
      { who: 9, owner: true },
      { who: 10, owner: false },
    ],
  },
  { building: '3号楼', label: '1单元202', floorArea: 87, members: [{ who: 11, owner: true }] },
  { building: '3号楼', label: '2单元101', floorArea: 121.6, members: [{ who: 12, owner: true }] },
  { building: '3号楼', label: '2单元102', floorArea: 72.4, members: [{ who: 13, owner: true }] },
];

const DAY = 86_400_000;

export async function seedDemoHouseholds(em: EntityManager): Promise<void> {
  const staff = await demoViewer(em, STAFF);
  const residents = await demoResidentsOf(em, await demoArea(em, XINGFULI));
  const person = async (who: string | number): Promise<User> =>
    typeof who === 'string' ? demoUser(em, who) : residents[who % residents.length]!;
  const clock = clockAt(new Date(Date.now() - 60 * DAY));
  for (const plan of HOUSEHOLDS) {
    const building = await demoArea(em, [...GRID_ONE, plan.building]);
    const [first, ...others] = plan.members;
    const representative = await person(first!.who);
    const household = await registerHousehold(
      em,
      staff,
      {
        buildingId: String(building.id),
        label: plan.label,
        floorArea: plan.floorArea,
        representativeId: first!.adult === false ? null : String(representative.id),
      },
      clock,
    );
    for (const member of [first!, ...others]) {
      const user = await person(member.who);
      await setHouseholdMember(
        em,
        staff,
        {
          householdId: String(household.id),
          userId: String(user.id),
          isOwner: member.owner,
          adult: member.adult ?? true,
        },
        clock,
      );
    }
  }
}
