import { registerEnumType } from 'type-graphql';

/** Where a volunteer's sign-up to a shift stands; `nextSignupStatus` (activities.rules.ts) moves it. */
export enum SignupStatus {
  SIGNED_UP = 'SIGNED_UP',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  CHECKED_IN = 'CHECKED_IN',
  CHECKED_OUT = 'CHECKED_OUT',
  VERIFIED = 'VERIFIED',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(SignupStatus, { name: 'SignupStatus' });

/** The statuses that hold one of the shift's places (`Shift.signedUpCount` counts them). */
export const PLACE_HOLDING_STATUSES: readonly SignupStatus[] = [
  SignupStatus.SIGNED_UP,
  SignupStatus.CHECKED_IN,
  SignupStatus.CHECKED_OUT,
  SignupStatus.VERIFIED,
  SignupStatus.NO_SHOW,
];

export enum SignupCancelReason {
  BY_VOLUNTEER = 'BY_VOLUNTEER',
  /** A place offered from the waiting list was not confirmed in time. */
  PROMOTION_EXPIRED = 'PROMOTION_EXPIRED',
  ACTIVITY_CANCELLED = 'ACTIVITY_CANCELLED',
}
registerEnumType(SignupCancelReason, { name: 'SignupCancelReason' });

export enum ActivityStatus {
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ActivityStatus, { name: 'ActivityStatus' });

export enum ActivityAction {
  EDIT = 'EDIT',
  CANCEL = 'CANCEL',
  ADD_SHIFT = 'ADD_SHIFT',
  SHOW_CHECK_IN_CODE = 'SHOW_CHECK_IN_CODE',
  CHECK_IN_OTHERS = 'CHECK_IN_OTHERS',
  RECORD_ATTENDANCE = 'RECORD_ATTENDANCE',
  VERIFY_HOURS = 'VERIFY_HOURS',
}
registerEnumType(ActivityAction, { name: 'ActivityAction', description: 'What the viewer may do with an activity' });

export enum ShiftAction {
  SIGN_UP = 'SIGN_UP',
  JOIN_WAITLIST = 'JOIN_WAITLIST',
  CHECK_IN_WITH_CODE = 'CHECK_IN_WITH_CODE',
  CHECK_OUT_WITH_CODE = 'CHECK_OUT_WITH_CODE',
}
registerEnumType(ShiftAction, { name: 'ShiftAction', description: 'What the viewer may do with a shift' });

export enum SignupAction {
  CANCEL = 'CANCEL',
  CONFIRM_PROMOTION = 'CONFIRM_PROMOTION',
  CHECK_IN = 'CHECK_IN',
  CHECK_OUT = 'CHECK_OUT',
  VERIFY = 'VERIFY',
  REQUEST_CORRECTION = 'REQUEST_CORRECTION',
}
registerEnumType(SignupAction, { name: 'SignupAction', description: 'What the viewer may do with a sign-up' });
