import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import type { Activity, Shift, ShiftSignup } from './activity.entity.js';
import type { ShiftAction, SignupAction } from './activities.enums.js';
import { ownSignupActions, shiftSignUpActions } from './activities.rules.js';
import { attendanceShiftActions, attendanceSignupActions } from '../attendance/attendance.actions.js';
import { recordActionsFor } from '../records/records.resolver.js';

/**
 * Shift.availableActions and ShiftSignup.availableActions are put together from contributors,
 * one per feature: activities/ gives sign-up, waiting list, cancel and confirm; attendance/
 * adds check-in and check-out, records/ verification and corrections. A contributor gets the
 * facts every feature needs, already loaded and batched for a whole page, and adds its own
 * batched lookups through requestLoader on `ctx`. To add one: export it from the feature and
 * append it to the list here.
 */

export interface ShiftActionFacts {
  viewer: Viewer;
  shift: Shift;
  activity: Activity;
  /** 谁组织谁记录 (isOrganiser). */
  organiser: boolean;
  /** The viewer has an ACTIVE volunteer profile. */
  activeVolunteer: boolean;
  /** The viewer's live (not cancelled) sign-up to the shift. */
  viewerSignup: ShiftSignup | null;
  now: Date;
}

export interface SignupActionFacts {
  viewer: Viewer;
  signup: ShiftSignup;
  shift: Shift;
  activity: Activity;
  /** The sign-up is the viewer's own. */
  own: boolean;
  /** 谁组织谁记录 (isOrganiser). */
  organiser: boolean;
  /** CHECK_IN_VOLUNTEERS over the activity's area (grid workers: check in and out, not verify). */
  checker: boolean;
  now: Date;
}

export type ShiftActionContributor = (facts: ShiftActionFacts, ctx: Context) => ShiftAction[] | Promise<ShiftAction[]>;
export type SignupActionContributor = (
  facts: SignupActionFacts,
  ctx: Context,
) => SignupAction[] | Promise<SignupAction[]>;

const signUpActions: ShiftActionContributor = (facts) =>
  shiftSignUpActions(
    facts.shift,
    facts.activity,
    { activeVolunteer: facts.activeVolunteer, liveSignup: !!facts.viewerSignup },
    facts.now,
  );

const cancelAndConfirmActions: SignupActionContributor = (facts) =>
  ownSignupActions(facts.signup, facts.shift, facts.own, facts.now);

/** The lead appends attendance/'s CHECK_IN_WITH_CODE / CHECK_OUT_WITH_CODE contributor here. */
export const SHIFT_ACTION_CONTRIBUTORS: readonly ShiftActionContributor[] = [
  signUpActions,
  attendanceShiftActions,
];

/** The lead appends attendance/'s CHECK_IN / CHECK_OUT and records/' VERIFY / REQUEST_CORRECTION contributors here. */
export const SIGNUP_ACTION_CONTRIBUTORS: readonly SignupActionContributor[] = [
  cancelAndConfirmActions,
  attendanceSignupActions,
  (facts, ctx) => recordActionsFor(ctx, facts.signup, facts.organiser, facts.now),
];

/** Every contributor's actions, in the contributors' order, each once. */
export async function collectActions<F, A>(
  contributors: readonly ((facts: F, ctx: Context) => A[] | Promise<A[]>)[],
  facts: F,
  ctx: Context,
): Promise<A[]> {
  const lists = await Promise.all(contributors.map((contribute) => contribute(facts, ctx)));
  return [...new Set(lists.flat())];
}
