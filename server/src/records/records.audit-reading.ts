import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditFieldReading, AuditTargetReading } from '../platform/module.js';
import { RecordAuditTarget } from './records.audit.js';

const FIELDS: Record<string, AuditFieldReading> = {
  minutes: { label: 'recordAudit.minutes' },
  previousMinutes: { label: 'recordAudit.previousMinutes' },
  reason: { label: 'recordAudit.reason' },
  answer: { label: 'recordAudit.answer' },
  status: { label: 'recordAudit.status' },
  count: { label: 'recordAudit.count' },
};

/** Activity titles of the targets, by sign-up, shift or correction id: one query per kind of target. */
const titlesBy = (sql: string): AuditTargetReading['labels'] =>
  async function labels(em, entries) {
    const rows = await em.execute<{ id: number; title: string }[]>(sql, [`{${targetRowIds(entries).join(',')}}`]);
    return labelsByTargetId(entries, new Map(rows.map((row) => [String(row.id), row.title])));
  };

/**
 * How the audit log reads records entries: by the activity's title (activities are public; the
 * log itself is for staff over the area). Stars and exports read by their fields only.
 */
export const RECORD_AUDIT_READING: Record<string, AuditTargetReading> = {
  [RecordAuditTarget.SERVICE_RECORD]: {
    labels: titlesBy(
      'select s.id, a.title from shift_signup s join activity a on a.id = s.activity_id where s.id = any(?::int[])',
    ),
    fields: FIELDS,
  },
  [RecordAuditTarget.SHIFT_RECORDS]: {
    labels: titlesBy(
      'select sh.id, a.title from shift sh join activity a on a.id = sh.activity_id where sh.id = any(?::int[])',
    ),
    fields: FIELDS,
  },
  [RecordAuditTarget.CORRECTION_REQUEST]: {
    labels: titlesBy(
      `select c.id, a.title from correction_request c join shift_signup s on s.id = c.signup_id
       join activity a on a.id = s.activity_id where c.id = any(?::int[])`,
    ),
    fields: FIELDS,
  },
  [RecordAuditTarget.STAR_AWARD]: { fields: FIELDS },
};
