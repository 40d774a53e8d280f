import type { EntityManager } from '@mikro-orm/postgresql';
import { Need } from '../needs/need.entity.js';
import { clockAt } from '../platform/clock.js';
import type { Topic } from '../topics/topic.entity.js';
import { admitTopic, advanceTopicStage, declineTopic, proposeTopic, supportTopic } from '../topics/topics.service.js';
import { DEMO_TOPICS } from './demo-council.data.js';
import { demoArea, demoResidentsOf, demoViewer } from './demo-deliberation-people.js';

const XINGFULI = ['幸福街道', '幸福里社区'];
const STAFF = '13800000002';
const RESIDENT = '13800000006';
const NEIGHBOUR = '13800000007';
const VOLUNTEER = '13800000005';

const DAY = 86_400_000;

interface TopicPlan {
  title: string;
  description: string;
  /** A phone, or a position in the community's generated residents. */
  proposer: string | number;
  daysAgo: number;
  supporters: (string | number)[];
  /** A demo need it grew from, by title. */
  need?: string;
  admittedByStaff?: boolean;
  declined?: string;
  /** Stages moved on by staff, with their notes. */
  stages?: string[];
}

/**
 * The four topics of 幸福里社区: parking reaches the threshold by its supports (ADMITTED; the
 * meetings' seeder puts it on the upcoming agenda), the elevator was admitted by staff (the
 * meetings' and votes' seeders take it to PASSED), the demo resident's lighting topic is still
 * gathering support (3), square dancing was declined with a reason.
 */
const TOPICS: TopicPlan[] = [
  {
    title: DEMO_TOPICS.parking,
    description: '晚上小区里车位不够，车辆占用消防通道。建议与周边单位协商夜间错时停车，并在小区内重新划线。',
    proposer: 2,
    daysAgo: 20,
    supporters: [RESIDENT, NEIGHBOUR, VOLUNTEER, 3, 4, 5, 6, 7, 8, 9],
    stages: ['已征集到足够附议'],
  },
  {
    title: DEMO_TOPICS.elevator,
    description: '3号楼是六层老楼，住着不少老人，上下楼困难。建议申请老旧小区加装电梯补贴，由3号楼业主表决。',
    proposer: VOLUNTEER,
    daysAgo: 50,
    supporters: [10, 11, 12, 13],
    admittedByStaff: true,
    stages: ['楼内住户意见已征集', '议事会协商：同意提交业主表决'],
  },
  {
    title: DEMO_TOPICS.lighting,
    description: '1号楼楼道灯经常不亮，晚上上下楼看不清。建议统一换成声控灯，费用从公共收益中支出。',
    proposer: RESIDENT,
    daysAgo: 6,
    supporters: [NEIGHBOUR, 0, 1],
    need: '小区路灯晚上不亮',
  },
  {
    title: DEMO_TOPICS.squareDance,
    description: '晚上广场舞音量太大，影响休息。建议限定时段和音量。',
    proposer: 4,
    daysAgo: 15,
    supporters: [5],
    declined: '已由社区与舞蹈队协商约定晚上八点半前结束、音量减半，无需再上议事会。',
  },
];

export async function seedDemoTopics(em: EntityManager): Promise<void> {
  const community = await demoArea(em, XINGFULI);
  const residents = await demoResidentsOf(em, community);
  const viewer = (who: string | number) =>
    demoViewer(em, typeof who === 'string' ? who : residents[who % residents.length]!.phone);
  const staff = await viewer(STAFF);
  const now = Date.now();
  for (const plan of TOPICS) {
    const at = (days: number) => clockAt(new Date(now - days * DAY));
    const need = plan.need ? await em.findOne(Need, { title: plan.need }) : null;
    let topic: Topic = await proposeTopic(
      em,
      await viewer(plan.proposer),
      {
        title: plan.title,
        description: plan.description,
        areaId: String(community.id),
        needId: need ? String(need.id) : null,
      },
      at(plan.daysAgo),
    );
    for (const [i, who] of plan.supporters.entries()) {
      topic = await supportTopic(em, await viewer(who), String(topic.id), at(plan.daysAgo - 1 - i * 0.5));
    }
    if (plan.admittedByStaff) topic = await admitTopic(em, staff, String(topic.id), at(plan.daysAgo - 5));
    if (plan.declined) await declineTopic(em, staff, String(topic.id), plan.declined, at(plan.daysAgo - 3));
    for (const [i, note] of (plan.stages ?? []).entries()) {
      await advanceTopicStage(em, staff, String(topic.id), note, at(plan.daysAgo - 6 - i * 3));
    }
  }
}
