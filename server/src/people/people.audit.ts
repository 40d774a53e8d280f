import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of roles, as stored; ROLE_ASSIGN and ROLE_REVOKE in GraphQL. */
export const RoleAuditAction = { ASSIGN: 'role.assign', REVOKE: 'role.revoke' } as const;
export const RoleAuditTarget = { ROLE_ASSIGNMENT: 'RoleAssignment' } as const;

type RoleAuditTargets = typeof RoleAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'ROLE', typeof RoleAuditAction> {}
  interface AuditTargets extends RoleAuditTargets {}
}
