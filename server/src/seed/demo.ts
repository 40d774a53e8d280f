import type { EntityManager } from '@mikro-orm/postgresql';
import { Area, AreaKind } from '../areas/area.entity.js';
import { insertArea } from '../areas/areas.service.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { Role } from '../platform/auth/roles.js';
import { RoleAssignment } from '../people/role-assignment.entity.js';
import { User } from '../people/user.entity.js';
import { seedDemoNeeds } from './demo-needs.js';
import { seedDemoProjects } from './demo-projects.js';
import { seedDemoUnits } from './demo-units.js';
import { seedDemoOffers } from './demo-offers.js';
import { seedDemoPledges } from './demo-pledges.js';
import { seedDemoCommittees } from './demo-committees.js';
import { seedDemoHouseholds } from './demo-households.js';
import { seedDemoTopics } from './demo-topics.js';
import { seedDemoMeetings } from './demo-meetings.js';
import { seedDemoBoard } from './demo-board.js';
import { seedDemoAttendance } from './demo-attendance.js';
import { seedDemoRecords } from './demo-records.js';
import { seedDemoVotes } from './demo-votes.js';
import { seedDemoVolunteers } from './demo-volunteers.js';
import { seedDemoCertificates } from './demo-certificates.js';
import { seedDemoActivities } from './demo-activities.js';

export const DEMO_PASSWORD = 'gongzhi123';

/** The demo accounts listed in the README; tests sign in as them. */
export const DEMO_ACCOUNTS = {
  streetAdmin: '13800000001',
  communityStaff: '13800000002',
  gridWorker: '13800000003',
  unitRep: '13800000004',
  volunteer: '13800000005',
  resident: '13800000006',
  neighbour: '13800000007',
  otherStreetAdmin: '13800000008',
  otherCommunityStaff: '13800000009',
} as const;

interface AreaPlan {
  name: string;
  kind: AreaKind;
  children?: AreaPlan[];
}

const grid = (name: string, buildings: number): AreaPlan => ({
  name,
  kind: AreaKind.GRID,
  children: Array.from({ length: buildings }, (_, i) => ({ name: `${i + 1}号楼`, kind: AreaKind.BUILDING })),
});

const DEMO_TREE: AreaPlan[] = [
  {
    name: '幸福街道',
    kind: AreaKind.STREET,
    children: [
      {
        name: '幸福里社区',
        kind: AreaKind.COMMUNITY,
        children: [grid('幸福里第一网格', 4), grid('幸福里第二网格', 3)],
      },
      { name: '和平社区', kind: AreaKind.COMMUNITY, children: [grid('和平第一网格', 3), grid('和平第二网格', 3)] },
      { name: '光明社区', kind: AreaKind.COMMUNITY, children: [grid('光明第一网格', 3)] },
      { name: '东岭村', kind: AreaKind.VILLAGE, children: [grid('东岭村第一网格', 2)] },
    ],
  },
  {
    name: '阳光街道',
    kind: AreaKind.STREET,
    children: [{ name: '朝阳社区', kind: AreaKind.COMMUNITY, children: [grid('朝阳第一网格', 2)] }],
  },
];

interface PersonPlan {
  phone: string;
  name: string;
  /** Names along the tree from the street down. */
  home?: string[];
  roles: [Role, string[]][];
}

const XINGFU = '幸福街道';
const XINGFULI = [XINGFU, '幸福里社区'];
const GRID_ONE = [...XINGFULI, '幸福里第一网格'];

const PEOPLE: PersonPlan[] = [
  { phone: DEMO_ACCOUNTS.streetAdmin, name: '王建国', roles: [[Role.ADMIN, [XINGFU]]] },
  { phone: DEMO_ACCOUNTS.communityStaff, name: '李秀英', home: XINGFULI, roles: [[Role.STAFF, XINGFULI]] },
  { phone: DEMO_ACCOUNTS.gridWorker, name: '张伟', home: GRID_ONE, roles: [[Role.GRID_WORKER, GRID_ONE]] },
  { phone: DEMO_ACCOUNTS.unitRep, name: '刘洋', home: XINGFULI, roles: [[Role.UNIT_REP, XINGFULI]] },
  {
    phone: DEMO_ACCOUNTS.volunteer,
    name: '陈静',
    home: [...GRID_ONE, '3号楼'],
    roles: [
      [Role.RESIDENT, [...GRID_ONE, '3号楼']],
      [Role.VOLUNTEER, XINGFULI],
    ],
  },
  {
    phone: DEMO_ACCOUNTS.resident,
    name: '赵桂兰',
    home: [...GRID_ONE, '1号楼'],
    roles: [[Role.RESIDENT, [...GRID_ONE, '1号楼']]],
  },
  {
    phone: DEMO_ACCOUNTS.neighbour,
    name: '孙志强',
    home: [...GRID_ONE, '2号楼'],
    roles: [[Role.RESIDENT, [...GRID_ONE, '2号楼']]],
  },
  { phone: DEMO_ACCOUNTS.otherStreetAdmin, name: '周明', roles: [[Role.ADMIN, ['阳光街道']]] },
  {
    phone: DEMO_ACCOUNTS.otherCommunityStaff,
    name: '吴丽娟',
    home: [XINGFU, '和平社区'],
    roles: [
      [Role.STAFF, [XINGFU, '和平社区']],
      [Role.COMMITTEE_MEMBER, [XINGFU]],
    ],
  },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = ['秀兰', '建华', '志刚', '淑珍', '海燕', '国强', '玉梅', '德明', '丽华', '文斌', '春梅', '永红'];

/** More residents spread over the buildings, so lists and searches have something to show. */
function moreResidents(buildings: string[][]): PersonPlan[] {
  return Array.from({ length: 36 }, (_, i) => {
    const home = buildings[i % buildings.length]!;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
    const roles: [Role, string[]][] = [[Role.RESIDENT, home]];
    if (i % 6 === 0) roles.push([Role.VOLUNTEER, home.slice(0, 2)]);
    return { phone: `1390000${String(i + 1).padStart(4, '0')}`, name, home, roles };
  });
}

export async function isDatabaseEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(Area, {})) === 0;
}

export async function seedDemo(em: EntityManager): Promise<void> {
  // One hash for every demo account: they share the published demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await em.transactional(async (tx) => {
    const byPath = new Map<string, Area>();
    const buildings: string[][] = [];
    const plant = async (plan: AreaPlan, parent: Area | null, names: string[]) => {
      const area = await insertArea(tx, null, plan.name, plan.kind, parent);
      const path = [...names, plan.name];
      byPath.set(path.join('/'), area);
      if (plan.kind === AreaKind.BUILDING && path[0] === XINGFU) buildings.push(path);
      for (const child of plan.children ?? []) await plant(child, area, path);
    };
    for (const street of DEMO_TREE) await plant(street, null, []);
    const area = (names: string[]) => {
      const found = byPath.get(names.join('/'));
      if (!found) throw new Error(`demo area missing: ${names.join('/')}`);
      return found;
    };
    const users = new Map<string, User>();
    const homes = new Map<string, string[]>();
    for (const person of [...PEOPLE, ...moreResidents(buildings)]) {
      const user = tx.create(User, {
        phone: person.phone,
        passwordHash,
        displayName: person.name,
        homeArea: person.home ? area(person.home) : undefined,
      });
      for (const [role, names] of person.roles) tx.create(RoleAssignment, { user, role, area: area(names) });
      users.set(person.phone, user);
      if (person.home) homes.set(person.phone, person.home);
    }
    await seedDemoNeeds(tx, area, [...byPath.values()], users, homes);
    await seedDemoUnits(tx, area, users);
    await seedDemoOffers(tx);
    await seedDemoProjects(tx, users);
    await seedDemoPledges(tx, users);
    await seedDemoHouseholds(tx);
    await seedDemoCommittees(tx);
    await seedDemoTopics(tx);
    await seedDemoMeetings(tx, users);
    await seedDemoVotes(tx);
    await seedDemoBoard(tx);
    await seedDemoVolunteers(tx);
    await seedDemoActivities(tx);
    await seedDemoAttendance(tx);
    await seedDemoRecords(tx);
    await seedDemoCertificates(tx);
  });
}
