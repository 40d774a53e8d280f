import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditTargetReading } from '../platform/module.js';
import { VolunteerProfile } from './volunteer.entity.js';
import { VolunteerAuditTarget } from './volunteers.audit.js';

/** How the audit log reads entries about volunteers: by number (its readers are staff over the community). */
export const VOLUNTEER_AUDIT_READING: Record<string, AuditTargetReading> = {
  [VolunteerAuditTarget.VOLUNTEER_PROFILE]: {
    async labels(em, entries) {
      const rows = await em.find(VolunteerProfile, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(rows.map((row) => [String(row.id), row.number])));
    },
    fields: {
      number: { label: 'volunteerAudit.number' },
      status: { label: 'volunteerAudit.status' },
      skills: { label: 'volunteerAudit.skills' },
      guardianName: { label: 'volunteerAudit.guardianName' },
      note: { label: 'volunteerAudit.note' },
    },
  },
};
