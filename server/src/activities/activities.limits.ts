// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once.

export const ACTIVITY_TITLE_MIN = 2;
export const ACTIVITY_TITLE_MAX = 100;
export const ACTIVITY_DESCRIPTION_MAX = 2000;
export const ACTIVITY_PLACE_MAX = 200;
/** Shifts one activity may have (at creation and after addShift). */
export const ACTIVITY_SHIFTS_MAX = 50;
/** Places of one shift. */
export const SHIFT_CAPACITY_MIN = 1;
export const SHIFT_CAPACITY_MAX = 500;
/** The longest shift (an overnight one fits). */
export const SHIFT_MAX_HOURS = 24;
/** How far ahead an activity may be published. */
export const ACTIVITY_AHEAD_MAX_DAYS = 366;
/** 补录: how far back an activity recorded after the fact may start. */
export const RETROACTIVE_MAX_DAYS = 30;
/** Photos one activity may carry. */
export const ACTIVITY_PHOTOS_MAX = 9;
export const ACTIVITY_CANCEL_REASON_MIN = 2;
export const ACTIVITY_CANCEL_REASON_MAX = 500;
export const ACTIVITY_SEARCH_MAX = 50;

/**
 * Write limits per person (platform/rate-limit.ts): far above a busy volunteer or organiser,
 * a wall for a script.
 */
export const ACTIVITY_CREATE_RATE_LIMIT = {
  name: 'activity.create',
  per: 'person',
  limit: 60,
  windowSeconds: 3600,
} as const;
export const SHIFT_SIGNUP_RATE_LIMIT = {
  name: 'shift.signup',
  per: 'person',
  limit: 120,
  windowSeconds: 3600,
} as const;
