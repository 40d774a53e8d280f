import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of areas, as stored; AREA_CREATE and AREA_RENAME in GraphQL. */
export const AreaAuditAction = { CREATE: 'area.create', RENAME: 'area.rename' } as const;
export const AreaAuditTarget = { AREA: 'Area' } as const;

type AreaAuditTargets = typeof AreaAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'AREA', typeof AreaAuditAction> {}
  interface AuditTargets extends AreaAuditTargets {}
}
