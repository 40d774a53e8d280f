import {
  Arg,
  Args,
  Authorized,
  Ctx,
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
import { photoUrls } from '../media/media.storage.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { findById } from '../platform/ids.js';
import { Connection } from '../platform/pagination.js';
import { Project } from '../projects/project.entity.js';
import { mayManageProjects } from '../projects/projects.access.js';
import { Todos } from '../todos/todos.type.js';
import { Topic } from '../topics/topic.entity.js';
import { Unit } from '../units/unit.entity.js';
import { unitIdsOf } from '../units/units.access.js';
import { Vote } from '../votes/vote.entity.js';
import { Resolution, ResolutionPhoto, ResolutionUpdate } from './resolution.entity.js';
import { mayManageResolutions } from './resolutions.access.js';
import { ResolutionAction } from './resolutions.enums.js';
import { RecordResolutionInput, ResolutionsArgs, UpdateResolutionProgressArgs } from './resolutions.inputs.js';
import { countResolutions, listResolutions, photosOf, resolutionsOfTopic, updatesOf } from './resolutions.queries.js';
import { isLate, resolutionActions } from './resolutions.rules.js';
import { makeProjectFromResolution, recordResolution, updateResolutionProgress } from './resolutions.service.js';

@ObjectType()
class ResolutionConnection extends Connection(Resolution) {}

/** The to-do `lateResolutions` opens `resolutions(filter: { mine: true, late: true })`: the same count. */
export const LATE_RESOLUTIONS_FILTER = { mine: true, late: true } as const;

@Resolver(() => Resolution)
export class ResolutionsResolver {
  @Query(() => ResolutionConnection, { description: 'Public; newest first' })
  resolutions(@Args() { filter, ...page }: ResolutionsArgs, @Ctx() ctx: Context) {
    return listResolutions(ctx, filter, page);
  }

  @Query(() => Resolution, { nullable: true, description: 'Public; null when there is no such resolution' })
  resolution(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Resolution, id);
  }

  @Authorized()
  @Mutation(() => Resolution, { description: 'MANAGE_RESOLUTIONS over the vote’s area; the vote PASSED' })
  recordResolution(
    @Arg('input') input: RecordResolutionInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return recordResolution(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => Resolution, {
    description:
      "The owner (person or the unit's representatives) or staff; photos uploaded first through POST /uploads/resolution-photos",
  })
  updateResolutionProgress(
    @Args() args: UpdateResolutionProgressArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return updateResolutionProgress(em, viewer, args);
  }

  @Authorized()
  @Mutation(() => Resolution, {
    description: 'MANAGE_PROJECTS: turn a resolution into a project (项目清单) of its area',
  })
  makeProjectFromResolution(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return makeProjectFromResolution(em, viewer, id);
  }

  @FieldResolver(() => Area)
  area(@Root() resolution: Resolution) {
    return resolution.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Vote, { nullable: true })
  vote(@Root() resolution: Resolution) {
    return resolution.vote?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Topic, { nullable: true })
  topic(@Root() resolution: Resolution) {
    return resolution.topic?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Exactly one of ownerUser / ownerUnit' })
  ownerUser(@Root() resolution: Resolution) {
    return resolution.ownerUser?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Unit, { nullable: true })
  ownerUnit(@Root() resolution: Resolution) {
    return resolution.ownerUnit?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Past due and not done' })
  late(@Root() resolution: Resolution) {
    return isLate(resolution, new Date());
  }

  @FieldResolver(() => [ResolutionUpdate], { description: 'Oldest first' })
  updates(@Root() resolution: Resolution, @Ctx() ctx: Context) {
    return updatesOf(ctx).load(resolution.id);
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() resolution: Resolution) {
    return resolution.project?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => [ResolutionAction], { description: 'What you may do with it now' })
  async availableActions(@Root() resolution: Resolution, @Ctx() ctx: Context) {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    const area = { path: resolution.areaPath };
    const owns = resolution.ownerUser
      ? resolution.ownerUser.id === viewer.id
      : !!resolution.ownerUnit && unitIdsOf(viewer).has(resolution.ownerUnit.id);
    return resolutionActions(
      { status: resolution.status, hasProject: !!resolution.project },
      { manages: mayManageResolutions(viewer, area), owns, managesProjects: mayManageProjects(viewer, area) },
    );
  }
}

@Resolver(() => ResolutionUpdate)
export class ResolutionUpdateResolver {
  @FieldResolver(() => User)
  author(@Root() update: ResolutionUpdate) {
    return update.author.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => [ResolutionPhoto])
  photos(@Root() update: ResolutionUpdate, @Ctx() ctx: Context) {
    return photosOf(ctx).load(update.id);
  }
}

@Resolver(() => ResolutionPhoto)
export class ResolutionPhotoResolver {
  @FieldResolver(() => String)
  url(@Root() photo: ResolutionPhoto) {
    return photoUrls(photo.storageKey).url;
  }

  @FieldResolver(() => String)
  thumbnailUrl(@Root() photo: ResolutionPhoto) {
    return photoUrls(photo.storageKey).thumbnailUrl;
  }

  @FieldResolver(() => Int)
  width(@Root() photo: ResolutionPhoto) {
    return photo.width;
  }

  @FieldResolver(() => Int)
  height(@Root() photo: ResolutionPhoto) {
    return photo.height;
  }
}

@Resolver(() => Topic)
export class TopicResolutionsResolver {
  @FieldResolver(() => [Resolution], { description: 'What its passed votes decided, oldest first' })
  resolutions(@Root() topic: Topic, @Ctx() ctx: Context) {
    return resolutionsOfTopic(ctx).load(topic.id);
  }
}

@Resolver(() => Todos)
export class ResolutionTodosResolver {
  @FieldResolver(() => Int, { description: "The viewer's (and their units') resolutions past due" })
  lateResolutions(@Ctx() ctx: Context) {
    return countResolutions(ctx, LATE_RESOLUTIONS_FILTER);
  }
}
