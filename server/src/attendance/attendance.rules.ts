import { maxServiceMinutes, SHIFT_MARGIN_MINUTES } from '../activities/activities.rules.js';
import { SignupStatus } from '../activities/activities.enums.js';
import {
  ATTENDANCE_CHECK_INS_PER_DAY,
  CHECK_IN_OPENS_MINUTES_BEFORE,
  PAPER_RECORD_DAYS_MAX,
} from './attendance.limits.js';

/**
 * Attendance as plain functions of times: when check-in is open, what a check-out may say, and
 * how many minutes a sign-up's stretches of presence make. Times are instants (UTC); a "day" is
 * China's (china-time.ts), which has no daylight saving, so no day is 23 or 25 hours long.
 */

const MINUTE = 60_000;

interface ShiftTimes {
  startsAt: Date;
  endsAt: Date;
}

export interface Stretch {
  checkedInAt: Date;
  /** Null while the volunteer is still there (or forgot to check out). */
  checkedOutAt?: Date | null;
}

/** The span in which presence counts: the shift with the margin on both sides. */
export function countedSpan(shift: ShiftTimes): { from: Date; to: Date } {
  return {
    from: new Date(shift.startsAt.getTime() - SHIFT_MARGIN_MINUTES * MINUTE),
    to: new Date(shift.endsAt.getTime() + SHIFT_MARGIN_MINUTES * MINUTE),
  };
}

/**
 * Minutes served: the closed stretches clipped to the shift ± margin (arriving an hour early or
 * staying to clear up adds at most the margin; travel never counts), overlapping stretches
 * counted once, whole minutes rounded down, capped at `maxServiceMinutes`. An open stretch (a
 * forgotten check-out) counts nothing until it is closed. Null when nothing has been closed yet.
 */
export function recordedMinutesOf(shift: ShiftTimes, stretches: readonly Stretch[]): number | null {
  const { from, to } = countedSpan(shift);
  const closed = stretches
    .filter((stretch): stretch is Stretch & { checkedOutAt: Date } => !!stretch.checkedOutAt)
    .map((stretch) => ({
      start: Math.max(stretch.checkedInAt.getTime(), from.getTime()),
      end: Math.min(stretch.checkedOutAt.getTime(), to.getTime()),
    }))
    .sort((a, b) => a.start - b.start);
  if (closed.length === 0) return null;
  let total = 0;
  let reached = -Infinity;
  for (const { start, end } of closed) {
    // Merging as we go: only the part after what earlier stretches covered is new.
    const newStart = Math.max(start, reached);
    if (end > newStart) total += end - newStart;
    reached = Math.max(reached, end);
  }
  return Math.min(Math.floor(total / MINUTE), maxServiceMinutes(shift));
}

/** Why a check-in is refused at `now` (before the doors open, after the shift), or null. */
export function checkInClosedReason(shift: ShiftTimes, now: Date): 'NOT_YET_OPEN' | 'OVER' | null {
  if (now.getTime() < shift.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * MINUTE) return 'NOT_YET_OPEN';
  if (now.getTime() > shift.endsAt.getTime()) return 'OVER';
  return null;
}

/**
 * Why a volunteer's own check-out by code is refused at `now`, or null: open until the end of
 * the margin after the shift; later, the organiser closes it with the time the person left.
 */
export function selfCheckOutClosedReason(shift: ShiftTimes, now: Date): 'NOT_YET_OPEN' | 'OVER' | null {
  if (now.getTime() < shift.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * MINUTE) return 'NOT_YET_OPEN';
  if (now.getTime() > countedSpan(shift).to.getTime()) return 'OVER';
  return null;
}

/** Whether another check-in today keeps a person within the daily limit for one activity. */
export function underDailyLimit(checkInsToday: number): boolean {
  return checkInsToday < ATTENDANCE_CHECK_INS_PER_DAY;
}

/**
 * What is wrong with the time an organiser gives for a forgotten check-out, or null: within the
 * shift ± margin, not before the check-in it closes, not in the future.
 */
export function closingTimeProblem(
  shift: ShiftTimes,
  checkedInAt: Date,
  at: Date,
  now: Date,
): 'attendanceOutsideShift' | 'checkOutBeforeCheckIn' | 'checkOutInFuture' | null {
  const { from, to } = countedSpan(shift);
  if (at.getTime() > now.getTime()) return 'checkOutInFuture';
  if (at.getTime() < from.getTime() || at.getTime() > to.getTime()) return 'attendanceOutsideShift';
  if (at.getTime() < checkedInAt.getTime()) return 'checkOutBeforeCheckIn';
  return null;
}

/** What is wrong with the times of a paper record (补录), field by field. */
export function paperTimesProblems(
  shift: ShiftTimes,
  checkedInAt: Date,
  checkedOutAt: Date,
): Partial<Record<'checkedInAt' | 'checkedOutAt', 'attendanceOutsideShift' | 'checkOutBeforeCheckIn'>> {
  const { from, to } = countedSpan(shift);
  const outside = (at: Date) => at.getTime() < from.getTime() || at.getTime() > to.getTime();
  const problems: ReturnType<typeof paperTimesProblems> = {};
  if (outside(checkedInAt)) problems.checkedInAt = 'attendanceOutsideShift';
  if (outside(checkedOutAt)) problems.checkedOutAt = 'attendanceOutsideShift';
  else if (checkedOutAt.getTime() <= checkedInAt.getTime()) problems.checkedOutAt = 'checkOutBeforeCheckIn';
  return problems;
}

/** Why a shift cannot be recorded from paper at `now` (not over yet, or too long ago), or null. */
export function paperRecordClosedReason(shift: ShiftTimes, now: Date): 'NOT_ENDED' | 'TOO_OLD' | null {
  if (shift.endsAt.getTime() > now.getTime()) return 'NOT_ENDED';
  if (shift.endsAt.getTime() < now.getTime() - PAPER_RECORD_DAYS_MAX * 24 * 60 * MINUTE) return 'TOO_OLD';
  return null;
}

/** Statuses a check-in moves on from (asked of nextSignupStatus; listed here for the actions). */
const CHECK_IN_FROM: readonly SignupStatus[] = [SignupStatus.SIGNED_UP, SignupStatus.CHECKED_OUT, SignupStatus.NO_SHOW];

/** What an organiser or checker may do with a sign-up now (SignupAction CHECK_IN / CHECK_OUT). */
export function checkerActions(
  signup: { status: SignupStatus },
  shift: ShiftTimes,
  activityLive: boolean,
  now: Date,
): ('CHECK_IN' | 'CHECK_OUT')[] {
  if (!activityLive) return [];
  if (signup.status === SignupStatus.CHECKED_IN) return ['CHECK_OUT'];
  if (CHECK_IN_FROM.includes(signup.status) && !checkInClosedReason(shift, now)) return ['CHECK_IN'];
  return [];
}

/** What the volunteer may do with their own sign-up's shift now (ShiftAction …_WITH_CODE). */
export function selfActions(
  signup: { status: SignupStatus } | null,
  shift: ShiftTimes,
  activityLive: boolean,
  now: Date,
): ('CHECK_IN_WITH_CODE' | 'CHECK_OUT_WITH_CODE')[] {
  if (!signup || !activityLive) return [];
  if (signup.status === SignupStatus.CHECKED_IN) {
    return selfCheckOutClosedReason(shift, now) ? [] : ['CHECK_OUT_WITH_CODE'];
  }
  if (CHECK_IN_FROM.includes(signup.status) && !checkInClosedReason(shift, now)) return ['CHECK_IN_WITH_CODE'];
  return [];
}

/** The subject a shift's rotating code is bound to (a meeting's code never opens a shift). */
export const shiftCodeSubject = (shiftId: number) => `shift:${shiftId}`;

/** The web page the QR opens. */
export const checkInPath = (shiftId: number, code: string) => `/volunteer/check-in?shift=${shiftId}&code=${code}`;
