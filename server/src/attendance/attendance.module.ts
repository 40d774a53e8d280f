import type { Feature } from '../media/media.module.js';
import { CheckInCodeUse, ShiftCheckIn } from './attendance.entity.js';
import { ATTENDANCE_AUDIT_READING } from './attendance.audit-reading.js';
import { AttendanceAuditAction, AttendanceAuditTarget } from './attendance.audit.js';
import { AttendanceResolver, SignupAttendanceResolver } from './attendance.resolver.js';

/** Check-in and check-out at shifts: by rotating code or by the organiser, and 补录 from paper sheets. */
export const attendanceModule: Feature = {
  entities: [ShiftCheckIn, CheckInCodeUse],
  resolvers: [AttendanceResolver, SignupAttendanceResolver],
  auditVocabulary: {
    prefix: 'ATTENDANCE',
    actions: AttendanceAuditAction,
    targets: AttendanceAuditTarget,
    reading: ATTENDANCE_AUDIT_READING,
  },
};
