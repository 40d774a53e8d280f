import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditActionsOf } from '../audit/audit.vocabulary.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Household } from './household.entity.js';

/** What the audit log records of households, as stored; HOUSEHOLD_REGISTER, … in GraphQL. */
export const HouseholdAuditAction = {
  REGISTER: 'household.register',
  MEMBER_SET: 'household.member_set',
  MEMBER_REMOVE: 'household.member_remove',
  REPRESENTATIVE_SET: 'household.representative_set',
  FLOOR_AREA_SET: 'household.floor_area_set',
} as const;
export type HouseholdAuditAction = (typeof HouseholdAuditAction)[keyof typeof HouseholdAuditAction];
export const HouseholdAuditTarget = { HOUSEHOLD: 'Household' } as const;

/** Entries read by the flat's label; the log's readers are staff over the building, who see households anyway. */
export const HOUSEHOLD_AUDIT_READING: Record<string, AuditTargetReading> = {
  [HouseholdAuditTarget.HOUSEHOLD]: {
    async labels(em, entries) {
      const households = await em.find(Household, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(households.map((row) => [String(row.id), row.label])));
    },
    fields: {
      label: { label: 'householdAudit.label' },
      floorArea: { label: 'householdAudit.floorArea' },
      userId: { label: 'roleAudit.person', value: 'person' },
      isOwner: { label: 'householdAudit.isOwner', value: { words: 'householdAudit.yesNo.' } },
      adult: { label: 'householdAudit.adult', value: { words: 'householdAudit.yesNo.' } },
      representativeId: { label: 'householdAudit.representative', value: 'person' },
    },
  },
};

type HouseholdAuditTargets = typeof HouseholdAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'HOUSEHOLD', typeof HouseholdAuditAction> {}
  interface AuditTargets extends HouseholdAuditTargets {}
}
