import type { EntityManager } from '@mikro-orm/postgresql';
import { Need } from '../needs/need.entity.js';
import { Resource } from '../offers/offer.entity.js';
import { viewerOf } from '../people/sessions.js';
import type { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { clockAt } from '../platform/clock.js';
import type { Context } from '../platform/context.js';
import { PledgeStatus } from '../pledges/pledges.enums.js';
import { confirmPledge, makePledge, withdrawPledge } from '../pledges/pledges.service.js';
import { Project } from '../projects/project.entity.js';
import { Unit } from '../units/unit.entity.js';
import { DEMO_UNITS } from './demo-units.data.js';

/** 李秀英, staff of 幸福里社区 (seed/demo.ts DEMO_ACCOUNTS), confirms the outcomes. */
const XINGFULI_STAFF = '13800000002';
const VOLUNTEER = '13800000005';
const NEIGHBOUR = '13800000007';
const POCKET_GARDEN = '幸福里口袋公园';

const DAY = 86_400_000;

interface PledgePlan {
  /** A demo need's title, or the pocket garden. */
  need?: string;
  project?: string;
  /** A demo unit (pledged by its first representative), or a person by phone. */
  unit?: keyof typeof DEMO_UNITS;
  person?: string;
  /** The unit's demo resource (seed/demo-offers.ts) it comes from, by title. */
  resource?: string;
  description: string;
  quantity?: number;
  measure?: string;
  daysAgo: number;
  /** Days from now (negative: already past). */
  dueInDays?: number;
  outcome?: { status: PledgeStatus; quantityDelivered?: number; note?: string; daysAgo: number };
  withdrawn?: { reason: string; daysAgo: number };
}

/** Pledges in every state: open, overdue, fulfilled, partly, not fulfilled and withdrawn. */
const PLEDGES: PledgePlan[] = [
  {
    project: POCKET_GARDEN,
    unit: 'school',
    description: '组织师生志愿者两个周末种植花苗、铺设步道',
    quantity: 40,
    measure: '小时',
    daysAgo: 6,
    dueInDays: 7,
  },
  {
    project: POCKET_GARDEN,
    unit: 'property',
    resource: '建材',
    description: '提供步道砖和水泥',
    quantity: 50,
    measure: '袋',
    daysAgo: 12,
    dueInDays: -4,
    outcome: { status: PledgeStatus.FULFILLED, note: '建材已全部运到现场并用于步道铺设。', daysAgo: 5 },
  },
  {
    project: POCKET_GARDEN,
    unit: 'bank',
    resource: '公益金',
    description: '公益金资助座椅和路灯',
    quantity: 10000,
    measure: '元',
    daysAgo: 15,
    dueInDays: -2,
    outcome: {
      status: PledgeStatus.PARTIAL,
      quantityDelivered: 8000,
      note: '已拨付 8000 元，余款待座椅安装验收后再议。',
      daysAgo: 1,
    },
  },
  {
    need: '小区路灯晚上不亮',
    unit: 'power',
    description: '安排电工上门检修小区路灯线路',
    daysAgo: 9,
    // Past its date and not yet confirmed: overdue.
    dueInDays: -3,
  },
  {
    need: '4号楼屋顶漏雨，顶层住户家里墙面发霉',
    unit: 'property',
    resource: '维修工',
    description: '派维修工做屋顶防水',
    quantity: 2,
    measure: '人',
    daysAgo: 8,
    dueInDays: 5,
  },
  {
    need: '希望组织老年人智能手机培训',
    unit: 'socialWork',
    description: '每周三下午开一次智能手机课',
    daysAgo: 10,
    withdrawn: { reason: '社工排期冲突，改由第一小学的老师承接。', daysAgo: 7 },
  },
  {
    need: '希望组织老年人智能手机培训',
    unit: 'school',
    resource: '教师志愿辅导',
    description: '信息课老师每周三下午教老人用手机',
    quantity: 8,
    measure: '课时',
    daysAgo: 7,
    dueInDays: 21,
  },
  {
    need: '楼道堆放杂物堵塞消防通道',
    person: VOLUNTEER,
    description: '带志愿者一起清理楼道杂物',
    daysAgo: 5,
    dueInDays: -1,
    outcome: { status: PledgeStatus.FULFILLED, note: '楼道已清空，消防通道畅通。', daysAgo: 2 },
  },
  {
    need: '2号楼单元门禁坏了，陌生人随意进出',
    person: NEIGHBOUR,
    description: '我懂一点电路，周末来帮忙看看门禁',
    daysAgo: 6,
    dueInDays: -2,
    outcome: { status: PledgeStatus.NOT_FULFILLED, note: '未按约定上门，已另行派单。', daysAgo: 1 },
  },
];

/**
 * The demo pledges (认领), played through the pledges' own services at times in the past, by
 * the demo units' representatives and residents, confirmed by 李秀英. Runs after the demo
 * units, offers and projects (seed/demo.ts), whose rows it finds by name.
 */
export async function seedDemoPledges(tx: EntityManager, users: Map<string, User>): Promise<void> {
  const now = Date.now();
  const at = (daysAgo: number) => clockAt(new Date(now - daysAgo * DAY));
  const viewers = new Map<string, Viewer>();
  const as = async (phone: string) => {
    let viewer = viewers.get(phone);
    if (!viewer) {
      const user = users.get(phone);
      if (!user) throw new Error(`demo user missing: ${phone}`);
      viewers.set(phone, (viewer = await viewerOf(tx, user)));
    }
    // What the services read of a request: its manager, who asks, and a fresh set of batch loaders.
    return { viewer, ctx: { em: tx, viewer, loaders: new Map() } as unknown as Context };
  };
  const find = async <T extends object>(found: Promise<T | null>, what: string) => {
    const row = await found;
    if (!row) throw new Error(`demo ${what} missing`);
    return row;
  };

  for (const plan of PLEDGES) {
    const unit = plan.unit ? await find(tx.findOne(Unit, { name: DEMO_UNITS[plan.unit].name }), plan.unit) : null;
    const pledger = await as(plan.person ?? DEMO_UNITS[plan.unit!].representatives[0]!);
    const need = plan.need ? await find(tx.findOne(Need, { title: plan.need }), `need ${plan.need}`) : null;
    const project = plan.project ? await find(tx.findOne(Project, { title: plan.project }), plan.project) : null;
    const resource = plan.resource
      ? await find(tx.findOne(Resource, { unit, title: plan.resource }), `resource ${plan.resource}`)
      : null;
    const made = await makePledge(
      pledger.ctx,
      pledger.viewer,
      {
        needId: need ? String(need.id) : undefined,
        projectId: project ? String(project.id) : undefined,
        unitId: unit ? String(unit.id) : undefined,
        resourceId: resource ? String(resource.id) : undefined,
        description: plan.description,
        quantity: plan.quantity,
        measure: plan.measure,
        dueAt: plan.dueInDays === undefined ? undefined : new Date(now + plan.dueInDays * DAY),
      },
      at(plan.daysAgo),
    );
    if (plan.outcome) {
      const staff = await as(XINGFULI_STAFF);
      await confirmPledge(
        staff.ctx,
        staff.viewer,
        {
          id: String(made.id),
          outcome: plan.outcome.status,
          quantityDelivered: plan.outcome.quantityDelivered,
          note: plan.outcome.note,
        },
        at(plan.outcome.daysAgo),
      );
    }
    if (plan.withdrawn) {
      await withdrawPledge(
        pledger.ctx,
        pledger.viewer,
        String(made.id),
        plan.withdrawn.reason,
        at(plan.withdrawn.daysAgo),
      );
    }
  }
}
