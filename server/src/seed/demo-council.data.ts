/**
 * The deliberation demo (幸福里社区 of 幸福街道), named once so that each feature's seeder
 * finds what an earlier one planted (committees and households, then topics, meetings, votes,
 * then the board's objections and resolutions).
 */
export const DEMO_COMMITTEES = {
  /** 幸福街道: streetAdmin chairs, a standing and a part-time member from the school. */
  streetWorking: '幸福街道大工委',
  /** 幸福里社区: communityStaff is 书记; unitRep (刘洋) a part-time member from the school. */
  communityParty: '幸福里社区大党委',
} as const;

export const DEMO_TOPICS = {
  /** ADMITTED by reaching the threshold; on the upcoming meeting's agenda (SCHEDULED). */
  parking: '小区停车难，建议规划夜间错时停车位',
  /** PASSED at last month's meeting (owners' vote); its resolution is in progress. */
  elevator: '3号楼加装电梯',
  /** PROPOSED by the demo resident, 3 supports so far (threshold 10). */
  lighting: '1号楼楼道灯经常不亮，建议换成声控灯',
  /** DECLINED with a reason. */
  squareDance: '广场舞音量太大，建议限定时段',
} as const;

export const DEMO_MEETINGS = {
  /** In three days at 19:00; the demo resident and neighbour are invited. */
  upcoming: '幸福里社区十二月居民议事会',
  /** Last month; minutes published. */
  past: '幸福里社区十一月居民议事会',
} as const;

export const DEMO_VOTES = {
  /** OPEN, secret, RESIDENTS of 幸福里社区, closes in 3 days: the demo resident may vote. */
  parking: '夜间错时停车方案表决',
  /** CLOSED and PASSED, OWNERS_MAJOR of 幸福里第一网格 3号楼, published (within its publicity period), one objection answered. */
  elevator: '3号楼加装电梯业主表决',
} as const;

/** The households planted in 幸福里第一网格 (label → building, floor area m²); demo people are members. */
export const DEMO_HOUSEHOLD_BUILDINGS = ['1号楼', '2号楼', '3号楼'] as const;
