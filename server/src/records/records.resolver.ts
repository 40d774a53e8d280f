import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { hoursFromMinutes } from '../activities/activities.rules.js';
import { ShiftSignup } from '../activities/activity.entity.js';
import { Area } from '../areas/area.entity.js';
import { maskName } from '../people/people.rules.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { PageArgs } from '../platform/pagination.js';
import { Todos } from '../todos/todos.type.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { CorrectionRequest, ServiceRecordEntry, StarAward } from './record.entity.js';
import { CorrectionStatus, StarAwardStatus } from './records.enums.js';
import {
  AnswerCorrectionArgs,
  CorrectionRequestsArgs,
  RankingArgs,
  RequestCorrectionArgs,
  StarNoticesArgs,
  SummaryRecordsArgs,
  SummarySignupsArgs,
  VerifyHoursArgs,
  WithholdStarArgs,
} from './records.inputs.js';
import {
  correctionsOfSignup,
  countCorrectionsToAnswer,
  countHoursToVerify,
  entriesOfSignup,
  listCorrectionRequests,
  listStarNotices,
  nameOfProfile,
  profileOfUser,
  starsOfProfile,
  summaryCorrections,
  summaryRecords,
  summarySignups,
  teamRanking,
  volunteerRanking,
} from './records.queries.js';
import { nextStar } from './records.rules.js';
import {
  answerRecordCorrection,
  requestRecordCorrection,
  verifyHours,
  verifyShiftHours,
  withholdStar,
} from './records.service.js';
import {
  CorrectionRequestConnection,
  ShiftSignupConnection,
  StarAwardConnection,
  TeamRankingConnection,
  VolunteerRankingConnection,
} from './records.types.js';
import { VolunteerSummary } from './volunteer-summary.type.js';

@Resolver()
export class RecordsResolver {
  @Authorized()
  @Query(() => VolunteerSummary)
  async myVolunteering(@CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<VolunteerSummary> {
    const profile = await profileOfUser(ctx).load(viewer.id);
    return { userId: viewer.id, profileId: profile?.id ?? null };
  }

  @Query(() => VolunteerRankingConnection, {
    description:
      "Verified hours per volunteer of activities in the area's subtree; public with masked names. A street or community with no bounds, or from/to spanning exactly one China calendar year or month, reads a rollup kept by each verification (index order); any other range, or a grid, sums the verified sign-ups in it and costs as many as there are",
  })
  volunteerRanking(@Args() args: RankingArgs, @Ctx() ctx: Context) {
    return volunteerRanking(ctx, args);
  }

  @Query(() => TeamRankingConnection, {
    description:
      'Verified hours per organising team; public. Rollups as volunteerRanking (then summed over the teams’ members); other ranges sum the sign-ups',
  })
  teamRanking(@Args() args: RankingArgs, @Ctx() ctx: Context) {
    return teamRanking(ctx, args);
  }

  @Authorized()
  @Query(() => CorrectionRequestConnection, {
    description: "Organisers' inbox: corrections of activities they organise, staff: of the area; soonest due first",
  })
  correctionRequests(
    @Args() { filter, ...page }: CorrectionRequestsArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return listCorrectionRequests(em, viewer, filter, page);
  }

  @Query(() => StarAwardConnection, {
    description:
      "Public: stars in their notice period (and awarded ones with includeAwarded: true) in the area's subtree, newest first",
  })
  starNotices(@Args() { areaId, includeAwarded, ...page }: StarNoticesArgs, @Ctx() { em }: Context) {
    return listStarNotices(em, areaId, !!includeAwarded, page);
  }

  @Authorized()
  @Mutation(() => ShiftSignup, {
    description: 'Organisers: hours null verifies the recorded hours; else corrects them (reason required)',
  })
  verifyHours(@Args() args: VerifyHoursArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return verifyHours(em, viewer, args);
  }

  @Authorized()
  @Mutation(() => [ShiftSignup], {
    description: 'Organisers: verify every CHECKED_OUT sign-up of the shift as recorded',
  })
  verifyShiftHours(@Arg('shiftId', () => ID) shiftId: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return verifyShiftHours(em, viewer, shiftId);
  }

  @Authorized()
  @Mutation(() => CorrectionRequest, {
    description:
      'The volunteer: wrong or missing hours (CHECKED_OUT, VERIFIED or NO_SHOW); one open per sign-up, within 90 days of the shift',
  })
  requestRecordCorrection(
    @Args() args: RequestCorrectionArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return requestRecordCorrection(em, viewer, args);
  }

  @Authorized()
  @Mutation(() => CorrectionRequest, { description: 'Organisers; OPEN requests only' })
  answerRecordCorrection(@Args() args: AnswerCorrectionArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return answerRecordCorrection(em, viewer, args);
  }

  @Authorized()
  @Mutation(() => StarAward, {
    description: 'MANAGE_VOLUNTEERS over the community, during the notice period (an objection upheld)',
  })
  withholdStar(@Args() args: WithholdStarArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return withholdStar(em, viewer, args);
  }
}

@Resolver(() => VolunteerSummary)
export class VolunteerSummaryResolver {
  @FieldResolver(() => VolunteerProfile, { nullable: true, description: 'Null when the viewer is not a volunteer' })
  profile(@Root() summary: VolunteerSummary, @Ctx() ctx: Context) {
    return profileOfUser(ctx).load(summary.userId);
  }

  @FieldResolver(() => Float)
  async verifiedHours(@Root() summary: VolunteerSummary, @Ctx() ctx: Context) {
    return hoursFromMinutes((await profileOfUser(ctx).load(summary.userId))?.verifiedMinutes ?? 0);
  }

  @FieldResolver(() => Int, { description: '0 to 5, awarded' })
  async starLevel(@Root() summary: VolunteerSummary, @Ctx() ctx: Context) {
    return (await profileOfUser(ctx).load(summary.userId))?.starLevel ?? 0;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The next star by hours (null at five stars)' })
  async nextStarLevel(@Root() summary: VolunteerSummary, @Ctx() ctx: Context) {
    return nextStar((await profileOfUser(ctx).load(summary.userId))?.verifiedMinutes ?? 0)?.level ?? null;
  }

  @FieldResolver(() => Float, { nullable: true })
  async hoursToNextStar(@Root() summary: VolunteerSummary, @Ctx() ctx: Context) {
    return nextStar((await profileOfUser(ctx).load(summary.userId))?.verifiedMinutes ?? 0)?.hoursToGo ?? null;
  }

  @FieldResolver(() => StarAward, { nullable: true, description: 'A star in its notice period' })
  async pendingStar(@Root() summary: VolunteerSummary, @Ctx() ctx: Context) {
    if (summary.profileId === null) return null;
    const stars = await starsOfProfile(ctx).load(summary.profileId);
    return stars.filter((star) => star.status === StarAwardStatus.PUBLICIZING).at(-1) ?? null;
  }

  @FieldResolver(() => Int)
  async noShowCount(@Root() summary: VolunteerSummary, @Ctx() ctx: Context) {
    return (await profileOfUser(ctx).load(summary.userId))?.noShowCount ?? 0;
  }

  @FieldResolver(() => ShiftSignupConnection)
  signups(
    @Root() summary: VolunteerSummary,
    @Args() { statuses, ...page }: SummarySignupsArgs,
    @Ctx() { em }: Context,
  ) {
    return summarySignups(em, summary.userId, statuses, page);
  }

  @FieldResolver(() => ShiftSignupConnection, { description: 'Sign-ups with recorded or verified hours, newest first' })
  records(@Root() summary: VolunteerSummary, @Args() args: SummaryRecordsArgs, @Ctx() { em }: Context) {
    return summaryRecords(em, summary.userId, args);
  }

  @FieldResolver(() => CorrectionRequestConnection)
  corrections(@Root() summary: VolunteerSummary, @Args() page: PageArgs, @Ctx() { em }: Context) {
    return summaryCorrections(em, summary.userId, page);
  }

  @FieldResolver(() => [StarAward])
  async stars(@Root() summary: VolunteerSummary, @Ctx() ctx: Context) {
    return summary.profileId === null ? [] : starsOfProfile(ctx).load(summary.profileId);
  }
}

/**
 * The record's fields of a sign-up. Whoever sees a sign-up (its owner, s-activities, decides:
 * the volunteer, the activity's organisers, those who check in over its area) sees its record.
 */
@Resolver(() => ShiftSignup)
export class ShiftSignupRecordsResolver {
  @FieldResolver(() => Float, { nullable: true, description: 'Null until verified; only these count' })
  verifiedHours(@Root() signup: ShiftSignup) {
    return signup.verifiedMinutes === null || signup.verifiedMinutes === undefined
      ? null
      : hoursFromMinutes(signup.verifiedMinutes);
  }

  @FieldResolver(() => User, { nullable: true })
  verifiedBy(@Root() signup: ShiftSignup) {
    return signup.verifiedBy?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => [ServiceRecordEntry], {
    description: 'The append-only record: every recording, verification and correction with who, when and why',
  })
  entries(@Root() signup: ShiftSignup, @Ctx() ctx: Context) {
    return entriesOfSignup(ctx).load(signup.id);
  }

  @FieldResolver(() => [CorrectionRequest])
  corrections(@Root() signup: ShiftSignup, @Ctx() ctx: Context) {
    return correctionsOfSignup(ctx).load(signup.id);
  }
}

@Resolver(() => ServiceRecordEntry)
export class ServiceRecordEntryResolver {
  @FieldResolver(() => Float, { description: 'The hours after this entry' })
  hours(@Root() entry: ServiceRecordEntry) {
    return hoursFromMinutes(entry.minutes);
  }

  @FieldResolver(() => Float, { nullable: true })
  previousHours(@Root() entry: ServiceRecordEntry) {
    return entry.previousMinutes === null || entry.previousMinutes === undefined
      ? null
      : hoursFromMinutes(entry.previousMinutes);
  }

  @FieldResolver(() => User)
  actor(@Root() entry: ServiceRecordEntry) {
    return entry.actor.loadOrFail({ dataloader: true });
  }
}

@Resolver(() => CorrectionRequest)
export class CorrectionRequestResolver {
  @FieldResolver(() => ShiftSignup)
  signup(@Root() correction: CorrectionRequest) {
    return correction.signup.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => User)
  volunteer(@Root() correction: CorrectionRequest) {
    return correction.volunteer.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Float, { description: 'The hours the volunteer asks for' })
  requestedHours(@Root() correction: CorrectionRequest) {
    return hoursFromMinutes(correction.requestedMinutes);
  }

  @FieldResolver(() => Float, { description: "The record's hours when asked (verified, else recorded, else 0)" })
  hoursBefore(@Root() correction: CorrectionRequest) {
    return hoursFromMinutes(correction.minutesBefore);
  }

  @FieldResolver(() => User, { nullable: true })
  answeredBy(@Root() correction: CorrectionRequest) {
    return correction.answeredBy?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Open past its due time' })
  overdue(@Root() correction: CorrectionRequest) {
    return correction.status === CorrectionStatus.OPEN && correction.dueAt < new Date();
  }
}

@Resolver(() => StarAward)
export class StarAwardResolver {
  @FieldResolver(() => String, { description: 'Masked, e.g. 王*明' })
  async volunteerName(@Root() star: StarAward, @Ctx() ctx: Context) {
    return maskName(await nameOfProfile(ctx).load(star.profile.id));
  }

  @FieldResolver(() => Area)
  community(@Root() star: StarAward) {
    return star.community.loadOrFail({ dataloader: true });
  }
}

@Resolver(() => Todos)
export class RecordTodosResolver {
  @FieldResolver(() => Int, { description: 'CHECKED_OUT sign-ups of activities the viewer organises' })
  hoursToVerify(@Ctx() { em, viewer }: Context) {
    return countHoursToVerify(em, viewer);
  }

  @FieldResolver(() => Int, { description: 'Open corrections of activities the viewer organises' })
  correctionsToAnswer(@Ctx() { em, viewer }: Context) {
    return countCorrectionsToAnswer(em, viewer);
  }
}
