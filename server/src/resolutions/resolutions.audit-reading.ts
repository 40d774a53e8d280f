import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Resolution } from './resolution.entity.js';
import { ResolutionAuditTarget } from './resolutions.audit.js';

/** How the audit log reads entries about resolutions: public, so by title. */
export const RESOLUTION_AUDIT_READING: Record<string, AuditTargetReading> = {
  [ResolutionAuditTarget.RESOLUTION]: {
    async labels(em, entries) {
      const rows = await em.find(Resolution, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(rows.map((r) => [String(r.id), r.title])));
    },
    fields: {
      title: { label: 'resolutionAudit.title' },
      ownerUserId: { label: 'resolutionAudit.ownerUser', value: 'person' },
      dueAt: { label: 'resolutionAudit.dueAt' },
      percent: { label: 'resolutionAudit.percent' },
      note: { label: 'resolutionAudit.note' },
    },
  },
};
