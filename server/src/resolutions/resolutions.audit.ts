import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of resolutions, as stored; RESOLUTION_RECORD, … in GraphQL. */
export const ResolutionAuditAction = {
  RECORD: 'resolution.record',
  UPDATE_PROGRESS: 'resolution.updateProgress',
  MAKE_PROJECT: 'resolution.makeProject',
} as const;
export type ResolutionAuditAction = (typeof ResolutionAuditAction)[keyof typeof ResolutionAuditAction];
export const ResolutionAuditTarget = {
  RESOLUTION: 'Resolution',
} as const;

type ResolutionAuditTargets = typeof ResolutionAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'RESOLUTION', typeof ResolutionAuditAction> {}
  interface AuditTargets extends ResolutionAuditTargets {}
}
