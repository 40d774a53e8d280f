import { registerEnumType } from 'type-graphql';

/**
 * What a notification is about. Each feature that notifies adds its kinds here (the GraphQL
 * enum is one list) and their words to notifications.messages.ts; nothing else here knows it.
 */
export enum NotificationKind {
  /** Workers over the need's area: a new need. */
  NEED_RAISED = 'NEED_RAISED',
  /** The resident (raiser and onBehalfOf, not the actor): 受理. */
  NEED_ACCEPTED = 'NEED_ACCEPTED',
  /** The resident: 派单. */
  NEED_ASSIGNED = 'NEED_ASSIGNED',
  NEED_ASSIGNED_TO_YOU = 'NEED_ASSIGNED_TO_YOU',
  /** The resident: 办好了, please rate. */
  NEED_RESOLVED = 'NEED_RESOLVED',
  /** The assignee and the workers over the responsible area. */
  NEED_REOPENED = 'NEED_REOPENED',
  /** The resident, with the reason. */
  NEED_REJECTED = 'NEED_REJECTED',
  NEED_AUTO_CLOSED = 'NEED_AUTO_CLOSED',
  /** Workers over the responsible area and the assignee: under 2 hours left. */
  NEED_DUE_SOON = 'NEED_DUE_SOON',
  NEED_OVERDUE = 'NEED_OVERDUE',
  /** Workers over the new responsible area. */
  NEED_ESCALATED_TO_YOU = 'NEED_ESCALATED_TO_YOU',
  /** Staff over the community: a unit or party member reported in (报到). */
  REPORT_IN_RECEIVED = 'REPORT_IN_RECEIVED',
  /** The person who reported in, or the unit's representatives. */
  REPORT_IN_ACCEPTED = 'REPORT_IN_ACCEPTED',
  /** The same, with the reason. */
  REPORT_IN_DECLINED = 'REPORT_IN_DECLINED',
  /** The person: now a representative of a unit. */
  UNIT_REPRESENTATIVE_ADDED = 'UNIT_REPRESENTATIVE_ADDED',
  /** The unit's representatives, or the person offering: staff ask for a pledge. */
  PLEDGE_REQUESTED = 'PLEDGE_REQUESTED',
  /** The need's resident and the staff over the need's or project's area: someone pledged. */
  PLEDGE_MADE = 'PLEDGE_MADE',
  /** The pledger and the unit's representatives: staff confirmed the outcome. */
  PLEDGE_SETTLED = 'PLEDGE_SETTLED',
  /** The staff over the area: the pledger withdrew (with the reason). */
  PLEDGE_WITHDRAWN = 'PLEDGE_WITHDRAWN',
  /** The pledger, the unit's representatives and the staff over the area: past its date, not confirmed. */
  PLEDGE_OVERDUE = 'PLEDGE_OVERDUE',
  /** The person: now a member of a committee (COMMITTEE_MEMBER for its term). */
  COMMITTEE_MEMBER_ADDED = 'COMMITTEE_MEMBER_ADDED',
  /** Staff over the community: a resident proposed a topic. */
  TOPIC_PROPOSED = 'TOPIC_PROPOSED',
  /** The proposer and the supporters: the topic entered the agenda. */
  TOPIC_ADMITTED = 'TOPIC_ADMITTED',
  /** The proposer: staff declined the topic, with the reason. */
  TOPIC_DECLINED = 'TOPIC_DECLINED',
  /** The invited participants. */
  MEETING_SCHEDULED = 'MEETING_SCHEDULED',
  /** The electorate, when it is small (participants, a committee, households); larger ones see it on their home page. */
  VOTE_OPENED = 'VOTE_OPENED',
  /** The topic’s proposer and supporters: the result is published for objections. */
  RESULT_PUBLISHED = 'RESULT_PUBLISHED',
  /** Staff over the vote’s area: an objection to a published result waits for an answer. */
  OBJECTION_LODGED = 'OBJECTION_LODGED',
  /** The objector, with the answer. */
  OBJECTION_ANSWERED = 'OBJECTION_ANSWERED',
  /** The owner (the person, or the unit’s representatives). */
  RESOLUTION_ASSIGNED = 'RESOLUTION_ASSIGNED',
  /** The owner and staff over the area: past its due date, not done. */
  RESOLUTION_OVERDUE = 'RESOLUTION_OVERDUE',
  /** Staff managing volunteers over the community: a volunteer under 14 waits for a guardian's consent. */
  VOLUNTEER_CONSENT_NEEDED = 'VOLUNTEER_CONSENT_NEEDED',
  /** The team's leaders: someone asks to join. */
  TEAM_JOIN_REQUESTED = 'TEAM_JOIN_REQUESTED',
  /** The person: a leader approved them. */
  TEAM_MEMBER_APPROVED = 'TEAM_MEMBER_APPROVED',
  /** The person: a leader declined them. */
  TEAM_MEMBER_DECLINED = 'TEAM_MEMBER_DECLINED',
  /** The volunteer: a place freed up and is held for them until they confirm. */
  SHIFT_PROMOTED = 'SHIFT_PROMOTED',
  /** The volunteer: a promoted place was not confirmed in time and went to the next in line. */
  PROMOTION_EXPIRED = 'PROMOTION_EXPIRED',
  /** Everyone signed up or waiting: the organiser cancelled the activity. */
  ACTIVITY_CANCELLED = 'ACTIVITY_CANCELLED',
  /** The volunteer: the organiser verified (or corrected) their hours. */
  HOURS_VERIFIED = 'HOURS_VERIFIED',
  /** The activity's organisers: a volunteer asks for a record to be corrected. */
  CORRECTION_REQUESTED = 'CORRECTION_REQUESTED',
  /** The volunteer: the correction was accepted, with the answer. */
  CORRECTION_ACCEPTED = 'CORRECTION_ACCEPTED',
  /** The volunteer: the correction was rejected, with the answer. */
  CORRECTION_REJECTED = 'CORRECTION_REJECTED',
  /** The organisers and staff over the area: a correction is past its answer deadline. */
  CORRECTION_OVERDUE = 'CORRECTION_OVERDUE',
  /** The volunteer: a star reached, on the board for its notice period. */
  STAR_PUBLICIZED = 'STAR_PUBLICIZED',
  /** The volunteer: the notice period ended, the star is awarded. */
  STAR_AWARDED = 'STAR_AWARDED',
  /** The holder: a certificate was revoked, with the reason. */
  CERTIFICATE_REVOKED = 'CERTIFICATE_REVOKED',
}

registerEnumType(NotificationKind, { name: 'NotificationKind' });

/** Who a kind goes to: anyone (about what they asked for), or people holding a role (about their work). */
type Audience = 'everyone' | 'workers';

const AUDIENCE: Record<NotificationKind, Audience> = {
  NEED_RAISED: 'workers',
  NEED_ACCEPTED: 'everyone',
  NEED_ASSIGNED: 'everyone',
  NEED_ASSIGNED_TO_YOU: 'workers',
  NEED_RESOLVED: 'everyone',
  NEED_REOPENED: 'workers',
  NEED_REJECTED: 'everyone',
  NEED_AUTO_CLOSED: 'everyone',
  NEED_DUE_SOON: 'workers',
  NEED_OVERDUE: 'workers',
  NEED_ESCALATED_TO_YOU: 'workers',
  REPORT_IN_RECEIVED: 'workers',
  REPORT_IN_ACCEPTED: 'everyone',
  REPORT_IN_DECLINED: 'everyone',
  UNIT_REPRESENTATIVE_ADDED: 'everyone',
  PLEDGE_REQUESTED: 'everyone',
  PLEDGE_MADE: 'everyone',
  PLEDGE_SETTLED: 'everyone',
  PLEDGE_WITHDRAWN: 'workers',
  PLEDGE_OVERDUE: 'everyone',
  COMMITTEE_MEMBER_ADDED: 'everyone',
  TOPIC_PROPOSED: 'workers',
  TOPIC_ADMITTED: 'everyone',
  TOPIC_DECLINED: 'everyone',
  MEETING_SCHEDULED: 'everyone',
  VOTE_OPENED: 'everyone',
  RESULT_PUBLISHED: 'everyone',
  OBJECTION_LODGED: 'workers',
  OBJECTION_ANSWERED: 'everyone',
  RESOLUTION_ASSIGNED: 'everyone',
  RESOLUTION_OVERDUE: 'everyone',
  VOLUNTEER_CONSENT_NEEDED: 'workers',
  TEAM_JOIN_REQUESTED: 'everyone',
  TEAM_MEMBER_APPROVED: 'everyone',
  TEAM_MEMBER_DECLINED: 'everyone',
  SHIFT_PROMOTED: 'everyone',
  PROMOTION_EXPIRED: 'everyone',
  ACTIVITY_CANCELLED: 'everyone',
  HOURS_VERIFIED: 'everyone',
  CORRECTION_REQUESTED: 'everyone',
  CORRECTION_ACCEPTED: 'everyone',
  CORRECTION_REJECTED: 'everyone',
  CORRECTION_OVERDUE: 'everyone',
  STAR_PUBLICIZED: 'everyone',
  STAR_AWARDED: 'everyone',
  CERTIFICATE_REVOKED: 'everyone',
};

/**
 * By SMS unless the person chooses otherwise: what a resident waits for (办好了 — please
 * rate; 不予受理 and why) and what a worker must act on (派给你; 已超时). The rest stay in
 * the app, so a phone does not buzz at every step.
 */
export const DEFAULT_SMS_KINDS: readonly NotificationKind[] = [
  NotificationKind.NEED_RESOLVED,
  NotificationKind.NEED_REJECTED,
  NotificationKind.NEED_ASSIGNED_TO_YOU,
  NotificationKind.NEED_OVERDUE,
  NotificationKind.PLEDGE_REQUESTED,
  NotificationKind.MEETING_SCHEDULED,
  NotificationKind.VOTE_OPENED,
  NotificationKind.SHIFT_PROMOTED,
];

const ALL_KINDS = Object.values(NotificationKind);

/** The kinds a person may have by SMS: everyone's, plus the workers' for people holding a role beyond resident. */
export function smsAvailableKinds(holdsRole: boolean): NotificationKind[] {
  return ALL_KINDS.filter((kind) => holdsRole || AUDIENCE[kind] === 'everyone');
}
