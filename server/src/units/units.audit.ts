import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditActionsOf } from '../audit/audit.vocabulary.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Unit } from './unit.entity.js';

/** What the audit log records of units, as stored; UNIT_CREATE, …, UNIT_REPORT_IN_DECLINE in GraphQL. */
export const UnitAuditAction = {
  CREATE: 'unit.create',
  REPRESENTATIVE_ADD: 'unit.representative_add',
  REPRESENTATIVE_REMOVE: 'unit.representative_remove',
  REPORT_IN_ACCEPT: 'reportIn.accept',
  REPORT_IN_DECLINE: 'reportIn.decline',
} as const;
export type UnitAuditAction = (typeof UnitAuditAction)[keyof typeof UnitAuditAction];
export const UnitAuditTarget = { UNIT: 'Unit', REPORT_IN: 'ReportIn' } as const;

/** Units are public: entries read by the unit's name (a report-in's entry names its unit or person in `after`). */
export const UNIT_AUDIT_READING: Record<string, AuditTargetReading> = {
  [UnitAuditTarget.UNIT]: {
    async labels(em, entries) {
      const units = await em.find(Unit, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(units.map((unit) => [String(unit.id), unit.name])));
    },
    fields: {
      userId: { label: 'roleAudit.person', value: 'person' },
    },
  },
  [UnitAuditTarget.REPORT_IN]: {
    async labels(_em, entries) {
      return entries.map((entry) => {
        const who = (entry.after ?? entry.before)?.who;
        return typeof who === 'string' ? who : null;
      });
    },
    fields: {
      status: { label: 'unitAudit.status', value: { words: 'reportInStatus.' } },
      reason: { label: 'unitAudit.reason' },
    },
  },
};

type UnitAuditTargets = typeof UnitAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'UNIT', typeof UnitAuditAction> {}
  interface AuditTargets extends UnitAuditTargets {}
}
