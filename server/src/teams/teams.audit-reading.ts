import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Team } from './team.entity.js';
import { TeamAuditTarget } from './teams.audit.js';

/** How the audit log reads entries about teams: public, so by name. */
export const TEAM_AUDIT_READING: Record<string, AuditTargetReading> = {
  [TeamAuditTarget.TEAM]: {
    async labels(em, entries) {
      const rows = await em.find(Team, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(rows.map((row) => [String(row.id), row.name])));
    },
    fields: {
      name: { label: 'teamAudit.name' },
      memberId: { label: 'teamAudit.member', value: 'person' },
      role: { label: 'teamAudit.role' },
      status: { label: 'teamAudit.status' },
    },
  },
};
