import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { recordAudit } from '../audit/audit.service.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Context } from '../platform/context.js';
import { badInput, forbidden, invalidState, notFound } from '../platform/errors.js';
import { once } from '../platform/idempotency.js';
import { containing, findById, toId } from '../platform/ids.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { idsOnPath } from '../platform/scope.js';
import { getArea } from '../areas/areas.service.js';
import { unitIdsOf } from '../units/units.access.js';
import { Resource, ResourceArea } from './offer.entity.js';
import { areasInStreet, isOfferer, offererOf } from './offers.access.js';
import { OfferAuditAction, OfferAuditTarget } from './offers.audit.js';
import type { OfferResourceInput, ResourceFilter } from './offers.inputs.js';

/** The paths of an area and each of its ancestors: what "serves this area" compares against. */
export function pathsAbove(path: string): string[] {
  const ids = idsOnPath(path);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

const snapshot = (resource: Resource, areaIds: number[]) => ({
  label: resource.title,
  kind: resource.kind,
  title: resource.title,
  quantity: resource.quantity ?? null,
  measure: resource.measure ?? null,
  unitId: resource.unit?.id ?? null,
  areaIds,
});

/**
 * 资源清单: a unit (through its representative) or a person offers a resource to areas of its
 * own street. With an idempotency key, a retried submit returns the first resource.
 */
export async function offerResource(ctx: Context, input: OfferResourceInput, clock: Clock = systemClock) {
  const viewer = ctx.viewer!;
  const { idempotencyKey, ...rest } = input;
  if (input.availableFrom && input.availableTo && input.availableTo <= input.availableFrom) {
    throw badInput({ availableTo: { key: 'availableToBeforeFrom' } });
  }
  const offerer = await offererOf(ctx, input.unitId);
  const areas = await areasInStreet(ctx.em, input.areaIds, offerer.streetPath, 'areaIds');
  return ctx.em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'resource.offer', key: idempotencyKey, input: rest },
      async () => {
        const now = clock();
        const resource = tx.create(Resource, {
          ...offerer.levels,
          unit: offerer.unit,
          offeredBy: viewer.user,
          kind: input.kind,
          title: input.title.trim(),
          description: input.description.trim(),
          quantity: input.quantity ?? null,
          measure: input.measure?.trim() || null,
          availableFrom: input.availableFrom ?? null,
          availableTo: input.availableTo ?? null,
          createdAt: now,
        });
        for (const area of areas) tx.create(ResourceArea, { resource, area, areaPath: area.path });
        await tx.flush();
        // What a unit offers is on the record; a resident's own offer is theirs, as their needs are.
        if (offerer.unit) {
          recordAudit(tx, viewer, {
            action: OfferAuditAction.RESOURCE_OFFER,
            targetType: OfferAuditTarget.RESOURCE,
            targetId: resource.id,
            area: offerer.levels.area,
            after: snapshot(
              resource,
              areas.map((area) => area.id),
            ),
            at: now,
          });
        }
        return resource;
      },
      (id) => tx.findOneOrFail(Resource, id),
    ),
  );
}

/** The offerer stops offering it; pledges already made from it stand. */
export async function withdrawResource(ctx: Context, id: string, clock: Clock = systemClock) {
  const viewer = ctx.viewer!;
  const resource = await findById(ctx.em, Resource, id);
  if (!resource) throw notFound();
  if (!(await isOfferer(ctx, resource, resource.offeredBy.id))) throw forbidden();
  if (resource.withdrawnAt) throw invalidState({ withdrawnAt: resource.withdrawnAt });
  return ctx.em.transactional(async (tx) => {
    const now = clock();
    // Only while still offered: of two withdrawals at once, the second is refused.
    const changed = await tx.nativeUpdate(Resource, { id: resource.id, withdrawnAt: null }, { withdrawnAt: now });
    if (changed === 0) throw invalidState({ withdrawn: true });
    resource.withdrawnAt = now;
    // What a unit offers is on the record; a resident's own offer is theirs, as their needs are.
    if (resource.unit) {
      recordAudit(tx, viewer, {
        action: OfferAuditAction.RESOURCE_WITHDRAW,
        targetType: OfferAuditTarget.RESOURCE,
        targetId: resource.id,
        area: await resource.area.loadOrFail(),
        before: { withdrawnAt: null, label: resource.title },
        after: { withdrawnAt: now.toISOString(), label: resource.title },
        at: now,
      });
    }
    return resource;
  });
}

/** Offered, within its dates and not used up at `now`, as a filter. */
export function availableAt(now: Date): FilterQuery<Resource> {
  return {
    withdrawnAt: null,
    $and: [
      { $or: [{ availableFrom: null }, { availableFrom: { $lte: now } }] },
      { $or: [{ availableTo: null }, { availableTo: { $gt: now } }] },
      { $or: [{ quantity: null }, { [raw((alias) => `(${alias}.quantity_pledged < ${alias}.quantity)`)]: true }] },
    ],
  };
}

/** The resources a filter selects; all are public. Withdrawn ones only among the viewer's own. */
export async function resourceFilterQuery(
  ctx: Pick<Context, 'em' | 'viewer' | 'loaders'>,
  given: ResourceFilter | null | undefined,
): Promise<FilterQuery<Resource>> {
  const filter = given ?? {};
  const { em, viewer } = ctx;
  const conditions: FilterQuery<Resource>[] = [];
  if (filter.areaId !== undefined && filter.areaId !== null) {
    const area = await getArea(em, filter.areaId);
    const serving = em
      .createQueryBuilder(ResourceArea, 'ra')
      .select('ra.resource')
      .where({ $or: [{ areaPath: { $in: pathsAbove(area.path) } }, { areaPath: { $like: `${area.path}%` } }] });
    conditions.push({ id: { $in: serving } });
  }
  if (filter.kinds?.length) conditions.push({ kind: { $in: filter.kinds } });
  if (filter.unitId !== undefined && filter.unitId !== null) conditions.push({ unit: toId(filter.unitId) ?? 0 });
  const text = filter.search?.trim();
  if (text)
    conditions.push({ $or: [{ title: { $ilike: containing(text) } }, { description: { $ilike: containing(text) } }] });
  if (filter.availableNow) conditions.push(availableAt(new Date()));
  if (filter.mine) {
    const units = [...unitIdsOf(viewer)];
    conditions.push(viewer ? { $or: [{ unit: { $in: units } }, { unit: null, offeredBy: viewer.id }] } : { id: 0 });
  } else {
    conditions.push({ withdrawnAt: null });
  }
  return { $and: conditions };
}

export async function listResources(ctx: Context, filter: ResourceFilter | undefined, page: PageArgs) {
  const connection = await paginate(ctx.em, Resource, await resourceFilterQuery(ctx, filter), page, {
    orderBy: { id: 'desc' },
  });
  await ctx.em.populate(
    connection.edges.map((edge) => edge.node),
    ['unit', 'offeredBy'],
  );
  return connection;
}

/** The areas each resource serves, for a page of resources at once. */
export async function servedAreasOf(em: EntityManager, resourceIds: readonly number[]): Promise<Area[][]> {
  const rows = await em.find(
    ResourceArea,
    { resource: { $in: [...resourceIds] } },
    { populate: ['area'], orderBy: { id: 'asc' } },
  );
  return resourceIds.map((id) => rows.filter((row) => row.resource.id === id).map((row) => row.area.getEntity()));
}
