import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of roles, as stored; ROLE_ASSIGN and ROLE_REVOKE in GraphQL. */
export const RoleAuditAction = { ASSIGN: 'role.assign', REVOKE: 'role.revoke' } as const;
export const RoleAuditTarget = { ROLE_ASSIGNMENT: 'RoleAssignment' } as const;
/** What it records of accounts: a password set anew with an SMS code (忘记密码); ACCOUNT_PASSWORD_RESET in GraphQL. */
export const AccountAuditAction = { PASSWORD_RESET: 'account.password_reset' } as const;
export const AccountAuditTarget = { USER: 'User' } as const;

type RoleAuditTargets = typeof RoleAuditTarget;
type AccountAuditTargets = typeof AccountAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions
    extends AuditActionsOf<'ROLE', typeof RoleAuditAction>, AuditActionsOf<'ACCOUNT', typeof AccountAuditAction> {}
  interface AuditTargets extends RoleAuditTargets, AccountAuditTargets {}
}
