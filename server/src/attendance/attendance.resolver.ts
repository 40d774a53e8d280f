import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { hoursFromMinutes } from '../activities/activities.rules.js';
import { ShiftSignup } from '../activities/activity.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { ShiftCheckIn } from './attendance.entity.js';
import { CheckInArgs, CheckOutArgs, RecordAttendanceInput } from './attendance.inputs.js';
import { checkInVolunteer, checkOutVolunteer, issueCheckInCode, recordAttendance } from './attendance.service.js';

@ObjectType({ description: 'The rotating code an organiser shows on site; the QR opens checkInUrl' })
class CheckInCode {
  @Field()
  code: string;

  @Field({ description: 'When it stops being accepted' })
  expiresAt: Date;

  @Field({ description: 'When the display should show the next one' })
  changesAt: Date;

  @Field({ description: '/volunteer/check-in?shift=<id>&code=<code>' })
  checkInUrl: string;

  @Field({ description: 'The URL as a QR code (SVG)' })
  qrSvg: string;
}

@Resolver()
export class AttendanceResolver {
  @Authorized()
  @Mutation(() => CheckInCode, { description: 'Organisers: the code to show as a QR on site' })
  issueCheckInCode(
    @Arg('shiftId', () => ID) shiftId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em, request }: Context,
  ) {
    return issueCheckInCode(em, viewer, shiftId, `${request.protocol}://${request.host}`);
  }

  @Authorized()
  @Mutation(() => ShiftSignup, {
    description: 'An organiser or CHECK_IN_VOLUNTEERS with signupId; the volunteer with shiftId and code',
  })
  checkInVolunteer(@Args() args: CheckInArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return checkInVolunteer(em, viewer, args);
  }

  @Authorized()
  @Mutation(() => ShiftSignup, {
    description: 'The same; at: an organiser closing a forgotten check-out gives when the volunteer left',
  })
  checkOutVolunteer(@Args() args: CheckOutArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return checkOutVolunteer(em, viewer, args);
  }

  @Authorized()
  @Mutation(() => ShiftSignup, { description: '补录 from a paper sign-in sheet: organisers, up to 30 days back' })
  recordAttendance(
    @Arg('input') input: RecordAttendanceInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return recordAttendance(em, viewer, input);
  }
}

/** Attendance's fields of a sign-up: whoever may see the sign-up sees how it was attended. */
@Resolver(() => ShiftSignup)
export class SignupAttendanceResolver {
  @FieldResolver(() => [ShiftCheckIn], { description: 'Every check-in and check-out, in order' })
  checkIns(@Root() signup: ShiftSignup, @Ctx() ctx: Context) {
    return requestLoader<number, ShiftCheckIn[]>(ctx, 'attendance.checkIns', async (ids) => {
      const rows = await ctx.em.find(
        ShiftCheckIn,
        { signup: { $in: [...ids] } },
        { orderBy: { checkedInAt: 'asc', id: 'asc' } },
      );
      const bySignup = new Map<number, ShiftCheckIn[]>();
      for (const row of rows) bySignup.set(row.signup.id, [...(bySignup.get(row.signup.id) ?? []), row]);
      return ids.map((id) => bySignup.get(id) ?? []);
    }).load(signup.id);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Check-out minus check-in over the check-ins, capped; null before the first check-out',
  })
  recordedHours(@Root() signup: ShiftSignup) {
    return signup.recordedMinutes == null ? null : hoursFromMinutes(signup.recordedMinutes);
  }
}
