import { m } from '#lib/paraglide/messages.js';
import type { graphql } from '#lib/graphql/graphql';

// Deliberation's enums from the schema, labelled as labels.ts does the others: a value the server
// adds makes a Record below miss a label, which fails `npm run check:web`.
type SchemaEnum<Name extends Parameters<typeof graphql.scalar>[0]> = ReturnType<typeof graphql.scalar<Name>>;
export type TopicStatus = SchemaEnum<'TopicStatus'>;
export type TopicAction = SchemaEnum<'TopicAction'>;
export type ProcedureTemplate = SchemaEnum<'ProcedureTemplate'>;
export type MeetingKind = SchemaEnum<'MeetingKind'>;
export type MeetingAction = SchemaEnum<'MeetingAction'>;
export type ParticipantRole = SchemaEnum<'ParticipantRole'>;
export type VoteMethod = SchemaEnum<'VoteMethod'>;
export type VoteStatus = SchemaEnum<'VoteStatus'>;
export type VoteOutcome = SchemaEnum<'VoteOutcome'>;
export type VoteAction = SchemaEnum<'VoteAction'>;
export type Electorate = SchemaEnum<'Electorate'>;
export type RulePreset = SchemaEnum<'RulePreset'>;
export type Threshold = SchemaEnum<'Threshold'>;
export type BoardItemKind = SchemaEnum<'BoardItemKind'>;
export type CommitteeKind = SchemaEnum<'CommitteeKind'>;
export type ResolutionStatus = SchemaEnum<'ResolutionStatus'>;

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

const topicStatusLabels: Record<TopicStatus, () => string> = {
  PROPOSED: m.council_topic_status_proposed,
  ADMITTED: m.council_topic_status_admitted,
  SCHEDULED: m.council_topic_status_scheduled,
  PASSED: m.council_topic_status_passed,
  REJECTED: m.council_topic_status_rejected,
  DECLINED: m.council_topic_status_declined,
};
const templateLabels: Record<ProcedureTemplate, () => string> = {
  RESIDENT_COUNCIL: m.council_template_resident_council,
  FOUR_DELIBERATIONS_TWO_DISCLOSURES: m.council_template_four_two,
};
const meetingKindLabels: Record<MeetingKind, () => string> = {
  RESIDENT_COUNCIL: m.council_meeting_kind_resident_council,
  GRASSROOTS_PARLIAMENT: m.council_meeting_kind_grassroots_parliament,
  COMMITTEE: m.council_meeting_kind_committee,
  JOINT_MEETING: m.council_meeting_kind_joint_meeting,
  HEARING: m.council_meeting_kind_hearing,
};
const participantRoleLabels: Record<ParticipantRole, () => string> = {
  RESIDENT: m.council_role_resident,
  HOUSEHOLD_REPRESENTATIVE: m.council_role_household_representative,
  UNIT_CONTACT: m.council_role_unit_contact,
  COMMITTEE_MEMBER: m.council_role_committee_member,
};
const voteMethodLabels: Record<VoteMethod, () => string> = {
  YES_NO_ABSTAIN: m.council_method_yes_no_abstain,
  SINGLE_CHOICE: m.council_method_single_choice,
  MULTIPLE_CHOICE: m.council_method_multiple_choice,
};
const voteStatusLabels: Record<VoteStatus, () => string> = {
  OPEN: m.council_vote_status_open,
  CLOSED: m.council_vote_status_closed,
};
const outcomeLabels: Record<VoteOutcome, () => string> = {
  PASSED: m.council_outcome_passed,
  FAILED: m.council_outcome_failed,
  NO_QUORUM: m.council_outcome_no_quorum,
};
const electorateLabels: Record<Electorate, () => string> = {
  PARTICIPANTS: m.council_electorate_participants,
  COMMITTEE: m.council_electorate_committee,
  RESIDENTS: m.council_electorate_residents,
  HOUSEHOLDS: m.council_electorate_households,
  OWNERS: m.council_electorate_owners,
};
const rulePresetLabels: Record<RulePreset, () => string> = {
  CUSTOM: m.council_rule_custom,
  RESIDENTS_MEETING: m.council_rule_residents_meeting,
  VILLAGERS_MEETING: m.council_rule_villagers_meeting,
  VILLAGER_REPRESENTATIVES: m.council_rule_villager_representatives,
  OWNERS_ORDINARY: m.council_rule_owners_ordinary,
  OWNERS_MAJOR: m.council_rule_owners_major,
};
const thresholdLabels: Record<Threshold, () => string> = {
  SIMPLE_MAJORITY: m.council_threshold_simple_majority,
  TWO_THIRDS: m.council_threshold_two_thirds,
};
const boardItemKindLabels: Record<BoardItemKind, () => string> = {
  VOTE_RESULT: m.council_board_kind_vote_result,
  RESOLUTION: m.council_board_kind_resolution,
  MINUTES: m.council_board_kind_minutes,
};
const committeeKindLabels: Record<CommitteeKind, () => string> = {
  STREET_WORKING_COMMITTEE: m.council_committee_kind_street_working,
  COMMUNITY_PARTY_COMMITTEE: m.council_committee_kind_community_party,
  JOINT_MEETING: m.council_committee_kind_joint_meeting,
};
const resolutionStatusLabels: Record<ResolutionStatus, () => string> = {
  IN_PROGRESS: m.council_resolution_status_in_progress,
  DONE: m.council_resolution_status_done,
};

/** In the order the topic filter offers them. */
export const TOPIC_STATUSES = keysOf(topicStatusLabels);
export const COMMITTEE_KINDS = keysOf(committeeKindLabels);
export const MEETING_KINDS = keysOf(meetingKindLabels);
export const PARTICIPANT_ROLES = keysOf(participantRoleLabels);
export const VOTE_METHODS = keysOf(voteMethodLabels);
export const ELECTORATES = keysOf(electorateLabels);
export const RULE_PRESETS = keysOf(rulePresetLabels);
export const THRESHOLDS = keysOf(thresholdLabels);
export const RESOLUTION_STATUSES = keysOf(resolutionStatusLabels);

export const topicStatusLabel = (s: TopicStatus): string => topicStatusLabels[s]();
export const templateLabel = (t: ProcedureTemplate): string => templateLabels[t]();
export const meetingKindLabel = (k: MeetingKind): string => meetingKindLabels[k]();
export const participantRoleLabel = (r: ParticipantRole): string => participantRoleLabels[r]();
export const voteMethodLabel = (v: VoteMethod): string => voteMethodLabels[v]();
export const voteStatusLabel = (s: VoteStatus): string => voteStatusLabels[s]();
export const outcomeLabel = (o: VoteOutcome): string => outcomeLabels[o]();
export const electorateLabel = (e: Electorate): string => electorateLabels[e]();
export const rulePresetLabel = (r: RulePreset): string => rulePresetLabels[r]();
export const thresholdLabel = (t: Threshold): string => thresholdLabels[t]();
export const boardItemKindLabel = (k: BoardItemKind): string => boardItemKindLabels[k]();
export const committeeKindLabel = (k: CommitteeKind): string => committeeKindLabels[k]();
export const resolutionStatusLabel = (s: ResolutionStatus): string => resolutionStatusLabels[s]();

/** A badge's look for a topic's status: settled ones quiet, a declined or rejected one marked. */
export function topicStatusTone(s: TopicStatus): 'quiet' | 'good' | 'bad' | '' {
  if (s === 'PASSED') return 'good';
  if (s === 'DECLINED' || s === 'REJECTED') return 'bad';
  if (s === 'PROPOSED') return 'quiet';
  return '';
}

export function outcomeTone(o: VoteOutcome): 'good' | 'bad' {
  return o === 'PASSED' ? 'good' : 'bad';
}
