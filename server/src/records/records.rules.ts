import { maxServiceMinutes, nextSignupStatus } from '../activities/activities.rules.js';
import { SignupAction, SignupStatus } from '../activities/activities.enums.js';
import { CHINA_OFFSET_MS } from '../platform/china-time.js';
import type { FieldErrors } from '../platform/errors.js';
import {
  CORRECTION_REASON_MAX,
  CORRECTION_REASON_MIN,
  CORRECTION_WINDOW_DAYS,
  VERIFY_REASON_MAX,
  VERIFY_REASON_MIN,
} from './records.limits.js';

/** 一星 to 五星: cumulative verified hours (the local rules' levels). */
export const STAR_HOURS = [100, 300, 600, 1000, 1500] as const;

/** The star (0–5) that `hours` of verified service reach. */
export function starLevelByHours(hours: number): number {
  return STAR_HOURS.filter((threshold) => hours >= threshold).length;
}

/** The next star by verified minutes and the hours still to go; null at five stars. */
export function nextStar(verifiedMinutes: number): { level: number; hoursToGo: number } | null {
  const level = starLevelByHours(verifiedMinutes / 60) + 1;
  const threshold = STAR_HOURS[level - 1];
  if (threshold === undefined) return null;
  return { level, hoursToGo: Math.round(((threshold * 60 - verifiedMinutes) / 60) * 100) / 100 };
}

/** Hours to the next star (2 decimals); null at five stars. */
export function hoursToNextStar(verifiedMinutes: number): number | null {
  return nextStar(verifiedMinutes)?.hoursToGo ?? null;
}

/** The star levels whose threshold lies in (before, after]: reached by this change of verified minutes. */
export function starsCrossed(beforeMinutes: number, afterMinutes: number): number[] {
  return STAR_HOURS.flatMap((threshold, index) =>
    threshold * 60 > beforeMinutes && threshold * 60 <= afterMinutes ? [index + 1] : [],
  );
}

const DAY_MS = 86_400_000;

/**
 * `days` working days after `from`, at the same time of day: Saturdays and Sundays (China time)
 * are skipped. China's statutory holidays and their make-up working days (调休) change every
 * year by State Council notice and are not known here, so a deadline over a holiday falls
 * earlier than the calendar's working days would put it.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let at = from.getTime();
  let left = days;
  while (left > 0) {
    at += DAY_MS;
    const weekday = new Date(at + CHINA_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(at);
}

/**
 * The rollup periods a shift starting at `startsAt` counts in (China time): 0 for all time, the
 * year (2026) and the month (202612).
 */
export function periodsOf(startsAt: Date): [number, number, number] {
  const china = new Date(startsAt.getTime() + CHINA_OFFSET_MS);
  const year = china.getUTCFullYear();
  return [0, year, year * 100 + china.getUTCMonth() + 1];
}

const chinaMidnight = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1) - CHINA_OFFSET_MS);

/**
 * The rollup period a ranking range is exactly (China time): neither bound → 0 (all time), one
 * calendar year → 2026, one calendar month → 202612; any other range → null (summed from the
 * sign-ups themselves).
 */
export function rollupPeriodOf(from: Date | null | undefined, to: Date | null | undefined): number | null {
  if (!from && !to) return 0;
  if (!from || !to) return null;
  const [, year, month] = periodsOf(from);
  const monthIndex = (month % 100) - 1;
  if (from.getTime() !== chinaMidnight(year, monthIndex).getTime()) return null;
  if (monthIndex === 0 && to.getTime() === chinaMidnight(year + 1, 0).getTime()) return year;
  if (to.getTime() === chinaMidnight(year, monthIndex + 1).getTime()) return month;
  return null;
}

/** Where the previous page ended: its last row's minutes, rank and position (1-based). */
export interface RankCarry {
  minutes: number;
  rank: number;
  position: number;
}

/**
 * Competition ranking (1, 2, 2, 4): equal hours share a rank, and the next rank counts
 * everyone above. `minutes` is one page in ranking order; `previous` is where the page before
 * it ended (none for the first page), carried in the cursor so no page counts the rows above it.
 */
export function competitionRanks(minutes: readonly number[], previous?: RankCarry | null): number[] {
  let last = previous ?? null;
  return minutes.map((value) => {
    const position = (last?.position ?? 0) + 1;
    const rank = last && last.minutes === value ? last.rank : position;
    last = { minutes: value, rank, position };
    return rank;
  });
}

/** Hours typed by a person as minutes, or the field's error: finite, not negative, within the shift's cap. */
export function minutesErrors(
  field: string,
  hours: number,
  shift: { startsAt: Date; endsAt: Date },
): { minutes: number; errors: FieldErrors } {
  if (!Number.isFinite(hours) || hours < 0) return { minutes: 0, errors: { [field]: { key: 'recordHoursRange' } } };
  const minutes = Math.round(hours * 60);
  const max = maxServiceMinutes(shift);
  if (minutes > max) {
    return {
      minutes,
      errors: { [field]: { key: 'recordHoursAboveShift', params: { max: Math.floor(max / 6) / 10 } } },
    };
  }
  return { minutes, errors: {} };
}

/** A reason's length in code points within [min, max], after trimming; null means required and missing. */
export function reasonErrors(field: string, reason: string | null | undefined, min: number, max: number): FieldErrors {
  const length = [...(reason ?? '').trim()].length;
  if (length === 0) return { [field]: { key: 'required' } };
  if (length < min || length > max) return { [field]: { key: 'recordReasonLength', params: { min, max } } };
  return {};
}

export const verifyReasonErrors = (reason: string | null | undefined) =>
  reasonErrors('reason', reason, VERIFY_REASON_MIN, VERIFY_REASON_MAX);
export const correctionReasonErrors = (reason: string | null | undefined) =>
  reasonErrors('reason', reason, CORRECTION_REASON_MIN, CORRECTION_REASON_MAX);

/** The statuses a volunteer may ask to correct: wrong hours (CHECKED_OUT, VERIFIED) or missing ones (NO_SHOW). */
export const CORRECTABLE_STATUSES: readonly SignupStatus[] = [
  SignupStatus.CHECKED_OUT,
  SignupStatus.VERIFIED,
  SignupStatus.NO_SHOW,
];

/** A correction may be asked until this long after the shift's end. */
export function correctionWindowEnds(shiftEndsAt: Date): Date {
  return new Date(shiftEndsAt.getTime() + CORRECTION_WINDOW_DAYS * DAY_MS);
}

/** The record's minutes as it stands: verified, else recorded, else 0. */
export function currentMinutes(signup: { verifiedMinutes?: number | null; recordedMinutes?: number | null }): number {
  return signup.verifiedMinutes ?? signup.recordedMinutes ?? 0;
}

/**
 * The sign-up actions records/ adds (the owner of ShiftSignup merges them into availableActions):
 * VERIFY for the activity's organisers while it is CHECKED_OUT or VERIFIED (a verified record
 * may be corrected); REQUEST_CORRECTION for the volunteer on a correctable record within the
 * window, when no request is open.
 */
export function recordSignupActions(
  signup: { status: SignupStatus; volunteerId: number },
  viewer: { id: number; organises: boolean; hasOpenCorrection: boolean },
  shiftEndsAt: Date,
  now: Date,
): SignupAction[] {
  const actions: SignupAction[] = [];
  if (viewer.organises && nextSignupStatus(signup.status, 'VERIFY')) actions.push(SignupAction.VERIFY);
  if (
    signup.volunteerId === viewer.id &&
    CORRECTABLE_STATUSES.includes(signup.status) &&
    !viewer.hasOpenCorrection &&
    now < correctionWindowEnds(shiftEndsAt)
  ) {
    actions.push(SignupAction.REQUEST_CORRECTION);
  }
  return actions;
}
