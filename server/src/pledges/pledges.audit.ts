import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of pledges, as stored; PLEDGE_CONFIRM in GraphQL. */
export const PledgeAuditAction = { CONFIRM: 'pledge.confirm' } as const;
export const PledgeAuditTarget = { PLEDGE: 'Pledge' } as const;

type PledgeAuditTargets = typeof PledgeAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'PLEDGE', typeof PledgeAuditAction> {}
  interface AuditTargets extends PledgeAuditTargets {}
}
