import { type EntityManager, type FilterQuery, type Ref } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { inSubtree, visibleTo } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { containing, toId } from '../platform/ids.js';
import { unitIdsOf } from '../units/units.access.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { Need, NeedSupport } from './need.entity.js';
import { NeedAction, NeedSort } from './need.enums.js';
import type { NeedFilter } from './needs.inputs.js';
import { actorFacts, assignableTo, factsOf, mayHandleNeeds, NEED_VISIBILITY, NEED_WORKERS } from './needs.access.js';
import { addHours, DUE_SOON_HOURS, parseTicketNumber, roleAllows } from './needs.rules.js';
import { countableFromRollups, countFromRollups, hasCountRollups } from './needs.rollups.js';
import { pagePeople } from '../people/people.service.js';
import { User } from '../people/user.entity.js';
import { forbidden } from '../platform/errors.js';

/** The newest first unless the filter asks otherwise; always ends on the id, so keyset pages are exact. */
export function needOrder(sort: NeedSort | undefined) {
  return sort === NeedSort.DEADLINE
    ? ({ dueAt: 'asc', id: 'asc' } as const)
    : sort === NeedSort.OLDEST
      ? ({ createdAt: 'asc', id: 'asc' } as const)
      : ({ createdAt: 'desc', id: 'desc' } as const);
}

/** The needs a filter selects among those the viewer may see: shared by the paged list and the export. */
export async function needFilterQuery(
  em: EntityManager,
  viewer: Viewer | null,
  filter: NeedFilter = {},
): Promise<FilterQuery<Need>> {
  const area = filter.areaId !== undefined && filter.areaId !== null ? await getArea(em, filter.areaId) : null;
  // Those who read every need of the area skip the visibility test: it would cost a visit to each row,
  // where counting the area's needs can otherwise be answered from an index.
  const unitIds = [...unitIdsOf(viewer)];
  // The needs of the units the viewer represents, as an assignee sees theirs.
  const ofMyUnits: FilterQuery<Need>[] = unitIds.length ? [{ assigneeUnit: { $in: unitIds } }] : [];
  const conditions: FilterQuery<Need>[] =
    area && viewer && mayHandleNeeds(viewer, area)
      ? []
      : [
          ofMyUnits.length
            ? { $or: [visibleTo(viewer, NEED_VISIBILITY), ...ofMyUnits] }
            : visibleTo(viewer, NEED_VISIBILITY),
        ];
  if (area) conditions.push(inSubtree(area));
  if (filter.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  if (filter.categories?.length) conditions.push({ category: { $in: filter.categories } });
  if (filter.urgencies?.length) conditions.push({ urgency: { $in: filter.urgencies } });
  if (filter.channels?.length) conditions.push({ channel: { $in: filter.channels } });
  const now = new Date();
  if (filter.overdue === true) conditions.push({ dueAt: { $lt: now } });
  if (filter.overdue === false) conditions.push({ dueAt: { $gte: now } });
  const soon = addHours(now, DUE_SOON_HOURS);
  if (filter.dueSoon === true) conditions.push({ dueAt: { $gte: now, $lt: soon } });
  if (filter.dueSoon === false) conditions.push({ $or: [{ dueAt: { $lt: now } }, { dueAt: { $gte: soon } }] });
  if (filter.worksOn) {
    const scopes = viewer?.scopesFor(NEED_WORKERS) ?? [];
    conditions.push(scopes.length ? { $or: scopes.map((path) => ({ areaPath: { $like: `${path}%` } })) } : { id: 0 });
  }
  if (filter.mine) conditions.push(viewer ? { $or: [{ raisedBy: viewer.id }, { onBehalfOf: viewer.id }] } : { id: 0 });
  if (filter.assignedToMe) conditions.push({ $or: [{ assignee: viewer?.id ?? 0 }, ...ofMyUnits] });
  if (filter.assigneeUnitIds?.length) {
    const ids = filter.assigneeUnitIds.map(toId).filter((id): id is number => id !== null);
    conditions.push(ids.length ? { assigneeUnit: { $in: ids } } : { id: 0 });
  }
  const text = filter.text?.trim();
  if (text) {
    const ticket = parseTicketNumber(text);
    conditions.push({
      $or: [
        { title: { $ilike: containing(text) } },
        { description: { $ilike: containing(text) } },
        ...(ticket ? [{ id: ticket.id, createdAt: { $gte: ticket.from, $lt: ticket.to } }] : []),
      ],
    });
  }
  if (filter.createdFrom) conditions.push({ createdAt: { $gte: filter.createdFrom } });
  if (filter.createdTo) conditions.push({ createdAt: { $lt: filter.createdTo } });
  return { $and: conditions };
}

/**
 * totalCount from the count rollup when the viewer reads every need of an area that has one and
 * the filter is on its dimensions (needs.rollups.ts); null, to count the rows, otherwise.
 */
async function rollupCount(em: EntityManager, viewer: Viewer | null, filter: NeedFilter): Promise<number | null> {
  if (filter.areaId === undefined || filter.areaId === null || !viewer || !countableFromRollups(filter)) return null;
  const area = await getArea(em, filter.areaId);
  return hasCountRollups(area.kind) && mayHandleNeeds(viewer, area) ? countFromRollups(em, area, filter) : null;
}

export async function listNeeds(
  em: EntityManager,
  viewer: Viewer | null,
  filter: NeedFilter = {},
  page: { first?: number; after?: string },
) {
  const connection = await paginate(em, Need, await needFilterQuery(em, viewer, filter), page, {
    orderBy: needOrder(filter.sort),
    count: () => rollupCount(em, viewer, filter),
  });
  // The areas and people of the page, loaded once it is known (populated with the page, the count over
  // every matching need joined them too): the areas in one statement and the people in another, with the
  // roles and areas that masking their names reads (populate sends a statement per relation). Timelines
  // and photos are loaded by their field resolvers, for the whole page at once and only when asked for;
  // the people on them are then mostly loaded already, so 5 or 50 needs cost the same statements.
  const needs = connection.edges.map((edge) => edge.node);
  const areaIds = unloadedIds(needs.flatMap((need) => [need.area, need.responsibleArea]));
  if (areaIds.length) await em.find(Area, { id: { $in: areaIds } });
  const userIds = unloadedIds(needs.flatMap((need) => [need.raisedBy, need.onBehalfOf, need.assignee]));
  if (userIds.length) {
    await em.find(User, { id: { $in: userIds } }, { populate: ['roles.area', 'homeArea'], strategy: 'joined' });
  }
  return connection;
}

/** The ids of the references not loaded yet, once each. */
function unloadedIds(refs: readonly (Ref<{ id: number }> | null | undefined)[]): number[] {
  const unloaded = refs.filter((ref): ref is Ref<{ id: number }> => !!ref && !ref.isInitialized());
  return [...new Set(unloaded.map((ref) => ref.id))];
}

/** Whether the viewer has supported each of these needs, in one query. */
export async function supportedBy(em: EntityManager, viewer: Viewer, needIds: readonly number[]): Promise<boolean[]> {
  const rows = await em.find(NeedSupport, { user: viewer.id, need: { $in: [...needIds] } }, { fields: ['need'] });
  const supported = new Set(rows.map((row) => row.need.id));
  return needIds.map((id) => supported.has(id));
}

/** Need.assignableUsers: for those who may assign the need (the responsible workers), FORBIDDEN for others. */
export function listAssignableUsers(
  em: EntityManager,
  viewer: Viewer | null,
  need: Need,
  args: { search?: string } & PageArgs,
) {
  if (!roleAllows(NeedAction.ASSIGN, factsOf(need), actorFacts(viewer, need, false))) throw forbidden();
  return pagePeople(em, assignableTo(em, need), args);
}
