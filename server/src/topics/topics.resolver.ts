import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { Need } from '../needs/need.entity.js';
import { canSee } from '../needs/needs.access.js';
import { Notification } from '../notifications/notification.entity.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { translate } from '../platform/i18n/messages.js';
import { findById } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import { Todos } from '../todos/todos.type.js';
import { unitIdsOf } from '../units/units.access.js';
import { Topic, TopicStageEntry } from './topic.entity.js';
import { mayProposeTopics, mayReviewTopics } from './topics.access.js';
import { TopicAction } from './topics.enums.js';
import {
  AdvanceTopicStageArgs,
  DeclineTopicArgs,
  ProposeTopicInput,
  SetTopicThresholdArgs,
  TopicsArgs,
} from './topics.inputs.js';
import { TOPIC_PROPOSE_RATE_LIMIT, TOPIC_SUPPORT_RATE_LIMIT } from './topics.limits.js';
import { TEMPLATE_STAGES, topicActions } from './topics.rules.js';
import {
  admitTopic,
  advanceTopicStage,
  countTopicsToReview,
  declineTopic,
  listTopics,
  proposeTopic,
  setTopicThreshold,
  stageEntriesOf,
  supportedAmong,
  supportTopic,
  thresholdsOf,
  TOPIC_SUBJECT,
} from './topics.service.js';

@ObjectType()
class TopicConnection extends Connection(Topic) {}

@ObjectType({ description: 'A stage of a topic’s procedure template' })
class TopicStage {
  @Field(() => Int)
  index: number;

  @Field({ description: 'Words of the stage in the viewer’s language' })
  label: string;

  @Field(() => Date, { nullable: true })
  reachedAt: Date | null;

  @Field(() => String, { nullable: true })
  note: string | null;
}

const supportThresholds = (ctx: Context) =>
  requestLoader<number, number>(ctx, 'topicThresholds', (ids) => thresholdsOf(ctx.em, ids));

const viewerSupported = (ctx: Context, viewerId: number) =>
  requestLoader<number, boolean>(ctx, 'topicViewerSupports', (ids) => supportedAmong(ctx.em, viewerId, ids));

const stageEntries = (ctx: Context) =>
  requestLoader<number, TopicStageEntry[]>(ctx, 'topicStageEntries', (ids) => stageEntriesOf(ctx.em, ids));

@Resolver(() => Topic)
export class TopicsResolver {
  @Query(() => TopicConnection, { description: 'Topics are public; newest first' })
  topics(@Args() { filter, ...page }: TopicsArgs, @Ctx() { em, viewer }: Context) {
    return listTopics(em, viewer, filter, page);
  }

  @Query(() => Topic, { nullable: true })
  topic(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Topic, id);
  }

  @Authorized()
  @RateLimited(TOPIC_PROPOSE_RATE_LIMIT)
  @Mutation(() => Topic, { description: 'PROPOSE_TOPICS over the community (its residents and staff)' })
  proposeTopic(@Arg('input') input: ProposeTopicInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return proposeTopic(em, viewer, input);
  }

  @Authorized()
  @RateLimited(TOPIC_SUPPORT_RATE_LIMIT)
  @Mutation(() => Topic, { description: '附议: once each, while PROPOSED; not one’s own' })
  supportTopic(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return supportTopic(em, viewer, id);
  }

  @Authorized()
  @Mutation(() => Topic, { description: 'REVIEW_TOPICS over the community' })
  admitTopic(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return admitTopic(em, viewer, id);
  }

  @Authorized()
  @Mutation(() => Topic, { description: 'REVIEW_TOPICS over the community, with the reason' })
  declineTopic(@Args() { id, reason }: DeclineTopicArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return declineTopic(em, viewer, id, reason);
  }

  @Authorized()
  @Mutation(() => Topic, { description: 'REVIEW_TOPICS over the community: the template’s next stage' })
  advanceTopicStage(
    @Args() { id, note }: AdvanceTopicStageArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return advanceTopicStage(em, viewer, id, note);
  }

  @Authorized()
  @Mutation(() => Int, {
    description: 'REVIEW_TOPICS over the community: supports needed for its topics to enter the agenda (1..1000)',
  })
  setTopicThreshold(
    @Args() { areaId, threshold }: SetTopicThresholdArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return setTopicThreshold(em, viewer, areaId, threshold);
  }

  @FieldResolver(() => Area, { description: 'The community' })
  area(@Root() topic: Topic) {
    return topic.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => User, { description: 'Display name only; the phone never' })
  proposer(@Root() topic: Topic) {
    return topic.proposer.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Need, { nullable: true, description: 'The need it grew from, when the viewer may see it' })
  async need(@Root() topic: Topic, @Ctx() ctx: Context) {
    const need = await topic.need?.load({ dataloader: true });
    return need && canSee(ctx.viewer, need, unitIdsOf(ctx.viewer)) ? need : null;
  }

  @FieldResolver(() => Int, {
    description: 'Supports needed to enter the agenda by themselves (the community’s threshold)',
  })
  supportThreshold(@Root() topic: Topic, @Ctx() ctx: Context) {
    return supportThresholds(ctx).load(topic.communityId ?? topic.area.id);
  }

  @FieldResolver(() => Boolean)
  async viewerSupports(@Root() topic: Topic, @Ctx() ctx: Context) {
    return ctx.viewer ? viewerSupported(ctx, ctx.viewer.id).load(topic.id) : false;
  }

  @FieldResolver(() => [TopicStage], {
    description: 'The template’s stages in order, each with when it was reached (null: not yet)',
  })
  async stages(@Root() topic: Topic, @Ctx() ctx: Context): Promise<TopicStage[]> {
    const entries = await stageEntries(ctx).load(topic.id);
    return TEMPLATE_STAGES[topic.template].map((key, index) => {
      // The latest entry of a stage, and none beyond the current one.
      const entry = index <= topic.stage ? entries.findLast((row) => row.stage === index) : undefined;
      return {
        index,
        label: translate(ctx.locale, `topicStage.${key}` as never),
        reachedAt: entry?.createdAt ?? (index === 0 ? topic.createdAt : null),
        note: entry?.note ?? null,
      };
    });
  }

  @FieldResolver(() => [TopicAction], {
    description: 'What the viewer may do with the topic now, decided by the server',
  })
  async availableActions(@Root() topic: Topic, @Ctx() ctx: Context) {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    const area = { path: topic.areaPath };
    return topicActions({
      status: topic.status,
      stage: topic.stage,
      template: topic.template,
      isProposer: topic.proposer.id === viewer.id,
      supports: await viewerSupported(ctx, viewer.id).load(topic.id),
      mayPropose: mayProposeTopics(viewer, area),
      mayReview: mayReviewTopics(viewer, area),
    });
  }
}

@Resolver(() => Todos)
export class TopicTodosResolver {
  @FieldResolver(() => Int, { description: 'PROPOSED topics waiting for review where the viewer may review them' })
  topicsToReview(@Ctx() { em, viewer }: Context) {
    return countTopicsToReview(em, viewer);
  }
}

@Resolver(() => Notification)
export class NotificationTopicResolver {
  @FieldResolver(() => Topic, { nullable: true, description: 'The topic it is about (TOPIC_…)' })
  topic(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Topic | null> | null {
    if (notification.subjectType !== TOPIC_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, Topic | null>(ctx, 'notificationTopic', async (ids) => {
      const rows = await ctx.em.find(Topic, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }).load(notification.subjectId);
  }
}
