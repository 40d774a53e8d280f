import { registerEnumType } from 'type-graphql';

export enum VoteMethod {
  /** Options 赞成/反对/弃权, made by the system. */
  YES_NO_ABSTAIN = 'YES_NO_ABSTAIN',
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  /** Up to maxChoices options. */
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
}
registerEnumType(VoteMethod, { name: 'VoteMethod' });

export enum Threshold {
  SIMPLE_MAJORITY = 'SIMPLE_MAJORITY',
  TWO_THIRDS = 'TWO_THIRDS',
}
registerEnumType(Threshold, {
  name: 'Threshold',
  description:
    'Share of the votes cast (abstentions count for turnout only) the leading option needs, for CUSTOM votes',
});

export enum Electorate {
  /** Checked-in participants of the meeting when the vote opens. */
  PARTICIPANTS = 'PARTICIPANTS',
  /** Members of the committee. */
  COMMITTEE = 'COMMITTEE',
  /** Adult residents whose home lies in the area’s subtree. */
  RESIDENTS = 'RESIDENTS',
  /** One vote per registered household, cast by its representative. */
  HOUSEHOLDS = 'HOUSEHOLDS',
  /** One vote per owned flat (专有部分), cast by one of its owners, weighted by its floor area too. */
  OWNERS = 'OWNERS',
}
registerEnumType(Electorate, { name: 'Electorate', description: 'Who may vote; fixed when the vote opens' });

export enum RulePreset {
  CUSTOM = 'CUSTOM',
  RESIDENTS_MEETING = 'RESIDENTS_MEETING',
  VILLAGERS_MEETING = 'VILLAGERS_MEETING',
  VILLAGER_REPRESENTATIVES = 'VILLAGER_REPRESENTATIVES',
  OWNERS_ORDINARY = 'OWNERS_ORDINARY',
  OWNERS_MAJOR = 'OWNERS_MAJOR',
}
registerEnumType(RulePreset, {
  name: 'RulePreset',
  description:
    'The quorum and pass rule of the law: 居民会议 (城市居民委员会组织法), 村民会议/村民代表会议 (村民委员会组织法), 业主共同决定 (民法典第二百七十八条); CUSTOM uses threshold and quorum',
});

export enum VoteOutcome {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  NO_QUORUM = 'NO_QUORUM',
}
registerEnumType(VoteOutcome, { name: 'VoteOutcome' });

export enum VoteStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(VoteStatus, { name: 'VoteStatus' });

export enum BallotChannel {
  ONLINE = 'ONLINE',
  /** Entered by staff from a paper ballot at the meeting. */
  PAPER = 'PAPER',
}
registerEnumType(BallotChannel, { name: 'BallotChannel' });

export enum VoteAction {
  CAST = 'CAST',
  RECORD_PAPER_BALLOT = 'RECORD_PAPER_BALLOT',
  CLOSE = 'CLOSE',
  VIEW_VOTERS = 'VIEW_VOTERS',
  OBJECT = 'OBJECT',
}
registerEnumType(VoteAction, { name: 'VoteAction', description: 'What the viewer may do with a vote now' });
