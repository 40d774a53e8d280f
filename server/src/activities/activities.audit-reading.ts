import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Activity } from './activity.entity.js';
import { ActivityAuditTarget } from './activities.audit.js';

/** How the audit log reads entries about activities: public, so by title. */
export const ACTIVITY_AUDIT_READING: Record<string, AuditTargetReading> = {
  [ActivityAuditTarget.ACTIVITY]: {
    async labels(em, entries) {
      const rows = await em.find(Activity, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(rows.map((row) => [String(row.id), row.title])));
    },
    fields: {
      title: { label: 'activityAudit.title' },
      description: { label: 'activityAudit.description' },
      place: { label: 'activityAudit.place' },
      skills: { label: 'activityAudit.skills' },
      startsAt: { label: 'activityAudit.startsAt' },
      endsAt: { label: 'activityAudit.endsAt' },
      capacity: { label: 'activityAudit.capacity' },
      shiftCount: { label: 'activityAudit.shiftCount' },
      retroactive: { label: 'activityAudit.retroactive' },
      reason: { label: 'activityAudit.reason' },
      cancelledSignups: { label: 'activityAudit.cancelledSignups' },
    },
  },
};
