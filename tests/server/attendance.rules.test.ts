import { describe, expect, it } from 'vitest';
import { ActivityStatus, SignupStatus } from '../../server/src/activities/activities.enums.js';
import { attendanceShiftActions, attendanceSignupActions } from '../../server/src/attendance/attendance.actions.js';
import {
  checkerActions,
  checkInClosedReason,
  closingTimeProblem,
  paperRecordClosedReason,
  paperTimesProblems,
  recordedMinutesOf,
  selfActions,
  selfCheckOutClosedReason,
  underDailyLimit,
} from '../../server/src/attendance/attendance.rules.js';
import { chinaDay } from '../../server/src/platform/china-time.js';

/** An instant given in China time (UTC+8), e.g. at('2026-12-10 19:00'). */
const at = (chinaTime: string) => new Date(`${chinaTime.replace(' ', 'T')}:00+08:00`);
const shift = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });
const stretch = (from: string, to: string | null) => ({ checkedInAt: at(from), checkedOutAt: to ? at(to) : null });

describe('recordedMinutesOf', () => {
  const morning = shift('2026-12-10 09:00', '2026-12-10 12:00'); // 180 minutes, cap 210

  it('is check-out minus check-in for one stretch inside the shift', () => {
    expect(recordedMinutesOf(morning, [stretch('2026-12-10 09:05', '2026-12-10 11:35')])).toBe(150);
  });

  it('counts an early arrival and a late leave only up to the 30-minute margin', () => {
    // Arrived 07:30 (counts from 08:30), left 13:15 (counts to 12:30): 240 minutes, capped at 210.
    expect(recordedMinutesOf(morning, [stretch('2026-12-10 07:30', '2026-12-10 13:15')])).toBe(210);
    // Arrived 08:45 (15 minutes early), left at 12:00: 195 minutes.
    expect(recordedMinutesOf(morning, [stretch('2026-12-10 08:45', '2026-12-10 12:00')])).toBe(195);
    // Stayed 20 minutes after the end, came on time: 200.
    expect(recordedMinutesOf(morning, [stretch('2026-12-10 09:00', '2026-12-10 12:20')])).toBe(200);
  });

  it('never counts travel: presence wholly outside the shift ± margin is nothing', () => {
    expect(recordedMinutesOf(morning, [stretch('2026-12-10 06:00', '2026-12-10 08:00')])).toBe(0);
    expect(recordedMinutesOf(morning, [stretch('2026-12-10 13:00', '2026-12-10 14:00')])).toBe(0);
  });

  it('adds several stretches (leaving and coming back)', () => {
    expect(
      recordedMinutesOf(morning, [
        stretch('2026-12-10 09:00', '2026-12-10 10:00'),
        stretch('2026-12-10 10:30', '2026-12-10 11:00'),
        stretch('2026-12-10 11:15', '2026-12-10 12:00'),
      ]),
    ).toBe(60 + 30 + 45);
  });

  it('counts overlapping stretches once, in any order', () => {
    expect(
      recordedMinutesOf(morning, [
        stretch('2026-12-10 10:00', '2026-12-10 11:00'),
        stretch('2026-12-10 09:00', '2026-12-10 10:30'),
        stretch('2026-12-10 10:15', '2026-12-10 10:20'),
      ]),
    ).toBe(120);
  });

  it('leaves an open stretch (a missing check-out) out until it is closed; null before any is closed', () => {
    expect(recordedMinutesOf(morning, [stretch('2026-12-10 09:00', null)])).toBeNull();
    expect(recordedMinutesOf(morning, [])).toBeNull();
    expect(
      recordedMinutesOf(morning, [stretch('2026-12-10 09:00', '2026-12-10 10:00'), stretch('2026-12-10 10:30', null)]),
    ).toBe(60);
  });

  it('handles an overnight shift across China midnight', () => {
    const night = shift('2026-12-10 22:00', '2026-12-11 06:00'); // 480 minutes, cap 510
    expect(recordedMinutesOf(night, [stretch('2026-12-10 21:50', '2026-12-11 06:10')])).toBe(500);
    expect(
      recordedMinutesOf(night, [
        stretch('2026-12-10 22:00', '2026-12-10 23:59'),
        stretch('2026-12-11 00:01', '2026-12-11 06:00'),
      ]),
    ).toBe(119 + 359);
    // Its check-ins fall on two China days, whatever the server's zone.
    expect(chinaDay(at('2026-12-10 23:59'))).toBe('2026-12-10');
    expect(chinaDay(at('2026-12-11 00:01'))).toBe('2026-12-11');
  });

  it('counts whole minutes, rounded down (seconds are not served minutes)', () => {
    const checkedInAt = at('2026-12-10 09:00');
    const checkedOutAt = new Date(checkedInAt.getTime() + 59 * 60_000 + 59_000);
    expect(recordedMinutesOf(morning, [{ checkedInAt, checkedOutAt }])).toBe(59);
  });

  it('caps the total at the shift plus the margin, even over stretches that each fit', () => {
    const short = shift('2026-12-10 09:00', '2026-12-10 09:30'); // cap 60; the span is 08:30–10:00 (90)
    expect(recordedMinutesOf(short, [stretch('2026-12-10 08:30', '2026-12-10 10:00')])).toBe(60);
    expect(
      recordedMinutesOf(short, [
        stretch('2026-12-10 08:30', '2026-12-10 09:10'),
        stretch('2026-12-10 09:20', '2026-12-10 10:00'),
      ]),
    ).toBe(60);
  });

  it('has no 23- or 25-hour days: a 24-hour shift in China is 1440 minutes any day of the year', () => {
    for (const day of ['2026-03-29', '2026-10-25', '2026-06-30']) {
      const full = shift(`${day} 00:00`, `${day} 23:59`);
      expect(recordedMinutesOf(full, [stretch(`${day} 00:00`, `${day} 23:59`)])).toBe(1439);
    }
  });
});

describe('when check-in and check-out are open', () => {
  const morning = shift('2026-12-10 09:00', '2026-12-10 12:00');

  it('check-in opens 30 minutes before the start and closes at the end', () => {
    expect(checkInClosedReason(morning, at('2026-12-10 08:29'))).toBe('NOT_YET_OPEN');
    expect(checkInClosedReason(morning, at('2026-12-10 08:30'))).toBeNull();
    expect(checkInClosedReason(morning, at('2026-12-10 12:00'))).toBeNull();
    expect(checkInClosedReason(morning, at('2026-12-10 12:01'))).toBe('OVER');
  });

  it('a volunteer checks out by code until 30 minutes after the end', () => {
    expect(selfCheckOutClosedReason(morning, at('2026-12-10 12:30'))).toBeNull();
    expect(selfCheckOutClosedReason(morning, at('2026-12-10 12:31'))).toBe('OVER');
    expect(selfCheckOutClosedReason(morning, at('2026-12-10 08:00'))).toBe('NOT_YET_OPEN');
  });

  it('allows 3 check-ins a day', () => {
    expect([0, 1, 2, 3, 4].map(underDailyLimit)).toEqual([true, true, true, false, false]);
  });

  it('a forgotten check-out is closed within the shift ± margin, after the check-in, not in the future', () => {
    const checkedInAt = at('2026-12-10 09:10');
    const now = at('2026-12-10 20:00');
    expect(closingTimeProblem(morning, checkedInAt, at('2026-12-10 11:00'), now)).toBeNull();
    expect(closingTimeProblem(morning, checkedInAt, at('2026-12-10 12:30'), now)).toBeNull();
    expect(closingTimeProblem(morning, checkedInAt, at('2026-12-10 12:31'), now)).toBe('attendanceOutsideShift');
    expect(closingTimeProblem(morning, checkedInAt, at('2026-12-10 09:05'), now)).toBe('checkOutBeforeCheckIn');
    expect(closingTimeProblem(morning, checkedInAt, at('2026-12-10 08:00'), now)).toBe('attendanceOutsideShift');
    expect(closingTimeProblem(morning, checkedInAt, at('2026-12-10 11:00'), at('2026-12-10 10:00'))).toBe(
      'checkOutInFuture',
    );
  });

  it('paper records: times within the shift ± margin and in order', () => {
    expect(paperTimesProblems(morning, at('2026-12-10 09:00'), at('2026-12-10 12:00'))).toEqual({});
    expect(paperTimesProblems(morning, at('2026-12-10 08:00'), at('2026-12-10 12:00'))).toEqual({
      checkedInAt: 'attendanceOutsideShift',
    });
    expect(paperTimesProblems(morning, at('2026-12-10 09:00'), at('2026-12-10 13:00'))).toEqual({
      checkedOutAt: 'attendanceOutsideShift',
    });
    expect(paperTimesProblems(morning, at('2026-12-10 11:00'), at('2026-12-10 10:00'))).toEqual({
      checkedOutAt: 'checkOutBeforeCheckIn',
    });
    expect(paperTimesProblems(morning, at('2026-12-10 11:00'), at('2026-12-10 11:00'))).toEqual({
      checkedOutAt: 'checkOutBeforeCheckIn',
    });
  });

  it('paper records: the shift ended, at most 30 days ago', () => {
    expect(paperRecordClosedReason(morning, at('2026-12-10 11:59'))).toBe('NOT_ENDED');
    expect(paperRecordClosedReason(morning, at('2026-12-10 12:00'))).toBeNull();
    expect(paperRecordClosedReason(morning, at('2027-01-09 12:00'))).toBeNull();
    expect(paperRecordClosedReason(morning, at('2027-01-09 12:01'))).toBe('TOO_OLD');
  });
});

describe('actions', () => {
  const morning = shift('2026-12-10 09:00', '2026-12-10 12:00');
  const during = at('2026-12-10 10:00');
  const after = at('2026-12-10 12:10');

  it('organisers and checkers: check in while open from the statuses a check-in moves on from; check out a present one any time', () => {
    expect(checkerActions({ status: SignupStatus.SIGNED_UP }, morning, true, during)).toEqual(['CHECK_IN']);
    expect(checkerActions({ status: SignupStatus.CHECKED_OUT }, morning, true, during)).toEqual(['CHECK_IN']);
    expect(checkerActions({ status: SignupStatus.NO_SHOW }, morning, true, during)).toEqual(['CHECK_IN']);
    expect(checkerActions({ status: SignupStatus.SIGNED_UP }, morning, true, after)).toEqual([]);
    expect(checkerActions({ status: SignupStatus.CHECKED_IN }, morning, true, after)).toEqual(['CHECK_OUT']);
    for (const status of [SignupStatus.WAITLISTED, SignupStatus.CANCELLED, SignupStatus.VERIFIED]) {
      expect(checkerActions({ status }, morning, true, during)).toEqual([]);
    }
    expect(checkerActions({ status: SignupStatus.SIGNED_UP }, morning, false, during)).toEqual([]);
  });

  it('the volunteer: by code, with a live sign-up, while their check-in or check-out is open', () => {
    expect(selfActions({ status: SignupStatus.SIGNED_UP }, morning, true, during)).toEqual(['CHECK_IN_WITH_CODE']);
    expect(selfActions({ status: SignupStatus.CHECKED_IN }, morning, true, after)).toEqual(['CHECK_OUT_WITH_CODE']);
    expect(selfActions({ status: SignupStatus.CHECKED_IN }, morning, true, at('2026-12-10 13:00'))).toEqual([]);
    expect(selfActions({ status: SignupStatus.WAITLISTED }, morning, true, during)).toEqual([]);
    expect(selfActions(null, morning, true, during)).toEqual([]);
    expect(selfActions({ status: SignupStatus.SIGNED_UP }, morning, false, during)).toEqual([]);
  });

  it('the contributors to availableActions: checkers and organisers only; the volunteer by their own sign-up', () => {
    const facts = {
      signup: { status: SignupStatus.SIGNED_UP },
      shift: morning,
      activity: { status: ActivityStatus.PUBLISHED },
      organiser: false,
      checker: true,
      now: during,
    };
    expect(attendanceSignupActions(facts)).toEqual(['CHECK_IN']);
    expect(attendanceSignupActions({ ...facts, checker: false, organiser: true })).toEqual(['CHECK_IN']);
    expect(attendanceSignupActions({ ...facts, checker: false })).toEqual([]);
    expect(attendanceSignupActions({ ...facts, activity: { status: ActivityStatus.CANCELLED } })).toEqual([]);
    expect(
      attendanceSignupActions({ ...facts, signup: { status: SignupStatus.CHECKED_IN }, now: at('2026-12-11 09:00') }),
    ).toEqual(['CHECK_OUT']);

    const own = { shift: morning, activity: { status: ActivityStatus.PUBLISHED }, now: during };
    expect(attendanceShiftActions({ ...own, viewerSignup: { status: SignupStatus.SIGNED_UP } })).toEqual([
      'CHECK_IN_WITH_CODE',
    ]);
    expect(attendanceShiftActions({ ...own, viewerSignup: { status: SignupStatus.CHECKED_IN } })).toEqual([
      'CHECK_OUT_WITH_CODE',
    ]);
    expect(attendanceShiftActions({ ...own, viewerSignup: null })).toEqual([]);
  });
});
