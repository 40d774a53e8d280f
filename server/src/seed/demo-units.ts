import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { levelsOf } from '../areas/area-levels.js';
import { NeedCategory } from '../needs/need.enums.js';
import { acceptNeed, assignNeed, confirmNeed, raiseNeed, resolveNeed, startNeed } from '../needs/needs.lifecycle.js';
import { RoleAssignment } from '../people/role-assignment.entity.js';
import { viewerOf } from '../people/sessions.js';
import { User } from '../people/user.entity.js';
import { Role } from '../platform/auth/roles.js';
import { clockAt } from '../platform/clock.js';
import { ReportIn, Unit, UnitRepresentative } from '../units/unit.entity.js';
import { ReportInStatus } from '../units/units.enums.js';
import { DEMO_UNITS, type DemoUnit } from './demo-units.data.js';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** Who answers report-ins to each demo community: its staff, else the street's administrator. */
const ANSWERED_BY: Record<string, string> = {
  幸福里社区: '13800000002',
  和平社区: '13800000009',
  光明社区: '13800000001',
  朝阳社区: '13800000008',
};

/** Party members reporting in to their home community (在职党员到社区报到). */
const PARTY_MEMBERS = [
  { phone: '13800000006', workUnit: DEMO_UNITS.school.name, status: ReportInStatus.ACCEPTED, daysAgo: 40 },
  { phone: '13800000005', workUnit: null, status: ReportInStatus.PENDING, daysAgo: 2 },
];

interface UnitNeedPlan {
  title: string;
  description: string;
  category: NeedCategory;
  /** The resident raising it (at home, in 幸福里第一网格, whose grid worker answers). */
  by: string;
  unit: keyof typeof DEMO_UNITS;
  daysAgo: number;
  /** How far it gets: worked by the unit's representative, rated by the resident. */
  upTo: 'ASSIGNED' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED';
  resolution?: string;
  rating?: number;
}

const GRID_WORKER = '13800000003';

interface ReportInPlan {
  unit?: Unit;
  person?: User;
  workUnit?: Unit | null;
  area: Area;
  reportedBy: User;
}

const UNIT_NEEDS: UnitNeedPlan[] = [
  {
    title: '放学后孩子没人看管',
    description: '双职工家庭下午四点半以后孩子没人接，希望学校能在放学后开放教室看护一会儿。',
    category: NeedCategory.CHILD_CARE,
    by: '13800000006',
    unit: 'school',
    daysAgo: 20,
    upTo: 'CLOSED',
    resolution: '学校开设四点半课堂，周一到周五放学后由教师志愿者看护辅导。',
    rating: 5,
  },
  {
    title: '想学用智能手机挂号',
    description: '不少老人不会用手机挂号、买菜，希望有人教一教。',
    category: NeedCategory.EDUCATION,
    by: '13800000007',
    unit: 'school',
    daysAgo: 5,
    upTo: 'IN_PROGRESS',
  },
  {
    title: '2号楼电梯经常停运',
    description: '2号楼电梯这个月停了三次，每次都要等一天才修好，楼上老人出不了门。',
    category: NeedCategory.REPAIR,
    by: '13800000007',
    unit: 'property',
    daysAgo: 12,
    upTo: 'CLOSED',
    resolution: '已更换电梯控制板，并约定每周例行检查一次。',
    rating: 4,
  },
  {
    title: '绿化带杂草丛生',
    description: '1号楼南边的绿化带很久没修剪，杂草长到半人高，夏天蚊子多。',
    category: NeedCategory.ENVIRONMENT,
    by: '13800000006',
    unit: 'property',
    daysAgo: 3,
    upTo: 'ASSIGNED',
  },
];

/**
 * The demo's resident units (demo-units.data.ts): their representatives (new residents of the
 * unit's community, 13800000004 for the school), report-ins accepted and waiting, two party
 * members reporting in, and needs assigned to the school and the property company, played
 * through the needs' lifecycle.
 */
export async function seedDemoUnits(
  tx: EntityManager,
  /** The area at these names, from the street down. */
  area: (names: string[]) => Area,
  users: Map<string, User>,
): Promise<void> {
  const now = Date.now();
  const user = (phone: string) => {
    const found = users.get(phone);
    if (!found) throw new Error(`demo user missing: ${phone}`);
    return found;
  };
  // Every demo account shares the published demo password, hence its hash.
  const passwordHash = user('13800000001').passwordHash;
  const units = new Map<string, Unit>();
  const reportIn = (fields: ReportInPlan, status: ReportInStatus, at: Date) => {
    const answerer = ANSWERED_BY[fields.area.name];
    tx.create(ReportIn, {
      ...fields,
      status,
      createdAt: at,
      ...(status === ReportInStatus.PENDING || !answerer
        ? {}
        : { answeredBy: user(answerer), answeredAt: new Date(at.getTime() + DAY) }),
    });
  };

  for (const [index, plan] of (Object.values(DEMO_UNITS) as DemoUnit[]).entries()) {
    const where = area(plan.area);
    const created = new Date(now - (90 - index) * DAY);
    const unit = tx.create(Unit, {
      ...(await levelsOf(tx, where)),
      name: plan.name,
      kind: plan.kind,
      address: plan.address,
      contactName: plan.contactName,
      contactPhone: plan.contactPhone,
      partyOrganization: plan.partyOrganization ?? null,
      createdBy: user(plan.area[0] === '幸福街道' ? '13800000001' : '13800000008'),
      createdAt: created,
    });
    units.set(plan.name, unit);
    const community = area(plan.area.slice(0, 2));
    for (const phone of plan.representatives) {
      let rep = users.get(phone);
      if (!rep) {
        rep = tx.create(User, { phone, passwordHash, displayName: plan.contactName, homeArea: community });
        tx.create(RoleAssignment, { user: rep, role: Role.RESIDENT, area: community });
        users.set(phone, rep);
      }
      tx.create(UnitRepresentative, { unit, user: rep, createdAt: created });
      const holds = await tx.count(RoleAssignment, { user: rep, role: Role.UNIT_REP, area: where });
      if (holds === 0) tx.create(RoleAssignment, { user: rep, role: Role.UNIT_REP, area: where });
    }
    const reporter = user(plan.representatives[0]!);
    for (const [i, names] of plan.reportedIn.entries()) {
      reportIn(
        { unit, area: area(names), reportedBy: reporter },
        ReportInStatus.ACCEPTED,
        new Date(created.getTime() + (i + 1) * DAY),
      );
    }
    if (plan.pendingReportIn) {
      reportIn(
        { unit, area: area(plan.pendingReportIn), reportedBy: reporter },
        ReportInStatus.PENDING,
        new Date(now - DAY),
      );
    }
    await tx.flush();
  }

  for (const member of PARTY_MEMBERS) {
    const person = user(member.phone);
    const home = await person.homeArea!.loadOrFail();
    const community = await tx.findOneOrFail(Area, (await levelsOf(tx, home)).communityId!);
    reportIn(
      { person, workUnit: member.workUnit ? units.get(member.workUnit)! : null, area: community, reportedBy: person },
      member.status,
      new Date(now - member.daysAgo * DAY),
    );
  }
  await tx.flush();

  for (const plan of UNIT_NEEDS) {
    const resident = await viewerOf(tx, user(plan.by));
    const worker = await viewerOf(tx, user(GRID_WORKER));
    const repPhone = (DEMO_UNITS[plan.unit] as DemoUnit).representatives[0]!;
    const rep = await viewerOf(tx, user(repPhone));
    let at = now - plan.daysAgo * DAY;
    const next = (hours: number) => clockAt(new Date((at += hours * HOUR)));
    const home = await user(plan.by).homeArea!.loadOrFail();
    const need = await raiseNeed(
      tx,
      resident,
      { title: plan.title, description: plan.description, category: plan.category, areaId: String(home.id) },
      next(0),
    );
    const id = String(need.id);
    await acceptNeed(tx, worker, id, undefined, next(3));
    await assignNeed(tx, worker, id, { unitId: String(units.get(DEMO_UNITS[plan.unit].name)!.id) }, undefined, next(1));
    if (plan.upTo === 'ASSIGNED') continue;
    await startNeed(tx, rep, id, undefined, next(5));
    if (plan.upTo === 'IN_PROGRESS') continue;
    await resolveNeed(tx, rep, id, plan.resolution ?? '', {}, next(48));
    if (plan.upTo === 'RESOLVED') continue;
    await confirmNeed(tx, resident, id, plan.rating ?? 5, undefined, next(20));
  }
}
