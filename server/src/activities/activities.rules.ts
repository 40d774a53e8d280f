import { SignupStatus } from './activities.enums.js';

/**
 * How a sign-up moves. Every feature that changes a sign-up's status (sign-up and waiting
 * list, check-in, verification, corrections, the no-show job) asks this function; null: the
 * event does not apply in that status (INVALID_STATE).
 */
export type SignupEvent =
  'PROMOTE' | 'CANCEL' | 'CHECK_IN' | 'CHECK_OUT' | 'VERIFY' | 'MARK_NO_SHOW' | 'ACCEPT_CORRECTION';

const TRANSITIONS: Record<SignupEvent, Partial<Record<SignupStatus, SignupStatus>>> = {
  PROMOTE: { WAITLISTED: SignupStatus.SIGNED_UP },
  CANCEL: { SIGNED_UP: SignupStatus.CANCELLED, WAITLISTED: SignupStatus.CANCELLED },
  // Leaving and coming back: a CHECKED_OUT volunteer may check in again (up to the daily limit).
  CHECK_IN: {
    SIGNED_UP: SignupStatus.CHECKED_IN,
    CHECKED_OUT: SignupStatus.CHECKED_IN,
    NO_SHOW: SignupStatus.CHECKED_IN,
  },
  CHECK_OUT: { CHECKED_IN: SignupStatus.CHECKED_OUT },
  // A verified record is verified again when the organiser corrects it.
  VERIFY: { CHECKED_OUT: SignupStatus.VERIFIED, VERIFIED: SignupStatus.VERIFIED },
  MARK_NO_SHOW: { SIGNED_UP: SignupStatus.NO_SHOW },
  // Wrong hours (CHECKED_OUT, VERIFIED) or missing ones (NO_SHOW): accepted, the record is verified at the asked hours.
  ACCEPT_CORRECTION: {
    CHECKED_OUT: SignupStatus.VERIFIED,
    VERIFIED: SignupStatus.VERIFIED,
    NO_SHOW: SignupStatus.VERIFIED,
  },
};

export function nextSignupStatus(status: SignupStatus, event: SignupEvent): SignupStatus | null {
  return TRANSITIONS[event][status] ?? null;
}

/**
 * Minutes beyond a shift's length that still count (arriving a little early, a task that ran
 * over). Hours are time actually served, never travel: nothing above length + margin counts.
 */
export const SHIFT_MARGIN_MINUTES = 30;

/** The most minutes one sign-up to this shift may hold (recorded, verified or corrected). */
export function maxServiceMinutes(shift: { startsAt: Date; endsAt: Date }): number {
  return Math.round((shift.endsAt.getTime() - shift.startsAt.getTime()) / 60_000) + SHIFT_MARGIN_MINUTES;
}

/** Minutes as the API's hours: rounded to 2 decimals. */
export function hoursFromMinutes(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** An hours input rounded to the minute. */
export function minutesFromHours(hours: number): number {
  return Math.round(hours * 60);
}
