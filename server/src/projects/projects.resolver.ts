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
import { Area } from '../areas/area.entity.js';
import { photoUrls } from '../media/media.storage.js';
import { Need } from '../needs/need.entity.js';
import { canSeePersonalData, areaPathsOf } from '../people/people.service.js';
import { showsFullName } from '../people/people.access.js';
import { maskName } from '../people/people.rules.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { findById } from '../platform/ids.js';
import { Connection } from '../platform/pagination.js';
import { Unit } from '../units/unit.entity.js';
import { unitIdsOf } from '../units/units.access.js';
import { Contribution, Project, ProjectTask } from './project.entity.js';
import { mayManageProjects } from './projects.access.js';
import { ProjectAction, ProjectStatus } from './projects.enums.js';
import {
  ContributionInput,
  CreateProjectInput,
  ProjectNeedsArgs,
  ProjectPhotosArgs,
  ProjectsArgs,
  ProjectTaskInput,
  UpdateProjectInput,
} from './projects.inputs.js';
import { contributionsOf, listProjects, needsOf, photosOf, projectsOfNeed, tasksOf } from './projects.queries.js';
import { isTaskOverdue, progressOf, projectActions, totalValue } from './projects.rules.js';
import {
  addProjectNeeds,
  addProjectPhotos,
  addProjectTask,
  completeProjectTask,
  contribute,
  createProject,
  setProjectStatus,
  updateProject,
} from './projects.service.js';

@ObjectType()
class ProjectConnection extends Connection(Project) {}

@ObjectType({ description: 'A photo of a project' })
class ProjectPhoto {
  @Field(() => ID)
  id: number;

  @Field()
  url: string;

  @Field()
  thumbnailUrl: string;

  @Field(() => Int)
  width: number;

  @Field(() => Int)
  height: number;
}

@Resolver(() => Project)
export class ProjectsResolver {
  @Query(() => ProjectConnection, { description: 'Public' })
  projects(@Args() { filter, ...page }: ProjectsArgs, @Ctx() { em }: Context) {
    return listProjects(em, filter, page);
  }

  @Query(() => Project, { nullable: true, description: 'Public; null when there is no such project' })
  project(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Project, id);
  }

  @Authorized()
  @Mutation(() => Project, { description: 'MANAGE_PROJECTS over the area; the needs visible to you and in the area' })
  createProject(@Arg('input') input: CreateProjectInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return createProject(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => Project, { description: 'While PLANNED or ACTIVE' })
  updateProject(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateProjectInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return updateProject(em, viewer, id, input);
  }

  @Authorized()
  @Mutation(() => Project, { description: 'PLANNED → ACTIVE → DONE; PLANNED or ACTIVE → CANCELLED' })
  setProjectStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ProjectStatus) status: ProjectStatus,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return setProjectStatus(em, viewer, id, status);
  }

  @Authorized()
  @Mutation(() => Project)
  addProjectNeeds(@Args() { id, needIds }: ProjectNeedsArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return addProjectNeeds(em, viewer, id, needIds);
  }

  @Authorized()
  @Mutation(() => ProjectTask)
  addProjectTask(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input') input: ProjectTaskInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return addProjectTask(em, viewer, projectId, input);
  }

  @Authorized()
  @Mutation(() => ProjectTask, {
    description: "The project's managers, the task's owner, or a representative of its owner unit",
  })
  completeProjectTask(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return completeProjectTask(em, viewer, id);
  }

  @Authorized()
  @Mutation(() => Contribution, {
    description: "Staff record a contribution (a unit's representative may record their own unit's)",
  })
  contribute(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input') input: ContributionInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return contribute(em, viewer, projectId, input);
  }

  @Authorized()
  @Mutation(() => Project, { description: 'Photos uploaded to /uploads/commitment-photos' })
  addProjectPhotos(
    @Args() { projectId, photoIds }: ProjectPhotosArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return addProjectPhotos(em, viewer, projectId, photoIds);
  }

  @FieldResolver(() => Area)
  area(@Root() project: Project) {
    return project.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => [Need], { description: 'The needs it takes up that the viewer may see' })
  needs(@Root() project: Project, @Ctx() ctx: Context) {
    return needsOf(ctx).load(project.id);
  }

  @FieldResolver(() => [ProjectTask], { description: 'Oldest first' })
  tasks(@Root() project: Project, @Ctx() ctx: Context) {
    return tasksOf(ctx).load(project.id);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Done tasks / tasks; null without tasks' })
  async progress(@Root() project: Project, @Ctx() ctx: Context) {
    return progressOf(await tasksOf(ctx).load(project.id));
  }

  @FieldResolver(() => [Contribution], { description: 'Oldest first; public' })
  contributions(@Root() project: Project, @Ctx() ctx: Context) {
    return contributionsOf(ctx).load(project.id);
  }

  @FieldResolver(() => Float, { description: 'Sum of contributions, in yuan' })
  async contributedValue(@Root() project: Project, @Ctx() ctx: Context) {
    return totalValue(await contributionsOf(ctx).load(project.id));
  }

  @FieldResolver(() => [ProjectPhoto])
  async photos(@Root() project: Project, @Ctx() ctx: Context): Promise<ProjectPhoto[]> {
    return (await photosOf(ctx).load(project.id)).map((photo) => ({
      id: photo.id,
      ...photoUrls(photo.storageKey),
      width: photo.width,
      height: photo.height,
    }));
  }

  @FieldResolver(() => [ProjectAction], { description: 'What you may do with it now' })
  async availableActions(@Root() project: Project, @Ctx() ctx: Context) {
    const viewer = ctx.viewer;
    const area = await project.area.loadOrFail({ dataloader: true });
    return projectActions(project.status, {
      signedIn: !!viewer,
      manages: !!viewer && mayManageProjects(viewer, area),
      representsUnit: unitIdsOf(ctx.viewer).size > 0,
    });
  }
}

@Resolver(() => ProjectTask)
export class ProjectTaskResolver {
  @FieldResolver(() => User, { nullable: true })
  owner(@Root() task: ProjectTask) {
    return task.owner?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Unit, { nullable: true })
  ownerUnit(@Root() task: ProjectTask) {
    return task.ownerUnit?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Boolean)
  done(@Root() task: ProjectTask) {
    return !!task.doneAt;
  }

  @FieldResolver(() => Boolean, { description: 'Not done by its due date' })
  overdue(@Root() task: ProjectTask) {
    return isTaskOverdue(task, new Date());
  }
}

@Resolver(() => Contribution)
export class ContributionResolver {
  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() contribution: Contribution) {
    return contribution.unit?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The person contributing when no unit: their display name only, masked (赵**) as User.displayName is for those who may not see it in full; null for an anonymous gift (热心居民)',
  })
  async contributorName(@Root() contribution: Contribution, @Ctx() { viewer }: Context) {
    if (contribution.unit) return null;
    const person = await contribution.contributor?.load({ dataloader: true });
    if (!person) return null;
    const roles = (await person.roles.load({ dataloader: true })).getItems().map((assignment) => assignment.role);
    const full = showsFullName(canSeePersonalData(viewer, person, await areaPathsOf(person)), roles);
    return full ? person.displayName : maskName(person.displayName);
  }
}

@Resolver(() => Need)
export class NeedProjectsResolver {
  @FieldResolver(() => [Project], { description: 'The projects that take the need up' })
  projects(@Root() need: Need, @Ctx() ctx: Context) {
    return projectsOfNeed(ctx).load(need.id);
  }
}
