import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditTargetReading } from '../platform/module.js';
import { ObjectionAuditTarget } from './board.audit.js';
import { Objection } from './objection.entity.js';

/** How the audit log reads answers to objections: by the vote objected to (public), never by the objector. */
export const OBJECTION_AUDIT_READING: Record<string, AuditTargetReading> = {
  [ObjectionAuditTarget.OBJECTION]: {
    async labels(em, entries) {
      const rows = await em.find(Objection, { id: { $in: targetRowIds(entries) } }, { populate: ['vote'] });
      return labelsByTargetId(entries, new Map(rows.map((o) => [String(o.id), o.vote.getEntity().title])));
    },
    fields: { answer: { label: 'objectionAudit.answer' } },
  },
};
