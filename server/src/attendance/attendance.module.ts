import type { Feature } from '../media/media.module.js';
import { CheckInCodeUse, ShiftCheckIn } from './attendance.entity.js';

/** Check-in and check-out at shifts: by rotating code or by the organiser, and 补录 from paper sheets. */
export const attendanceModule: Feature = {
  entities: [ShiftCheckIn, CheckInCodeUse],
};
