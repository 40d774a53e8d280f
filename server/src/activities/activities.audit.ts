import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of activities (the organisers' steps), as stored; ACTIVITY_CREATE, … in GraphQL. */
export const ActivityAuditAction = {
  CREATE: 'activity.create',
  UPDATE: 'activity.update',
  CANCEL: 'activity.cancel',
  ADD_SHIFT: 'activity.addShift',
  SET_CAPACITY: 'activity.setShiftCapacity',
} as const;
export type ActivityAuditAction = (typeof ActivityAuditAction)[keyof typeof ActivityAuditAction];
export const ActivityAuditTarget = { ACTIVITY: 'Activity' } as const;

type ActivityAuditTargets = typeof ActivityAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'ACTIVITY', typeof ActivityAuditAction> {}
  interface AuditTargets extends ActivityAuditTargets {}
}
