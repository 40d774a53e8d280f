import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { graphql } from '#lib/graphql/graphql';

// Labels of the deliberation enums the staff pages show, from the schema as in labels.ts: a value
// the server adds makes a Record below miss its label and fails `npm run check:web`.
type SchemaEnum<Name extends Parameters<typeof graphql.scalar>[0]> = ReturnType<typeof graphql.scalar<Name>>;
export type CommitteeKind = SchemaEnum<'CommitteeKind'>;
export type Seat = SchemaEnum<'Seat'>;
export type MeetingKind = SchemaEnum<'MeetingKind'>;
export type ParticipantRole = SchemaEnum<'ParticipantRole'>;
export type CheckInMethod = SchemaEnum<'CheckInMethod'>;
export type VoteMethod = SchemaEnum<'VoteMethod'>;
export type Electorate = SchemaEnum<'Electorate'>;
export type RulePreset = SchemaEnum<'RulePreset'>;
export type Threshold = SchemaEnum<'Threshold'>;
export type VoteStatus = SchemaEnum<'VoteStatus'>;
export type VoteOutcome = SchemaEnum<'VoteOutcome'>;
export type ResolutionStatus = SchemaEnum<'ResolutionStatus'>;
export type TopicStatus = SchemaEnum<'TopicStatus'>;

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

const committeeKindLabels: Record<CommitteeKind, () => string> = {
  STREET_WORKING_COMMITTEE: m.cs_committee_kind_street_working_committee,
  COMMUNITY_PARTY_COMMITTEE: m.cs_committee_kind_community_party_committee,
  JOINT_MEETING: m.cs_committee_kind_joint_meeting,
};
const seatLabels: Record<Seat, () => string> = {
  STANDING: m.cs_seat_standing,
  PART_TIME: m.cs_seat_part_time,
};
const meetingKindLabels: Record<MeetingKind, () => string> = {
  RESIDENT_COUNCIL: m.cs_meeting_kind_resident_council,
  GRASSROOTS_PARLIAMENT: m.cs_meeting_kind_grassroots_parliament,
  COMMITTEE: m.cs_meeting_kind_committee,
  JOINT_MEETING: m.cs_meeting_kind_joint_meeting,
  HEARING: m.cs_meeting_kind_hearing,
};
const participantRoleLabels: Record<ParticipantRole, () => string> = {
  RESIDENT: m.cs_participant_role_resident,
  HOUSEHOLD_REPRESENTATIVE: m.cs_participant_role_household_representative,
  UNIT_CONTACT: m.cs_participant_role_unit_contact,
  COMMITTEE_MEMBER: m.cs_participant_role_committee_member,
};
const checkInMethodLabels: Record<CheckInMethod, () => string> = {
  CODE: m.cs_check_in_method_code,
  STAFF: m.cs_check_in_method_staff,
};
const voteMethodLabels: Record<VoteMethod, () => string> = {
  YES_NO_ABSTAIN: m.cs_vote_method_yes_no_abstain,
  SINGLE_CHOICE: m.cs_vote_method_single_choice,
  MULTIPLE_CHOICE: m.cs_vote_method_multiple_choice,
};
const electorateLabels: Record<Electorate, () => string> = {
  PARTICIPANTS: m.cs_electorate_participants,
  COMMITTEE: m.cs_electorate_committee,
  RESIDENTS: m.cs_electorate_residents,
  HOUSEHOLDS: m.cs_electorate_households,
  OWNERS: m.cs_electorate_owners,
};
const rulePresetLabels: Record<RulePreset, () => string> = {
  CUSTOM: m.cs_rule_preset_custom,
  RESIDENTS_MEETING: m.cs_rule_preset_residents_meeting,
  VILLAGERS_MEETING: m.cs_rule_preset_villagers_meeting,
  VILLAGER_REPRESENTATIVES: m.cs_rule_preset_villager_representatives,
  OWNERS_ORDINARY: m.cs_rule_preset_owners_ordinary,
  OWNERS_MAJOR: m.cs_rule_preset_owners_major,
};
const thresholdLabels: Record<Threshold, () => string> = {
  SIMPLE_MAJORITY: m.cs_threshold_simple_majority,
  TWO_THIRDS: m.cs_threshold_two_thirds,
};
const voteStatusLabels: Record<VoteStatus, () => string> = {
  OPEN: m.cs_vote_status_open,
  CLOSED: m.cs_vote_status_closed,
};
const voteOutcomeLabels: Record<VoteOutcome, () => string> = {
  PASSED: m.cs_vote_outcome_passed,
  FAILED: m.cs_vote_outcome_failed,
  NO_QUORUM: m.cs_vote_outcome_no_quorum,
};
const resolutionStatusLabels: Record<ResolutionStatus, () => string> = {
  IN_PROGRESS: m.cs_resolution_status_in_progress,
  DONE: m.cs_resolution_status_done,
};
const topicStatusLabels: Record<TopicStatus, () => string> = {
  PROPOSED: m.cs_topic_status_proposed,
  ADMITTED: m.cs_topic_status_admitted,
  SCHEDULED: m.cs_topic_status_scheduled,
  PASSED: m.cs_topic_status_passed,
  REJECTED: m.cs_topic_status_rejected,
  DECLINED: m.cs_topic_status_declined,
};

export const COMMITTEE_KINDS = keysOf(committeeKindLabels);
export const SEATS = keysOf(seatLabels);
export const MEETING_KINDS = keysOf(meetingKindLabels);
export const PARTICIPANT_ROLES = keysOf(participantRoleLabels);
export const VOTE_METHODS = keysOf(voteMethodLabels);
export const ELECTORATES = keysOf(electorateLabels);
export const RULE_PRESETS = keysOf(rulePresetLabels);
export const THRESHOLDS = keysOf(thresholdLabels);
export const RESOLUTION_STATUSES = keysOf(resolutionStatusLabels);

export const committeeKindLabel = (v: CommitteeKind): string => committeeKindLabels[v]();
export const seatLabel = (v: Seat): string => seatLabels[v]();
export const meetingKindLabel = (v: MeetingKind): string => meetingKindLabels[v]();
export const participantRoleLabel = (v: ParticipantRole): string => participantRoleLabels[v]();
export const checkInMethodLabel = (v: CheckInMethod): string => checkInMethodLabels[v]();
export const voteMethodLabel = (v: VoteMethod): string => voteMethodLabels[v]();
export const electorateLabel = (v: Electorate): string => electorateLabels[v]();
export const rulePresetLabel = (v: RulePreset): string => rulePresetLabels[v]();
export const thresholdLabel = (v: Threshold): string => thresholdLabels[v]();
export const voteStatusLabel = (v: VoteStatus): string => voteStatusLabels[v]();
export const voteOutcomeLabel = (v: VoteOutcome): string => voteOutcomeLabels[v]();
export const resolutionStatusLabel = (v: ResolutionStatus): string => resolutionStatusLabels[v]();
export const topicStatusLabel = (v: TopicStatus): string => topicStatusLabels[v]();

/** A day, without the time ("2026年1月1日"), e.g. a committee's term. */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(d);
}

/** A `datetime-local` input's value for a moment, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` input's value as an ISO moment, or null when empty or unreadable. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
