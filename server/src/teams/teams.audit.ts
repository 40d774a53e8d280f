import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of teams, as stored; TEAM_CREATE, … in GraphQL. */
export const TeamAuditAction = {
  CREATE: 'team.create',
  APPROVE_MEMBER: 'team.approveMember',
  DECLINE_MEMBER: 'team.declineMember',
  SET_ROLE: 'team.setRole',
  LEAVE: 'team.leave',
} as const;
export type TeamAuditAction = (typeof TeamAuditAction)[keyof typeof TeamAuditAction];
export const TeamAuditTarget = {
  TEAM: 'Team',
} as const;

type TeamAuditTargets = typeof TeamAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'TEAM', typeof TeamAuditAction> {}
  interface AuditTargets extends TeamAuditTargets {}
}
