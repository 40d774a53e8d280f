import type { Translatable } from '../platform/errors.js';
import { ActivityAction, ActivityStatus, ShiftAction, SignupAction, SignupStatus } from './activities.enums.js';
import { ACTIVITY_AHEAD_MAX_DAYS, RETROACTIVE_MAX_DAYS, SHIFT_MAX_HOURS } from './activities.limits.js';

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

/** A promoted volunteer has this long to confirm… */
export const PROMOTION_HOLD_HOURS = 24;
/** …but never later than this before the shift starts (the organiser needs to know who comes). */
export const PROMOTION_CONFIRM_LEAD_HOURS = 1;

/**
 * When a place offered from the waiting list must be confirmed: min(now + 24 h, start − 1 h).
 * Null when that is not after `now` (the shift is about to start): there is no time to ask, the
 * place is simply given (confirmed at once).
 */
export function promotionConfirmBy(now: Date, shiftStartsAt: Date): Date | null {
  const confirmBy = Math.min(
    now.getTime() + PROMOTION_HOLD_HOURS * 3600_000,
    shiftStartsAt.getTime() - PROMOTION_CONFIRM_LEAD_HOURS * 3600_000,
  );
  return confirmBy > now.getTime() ? new Date(confirmBy) : null;
}

export interface Queued {
  id: number;
  queuedAt: Date;
}

/** The waiting list's order: first queued, first promoted; the id (given in the same order) breaks ties. */
export function waitlistOrder(a: Queued, b: Queued): number {
  return a.queuedAt.getTime() - b.queuedAt.getTime() || a.id - b.id;
}

/** Each waiting sign-up's place in line (1 = the next promoted), by id. */
export function waitlistPositions(waiting: readonly Queued[]): Map<number, number> {
  return new Map([...waiting].sort(waitlistOrder).map((row, index) => [row.id, index + 1]));
}

/** Whether a sign-up holds a place only until confirmBy: promoted, not yet confirmed. */
export const awaitsConfirmation = (signup: {
  status: SignupStatus;
  confirmBy?: Date | null;
  confirmedAt?: Date | null;
}): boolean => signup.status === SignupStatus.SIGNED_UP && !!signup.confirmBy && !signup.confirmedAt;

/** A shift may start this little in the past (the form was filled a minute ago). */
export const SHIFT_START_SLACK_MS = 60_000;
const DAY_MS = 24 * 3600_000;

export interface ShiftTimes {
  startsAt: Date;
  endsAt: Date;
}

/**
 * What is wrong with an activity's shift times, or null. Published: every shift ends after it
 * starts, within 24 h, starts in the future (a minute's slack) and within a year. 补录
 * (retroactive): every shift has ended and the earliest started within the last 30 days.
 */
export function shiftTimesError(shifts: readonly ShiftTimes[], now: Date, retroactive: boolean): Translatable | null {
  for (const shift of shifts) {
    const length = shift.endsAt.getTime() - shift.startsAt.getTime();
    if (!(length > 0)) return { key: 'shiftEndsBeforeStart' };
    if (length > SHIFT_MAX_HOURS * 3600_000) return { key: 'shiftTooLong', params: { hours: SHIFT_MAX_HOURS } };
  }
  const t = now.getTime();
  if (retroactive) {
    if (shifts.some((shift) => shift.endsAt.getTime() > t)) return { key: 'retroactiveNotEnded' };
    const earliest = Math.min(...shifts.map((shift) => shift.startsAt.getTime()));
    if (earliest < t - RETROACTIVE_MAX_DAYS * DAY_MS) {
      return { key: 'retroactiveTooOld', params: { days: RETROACTIVE_MAX_DAYS } };
    }
    return null;
  }
  if (shifts.some((shift) => shift.startsAt.getTime() < t - SHIFT_START_SLACK_MS)) return { key: 'shiftInPast' };
  if (shifts.some((shift) => shift.startsAt.getTime() > t + ACTIVITY_AHEAD_MAX_DAYS * DAY_MS)) {
    return { key: 'shiftTooFarAhead', params: { days: ACTIVITY_AHEAD_MAX_DAYS } };
  }
  return null;
}

/** An activity's start and end from its shifts: the first start, the last end. */
export function activitySpan(shifts: readonly ShiftTimes[]): ShiftTimes {
  return {
    startsAt: new Date(Math.min(...shifts.map((shift) => shift.startsAt.getTime()))),
    endsAt: new Date(Math.max(...shifts.map((shift) => shift.endsAt.getTime()))),
  };
}

/** What an activity's viewer may do, from who they are to it and where it stands. */
export function activityActions(
  activity: { status: ActivityStatus; retroactive: boolean; startsAt: Date },
  viewer: { organiser: boolean; checker: boolean },
  now: Date,
): ActivityAction[] {
  const actions: ActivityAction[] = [];
  const live = activity.status === ActivityStatus.PUBLISHED;
  if (viewer.organiser && live) actions.push(ActivityAction.EDIT, ActivityAction.CANCEL, ActivityAction.ADD_SHIFT);
  if (viewer.organiser && live && !activity.retroactive) actions.push(ActivityAction.SHOW_CHECK_IN_CODE);
  if ((viewer.organiser || viewer.checker) && live && !activity.retroactive)
    actions.push(ActivityAction.CHECK_IN_OTHERS);
  // 补录 is for what has happened: a retroactive activity, or one whose first shift has started.
  if (viewer.organiser && live && (activity.retroactive || activity.startsAt.getTime() <= now.getTime())) {
    actions.push(ActivityAction.RECORD_ATTENDANCE);
  }
  if (viewer.organiser) actions.push(ActivityAction.VERIFY_HOURS);
  return actions;
}

/** SIGN_UP or JOIN_WAITLIST for an ACTIVE volunteer without a live sign-up, on a published shift not yet started. */
export function shiftSignUpActions(
  shift: { startsAt: Date; capacity: number; signedUpCount: number },
  activity: { status: ActivityStatus; retroactive: boolean },
  viewer: { activeVolunteer: boolean; liveSignup: boolean },
  now: Date,
): ShiftAction[] {
  if (!viewer.activeVolunteer || viewer.liveSignup) return [];
  if (activity.status !== ActivityStatus.PUBLISHED || activity.retroactive) return [];
  if (shift.startsAt.getTime() <= now.getTime()) return [];
  return [shift.signedUpCount < shift.capacity ? ShiftAction.SIGN_UP : ShiftAction.JOIN_WAITLIST];
}

/** CANCEL until the shift starts, CONFIRM_PROMOTION while a promoted place is held: the volunteer's own. */
export function ownSignupActions(
  signup: { status: SignupStatus; confirmBy?: Date | null; confirmedAt?: Date | null },
  shift: { startsAt: Date },
  own: boolean,
  now: Date,
): SignupAction[] {
  if (!own) return [];
  const actions: SignupAction[] = [];
  const t = now.getTime();
  if (nextSignupStatus(signup.status, 'CANCEL') && shift.startsAt.getTime() > t) actions.push(SignupAction.CANCEL);
  if (awaitsConfirmation(signup) && signup.confirmBy!.getTime() > t) actions.push(SignupAction.CONFIRM_PROMOTION);
  return actions;
}
