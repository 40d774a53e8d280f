// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once.

/** Check-in opens this long before a shift starts (the same as the margin that still counts). */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 30;
/** Check-ins per person, activity and China day: leaving and coming back, not a stream of taps. */
export const ATTENDANCE_CHECK_INS_PER_DAY = 3;
/** 补录 from a paper sign-in sheet: a shift that ended at most this many days ago. */
export const PAPER_RECORD_DAYS_MAX = 30;

/**
 * A volunteer's own check-in or check-out by code: a wrong code counts as well, so six digits
 * (two valid at a time) cannot be guessed before they change. Organisers and checkers are not
 * limited (they check in a whole queue).
 */
export const ATTENDANCE_CODE_RATE_LIMIT = {
  name: 'attendance.code',
  per: 'person',
  limit: 10,
  windowSeconds: 300,
} as const;
