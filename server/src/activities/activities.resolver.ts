import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { photoUrls } from '../media/media.storage.js';
import { Need } from '../needs/need.entity.js';
import { canSee } from '../needs/needs.access.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { findById } from '../platform/ids.js';
import { RateLimited } from '../platform/rate-limit.js';
import { Project } from '../projects/project.entity.js';
import { Resolution } from '../resolutions/resolution.entity.js';
import { Team } from '../teams/team.entity.js';
import { Todos } from '../todos/todos.type.js';
import { unitIdsOf } from '../units/units.access.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { VolunteerSkill } from '../volunteers/volunteers.enums.js';
import { volunteerAccessLoader } from '../volunteers/volunteers.service.js';
import { Activity, ActivityPhoto, Shift, ShiftSignup } from './activity.entity.js';
import { mayCheckInVolunteers } from './activities.access.js';
import { collectActions, SHIFT_ACTION_CONTRIBUTORS, SIGNUP_ACTION_CONTRIBUTORS } from './activities.actions.js';
import { ActivityAction, ShiftAction, SignupAction, SignupStatus } from './activities.enums.js';
import {
  ActivitiesArgs,
  ActivitySignupsArgs,
  AddShiftArgs,
  CancelActivityArgs,
  CreateActivityInput,
  SetShiftCapacityArgs,
  UpdateActivityArgs,
} from './activities.inputs.js';
import { ACTIVITY_CREATE_RATE_LIMIT, SHIFT_SIGNUP_RATE_LIMIT } from './activities.limits.js';
import {
  activitySignups,
  checkedInCountOf,
  listActivities,
  organiserOf,
  photosOf,
  profileOfUser,
  shiftOf,
  shiftsOf,
  viewerIsActiveVolunteer,
  viewerSignupOf,
  viewerSignupsOf,
  waitlistPositionOf,
} from './activities.queries.js';
import { activityActions } from './activities.rules.js';
import { addShift, cancelActivity, createActivity, setShiftCapacity, updateActivity } from './activities.service.js';
import { ActivityConnection, ShiftSignupConnection } from './activities.types.js';
import { cancelShiftSignup, confirmPromotion, signUpForShift } from './signups.service.js';

const placesLeftOf = (shift: Shift) => Math.max(0, shift.capacity - shift.signedUpCount);

@Resolver(() => Activity)
export class ActivitiesResolver {
  @Query(() => ActivityConnection, {
    description: 'Public; newest shift first unless from is given (then soonest first)',
  })
  activities(@Args() { filter, ...page }: ActivitiesArgs, @Ctx() ctx: Context) {
    return listActivities(ctx, filter, page);
  }

  @Query(() => Activity, { nullable: true, description: 'Public; null when there is no such activity' })
  activity(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Activity, id);
  }

  @Authorized()
  @RateLimited(ACTIVITY_CREATE_RATE_LIMIT)
  @Mutation(() => Activity, {
    description: "ORGANISE_ACTIVITIES over the area, or a leader of the team (team's area subtree)",
  })
  createActivity(@Arg('input') input: CreateActivityInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return createActivity(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => Activity, { description: 'Organisers' })
  updateActivity(@Args() { id, input }: UpdateActivityArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return updateActivity(em, viewer, id, input);
  }

  @Authorized()
  @Mutation(() => Activity, { description: 'Organisers; sign-ups are cancelled and told' })
  cancelActivity(@Args() { id, reason }: CancelActivityArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return cancelActivity(em, viewer, id, reason);
  }

  @Authorized()
  @Mutation(() => Shift, { description: 'Organisers' })
  addShift(@Args() { activityId, input }: AddShiftArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return addShift(em, viewer, activityId, input);
  }

  @Authorized()
  @Mutation(() => Shift, {
    description:
      'Organisers; raising it promotes from the waiting list, lowering below the places taken is BAD_USER_INPUT',
  })
  setShiftCapacity(
    @Args() { shiftId, capacity }: SetShiftCapacityArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return setShiftCapacity(em, viewer, shiftId, capacity);
  }

  @Authorized()
  @RateLimited(SHIFT_SIGNUP_RATE_LIMIT)
  @Mutation(() => ShiftSignup, {
    description: 'An ACTIVE volunteer; full: WAITLISTED. A second live sign-up to the shift is CONFLICT',
  })
  signUpForShift(@Arg('shiftId', () => ID) shiftId: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return signUpForShift(em, viewer, shiftId);
  }

  @Authorized()
  @Mutation(() => ShiftSignup, { description: 'The volunteer, until the shift starts' })
  cancelShiftSignup(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return cancelShiftSignup(em, viewer, id);
  }

  @Authorized()
  @Mutation(() => ShiftSignup, { description: 'The promoted volunteer, before confirmBy' })
  confirmPromotion(
    @Arg('signupId', () => ID) signupId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return confirmPromotion(em, viewer, signupId);
  }

  @FieldResolver(() => Area)
  area(@Root() activity: Activity) {
    return activity.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => [VolunteerSkill])
  skills(@Root() activity: Activity) {
    return activity.skills;
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() activity: Activity) {
    return activity.team?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Need, { nullable: true, description: 'Null also when the need is not the viewer’s to see' })
  async need(@Root() activity: Activity, @Ctx() ctx: Context) {
    const need = await activity.need?.load({ dataloader: true });
    if (!need) return null;
    return canSee(ctx.viewer, need, unitIdsOf(ctx.viewer)) ? need : null;
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() activity: Activity) {
    return activity.project?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Resolution, { nullable: true })
  resolution(@Root() activity: Activity) {
    return activity.resolution?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => [Shift], { description: 'In order of start' })
  shifts(@Root() activity: Activity, @Ctx() ctx: Context) {
    return shiftsOf(ctx).load(activity.id);
  }

  @FieldResolver(() => [ActivityPhoto])
  photos(@Root() activity: Activity, @Ctx() ctx: Context) {
    return photosOf(ctx).load(activity.id);
  }

  @FieldResolver(() => Int, { description: 'Free places over the shifts still to start' })
  async placesLeft(@Root() activity: Activity, @Ctx() ctx: Context) {
    const now = Date.now();
    const shifts = await shiftsOf(ctx).load(activity.id);
    return shifts
      .filter((shift) => shift.startsAt.getTime() > now)
      .reduce((sum, shift) => sum + placesLeftOf(shift), 0);
  }

  @FieldResolver(() => User)
  createdBy(@Root() activity: Activity) {
    return activity.createdBy.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => [ShiftSignup], { description: "The viewer's own sign-ups to its shifts" })
  viewerSignups(@Root() activity: Activity, @Ctx() ctx: Context) {
    return viewerSignupsOf(ctx).load(activity.id);
  }

  @FieldResolver(() => ShiftSignupConnection, {
    description:
      'Organisers (staff over the area, the creator, the team’s leaders) and CHECK_IN_VOLUNTEERS over the area; empty for others',
  })
  signups(@Root() activity: Activity, @Args() args: ActivitySignupsArgs, @Ctx() ctx: Context) {
    return activitySignups(ctx, activity, args);
  }

  @FieldResolver(() => [ActivityAction], { description: 'What the viewer may do with it now' })
  async availableActions(@Root() activity: Activity, @Ctx() ctx: Context) {
    if (!ctx.viewer) return [];
    const organiser = await organiserOf(ctx).load(activity);
    const checker = mayCheckInVolunteers(ctx.viewer, { path: activity.areaPath });
    return activityActions(activity, { organiser, checker }, new Date());
  }
}

@Resolver(() => Shift)
export class ShiftResolver {
  @FieldResolver(() => Activity)
  activity(@Root() shift: Shift) {
    return shift.activity.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Int)
  placesLeft(@Root() shift: Shift) {
    return placesLeftOf(shift);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Volunteers checked in now; organisers only, else null' })
  async checkedInCount(@Root() shift: Shift, @Ctx() ctx: Context) {
    if (!ctx.viewer) return null;
    const activity = await shift.activity.loadOrFail({ dataloader: true });
    if (!(await organiserOf(ctx).load(activity))) return null;
    return checkedInCountOf(ctx).load(shift.id);
  }

  @FieldResolver(() => ShiftSignup, { nullable: true, description: "The viewer's live (not cancelled) sign-up" })
  viewerSignup(@Root() shift: Shift, @Ctx() ctx: Context) {
    return viewerSignupOf(ctx).load(shift.id);
  }

  @FieldResolver(() => [ShiftAction], { description: 'What the viewer may do with the shift now' })
  async availableActions(@Root() shift: Shift, @Ctx() ctx: Context) {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    const activity = await shift.activity.loadOrFail({ dataloader: true });
    const [organiser, activeVolunteer, viewerSignup] = await Promise.all([
      organiserOf(ctx).load(activity),
      viewerIsActiveVolunteer(ctx).load(viewer.id),
      viewerSignupOf(ctx).load(shift.id),
    ]);
    return collectActions(
      SHIFT_ACTION_CONTRIBUTORS,
      { viewer, shift, activity, organiser, activeVolunteer, viewerSignup, now: new Date() },
      ctx,
    );
  }
}

@Resolver(() => ShiftSignup)
export class ShiftSignupResolver {
  @FieldResolver(() => Shift)
  shift(@Root() signup: ShiftSignup, @Ctx() ctx: Context) {
    return shiftOf(ctx, signup);
  }

  @FieldResolver(() => Activity)
  activity(@Root() signup: ShiftSignup) {
    return signup.activity.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => User)
  volunteer(@Root() signup: ShiftSignup) {
    return signup.volunteer.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => VolunteerProfile, {
    nullable: true,
    description: 'Number, no-show count: to organisers, the volunteer and staff over their community',
  })
  async volunteerProfile(@Root() signup: ShiftSignup, @Ctx() ctx: Context) {
    const profile = await profileOfUser(ctx).load(signup.volunteer.id);
    // Who sees a profile is volunteers/' one rule (the volunteer, staff over their community, organisers of what they signed up for).
    return profile && (await volunteerAccessLoader(ctx).load(profile)) ? profile : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: '1 for the next to be promoted; null unless WAITLISTED' })
  waitlistPosition(@Root() signup: ShiftSignup, @Ctx() ctx: Context) {
    if (signup.status !== SignupStatus.WAITLISTED) return null;
    return waitlistPositionOf(ctx).load(signup);
  }

  @FieldResolver(() => [SignupAction], { description: 'What the viewer may do with the sign-up now' })
  async availableActions(@Root() signup: ShiftSignup, @Ctx() ctx: Context) {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    const [shift, activity] = await Promise.all([
      shiftOf(ctx, signup),
      signup.activity.loadOrFail({ dataloader: true }),
    ]);
    const organiser = await organiserOf(ctx).load(activity);
    const checker = mayCheckInVolunteers(viewer, { path: activity.areaPath });
    return collectActions(
      SIGNUP_ACTION_CONTRIBUTORS,
      { viewer, signup, shift, activity, own: signup.volunteer.id === viewer.id, organiser, checker, now: new Date() },
      ctx,
    );
  }
}

@Resolver(() => ActivityPhoto)
export class ActivityPhotoResolver {
  @FieldResolver(() => String)
  url(@Root() photo: ActivityPhoto) {
    return photoUrls(photo.storageKey).url;
  }

  @FieldResolver(() => String)
  thumbnailUrl(@Root() photo: ActivityPhoto) {
    return photoUrls(photo.storageKey).thumbnailUrl;
  }
}

@Resolver(() => Todos)
export class ActivityTodosResolver {
  @FieldResolver(() => Int, { description: "Promoted places waiting for the viewer's confirmation" })
  async promotionsToConfirm(@Ctx() { em, viewer }: Context) {
    if (!viewer) return 0;
    return em.count(ShiftSignup, {
      volunteer: viewer.id,
      status: SignupStatus.SIGNED_UP,
      confirmedAt: null,
      confirmBy: { $gt: new Date() },
    });
  }
}
