import { registerEnumType } from 'type-graphql';

export enum TopicStatus {
  /** Collecting support. */
  PROPOSED = 'PROPOSED',
  /** Reached the support threshold or admitted by staff: waits for a meeting. */
  ADMITTED = 'ADMITTED',
  /** On a meeting's agenda. */
  SCHEDULED = 'SCHEDULED',
  /** A vote on it passed: a resolution follows. */
  PASSED = 'PASSED',
  /** A vote on it failed or had no quorum. */
  REJECTED = 'REJECTED',
  /** Staff declined it, with a reason. */
  DECLINED = 'DECLINED',
}
registerEnumType(TopicStatus, { name: 'TopicStatus', description: 'Where a topic (议题) stands' });

export enum ProcedureTemplate {
  /** 居民议事会: 提出 → 征集支持 → 议事会协商 → 表决 → 结果公示 → 落实. */
  RESIDENT_COUNCIL = 'RESIDENT_COUNCIL',
  /** 四议两公开: 党组织提议 → 两委商议 → 党员大会审议 → 村民会议/代表会议决议 → 决议公开 → 实施结果公开. */
  FOUR_DELIBERATIONS_TWO_DISCLOSURES = 'FOUR_DELIBERATIONS_TWO_DISCLOSURES',
}
registerEnumType(ProcedureTemplate, {
  name: 'ProcedureTemplate',
  description: 'The named stages a topic goes through',
});

export enum TopicAction {
  SUPPORT = 'SUPPORT',
  ADMIT = 'ADMIT',
  DECLINE = 'DECLINE',
  ADVANCE_STAGE = 'ADVANCE_STAGE',
}
registerEnumType(TopicAction, { name: 'TopicAction', description: 'What the viewer may do with a topic now' });
