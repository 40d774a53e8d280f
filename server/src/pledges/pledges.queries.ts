import type { FilterQuery } from '@mikro-orm/postgresql';
import { inSubtree } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import type { Context } from '../platform/context.js';
import { toId } from '../platform/ids.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { unitIdsOf } from '../units/units.access.js';
import { Pledge } from './pledge.entity.js';
import { PLEDGE_CONFIRMERS } from './pledges.access.js';
import { PledgeStatus } from './pledges.enums.js';
import type { PledgeFilter } from './pledges.inputs.js';
import { visiblePledges } from './pledges.visibility.js';

/** The pledges a filter selects among those the viewer may see: the list, the to-dos and Unit.pledges share it. */
export async function pledgeFilterQuery(ctx: Context, filter: PledgeFilter = {}, now = new Date()) {
  const { viewer } = ctx;
  const unitIds = unitIdsOf(ctx.viewer);
  const conditions: FilterQuery<Pledge>[] = [visiblePledges(viewer, unitIds)];
  const none = { id: 0 };
  if (filter.areaId !== undefined && filter.areaId !== null)
    conditions.push(inSubtree(await getArea(ctx.em, filter.areaId)));
  const byId = (value: string | undefined | null) =>
    value === undefined || value === null ? undefined : (toId(value) ?? 0);
  const unitId = byId(filter.unitId);
  const needId = byId(filter.needId);
  const projectId = byId(filter.projectId);
  if (unitId !== undefined) conditions.push({ unit: unitId });
  if (needId !== undefined) conditions.push({ need: needId });
  if (projectId !== undefined) conditions.push({ project: projectId });
  if (filter.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  if (filter.overdue === true) conditions.push({ status: PledgeStatus.PLEDGED, dueAt: { $lt: now } });
  if (filter.overdue === false)
    conditions.push({ $or: [{ status: { $ne: PledgeStatus.PLEDGED } }, { dueAt: null }, { dueAt: { $gte: now } }] });
  if (filter.mine) {
    conditions.push(
      viewer ? { $or: [{ pledgedBy: viewer.id }, ...(unitIds.size ? [{ unit: { $in: [...unitIds] } }] : [])] } : none,
    );
  }
  if (filter.toConfirm) {
    const scopes = viewer?.scopesFor(PLEDGE_CONFIRMERS) ?? [];
    conditions.push(
      viewer && scopes.length
        ? {
            status: PledgeStatus.PLEDGED,
            $or: scopes.map((path) => ({ areaPath: { $like: `${path}%` } })),
            pledgedBy: { $ne: viewer.id },
            ...(unitIds.size ? { $and: [{ $or: [{ unit: null }, { unit: { $nin: [...unitIds] } }] }] } : {}),
          }
        : none,
    );
  }
  return { $and: conditions } as FilterQuery<Pledge>;
}

/** Newest first, or for one need or project the oldest first (its history). */
export async function listPledges(ctx: Context, filter: PledgeFilter = {}, page: PageArgs) {
  const oldestFirst = !!(filter.needId || filter.projectId);
  return paginate(ctx.em, Pledge, await pledgeFilterQuery(ctx, filter), page, {
    orderBy: oldestFirst ? { createdAt: 'asc', id: 'asc' } : { createdAt: 'desc', id: 'desc' },
  });
}

/** How many pledges the filter selects: the to-dos are the totals of the lists they open. */
export async function countPledges(ctx: Context, filter: PledgeFilter) {
  return ctx.em.count(Pledge, await pledgeFilterQuery(ctx, filter));
}
