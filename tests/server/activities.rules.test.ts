import { describe, expect, it } from 'vitest';
import {
  ActivityAction,
  ActivityStatus,
  PLACE_HOLDING_STATUSES,
  ShiftAction,
  SignupAction,
  SignupStatus,
} from '../../server/src/activities/activities.enums.js';
import {
  activityActions,
  activitySpan,
  awaitsConfirmation,
  hoursFromMinutes,
  maxServiceMinutes,
  minutesFromHours,
  nextSignupStatus,
  ownSignupActions,
  promotionConfirmBy,
  SHIFT_MARGIN_MINUTES,
  shiftSignUpActions,
  shiftTimesError,
  waitlistOrder,
  waitlistPositions,
  type SignupEvent,
} from '../../server/src/activities/activities.rules.js';

const NOW = new Date('2026-12-07T02:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

describe('nextSignupStatus', () => {
  const S = SignupStatus;
  const table: Record<SignupEvent, Partial<Record<SignupStatus, SignupStatus>>> = {
    PROMOTE: { WAITLISTED: S.SIGNED_UP },
    CANCEL: { SIGNED_UP: S.CANCELLED, WAITLISTED: S.CANCELLED },
    CHECK_IN: { SIGNED_UP: S.CHECKED_IN, CHECKED_OUT: S.CHECKED_IN, NO_SHOW: S.CHECKED_IN },
    CHECK_OUT: { CHECKED_IN: S.CHECKED_OUT },
    VERIFY: { CHECKED_OUT: S.VERIFIED, VERIFIED: S.VERIFIED },
    MARK_NO_SHOW: { SIGNED_UP: S.NO_SHOW },
    ACCEPT_CORRECTION: { CHECKED_OUT: S.VERIFIED, VERIFIED: S.VERIFIED, NO_SHOW: S.VERIFIED },
  };

  it('moves every status by every event exactly as the table says, and refuses the rest', () => {
    for (const [event, moves] of Object.entries(table) as [
      SignupEvent,
      Partial<Record<SignupStatus, SignupStatus>>,
    ][]) {
      for (const status of Object.values(SignupStatus)) {
        expect(nextSignupStatus(status, event), `${status} + ${event}`).toBe(moves[status] ?? null);
      }
    }
  });

  it('never moves a cancelled sign-up, and never takes a place for the waiting list', () => {
    for (const event of Object.keys(table) as SignupEvent[]) expect(nextSignupStatus(S.CANCELLED, event)).toBeNull();
    expect(PLACE_HOLDING_STATUSES).not.toContain(S.WAITLISTED);
    expect(PLACE_HOLDING_STATUSES).not.toContain(S.CANCELLED);
  });
});

describe('service minutes and hours', () => {
  it('caps a shift at its length plus the margin (an overnight shift too)', () => {
    expect(maxServiceMinutes({ startsAt: at(0), endsAt: at(2) })).toBe(120 + SHIFT_MARGIN_MINUTES);
    expect(
      maxServiceMinutes({ startsAt: new Date('2026-12-07T14:00:00Z'), endsAt: new Date('2026-12-08T02:00:00Z') }),
    ).toBe(720 + SHIFT_MARGIN_MINUTES);
  });

  it('turns minutes into hours to 2 decimals and hours into whole minutes', () => {
    expect(hoursFromMinutes(150)).toBe(2.5);
    expect(hoursFromMinutes(100)).toBe(1.67);
    expect(hoursFromMinutes(0)).toBe(0);
    expect(minutesFromHours(2.5)).toBe(150);
    expect(minutesFromHours(1.004)).toBe(60);
    expect(minutesFromHours(0.01)).toBe(1);
  });
});

describe('promotionConfirmBy', () => {
  it('holds a place 24 hours when the shift is far off', () => {
    expect(promotionConfirmBy(NOW, at(72))).toEqual(at(24));
  });

  it('asks for the answer an hour before the start when that comes first', () => {
    expect(promotionConfirmBy(NOW, at(10))).toEqual(at(9));
    expect(promotionConfirmBy(NOW, at(25))).toEqual(at(24));
  });

  it('gives the place without a hold when the start is an hour away or less', () => {
    expect(promotionConfirmBy(NOW, at(1))).toBeNull();
    expect(promotionConfirmBy(NOW, at(0.5))).toBeNull();
    expect(promotionConfirmBy(NOW, at(1.01))).toEqual(new Date(at(1.01).getTime() - HOUR));
  });
});

describe('the waiting list', () => {
  it('is first queued, first promoted, with the id breaking ties', () => {
    const t = new Date('2026-12-07T01:00:00Z');
    const rows = [
      { id: 7, queuedAt: new Date(t.getTime() + 2) },
      { id: 9, queuedAt: t },
      { id: 3, queuedAt: new Date(t.getTime() + 2) },
      { id: 4, queuedAt: new Date(t.getTime() + 1) },
    ];
    expect([...rows].sort(waitlistOrder).map((row) => row.id)).toEqual([9, 4, 3, 7]);
    expect(waitlistPositions(rows)).toEqual(
      new Map([
        [9, 1],
        [4, 2],
        [3, 3],
        [7, 4],
      ]),
    );
    expect(waitlistPositions([])).toEqual(new Map());
  });

  it('knows a held place from a confirmed or plain one', () => {
    expect(awaitsConfirmation({ status: SignupStatus.SIGNED_UP, confirmBy: at(1), confirmedAt: null })).toBe(true);
    expect(awaitsConfirmation({ status: SignupStatus.SIGNED_UP, confirmBy: at(1), confirmedAt: NOW })).toBe(false);
    expect(awaitsConfirmation({ status: SignupStatus.SIGNED_UP, confirmBy: null })).toBe(false);
    expect(awaitsConfirmation({ status: SignupStatus.CANCELLED, confirmBy: at(1) })).toBe(false);
  });
});

describe('shiftTimesError', () => {
  const s = (from: number, to: number) => ({ startsAt: at(from), endsAt: at(to) });

  it('accepts future shifts up to 24 hours long, overnight ones too', () => {
    expect(shiftTimesError([s(1, 3), s(20, 44)], NOW, false)).toBeNull();
    expect(shiftTimesError([s(-0.01, 1)], NOW, false)).toBeNull();
  });

  it('refuses an end before the start, a shift over 24 h, a past start and a start over a year ahead', () => {
    expect(shiftTimesError([s(3, 3)], NOW, false)?.key).toBe('shiftEndsBeforeStart');
    expect(shiftTimesError([s(3, 2)], NOW, false)?.key).toBe('shiftEndsBeforeStart');
    expect(shiftTimesError([s(1, 25.1)], NOW, false)?.key).toBe('shiftTooLong');
    expect(shiftTimesError([s(1, 2), s(-1, 1)], NOW, false)?.key).toBe('shiftInPast');
    expect(shiftTimesError([s(367 * 24, 367 * 24 + 1)], NOW, false)?.key).toBe('shiftTooFarAhead');
  });

  it('accepts 补录 only of shifts that ended, the earliest within 30 days', () => {
    expect(shiftTimesError([s(-48, -46), s(-29 * 24, -29 * 24 + 2)], NOW, true)).toBeNull();
    expect(shiftTimesError([s(-1, 1)], NOW, true)?.key).toBe('retroactiveNotEnded');
    expect(shiftTimesError([s(-31 * 24, -31 * 24 + 2)], NOW, true)?.key).toBe('retroactiveTooOld');
    expect(shiftTimesError([s(-2, -3)], NOW, true)?.key).toBe('shiftEndsBeforeStart');
  });

  it('spans an activity from the first start to the last end', () => {
    expect(activitySpan([s(5, 6), s(1, 2), s(3, 9)])).toEqual({ startsAt: at(1), endsAt: at(9) });
  });
});

describe('available actions', () => {
  const published = { status: ActivityStatus.PUBLISHED, retroactive: false, startsAt: at(5) };

  it('gives organisers the running of an activity, checkers only check-in, others nothing', () => {
    expect(activityActions(published, { organiser: true, checker: false }, NOW)).toEqual([
      ActivityAction.EDIT,
      ActivityAction.CANCEL,
      ActivityAction.ADD_SHIFT,
      ActivityAction.SHOW_CHECK_IN_CODE,
      ActivityAction.CHECK_IN_OTHERS,
      ActivityAction.VERIFY_HOURS,
    ]);
    expect(activityActions(published, { organiser: false, checker: true }, NOW)).toEqual([
      ActivityAction.CHECK_IN_OTHERS,
    ]);
    expect(activityActions(published, { organiser: false, checker: false }, NOW)).toEqual([]);
  });

  it('offers 补录 once the activity has begun or when it is retroactive, and no code then', () => {
    expect(activityActions({ ...published, startsAt: at(-1) }, { organiser: true, checker: false }, NOW)).toContain(
      ActivityAction.RECORD_ATTENDANCE,
    );
    const retro = activityActions(
      { ...published, retroactive: true, startsAt: at(-48) },
      { organiser: true, checker: true },
      NOW,
    );
    expect(retro).toContain(ActivityAction.RECORD_ATTENDANCE);
    expect(retro).not.toContain(ActivityAction.SHOW_CHECK_IN_CODE);
    expect(retro).not.toContain(ActivityAction.CHECK_IN_OTHERS);
  });

  it('leaves only verification on a cancelled activity', () => {
    expect(
      activityActions({ ...published, status: ActivityStatus.CANCELLED }, { organiser: true, checker: true }, NOW),
    ).toEqual([ActivityAction.VERIFY_HOURS]);
  });

  it('offers SIGN_UP with places, JOIN_WAITLIST when full, to active volunteers without a live sign-up before the start', () => {
    const shift = { startsAt: at(5), capacity: 2, signedUpCount: 1 };
    const activity = { status: ActivityStatus.PUBLISHED, retroactive: false };
    const volunteer = { activeVolunteer: true, liveSignup: false };
    expect(shiftSignUpActions(shift, activity, volunteer, NOW)).toEqual([ShiftAction.SIGN_UP]);
    expect(shiftSignUpActions({ ...shift, signedUpCount: 2 }, activity, volunteer, NOW)).toEqual([
      ShiftAction.JOIN_WAITLIST,
    ]);
    expect(shiftSignUpActions(shift, activity, { ...volunteer, liveSignup: true }, NOW)).toEqual([]);
    expect(shiftSignUpActions(shift, activity, { ...volunteer, activeVolunteer: false }, NOW)).toEqual([]);
    expect(shiftSignUpActions({ ...shift, startsAt: at(0) }, activity, volunteer, NOW)).toEqual([]);
    expect(shiftSignUpActions(shift, { ...activity, retroactive: true }, volunteer, NOW)).toEqual([]);
    expect(shiftSignUpActions(shift, { ...activity, status: ActivityStatus.CANCELLED }, volunteer, NOW)).toEqual([]);
  });

  it('lets the volunteer cancel until the start and confirm a held place before confirmBy', () => {
    const shift = { startsAt: at(5) };
    expect(ownSignupActions({ status: SignupStatus.SIGNED_UP }, shift, true, NOW)).toEqual([SignupAction.CANCEL]);
    expect(ownSignupActions({ status: SignupStatus.WAITLISTED }, shift, true, NOW)).toEqual([SignupAction.CANCEL]);
    expect(ownSignupActions({ status: SignupStatus.SIGNED_UP, confirmBy: at(4) }, shift, true, NOW)).toEqual([
      SignupAction.CANCEL,
      SignupAction.CONFIRM_PROMOTION,
    ]);
    expect(ownSignupActions({ status: SignupStatus.SIGNED_UP, confirmBy: at(-1) }, shift, true, NOW)).toEqual([
      SignupAction.CANCEL,
    ]);
    expect(ownSignupActions({ status: SignupStatus.SIGNED_UP }, { startsAt: at(-1) }, true, NOW)).toEqual([]);
    expect(ownSignupActions({ status: SignupStatus.CHECKED_OUT }, shift, true, NOW)).toEqual([]);
    expect(ownSignupActions({ status: SignupStatus.SIGNED_UP }, shift, false, NOW)).toEqual([]);
  });
});
