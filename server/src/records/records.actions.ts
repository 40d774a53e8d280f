import type { SignupAction } from '../activities/activities.enums.js';
import type { ShiftSignup } from '../activities/activity.entity.js';
import type { Context } from '../platform/context.js';
import { shiftOf } from '../activities/activities.queries.js';
import { CorrectionStatus } from './records.enums.js';
import { correctionsOfSignup } from './records.queries.js';
import { recordSignupActions } from './records.rules.js';

/**
 * records/' part of ShiftSignup.availableActions, for its owner's resolver to add: VERIFY and
 * REQUEST_CORRECTION. `organises` is isOrganiser for the sign-up's activity (the caller batches
 * it); the open request and the shift's end are read batched (request loaders).
 */
export async function recordActionsFor(
  ctx: Context,
  signup: ShiftSignup,
  organises: boolean,
  now = new Date(),
): Promise<SignupAction[]> {
  const viewer = ctx.viewer;
  if (!viewer) return [];
  const mine = signup.volunteer.id === viewer.id;
  const [corrections, shift] = await Promise.all([
    mine ? correctionsOfSignup(ctx).load(signup.id) : [],
    shiftOf(ctx, signup),
  ]);
  return recordSignupActions(
    { status: signup.status, volunteerId: signup.volunteer.id },
    {
      id: viewer.id,
      organises,
      hasOpenCorrection: corrections.some((correction) => correction.status === CorrectionStatus.OPEN),
    },
    shift.endsAt,
    now,
  );
}
