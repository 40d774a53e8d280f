import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of volunteers, as stored; VOLUNTEER_BECOME, … in GraphQL. */
export const VolunteerAuditAction = {
  BECOME: 'volunteer.become',
  UPDATE: 'volunteer.update',
  RECORD_CONSENT: 'volunteer.recordConsent',
  ADD_NOTE: 'volunteer.addNote',
} as const;
export type VolunteerAuditAction = (typeof VolunteerAuditAction)[keyof typeof VolunteerAuditAction];
export const VolunteerAuditTarget = {
  VOLUNTEER_PROFILE: 'VolunteerProfile',
} as const;

type VolunteerAuditTargets = typeof VolunteerAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'VOLUNTEER', typeof VolunteerAuditAction> {}
  interface AuditTargets extends VolunteerAuditTargets {}
}
