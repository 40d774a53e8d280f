import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { inSubtree } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { unitIdsOf } from '../units/units.access.js';
import { Resolution, ResolutionPhoto, ResolutionUpdate } from './resolution.entity.js';
import { ResolutionStatus } from './resolutions.enums.js';
import type { ResolutionFilter } from './resolutions.inputs.js';

/** Resolutions are public: the filter narrows, it never hides. `mine` without a viewer matches nothing. */
async function resolutionsWhere(
  em: EntityManager,
  viewer: Viewer | null,
  filter: ResolutionFilter | null | undefined,
  now: Date,
): Promise<FilterQuery<Resolution>> {
  const conditions: FilterQuery<Resolution>[] = [];
  if (filter?.areaId !== undefined && filter.areaId !== null) {
    conditions.push(inSubtree(await getArea(em, filter.areaId)) as FilterQuery<Resolution>);
  }
  if (filter?.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  if (filter?.late === true) conditions.push({ status: ResolutionStatus.IN_PROGRESS, dueAt: { $lt: now } });
  if (filter?.late === false) conditions.push({ $or: [{ status: ResolutionStatus.DONE }, { dueAt: { $gte: now } }] });
  if (filter?.mine) {
    if (!viewer) return { id: null };
    const units = [...unitIdsOf(viewer)];
    conditions.push({ $or: [{ ownerUser: viewer.id }, ...(units.length ? [{ ownerUnit: { $in: units } }] : [])] });
  }
  return { $and: conditions };
}

/** Newest first. */
export async function listResolutions(
  ctx: Pick<Context, 'em' | 'viewer'>,
  filter: ResolutionFilter | null | undefined,
  page: PageArgs,
  now = new Date(),
) {
  return paginate(ctx.em, Resolution, await resolutionsWhere(ctx.em, ctx.viewer, filter, now), page, {
    orderBy: { createdAt: 'desc', id: 'desc' },
  });
}

/** The totalCount of the list with this filter, in one statement (the to-dos). */
export async function countResolutions(
  ctx: Pick<Context, 'em' | 'viewer'>,
  filter: ResolutionFilter,
  now = new Date(),
): Promise<number> {
  if (filter.mine && !ctx.viewer) return 0;
  return ctx.em.count(Resolution, await resolutionsWhere(ctx.em, ctx.viewer, filter, now));
}

/** Rows grouped by the key `keyOf` gives, in the order of `ids`. */
function grouped<T>(ids: readonly number[], rows: readonly T[], keyOf: (row: T) => number | undefined): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== undefined) groups.get(key)?.push(row);
  }
  return ids.map((id) => groups.get(id)!);
}

/** Each resolution's updates, oldest first, with their authors: one statement for a page of resolutions. */
export const updatesOf = (ctx: Context) =>
  requestLoader<number, ResolutionUpdate[]>(ctx, 'resolutionUpdates', async (ids) =>
    grouped(
      ids,
      await ctx.em.find(
        ResolutionUpdate,
        { resolution: { $in: [...ids] } },
        { populate: ['author'], orderBy: { createdAt: 'asc', id: 'asc' } },
      ),
      (update) => update.resolution.id,
    ),
  );

/** Each update's photos: one statement for all the updates shown. */
export const photosOf = (ctx: Context) =>
  requestLoader<number, ResolutionPhoto[]>(ctx, 'resolutionPhotos', async (ids) =>
    grouped(
      ids,
      await ctx.em.find(ResolutionPhoto, { update: { $in: [...ids] } }, { orderBy: { id: 'asc' } }),
      (photo) => photo.update?.id,
    ),
  );

/** Topic.resolutions: each topic's resolutions, oldest first, in one statement for a page of topics. */
export const resolutionsOfTopic = (ctx: Context) =>
  requestLoader<number, Resolution[]>(ctx, 'topicResolutions', async (ids) =>
    grouped(
      ids,
      await ctx.em.find(Resolution, { topic: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      (resolution) => resolution.topic?.id,
    ),
  );
