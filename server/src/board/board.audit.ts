import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of the board, as stored; OBJECTION_ANSWER in GraphQL. */
export const ObjectionAuditAction = {
  ANSWER: 'objection.answer',
} as const;
export type ObjectionAuditAction = (typeof ObjectionAuditAction)[keyof typeof ObjectionAuditAction];
export const ObjectionAuditTarget = {
  OBJECTION: 'Objection',
} as const;

type ObjectionAuditTargets = typeof ObjectionAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'OBJECTION', typeof ObjectionAuditAction> {}
  interface AuditTargets extends ObjectionAuditTargets {}
}
