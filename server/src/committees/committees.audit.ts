import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditActionsOf } from '../audit/audit.vocabulary.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Committee } from './committee.entity.js';

/** What the audit log records of committees, as stored; COMMITTEE_CREATE, … in GraphQL. */
export const CommitteeAuditAction = {
  CREATE: 'committee.create',
  MEMBER_ADD: 'committee.member_add',
  MEMBER_REMOVE: 'committee.member_remove',
} as const;
export type CommitteeAuditAction = (typeof CommitteeAuditAction)[keyof typeof CommitteeAuditAction];
export const CommitteeAuditTarget = { COMMITTEE: 'Committee' } as const;

/** Committees are public: entries read by the committee's name. */
export const COMMITTEE_AUDIT_READING: Record<string, AuditTargetReading> = {
  [CommitteeAuditTarget.COMMITTEE]: {
    async labels(em, entries) {
      const committees = await em.find(Committee, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(committees.map((row) => [String(row.id), row.name])));
    },
    fields: {
      name: { label: 'committeeAudit.name' },
      kind: { label: 'committeeAudit.kind', value: { words: 'committeeKind.' } },
      areaId: { label: 'roleAudit.area', value: 'area' },
      termStart: { label: 'committeeAudit.termStart' },
      termEnd: { label: 'committeeAudit.termEnd' },
      userId: { label: 'roleAudit.person', value: 'person' },
      seat: { label: 'committeeAudit.seat', value: { words: 'seat.' } },
      title: { label: 'committeeAudit.title' },
    },
  },
};

type CommitteeAuditTargets = typeof CommitteeAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'COMMITTEE', typeof CommitteeAuditAction> {}
  interface AuditTargets extends CommitteeAuditTargets {}
}
