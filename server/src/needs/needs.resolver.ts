import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Area, AreaKind } from '../areas/area.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection } from '../platform/pagination.js';
import { PersonSearchArgs } from '../people/people.inputs.js';
import { UserConnection } from '../people/people.resolver.js';
import { RateLimited } from '../platform/rate-limit.js';
import { User } from '../people/user.entity.js';
import { Need, NeedEvent, NeedPhoto } from './need.entity.js';
import { NeedAction, NeedCategory, Urgency } from './need.enums.js';
import {
  AssignNeedArgs,
  AssignNeedsArgs,
  CommentArgs,
  ConfirmNeedArgs,
  NeedNoteArgs,
  NeedReasonArgs,
  NeedsArgs,
  NeedStatsArgs,
  RaiseNeedInput,
  ResolveNeedArgs,
  SetNeedDeadlineArgs,
} from './needs.inputs.js';
import { actionsFor, actorFacts, findVisibleNeed, residentOf } from './needs.access.js';
import { listDeadlines, setDeadline } from './needs.deadlines.js';
import {
  acceptNeed,
  assignNeed,
  assignNeeds,
  commentOnNeed,
  confirmNeed,
  escalateNeed,
  raiseNeed,
  rejectNeed,
  reopenNeed,
  resolveNeed,
  startNeed,
  supportNeed,
  takeNeed,
} from './needs.lifecycle.js';
import { listAssignableUsers, listNeeds, supportedBy } from './needs.queries.js';
import { needStats } from './needs.stats.js';
import { published } from './needs.live.js';
import { photoUrls } from '../media/media.storage.js';
import { NEED_COMMENT_RATE_LIMIT, NEED_RAISE_RATE_LIMIT } from './needs.limits.js';
import {
  isDueSoon,
  NO_DEADLINE,
  publicByDefault,
  SENSITIVE_CATEGORIES,
  showsBuilding,
  ticketNumber,
} from './needs.rules.js';
import { translate } from '../platform/i18n/messages.js';
import { unitIdsOf } from '../units/units.access.js';
import type { AppError } from '../platform/errors.js';

@ObjectType()
class NeedConnection extends Connection(Need) {}

@ObjectType({ description: '响应率, 解决率, 满意率 and more over the needs created in a period' })
class NeedStats {
  @Field(() => Area)
  area: Area;

  @Field(() => Int)
  total: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Responded (accepted or rejected) in time, of the needs whose response is due; 0..1',
  })
  responseRate: number | null;

  @Field(() => Float, { nullable: true, description: 'RESOLVED or CLOSED, of all; 0..1' })
  resolutionRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Rated 4 or 5, of the rated; 0..1' })
  satisfactionRate: number | null;

  @Field(() => Float, { nullable: true })
  averageResponseHours: number | null;

  @Field(() => Int, { description: 'Past their current deadline now' })
  overdueCount: number;

  @Field(() => [NeedStats], { description: 'The same for each child area' })
  children: NeedStats[];

  @Field(() => NeedStats, {
    nullable: true,
    description:
      'The needs recorded on the area itself, in none of its children (社区本级): with the children, they make the total. Null when the area has no children, and on the children’s rows',
  })
  atThisLevel: NeedStats | null;
}

@ObjectType({ description: 'A need that batch 派单 did not change, and why' })
class NeedBatchFailure {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The error code the need alone would have got (NOT_FOUND, FORBIDDEN, INVALID_STATE…)' })
  code: string;

  @Field({ description: 'In the reader’s language' })
  message: string;
}

@ObjectType({ description: 'Batch 派单, need by need' })
class NeedBatchResult {
  @Field(() => [Need], { description: 'The needs assigned, in the order asked' })
  needs: Need[];

  @Field(() => [NeedBatchFailure])
  failures: NeedBatchFailure[];
}

@ObjectType({ description: 'A category as the raise form offers it' })
class NeedCategoryOption {
  @Field(() => NeedCategory)
  category: NeedCategory;

  @Field({ description: 'About health, care or a quarrel: private unless the resident chooses otherwise' })
  sensitive: boolean;

  @Field({ description: 'Whether a need of this category raised for oneself is public when isPublic is omitted' })
  publicByDefault: boolean;
}

/** A refused need of a batch, in the reader's language: the field's message when the error is about one. */
function batchFailure(id: string, error: AppError, locale: Context['locale']): NeedBatchFailure {
  const [field] = Object.values(error.fields ?? {});
  const message = error.translatable.key === error.code && field ? field : error.translatable;
  return { id, code: error.code, message: translate(locale, message.key, message.params) };
}

@ObjectType({ description: 'How fast needs of one category and urgency must be answered in a street' })
class NeedDeadline {
  @Field(() => NeedCategory)
  category: NeedCategory;

  @Field(() => Urgency)
  urgency: Urgency;

  @Field(() => Int)
  respondHours: number;

  @Field(() => Int)
  resolveHours: number;
}

const supportedByViewer = (ctx: Context) =>
  requestLoader<number, boolean>(ctx, 'needSupportedByViewer', (ids) =>
    ctx.viewer ? supportedBy(ctx.em, ctx.viewer, ids) : Promise.resolve(ids.map(() => false)),
  );

@Resolver(() => Need)
export class NeedsResolver {
  @Query(() => Need, { nullable: true, description: 'Null when it does not exist or is private to others' })
  need(@Arg('id', () => ID) id: string, @Ctx() { em, viewer }: Context) {
    return findVisibleNeed(em, viewer, id);
  }

  @Query(() => NeedConnection, {
    description: 'Public needs, your own, those assigned to you, and all needs in the areas you work on',
  })
  needs(@Args() { filter, ...page }: NeedsArgs, @Ctx() { em, viewer }: Context) {
    return listNeeds(em, viewer, filter, page);
  }

  @Authorized()
  @Query(() => NeedStats, {
    description:
      'Staff, grid workers, administrators and committee members of the area. Exact and current for any period: ' +
      'whole China days from rollups kept in the same transaction as every change to a need, the edges of the period ' +
      'and the counts that change with time (response due, overdue) from the needs themselves',
  })
  needStats(@Args() { areaId, from, to }: NeedStatsArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return needStats(em, viewer, areaId, from, to);
  }

  @Query(() => [NeedCategoryOption], { description: 'Every category, sensitive ones marked' })
  needCategoryOptions(): NeedCategoryOption[] {
    return Object.values(NeedCategory).map((category) => ({
      category,
      sensitive: SENSITIVE_CATEGORIES.includes(category),
      publicByDefault: publicByDefault(category, false),
    }));
  }

  @Authorized()
  @Query(() => [NeedDeadline], { description: 'Every category and urgency of a street' })
  needDeadlines(@Arg('streetId', () => ID) streetId: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return listDeadlines(em, viewer, streetId);
  }

  @Authorized()
  @Mutation(() => NeedDeadline, { description: 'Administrators of the street; audited' })
  setNeedDeadline(@Args() args: SetNeedDeadlineArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return setDeadline(em, viewer, args);
  }

  @Authorized()
  @RateLimited(NEED_RAISE_RATE_LIMIT)
  @Mutation(() => Need, {
    description: 'For yourself in your community, or for a resident (代办) as a grid worker or staff',
  })
  async raiseNeed(@Arg('input') input: RaiseNeedInput, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return published(ctx, await raiseNeed(ctx.em, viewer, input));
  }

  @Authorized()
  @Mutation(() => Need, { description: '受理: staff or the grid worker responsible' })
  async acceptNeed(@Args() { id, note }: NeedNoteArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return published(ctx, await acceptNeed(ctx.em, viewer, id, note));
  }

  @Authorized()
  @Mutation(() => Need, { description: '派单: to a grid worker, staff member, volunteer or unit contact of the area' })
  async assignNeed(
    @Args() { id, assigneeUserId, assigneeUnitId, note }: AssignNeedArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return published(
      ctx,
      await assignNeed(ctx.em, viewer, id, { userId: assigneeUserId, unitId: assigneeUnitId }, note),
    );
  }

  @Authorized()
  @Mutation(() => NeedBatchResult, {
    description:
      'Batch 派单: each need on its own (SUBMITTED ones are accepted first); those refused are listed with why',
  })
  async assignNeeds(
    @Args() { ids, assigneeUserId, assigneeUnitId, note }: AssignNeedsArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<NeedBatchResult> {
    const assignee = { userId: assigneeUserId, unitId: assigneeUnitId };
    const { needs, failures } = await assignNeeds(ctx.em, viewer, ids, assignee, note);
    for (const need of needs) published(ctx, need);
    return { needs, failures: failures.map(({ id, error }) => batchFailure(id, error, ctx.locale)) };
  }

  @Authorized()
  @Mutation(() => Need, {
    description: '接单: accept (while SUBMITTED), assign to yourself and start, in one go; three steps on the timeline',
  })
  async takeNeed(@Args() { id, note }: NeedNoteArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return published(ctx, await takeNeed(ctx.em, viewer, id, note));
  }

  @Authorized()
  @Mutation(() => Need)
  async startNeed(@Args() { id, note }: NeedNoteArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return published(ctx, await startNeed(ctx.em, viewer, id, note));
  }

  @Authorized()
  @Mutation(() => Need)
  async resolveNeed(
    @Args() { id, resolution, beforePhotoIds, afterPhotoIds }: ResolveNeedArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return published(
      ctx,
      await resolveNeed(ctx.em, viewer, id, resolution, { before: beforePhotoIds, after: afterPhotoIds }),
    );
  }

  @Authorized()
  @Mutation(() => Need, { description: 'The resident confirms the resolution and rates it 1–5' })
  async confirmNeed(
    @Args() { id, rating, comment }: ConfirmNeedArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return published(ctx, await confirmNeed(ctx.em, viewer, id, rating, comment));
  }

  @Authorized()
  @Mutation(() => Need, { description: 'Once, by the resident, back to IN_PROGRESS' })
  async reopenNeed(@Args() { id, reason }: NeedReasonArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return published(ctx, await reopenNeed(ctx.em, viewer, id, reason));
  }

  @Authorized()
  @Mutation(() => Need, { description: 'Staff, at SUBMITTED or ACCEPTED' })
  async rejectNeed(@Args() { id, reason }: NeedReasonArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return published(ctx, await rejectNeed(ctx.em, viewer, id, reason));
  }

  @Authorized()
  @Mutation(() => Need, { description: '吹哨: the parent area becomes responsible' })
  async escalateNeed(@Args() { id, reason }: NeedReasonArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return published(ctx, await escalateNeed(ctx.em, viewer, id, reason));
  }

  @Authorized()
  @Mutation(() => Need, { description: '附议 a public need, once' })
  async supportNeed(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return published(ctx, await supportNeed(ctx.em, viewer, id));
  }

  @Authorized()
  @RateLimited(NEED_COMMENT_RATE_LIMIT)
  @Mutation(() => Need, { description: 'A note on the timeline, by the resident, the assignee or workers of the area' })
  async commentOnNeed(@Args() { id, note }: CommentArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return published(ctx, await commentOnNeed(ctx.em, viewer, id, note));
  }

  @FieldResolver(() => Area, {
    description: 'Where the need is: down to the building for those it concerns, down to the grid for neighbours',
  })
  async area(@Root() need: Need, @Ctx() { viewer }: Context) {
    const area = await need.area.loadOrFail({ dataloader: true });
    if (area.kind !== AreaKind.BUILDING) return area;
    if (showsBuilding(actorFacts(viewer, need, false, unitIdsOf(viewer)))) return area;
    // A building always stands under a grid (areas.rules.ts).
    return area.parent!.load({ dataloader: true });
  }

  @FieldResolver(() => Area, { description: 'Who answers it: its grid or community, or higher after escalation' })
  responsibleArea(@Root() need: Need) {
    return need.responsibleArea.load({ dataloader: true });
  }

  @FieldResolver(() => User, {
    description:
      'Who entered it: the resident, or the worker raising it for them. Neighbours see a resident’s name masked; those the need concerns see it in full',
  })
  async raisedBy(@Root() need: Need, @Ctx() { viewer }: Context) {
    const person = await need.raisedBy.loadOrFail({ dataloader: true });
    return residentOf(viewer, need, person, unitIdsOf(viewer));
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The resident it was raised for (代办); named as raisedBy',
  })
  async onBehalfOf(@Root() need: Need, @Ctx() { viewer }: Context) {
    const person = await need.onBehalfOf?.load({ dataloader: true });
    return person ? residentOf(viewer, need, person, unitIdsOf(viewer)) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() need: Need) {
    return need.assignee?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Boolean, {
    description: 'Past its current deadline (response while SUBMITTED, resolution while open)',
  })
  overdue(@Root() need: Need) {
    return need.dueAt.getTime() < Date.now();
  }

  @FieldResolver(() => Date, { nullable: true, description: 'The deadline that applies now; null once finished' })
  dueAt(@Root() need: Need) {
    return need.dueAt.getTime() === NO_DEADLINE.getTime() ? null : need.dueAt;
  }

  @FieldResolver(() => Boolean, { description: 'Open, not overdue, and due within 2 hours (即将超时)' })
  dueSoon(@Root() need: Need) {
    return isDueSoon(need.dueAt, new Date());
  }

  @FieldResolver(() => String, {
    description:
      '工单编号: the day it was raised (Beijing) and its id, e.g. 20261207-000041; the inbox text filter finds it',
  })
  ticketNumber(@Root() need: Need) {
    return ticketNumber(need.createdAt, need.id);
  }

  @FieldResolver(() => [NeedPhoto], {
    description: 'Raised with it, then before and after the work; each with its stage',
  })
  async photos(@Root() need: Need) {
    return (await need.photos.load({ dataloader: true })).getItems();
  }

  @FieldResolver(() => [NeedEvent], { description: 'The timeline, oldest first' })
  async events(@Root() need: Need) {
    return (await need.events.load({ dataloader: true })).getItems();
  }

  @FieldResolver(() => Boolean)
  supportedByMe(@Root() need: Need, @Ctx() ctx: Context) {
    return supportedByViewer(ctx).load(need.id);
  }

  @FieldResolver(() => UserConnection, {
    description:
      'People this need may be assigned to (any role the server accepts for ASSIGN, unit contacts included), searchable and paged.',
  })
  assignableUsers(@Root() need: Need, @Args() args: PersonSearchArgs, @Ctx() { em, viewer }: Context) {
    return listAssignableUsers(em, viewer, need, args);
  }

  @FieldResolver(() => [NeedAction], { description: 'What you may do with it now' })
  async availableActions(@Root() need: Need, @Ctx() ctx: Context) {
    const unitIds = unitIdsOf(ctx.viewer);
    return actionsFor(ctx.viewer, need, await supportedByViewer(ctx).load(need.id), unitIds);
  }
}

@Resolver(() => NeedEvent)
export class NeedEventResolver {
  @FieldResolver(() => User, {
    nullable: true,
    description: 'Null for the system; the resident named as Need.raisedBy',
  })
  async actor(@Root() event: NeedEvent, @Ctx() { viewer }: Context) {
    const actor = await event.actor?.load({ dataloader: true });
    if (!actor) return null;
    return residentOf(viewer, await event.need.loadOrFail({ dataloader: true }), actor, unitIdsOf(viewer));
  }

  @FieldResolver(() => Area, { nullable: true, description: 'ESCALATED: the area now responsible' })
  area(@Root() event: NeedEvent) {
    return event.area?.load({ dataloader: true }) ?? null;
  }
}

@Resolver(() => NeedPhoto)
export class NeedPhotoResolver {
  @FieldResolver(() => String)
  url(@Root() photo: NeedPhoto) {
    return photoUrls(photo.storageKey).url;
  }

  @FieldResolver(() => String)
  thumbnailUrl(@Root() photo: NeedPhoto) {
    return photoUrls(photo.storageKey).thumbnailUrl;
  }
}
