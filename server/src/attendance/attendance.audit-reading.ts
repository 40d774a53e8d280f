import { ShiftSignup } from '../activities/activity.entity.js';
import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditTargetReading } from '../platform/module.js';
import { AttendanceAuditTarget } from './attendance.audit.js';

/** How the audit log reads attendance entries: by the activity's title (activities are public). */
export const ATTENDANCE_AUDIT_READING: Record<string, AuditTargetReading> = {
  [AttendanceAuditTarget.SHIFT_ATTENDANCE]: {
    async labels(em, entries) {
      const signups = await em.find(ShiftSignup, { id: { $in: targetRowIds(entries) } }, { populate: ['activity'] });
      return labelsByTargetId(
        entries,
        new Map(signups.map((signup) => [String(signup.id), signup.activity.getEntity().title])),
      );
    },
    fields: {
      volunteer: { label: 'attendanceAudit.volunteer', value: 'person' },
      at: { label: 'attendanceAudit.at' },
      checkedInAt: { label: 'attendanceAudit.checkedInAt' },
      checkedOutAt: { label: 'attendanceAudit.checkedOutAt' },
      minutes: { label: 'attendanceAudit.minutes' },
    },
  },
};
