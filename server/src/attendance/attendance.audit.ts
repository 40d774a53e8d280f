import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/**
 * What the audit log records of attendance, as stored; ATTENDANCE_CHECK_IN, … in GraphQL. A
 * volunteer's own check-in by code is theirs, not a change by staff, and is not audited; what
 * an organiser or checker records for someone else is.
 */
export const AttendanceAuditAction = {
  CHECK_IN: 'attendance.checkIn',
  CHECK_OUT: 'attendance.checkOut',
  /** A forgotten check-out closed afterwards with the time the person left. */
  CLOSE_CHECK_OUT: 'attendance.closeCheckOut',
  /** 补录 from a paper sign-in sheet. */
  RECORD_PAPER: 'attendance.recordPaper',
} as const;
export type AttendanceAuditAction = (typeof AttendanceAuditAction)[keyof typeof AttendanceAuditAction];
/** The target is the sign-up (its id); the entries read as the activity's title. */
export const AttendanceAuditTarget = {
  SHIFT_ATTENDANCE: 'ShiftAttendance',
} as const;

type AttendanceAuditTargets = typeof AttendanceAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'ATTENDANCE', typeof AttendanceAuditAction> {}
  interface AuditTargets extends AttendanceAuditTargets {}
}
