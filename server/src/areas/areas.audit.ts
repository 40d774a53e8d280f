import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditActionsOf } from '../audit/audit.vocabulary.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Area } from './area.entity.js';

/** What the audit log records of areas, as stored; AREA_CREATE and AREA_RENAME in GraphQL. */
export const AreaAuditAction = { CREATE: 'area.create', RENAME: 'area.rename' } as const;
export const AreaAuditTarget = { AREA: 'Area' } as const;

/** How the audit log reads entries about areas: by the area's name; its name and kind field by field. */
export const AREA_AUDIT_READING: Record<string, AuditTargetReading> = {
  [AreaAuditTarget.AREA]: {
    async labels(em, entries) {
      const areas = await em.find(Area, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(areas.map((area) => [String(area.id), area.name])));
    },
    fields: {
      name: { label: 'areaAudit.name' },
      // Area kinds are message keys of their own ('STREET', …).
      kind: { label: 'areaAudit.kind', value: { words: '' } },
    },
  },
};

type AreaAuditTargets = typeof AreaAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'AREA', typeof AreaAuditAction> {}
  interface AuditTargets extends AreaAuditTargets {}
}
