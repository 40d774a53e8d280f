import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of service records; RECORD_VERIFY, … in GraphQL. */
export const RecordAuditAction = {
  VERIFY: 'record.verify',
  VERIFY_SHIFT: 'record.verifyShift',
  REQUEST_CORRECTION: 'record.requestCorrection',
  ANSWER_CORRECTION: 'record.answerCorrection',
  WITHHOLD_STAR: 'record.withholdStar',
  /** The staff-only hours export: it carries full ID numbers and phones. */
  EXPORT_HOURS: 'record.exportHours',
} as const;
export type RecordAuditAction = (typeof RecordAuditAction)[keyof typeof RecordAuditAction];
export const RecordAuditTarget = {
  SERVICE_RECORD: 'ServiceRecord',
  SHIFT_RECORDS: 'ShiftRecords',
  CORRECTION_REQUEST: 'CorrectionRequest',
  STAR_AWARD: 'StarAward',
  HOURS_EXPORT: 'HoursExport',
} as const;

type RecordAuditTargets = typeof RecordAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'RECORD', typeof RecordAuditAction> {}
  interface AuditTargets extends RecordAuditTargets {}
}
