import type { EntityManager } from '@mikro-orm/postgresql';
import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditActionsOf } from '../audit/audit.vocabulary.js';
import { toId } from '../platform/ids.js';
import type { AuditTargetReading, AuditedTarget } from '../platform/module.js';
import { User } from './user.entity.js';

/** What the audit log records of roles, as stored; ROLE_ASSIGN and ROLE_REVOKE in GraphQL. */
export const RoleAuditAction = { ASSIGN: 'role.assign', REVOKE: 'role.revoke' } as const;
export const RoleAuditTarget = { ROLE_ASSIGNMENT: 'RoleAssignment' } as const;
/** What it records of accounts: a password set anew with an SMS code (忘记密码); ACCOUNT_PASSWORD_RESET in GraphQL. */
export const AccountAuditAction = { PASSWORD_RESET: 'account.password_reset' } as const;
export const AccountAuditTarget = { USER: 'User' } as const;

/** The person a role entry is about, from its snapshot: the assignment itself may have been revoked. */
const holderOf = (entry: AuditedTarget) => toId((entry.after ?? entry.before)?.userId as number | undefined);

async function namesOf(em: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const people = wanted.length ? await em.find(User, { id: { $in: wanted } }) : [];
  return new Map(people.map((person) => [person.id, person.displayName]));
}

/** How the audit log reads entries about roles: by the holder's name, with the role, person and area in words. */
export const ROLE_AUDIT_READING: Record<string, AuditTargetReading> = {
  [RoleAuditTarget.ROLE_ASSIGNMENT]: {
    async labels(em, entries) {
      const names = await namesOf(em, entries.map(holderOf));
      return entries.map((entry) => names.get(holderOf(entry) ?? 0) ?? null);
    },
    fields: {
      role: { label: 'roleAudit.role', value: { words: 'role.' } },
      userId: { label: 'roleAudit.person', value: 'person' },
      areaId: { label: 'roleAudit.area', value: 'area' },
    },
  },
};

/** How the audit log reads entries about accounts: by the person's name. */
export const ACCOUNT_AUDIT_READING: Record<string, AuditTargetReading> = {
  [AccountAuditTarget.USER]: {
    async labels(em, entries) {
      const names = await namesOf(em, targetRowIds(entries));
      return labelsByTargetId(entries, new Map([...names].map(([id, name]) => [String(id), name])));
    },
  },
};

type RoleAuditTargets = typeof RoleAuditTarget;
type AccountAuditTargets = typeof AccountAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions
    extends AuditActionsOf<'ROLE', typeof RoleAuditAction>, AuditActionsOf<'ACCOUNT', typeof AccountAuditAction> {}
  interface AuditTargets extends RoleAuditTargets, AccountAuditTargets {}
}
