import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of meetings, as stored; MEETING_SCHEDULE, … in GraphQL. */
export const MeetingAuditAction = {
  SCHEDULE: 'meeting.schedule',
  INVITE: 'meeting.invite',
  CANCEL: 'meeting.cancel',
  /** Staff checked someone in (paper sign-in); a person's own check-in is not a staff change. */
  CHECK_IN_OTHER: 'meeting.checkInOther',
  WRITE_MINUTES: 'meeting.writeMinutes',
  PUBLISH_MINUTES: 'meeting.publishMinutes',
} as const;
export type MeetingAuditAction = (typeof MeetingAuditAction)[keyof typeof MeetingAuditAction];
export const MeetingAuditTarget = {
  MEETING: 'Meeting',
} as const;

type MeetingAuditTargets = typeof MeetingAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'MEETING', typeof MeetingAuditAction> {}
  interface AuditTargets extends MeetingAuditTargets {}
}
