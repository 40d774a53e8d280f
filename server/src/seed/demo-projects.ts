import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { Need } from '../needs/need.entity.js';
import { viewerOf } from '../people/sessions.js';
import type { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { clockAt } from '../platform/clock.js';
import { ContributionKind, ProjectStatus } from '../projects/projects.enums.js';
import {
  addProjectTask,
  completeProjectTask,
  contribute,
  createProject,
  setProjectStatus,
} from '../projects/projects.service.js';
import { Unit } from '../units/unit.entity.js';
import { DEMO_UNITS } from './demo-units.data.js';

/** 李秀英, staff of 幸福里社区, and 吴丽娟, staff of 和平社区 (seed/demo.ts DEMO_ACCOUNTS). */
const XINGFULI_STAFF = '13800000002';
const HEPING_STAFF = '13800000009';
const UNIT_REP = '13800000004';
const NEIGHBOUR = '13800000007';

const DAY = 86_400_000;

interface ContributionPlan {
  kind: ContributionKind;
  description: string;
  value: number;
  /** A demo unit, or a person by phone; neither: an anonymous resident (热心居民). */
  unit?: keyof typeof DEMO_UNITS;
  person?: string;
  /** Who records it: the staff member unless the unit's representative does. */
  by?: string;
  daysAgo: number;
}

interface TaskPlan {
  title: string;
  unit?: keyof typeof DEMO_UNITS;
  person?: string;
  /** Days from now (negative: in the past). */
  dueInDays?: number;
  /** Done this many days ago. */
  doneDaysAgo?: number;
}

interface ProjectPlan {
  title: string;
  description: string;
  community: string;
  staff: string;
  budget: number;
  /** Demo needs it takes up, by title: all in the community. */
  needs: string[];
  /** Started the day after it was created; finished this many days ago, if it is. */
  doneDaysAgo?: number;
  daysAgo: number;
  tasks: TaskPlan[];
  contributions: ContributionPlan[];
}

const PROJECTS: ProjectPlan[] = [
  {
    title: '幸福里口袋公园',
    description:
      '把小区门口的闲置空地改造成口袋公园：清走垃圾、铺设步道、种上花草、装上座椅和路灯，让老人孩子有个歇脚的地方。',
    community: '幸福里社区',
    staff: XINGFULI_STAFF,
    budget: 60000,
    needs: ['小区门口垃圾桶满了没人清', '小区路灯晚上不亮', '垃圾分类投放点异味严重'],
    daysAgo: 20,
    tasks: [
      { title: '设计方案征求居民意见', person: XINGFULI_STAFF, dueInDays: -12, doneDaysAgo: 13 },
      { title: '清理空地、平整场地', unit: 'property', dueInDays: -5, doneDaysAgo: 6 },
      { title: '种植花苗、铺设步道', unit: 'school', dueInDays: 7 },
      { title: '安装路灯和休闲座椅', unit: 'power', dueInDays: 14 },
    ],
    contributions: [
      { kind: ContributionKind.MONEY, description: '公益捐款', value: 20000, unit: 'bank', daysAgo: 15 },
      { kind: ContributionKind.GOODS, description: '步道砖、水泥等建材', value: 8500, unit: 'property', daysAgo: 8 },
      {
        kind: ContributionKind.LABOR,
        description: '师生志愿者义务劳动两个半天',
        value: 1200,
        unit: 'school',
        by: UNIT_REP,
        daysAgo: 3,
      },
      { kind: ContributionKind.GOODS, description: '月季花苗 30 株', value: 450, person: NEIGHBOUR, daysAgo: 4 },
      { kind: ContributionKind.MONEY, description: '热心居民捐款', value: 500, daysAgo: 2 },
    ],
  },
  {
    title: '和平社区背街小巷路面修补',
    description: '修补和平第一网格积水坑洼的路面，疏通雨水口，整治乱停的共享单车。',
    community: '和平社区',
    staff: HEPING_STAFF,
    budget: 30000,
    needs: ['路面坑洼，下雨积水', '共享单车乱停，堵住消防通道'],
    daysAgo: 60,
    doneDaysAgo: 30,
    tasks: [
      { title: '勘查路面、确定修补范围', person: HEPING_STAFF, dueInDays: -55, doneDaysAgo: 56 },
      { title: '路面修补和雨水口疏通', unit: 'power', dueInDays: -40, doneDaysAgo: 41 },
      { title: '划设共享单车停放区', unit: 'socialWork', dueInDays: -35, doneDaysAgo: 36 },
    ],
    contributions: [
      {
        kind: ContributionKind.LABOR,
        description: '电工班组协助夜间施工照明',
        value: 3000,
        unit: 'power',
        daysAgo: 41,
      },
      { kind: ContributionKind.LABOR, description: '志愿者引导停车两周', value: 1600, unit: 'socialWork', daysAgo: 36 },
      { kind: ContributionKind.MONEY, description: '居民自发捐款', value: 800, daysAgo: 45 },
    ],
  },
];

/**
 * The demo projects (项目清单), played through the projects' own services at times in the past:
 * the pocket garden of 幸福里社区 under way, built from three demo needs, with tasks for demo
 * units and contributions by units and residents; and a finished road repair in 和平社区.
 * Runs after the demo units (seed/demo-units.ts) and needs.
 */
export async function seedDemoProjects(tx: EntityManager, users: Map<string, User>): Promise<void> {
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
    return viewer;
  };
  const unitId = async (key: keyof typeof DEMO_UNITS) => {
    const unit = await tx.findOne(Unit, { name: DEMO_UNITS[key].name });
    if (!unit) throw new Error(`demo unit missing: ${DEMO_UNITS[key].name}`);
    return String(unit.id);
  };
  const personId = (phone: string) => String(users.get(phone)!.id);

  for (const plan of PROJECTS) {
    const staff = await as(plan.staff);
    const community = await tx.findOneOrFail(Area, { name: plan.community });
    const needs = await tx.find(Need, { title: { $in: plan.needs }, communityId: community.id });
    if (needs.length !== plan.needs.length) throw new Error(`demo needs missing for ${plan.title}`);
    const project = await createProject(
      tx,
      staff,
      {
        title: plan.title,
        description: plan.description,
        areaId: String(community.id),
        budget: plan.budget,
        needIds: needs.map((need) => String(need.id)),
      },
      at(plan.daysAgo),
    );
    await setProjectStatus(tx, staff, String(project.id), ProjectStatus.ACTIVE, at(plan.daysAgo - 1));
    for (const task of plan.tasks) {
      const row = await addProjectTask(
        tx,
        staff,
        String(project.id),
        {
          title: task.title,
          ownerUnitId: task.unit ? await unitId(task.unit) : null,
          ownerUserId: task.person ? personId(task.person) : null,
          dueAt: task.dueInDays === undefined ? null : new Date(now + task.dueInDays * DAY),
        },
        at(plan.daysAgo - 1),
      );
      if (task.doneDaysAgo !== undefined) {
        await completeProjectTask(tx, staff, String(row.id), at(task.doneDaysAgo));
      }
    }
    for (const gift of plan.contributions) {
      await contribute(
        tx,
        await as(gift.by ?? plan.staff),
        String(project.id),
        {
          kind: gift.kind,
          description: gift.description,
          value: gift.value,
          unitId: gift.unit ? await unitId(gift.unit) : null,
          contributorUserId: gift.person ? personId(gift.person) : null,
        },
        at(gift.daysAgo),
      );
    }
    if (plan.doneDaysAgo !== undefined) {
      await setProjectStatus(tx, staff, String(project.id), ProjectStatus.DONE, at(plan.doneDaysAgo));
    }
  }
}
