import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/**
 * What the audit log records of votes, as stored; VOTE_OPEN, VOTE_CLOSE, VOTE_PAPER_BALLOT in
 * GraphQL. A paper ballot's entry names the person entered as having voted, never the choice.
 */
export const VoteAuditAction = {
  OPEN: 'vote.open',
  CLOSE: 'vote.close',
  PAPER_BALLOT: 'vote.paperBallot',
} as const;
export const VoteAuditTarget = { VOTE: 'Vote' } as const;

type VoteAuditTargets = typeof VoteAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'VOTE', typeof VoteAuditAction> {}
  interface AuditTargets extends VoteAuditTargets {}
}
