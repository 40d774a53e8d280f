import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { Need } from '../needs/need.entity.js';
import { offerResource } from '../offers/offers.resources.js';
import { requestPledge } from '../offers/offers.requests.js';
import { publishService, signUpForService } from '../offers/offers.services.js';
import { ResourceKind } from '../offers/offers.enums.js';
import { viewerOf } from '../people/sessions.js';
import { User } from '../people/user.entity.js';
import { clockAt } from '../platform/clock.js';
import type { Context } from '../platform/context.js';
import { DEFAULT_LOCALE } from '../platform/i18n/locale.js';
import { Unit } from '../units/unit.entity.js';
import { DEMO_UNITS } from './demo-units.data.js';

type DemoUnitKey = keyof typeof DEMO_UNITS;

interface ResourcePlan {
  /** A demo unit (its first representative enters it), or a person by phone. */
  unit?: DemoUnitKey;
  person?: string;
  kind: ResourceKind;
  title: string;
  description: string;
  quantity?: number;
  measure?: string;
  /** Names of the areas served. */
  areas: string[];
}

/** 资源清单 of the demo: each demo unit's, and a few residents' own. README lists them. */
const RESOURCES: ResourcePlan[] = [
  {
    unit: 'school',
    kind: ResourceKind.VENUE,
    title: '教室',
    description: '周末和寒暑假可借用的教室两间，可坐 40 人，有投影。',
    areas: ['幸福里社区'],
  },
  {
    unit: 'school',
    kind: ResourceKind.SKILL,
    title: '教师志愿辅导',
    description: '在职教师志愿为社区孩子辅导作业、讲安全课。',
    quantity: 40,
    measure: '小时',
    areas: ['幸福里社区', '和平社区'],
  },
  {
    unit: 'hospital',
    kind: ResourceKind.SKILL,
    title: '义诊',
    description: '全科医生和护士到社区量血压、测血糖、讲慢病用药。',
    quantity: 12,
    measure: '次',
    areas: ['幸福里社区'],
  },
  {
    unit: 'power',
    kind: ResourceKind.LABOR,
    title: '电工',
    description: '供电所党员服务队：楼道照明、老旧线路安全检查。',
    quantity: 30,
    measure: '小时',
    areas: ['幸福街道'],
  },
  {
    unit: 'property',
    kind: ResourceKind.LABOR,
    title: '维修工',
    description: '物业维修班：水电、门禁、公共设施的小修。',
    quantity: 60,
    measure: '小时',
    areas: ['幸福里第一网格', '幸福里第二网格'],
  },
  {
    unit: 'property',
    kind: ResourceKind.GOODS,
    title: '建材',
    description: '防水涂料、水泥、瓷砖等余料。',
    quantity: 200,
    measure: '件',
    areas: ['幸福里社区'],
  },
  {
    unit: 'bank',
    kind: ResourceKind.FUNDS,
    title: '公益金',
    description: '支行党支部公益金，用于社区微项目。',
    quantity: 20000,
    measure: '元',
    areas: ['幸福街道'],
  },
  {
    unit: 'socialWork',
    kind: ResourceKind.SKILL,
    title: '心理疏导',
    description: '持证社工一对一心理疏导、家庭关系调解。',
    quantity: 20,
    measure: '次',
    areas: ['和平社区', '幸福里社区'],
  },
  {
    unit: 'otherStreetSchool',
    kind: ResourceKind.VENUE,
    title: '操场',
    description: '周末开放的操场和篮球场。',
    areas: ['朝阳社区'],
  },
  {
    person: '13800000005',
    kind: ResourceKind.SKILL,
    title: '周末陪老人聊天',
    description: '周末下午有空，可以陪独居老人聊天、读报。',
    areas: ['幸福里第一网格'],
  },
  {
    person: '13800000007',
    kind: ResourceKind.GOODS,
    title: '电钻可以借',
    description: '家里有一把电钻，邻居装修挂画可以来借。',
    quantity: 1,
    measure: '把',
    areas: ['幸福里第一网格'],
  },
];

interface ServicePlan {
  unit: DemoUnitKey;
  title: string;
  description: string;
  area: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  place: string;
  capacity: number;
  /** Residents signed up, by phone. */
  signups: { phone: string; note?: string }[];
}

/** 服务清单 of the demo, with residents signed up. */
const SERVICES: ServicePlan[] = [
  {
    unit: 'school',
    title: '四点半课堂',
    description: '放学后在学校阅览室看护孩子、辅导作业，家长下班来接。',
    area: '幸福里社区',
    weekdays: [1, 2, 3, 4, 5],
    startTime: '16:30',
    endTime: '18:00',
    place: '幸福街道第一小学三楼阅览室',
    capacity: 30,
    signups: [
      { phone: '13800000006', note: '孙子上二年级' },
      { phone: '13900000001' },
      { phone: '13900000002' },
      { phone: '13900000003', note: '两个孩子' },
    ],
  },
  {
    unit: 'hospital',
    title: '老年人上门巡诊',
    description: '医生护士上门为行动不便的老人量血压、看用药、做健康档案。',
    area: '幸福里社区',
    weekdays: [2, 4],
    startTime: '09:00',
    endTime: '11:30',
    place: '居民家中',
    capacity: 10,
    signups: [{ phone: '13800000006', note: '腿脚不便，住 1 号楼' }, { phone: '13900000004' }],
  },
  {
    unit: 'property',
    title: '便民维修日',
    description: '每周六上午在小区广场修小家电、换水龙头、磨剪刀。',
    area: '幸福里社区',
    weekdays: [6],
    startTime: '09:00',
    endTime: '12:00',
    place: '幸福里小区中心广场',
    capacity: 20,
    signups: [{ phone: '13800000007', note: '电饭煲不加热' }],
  },
];

/** The open request of the demo: staff ask the property company's repair team about the leaking roof. */
const OPEN_REQUEST = {
  by: '13800000002',
  need: '4号楼屋顶漏雨，顶层住户家里墙面发霉',
  resource: '维修工',
  note: '能否请维修班先做临时防水，防水层大修等维修基金审批？',
};

const DAY = 24 * 3600 * 1000;

/**
 * Seeds resources, services, sign-ups and one open pledge request through the same services
 * the API uses, acting as each unit's representative: the demo units (seed/demo-units.ts)
 * and people are looked up by name and phone.
 */
export async function seedDemoOffers(tx: EntityManager): Promise<void> {
  const now = Date.now();
  const person = async (phone: string) => tx.findOneOrFail(User, { phone });
  // The services act for a request: a context with the person and fresh per-request loaders.
  const as = async (phone: string): Promise<Context> =>
    ({
      em: tx,
      viewer: await viewerOf(tx, await person(phone)),
      loaders: new Map(),
      locale: DEFAULT_LOCALE,
    }) as Context;
  const unitOf = async (key: DemoUnitKey) => {
    const plan = DEMO_UNITS[key];
    return { unit: await tx.findOneOrFail(Unit, { name: plan.name }), rep: plan.representatives[0]! };
  };
  const areaId = async (name: string) => String((await tx.findOneOrFail(Area, { name })).id);

  const resourceIds = new Map<string, string>();
  for (const [i, plan] of RESOURCES.entries()) {
    const who = plan.unit ? await unitOf(plan.unit) : null;
    const resource = await offerResource(
      await as(who ? who.rep : plan.person!),
      {
        unitId: who ? String(who.unit.id) : undefined,
        kind: plan.kind,
        title: plan.title,
        description: plan.description,
        quantity: plan.quantity,
        measure: plan.measure,
        areaIds: await Promise.all(plan.areas.map(areaId)),
      },
      clockAt(new Date(now - (30 - i) * DAY)),
    );
    resourceIds.set(plan.title, String(resource.id));
  }

  for (const [i, plan] of SERVICES.entries()) {
    const { unit, rep } = await unitOf(plan.unit);
    const service = await publishService(
      await as(rep),
      {
        unitId: String(unit.id),
        title: plan.title,
        description: plan.description,
        areaId: await areaId(plan.area),
        schedule: { weekdays: plan.weekdays, startTime: plan.startTime, endTime: plan.endTime },
        place: plan.place,
        capacity: plan.capacity,
      },
      clockAt(new Date(now - (20 - i) * DAY)),
    );
    for (const [j, signup] of plan.signups.entries()) {
      await signUpForService(
        await as(signup.phone),
        String(service.id),
        signup.note,
        clockAt(new Date(now - (10 - j) * DAY)),
      );
    }
  }

  const need = await tx.findOneOrFail(Need, { title: OPEN_REQUEST.need });
  await requestPledge(
    await as(OPEN_REQUEST.by),
    { needId: String(need.id), resourceId: resourceIds.get(OPEN_REQUEST.resource)!, note: OPEN_REQUEST.note },
    clockAt(new Date(now - 2 * DAY)),
  );
}
