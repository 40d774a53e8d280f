import { describe, expect, it } from 'vitest';
import { SignupAction, SignupStatus } from '../../server/src/activities/activities.enums.js';
import {
  addWorkingDays,
  competitionRanks,
  correctionReasonErrors,
  currentMinutes,
  hoursToNextStar,
  minutesErrors,
  nextStar,
  periodsOf,
  recordSignupActions,
  rollupPeriodOf,
  starLevelByHours,
  starsCrossed,
  STAR_HOURS,
  verifyReasonErrors,
} from '../../server/src/records/records.rules.js';

/** A time given as China wall-clock time. */
const china = (text: string) => new Date(`${text}+08:00`);

describe('star levels', () => {
  it('follows 100/300/600/1000/1500 hours', () => {
    expect(STAR_HOURS).toEqual([100, 300, 600, 1000, 1500]);
    expect(starLevelByHours(0)).toBe(0);
    expect(starLevelByHours(99.99)).toBe(0);
    expect(starLevelByHours(100)).toBe(1);
    expect(starLevelByHours(299.5)).toBe(1);
    expect(starLevelByHours(300)).toBe(2);
    expect(starLevelByHours(600)).toBe(3);
    expect(starLevelByHours(999)).toBe(3);
    expect(starLevelByHours(1000)).toBe(4);
    expect(starLevelByHours(1500)).toBe(5);
    expect(starLevelByHours(100_000)).toBe(5);
  });

  it('says the next star and the hours to go, by minutes; none at five stars', () => {
    expect(nextStar(0)).toEqual({ level: 1, hoursToGo: 100 });
    expect(nextStar(102 * 60)).toEqual({ level: 2, hoursToGo: 198 });
    expect(nextStar(100 * 60 - 1)).toEqual({ level: 1, hoursToGo: 0.02 });
    expect(nextStar(100 * 60)).toEqual({ level: 2, hoursToGo: 200 });
    expect(hoursToNextStar(1499 * 60 + 30)).toBe(0.5);
    expect(nextStar(1500 * 60)).toBeNull();
    expect(hoursToNextStar(2000 * 60)).toBeNull();
  });

  it('finds the thresholds a change crosses, several at once, none going down', () => {
    expect(starsCrossed(99 * 60, 100 * 60)).toEqual([1]);
    expect(starsCrossed(100 * 60, 101 * 60)).toEqual([]);
    expect(starsCrossed(0, 700 * 60)).toEqual([1, 2, 3]);
    expect(starsCrossed(101 * 60, 99 * 60)).toEqual([]);
    expect(starsCrossed(1499 * 60, 1600 * 60)).toEqual([5]);
  });
});

describe('addWorkingDays', () => {
  it('skips Saturdays and Sundays (China time), keeping the time of day', () => {
    // 2026-12-07 is a Monday.
    expect(addWorkingDays(china('2026-12-07T10:00:00'), 5)).toEqual(china('2026-12-14T10:00:00'));
    expect(addWorkingDays(china('2026-12-10T10:00:00'), 1)).toEqual(china('2026-12-11T10:00:00'));
    expect(addWorkingDays(china('2026-12-11T10:00:00'), 1)).toEqual(china('2026-12-14T10:00:00'));
    expect(addWorkingDays(china('2026-12-12T15:30:00'), 5)).toEqual(china('2026-12-18T15:30:00'));
    expect(addWorkingDays(china('2026-12-13T09:00:00'), 1)).toEqual(china('2026-12-14T09:00:00'));
    expect(addWorkingDays(china('2026-12-07T10:00:00'), 0)).toEqual(china('2026-12-07T10:00:00'));
  });

  it('reads the weekday in China, not UTC', () => {
    // Saturday 01:00 in Beijing is Friday 17:00 UTC: read in UTC, Monday 01:00 would be Sunday and skipped.
    expect(addWorkingDays(china('2026-12-12T01:00:00'), 1)).toEqual(china('2026-12-14T01:00:00'));
  });
});

describe('rollup periods', () => {
  it('puts a shift in all time, its China year and month', () => {
    expect(periodsOf(china('2026-12-07T10:00:00'))).toEqual([0, 2026, 202612]);
    // 2027-01-01 00:30 in Beijing is still 2026 in UTC.
    expect(periodsOf(china('2027-01-01T00:30:00'))).toEqual([0, 2027, 202701]);
  });

  it('maps a ranking range onto one rollup period, or none', () => {
    expect(rollupPeriodOf(null, null)).toBe(0);
    expect(rollupPeriodOf(china('2026-01-01T00:00:00'), china('2027-01-01T00:00:00'))).toBe(2026);
    expect(rollupPeriodOf(china('2026-03-01T00:00:00'), china('2026-04-01T00:00:00'))).toBe(202603);
    expect(rollupPeriodOf(china('2026-12-01T00:00:00'), china('2027-01-01T00:00:00'))).toBe(202612);
    expect(rollupPeriodOf(china('2026-01-01T00:00:00'), china('2026-02-01T00:00:00'))).toBe(202601);
    expect(rollupPeriodOf(new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toBeNull();
    expect(rollupPeriodOf(china('2026-01-01T00:00:00'), china('2026-06-01T00:00:00'))).toBeNull();
    expect(rollupPeriodOf(china('2026-01-02T00:00:00'), china('2027-01-01T00:00:00'))).toBeNull();
    expect(rollupPeriodOf(china('2026-01-01T00:00:00'), null)).toBeNull();
    expect(rollupPeriodOf(null, china('2026-01-01T00:00:00'))).toBeNull();
  });
});

describe('competitionRanks', () => {
  it('gives equal hours the same rank and skips after a tie (1, 2, 2, 4)', () => {
    expect(competitionRanks([600, 300, 300, 120, 120, 120, 60])).toEqual([1, 2, 2, 4, 4, 4, 7]);
    expect(competitionRanks([])).toEqual([]);
    expect(competitionRanks([5, 5, 5])).toEqual([1, 1, 1]);
  });

  it('carries on from the previous page, a tie across the page break included', () => {
    const all = [600, 300, 300, 300, 120, 60];
    const first = competitionRanks(all.slice(0, 2));
    expect(first).toEqual([1, 2]);
    const second = competitionRanks(all.slice(2), { minutes: 300, rank: 2, position: 2 });
    expect(second).toEqual([2, 2, 5, 6]);
    expect(competitionRanks([120], { minutes: 300, rank: 2, position: 4 })).toEqual([5]);
  });
});

describe('input rules', () => {
  const shift = { startsAt: china('2026-12-07T09:00:00'), endsAt: china('2026-12-07T11:00:00') };

  it('hours: finite, not negative, rounded to the minute, at most the shift plus 30 minutes', () => {
    expect(minutesErrors('hours', 2.5, shift)).toEqual({ minutes: 150, errors: {} });
    expect(minutesErrors('hours', 0, shift)).toEqual({ minutes: 0, errors: {} });
    expect(minutesErrors('hours', 1.009, shift).minutes).toBe(61);
    expect(Object.keys(minutesErrors('hours', 2.51, shift).errors)).toEqual(['hours']);
    expect(minutesErrors('hours', 2.51, shift).errors.hours?.key).toBe('recordHoursAboveShift');
    expect(minutesErrors('hours', -0.1, shift).errors.hours?.key).toBe('recordHoursRange');
    expect(minutesErrors('hours', Number.NaN, shift).errors.hours?.key).toBe('recordHoursRange');
    expect(minutesErrors('hours', Number.POSITIVE_INFINITY, shift).errors.hours?.key).toBe('recordHoursRange');
  });

  it('reasons: trimmed length within the bounds, counted in characters', () => {
    expect(verifyReasonErrors('早退')).toEqual({});
    expect(verifyReasonErrors(' 早 ').reason?.key).toBe('recordReasonLength');
    expect(verifyReasonErrors(null).reason?.key).toBe('required');
    expect(verifyReasonErrors('   ').reason?.key).toBe('required');
    expect(verifyReasonErrors('字'.repeat(500))).toEqual({});
    expect(verifyReasonErrors('字'.repeat(501)).reason?.key).toBe('recordReasonLength');
    expect(correctionReasonErrors('少记了时')).toHaveProperty('reason');
    expect(correctionReasonErrors('少记了时长')).toEqual({});
    expect(verifyReasonErrors('😀😀')).toEqual({});
  });

  it('the current minutes: verified, else recorded, else 0', () => {
    expect(currentMinutes({ verifiedMinutes: 30, recordedMinutes: 60 })).toBe(30);
    expect(currentMinutes({ verifiedMinutes: 0, recordedMinutes: 60 })).toBe(0);
    expect(currentMinutes({ verifiedMinutes: null, recordedMinutes: 60 })).toBe(60);
    expect(currentMinutes({})).toBe(0);
  });
});

describe('recordSignupActions', () => {
  const ends = china('2026-12-07T11:00:00');
  const now = china('2026-12-08T09:00:00');
  const volunteer = { id: 5, organises: false, hasOpenCorrection: false };
  const organiser = { id: 2, organises: true, hasOpenCorrection: false };

  it('VERIFY for organisers on CHECKED_OUT or VERIFIED only', () => {
    for (const status of Object.values(SignupStatus)) {
      const actions = recordSignupActions({ status, volunteerId: 5 }, organiser, ends, now);
      const verifiable = status === SignupStatus.CHECKED_OUT || status === SignupStatus.VERIFIED;
      expect(actions.includes(SignupAction.VERIFY), status).toBe(verifiable);
      expect(actions).not.toContain(SignupAction.REQUEST_CORRECTION);
    }
  });

  it('REQUEST_CORRECTION for the volunteer on a correctable record, none open, within 90 days', () => {
    const mine = (status: SignupStatus, viewer = volunteer, at = now) =>
      recordSignupActions({ status, volunteerId: 5 }, viewer, ends, at);
    expect(mine(SignupStatus.CHECKED_OUT)).toEqual([SignupAction.REQUEST_CORRECTION]);
    expect(mine(SignupStatus.VERIFIED)).toEqual([SignupAction.REQUEST_CORRECTION]);
    expect(mine(SignupStatus.NO_SHOW)).toEqual([SignupAction.REQUEST_CORRECTION]);
    expect(mine(SignupStatus.SIGNED_UP)).toEqual([]);
    expect(mine(SignupStatus.CHECKED_IN)).toEqual([]);
    expect(mine(SignupStatus.CHECKED_OUT, { ...volunteer, hasOpenCorrection: true })).toEqual([]);
    expect(mine(SignupStatus.CHECKED_OUT, volunteer, new Date(ends.getTime() + 91 * 86_400_000))).toEqual([]);
    expect(mine(SignupStatus.CHECKED_OUT, { ...volunteer, organises: true })).toEqual([
      SignupAction.VERIFY,
      SignupAction.REQUEST_CORRECTION,
    ]);
  });
});
