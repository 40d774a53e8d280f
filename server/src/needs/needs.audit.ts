import type { AuditActionsOf } from '../audit/audit.vocabulary.js';
import { NeedAction } from './need.enums.js';

/** What the audit log records of needs, as stored; NEED_ACCEPT, …, NEED_DEADLINE_SET in GraphQL. */
export const NeedAuditAction = {
  ACCEPT: 'need.accept',
  ASSIGN: 'need.assign',
  START: 'need.start',
  RESOLVE: 'need.resolve',
  CONFIRM: 'need.confirm',
  REOPEN: 'need.reopen',
  REJECT: 'need.reject',
  ESCALATE: 'need.escalate',
  DEADLINE_SET: 'needDeadline.set',
} as const;
export type NeedAuditAction = (typeof NeedAuditAction)[keyof typeof NeedAuditAction];
export const NeedAuditTarget = { NEED: 'Need', NEED_DEADLINE_POLICY: 'NeedDeadline' } as const;

/** The audit action of each step of a need's life, when staff or grid workers take it; null: never audited. */
export const NEED_ACTION_AUDIT: Record<NeedAction, NeedAuditAction | null> = {
  [NeedAction.ACCEPT]: NeedAuditAction.ACCEPT,
  [NeedAction.ASSIGN]: NeedAuditAction.ASSIGN,
  [NeedAction.START]: NeedAuditAction.START,
  [NeedAction.RESOLVE]: NeedAuditAction.RESOLVE,
  // A worker confirms or reopens a need they raised for themselves.
  [NeedAction.CONFIRM]: NeedAuditAction.CONFIRM,
  [NeedAction.REOPEN]: NeedAuditAction.REOPEN,
  [NeedAction.REJECT]: NeedAuditAction.REJECT,
  [NeedAction.ESCALATE]: NeedAuditAction.ESCALATE,
  // Comments are on the need's timeline; supporting only adds to a count.
  [NeedAction.SUPPORT]: null,
  [NeedAction.COMMENT]: null,
  // 接单 is audited step by step: ACCEPT, ASSIGN and START.
  [NeedAction.TAKE]: null,
};

type NeedAuditTargets = typeof NeedAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'NEED', typeof NeedAuditAction> {}
  interface AuditTargets extends NeedAuditTargets {}
}
