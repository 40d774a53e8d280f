import { ProcedureTemplate, TopicAction, TopicStatus } from './topics.enums.js';

/** Supports a topic needs to enter the agenda by itself, unless its community sets another number. */
export const TOPIC_SUPPORT_THRESHOLD = 10;

/** What moves a topic, from whichever feature it happens in. */
export type TopicEvent = 'REACHED_THRESHOLD' | 'ADMIT' | 'DECLINE' | 'SCHEDULE' | 'VOTE_PASSED' | 'VOTE_REJECTED';

const NEXT: Record<TopicEvent, { from: readonly TopicStatus[]; to: TopicStatus }> = {
  REACHED_THRESHOLD: { from: [TopicStatus.PROPOSED], to: TopicStatus.ADMITTED },
  ADMIT: { from: [TopicStatus.PROPOSED], to: TopicStatus.ADMITTED },
  DECLINE: { from: [TopicStatus.PROPOSED, TopicStatus.ADMITTED], to: TopicStatus.DECLINED },
  SCHEDULE: { from: [TopicStatus.ADMITTED, TopicStatus.SCHEDULED], to: TopicStatus.SCHEDULED },
  VOTE_PASSED: { from: [TopicStatus.ADMITTED, TopicStatus.SCHEDULED], to: TopicStatus.PASSED },
  VOTE_REJECTED: { from: [TopicStatus.ADMITTED, TopicStatus.SCHEDULED], to: TopicStatus.REJECTED },
};

/** The status after `event`, or null when the event does not apply in `status` (callers answer INVALID_STATE). */
export function nextTopicStatus(status: TopicStatus, event: TopicEvent): TopicStatus | null {
  const step = NEXT[event];
  return step.from.includes(status) ? step.to : null;
}

/** The stages of each template, as message keys (topics.messages.ts words them). */
export const TEMPLATE_STAGES: Record<ProcedureTemplate, readonly string[]> = {
  RESIDENT_COUNCIL: [
    'proposed',
    'collectingSupport',
    'councilDeliberation',
    'vote',
    'resultPublished',
    'implementation',
  ],
  FOUR_DELIBERATIONS_TWO_DISCLOSURES: [
    'partyProposal',
    'twoCommitteesDeliberation',
    'partyMembersReview',
    'villagersResolution',
    'resolutionPublished',
    'outcomePublished',
  ],
};

/** A village follows 四议两公开 unless another template is chosen; a community its resident council. */
export function defaultTemplate(isVillage: boolean): ProcedureTemplate {
  return isVillage ? ProcedureTemplate.FOUR_DELIBERATIONS_TWO_DISCLOSURES : ProcedureTemplate.RESIDENT_COUNCIL;
}

/** What the viewer is to a topic, for what they may do with it now. */
export interface TopicViewerFacts {
  status: TopicStatus;
  stage: number;
  template: ProcedureTemplate;
  isProposer: boolean;
  supports: boolean;
  /** mayProposeTopics over the topic's community. */
  mayPropose: boolean;
  /** mayReviewTopics over it. */
  mayReview: boolean;
}

/** The actions the server would accept now: each mirrors the check of its mutation. */
export function topicActions(facts: TopicViewerFacts): TopicAction[] {
  const actions: TopicAction[] = [];
  if (facts.status === TopicStatus.PROPOSED && facts.mayPropose && !facts.isProposer && !facts.supports) {
    actions.push(TopicAction.SUPPORT);
  }
  if (facts.mayReview) {
    if (nextTopicStatus(facts.status, 'ADMIT')) actions.push(TopicAction.ADMIT);
    if (nextTopicStatus(facts.status, 'DECLINE')) actions.push(TopicAction.DECLINE);
    if (facts.status !== TopicStatus.DECLINED && facts.stage + 1 < TEMPLATE_STAGES[facts.template].length) {
      actions.push(TopicAction.ADVANCE_STAGE);
    }
  }
  return actions;
}
