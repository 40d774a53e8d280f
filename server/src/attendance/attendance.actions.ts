import { ActivityStatus, ShiftAction, SignupAction, type SignupStatus } from '../activities/activities.enums.js';
import { checkerActions, selfActions } from './attendance.rules.js';

/*
 * Attendance's part of Shift.availableActions and ShiftSignup.availableActions. activities/
 * puts those lists together from one contributor per feature, handing each the facts it has
 * loaded for the whole page (activities.actions.ts: ShiftActionFacts, SignupActionFacts); these
 * two take the part of those facts they need, so they need no lookup of their own.
 */

interface ShiftTimes {
  startsAt: Date;
  endsAt: Date;
}

/**
 * SignupAction CHECK_IN / CHECK_OUT, for the activity's organisers and CHECK_IN_VOLUNTEERS
 * over its area: check-in while it is open from a status a check-in moves on from; check-out
 * of someone present at any time (afterwards with `at`, closing a forgotten one).
 */
export function attendanceSignupActions(facts: {
  signup: { status: SignupStatus };
  shift: ShiftTimes;
  activity: { status: ActivityStatus };
  organiser: boolean;
  checker: boolean;
  now: Date;
}): SignupAction[] {
  if (!facts.organiser && !facts.checker) return [];
  const live = facts.activity.status === ActivityStatus.PUBLISHED;
  return checkerActions(facts.signup, facts.shift, live, facts.now).map((action) => SignupAction[action]);
}

/**
 * ShiftAction CHECK_IN_WITH_CODE / CHECK_OUT_WITH_CODE, for the volunteer with a live sign-up
 * to the shift while their check-in (or check-out) by code is open.
 */
export function attendanceShiftActions(facts: {
  shift: ShiftTimes;
  activity: { status: ActivityStatus };
  viewerSignup: { status: SignupStatus } | null;
  now: Date;
}): ShiftAction[] {
  const live = facts.activity.status === ActivityStatus.PUBLISHED;
  return selfActions(facts.viewerSignup, facts.shift, live, facts.now).map((action) => ShiftAction[action]);
}
