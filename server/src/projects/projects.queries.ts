import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { inSubtree, visibleTo } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { NEED_VISIBILITY } from '../needs/needs.access.js';
import type { Need } from '../needs/need.entity.js';
import { CommitmentPhoto } from '../pledges/pledge.entity.js';
import type { Context } from '../platform/context.js';
import { containing } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { Contribution, Project, ProjectNeed, ProjectTask } from './project.entity.js';
import type { ProjectFilter } from './projects.inputs.js';

/** Projects are public: the filter narrows, it never hides. Newest first. */
export async function listProjects(em: EntityManager, filter: ProjectFilter | null | undefined, page: PageArgs) {
  const conditions: FilterQuery<Project>[] = [];
  if (filter?.areaId !== undefined && filter.areaId !== null)
    conditions.push(inSubtree(await getArea(em, filter.areaId)));
  if (filter?.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  const search = filter?.search?.trim();
  if (search) {
    conditions.push({
      $or: [{ title: { $ilike: containing(search) } }, { description: { $ilike: containing(search) } }],
    });
  }
  const connection = await paginate(em, Project, { $and: conditions }, page, {
    orderBy: { createdAt: 'desc', id: 'desc' },
  });
  // The areas of the page in one query once it is known (populated with the page, the count would join them too).
  await em.populate(
    connection.edges.map((edge) => edge.node),
    ['area'],
  );
  return connection;
}

/** Rows of a child table grouped by project, for a whole page in one query. */
function byProject<T extends { project: { id: number } }>(ids: readonly number[], rows: readonly T[]): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(row.project.id)?.push(row);
  return ids.map((id) => groups.get(id)!);
}

export const tasksOf = (ctx: Context) =>
  requestLoader<number, ProjectTask[]>(ctx, 'projectTasks', async (ids) =>
    byProject(
      ids,
      // Owners come with the tasks: the page's tasks, people and units in one statement.
      await ctx.em.find(
        ProjectTask,
        { project: { $in: [...ids] } },
        { populate: ['owner.roles', 'owner.homeArea', 'ownerUnit'], orderBy: { createdAt: 'asc', id: 'asc' } },
      ),
    ),
  );

export const contributionsOf = (ctx: Context) =>
  requestLoader<number, Contribution[]>(ctx, 'projectContributions', async (ids) =>
    byProject(
      ids,
      await ctx.em.find(
        Contribution,
        { project: { $in: [...ids] } },
        { populate: ['unit', 'contributor.roles', 'contributor.homeArea'], orderBy: { createdAt: 'asc', id: 'asc' } },
      ),
    ),
  );

export const photosOf = (ctx: Context) =>
  requestLoader<number, CommitmentPhoto[]>(ctx, 'projectPhotos', async (ids) => {
    const photos = await ctx.em.find(CommitmentPhoto, { project: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
    return byProject(
      ids,
      photos.map((photo) => photo as CommitmentPhoto & { project: { id: number } }),
    );
  });

/** The needs each project takes up that the viewer may see (the same rule as the needs list), oldest first. */
export const needsOf = (ctx: Context) =>
  requestLoader<number, Need[]>(ctx, 'projectNeeds', async (ids) => {
    const links = await ctx.em.find(
      ProjectNeed,
      { project: { $in: [...ids] }, need: visibleTo(ctx.viewer, NEED_VISIBILITY) as FilterQuery<Need> },
      // The needs' areas and people with them, as the needs list loads them (needs.queries.ts listNeeds).
      {
        populate: ['need.area', 'need.responsibleArea', 'need.raisedBy', 'need.onBehalfOf', 'need.assignee'],
        orderBy: { need: { createdAt: 'asc' }, id: 'asc' },
      },
    );
    return byProject(ids, links).map((group) => group.map((link) => link.need.getEntity()));
  });

/** Need.projects: the projects taking up each need, in one query for a page of needs. */
export const projectsOfNeed = (ctx: Context) =>
  requestLoader<number, Project[]>(ctx, 'needProjects', async (ids) => {
    const links = await ctx.em.find(
      ProjectNeed,
      { need: { $in: [...ids] } },
      { populate: ['project'], orderBy: { project: { createdAt: 'asc' }, id: 'asc' } },
    );
    const groups = new Map<number, Project[]>(ids.map((id) => [id, []]));
    for (const link of links) groups.get(link.need.id)?.push(link.project.getEntity());
    return ids.map((id) => groups.get(id)!);
  });
