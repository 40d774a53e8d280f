import { Cursor, type EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../platform/context.js';
import { badInput } from '../platform/errors.js';
import { requestLoader } from '../platform/loaders.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  paginate,
  type ConnectionShape,
  type PageArgs,
} from '../platform/pagination.js';
import { Resource, Service, ServiceSignup } from './offer.entity.js';

/**
 * Lists nested in other lists: a unit's resources still offered and services still open (the
 * newest first), a service's live sign-ups (the oldest first).
 */
const LISTS = {
  unitResources: {
    entity: Resource,
    table: 'resource',
    parent: 'unit',
    parentColumn: 'unit_id',
    live: 'withdrawn_at is null',
    where: { withdrawnAt: null },
    order: 'desc',
  },
  unitServices: {
    entity: Service,
    table: 'service',
    parent: 'unit',
    parentColumn: 'unit_id',
    live: 'closed_at is null',
    where: { closedAt: null },
    order: 'desc',
  },
  serviceSignups: {
    entity: ServiceSignup,
    table: 'service_signup',
    parent: 'service',
    parentColumn: 'service_id',
    live: 'cancelled_at is null',
    where: { cancelledAt: null },
    order: 'asc',
  },
} as const;

type ListName = keyof typeof LISTS;
type NodeOf<L extends ListName> = L extends 'unitResources'
  ? Resource
  : L extends 'unitServices'
    ? Service
    : ServiceSignup;

/**
 * First pages of several parents at once, in two statements whatever their number (the ids of
 * each parent's first `first + 1` rows with its total by a window, then the rows): so 50 units
 * with their resources cost what 5 do. A later page (`after`) is one parent's own, paged as
 * usual with cursors of the same shape.
 */
async function firstPages<L extends ListName>(
  em: EntityManager,
  list: L,
  parentIds: readonly number[],
  first: number,
): Promise<ConnectionShape<NodeOf<L>>[]> {
  const { entity, table, parentColumn, live, order } = LISTS[list];
  const rows = await em.execute<{ id: number; parent_id: number; total: string }[]>(
    `select id, parent_id, total from (
       select id, ${parentColumn} as parent_id, count(*) over (partition by ${parentColumn}) as total,
              row_number() over (partition by ${parentColumn} order by id ${order}) as position
       from ${table} where ${parentColumn} = any(?::int[]) and ${live}) ranked
     where position <= ?`,
    [`{${parentIds.join(',')}}`, first + 1],
  );
  const nodes = rows.length ? await em.find(entity as never, { id: { $in: rows.map((row) => row.id) } } as never) : [];
  const byId = new Map((nodes as NodeOf<L>[]).map((node) => [node.id, node]));
  const sign = order === 'asc' ? 1 : -1;
  return parentIds.map((parentId) => {
    const mine = rows.filter((row) => row.parent_id === parentId).sort((a, b) => sign * (a.id - b.id));
    const edges = mine.slice(0, first).map((row) => {
      const node = byId.get(row.id)!;
      return { cursor: Cursor.encode([node.id]), node };
    });
    return {
      edges,
      pageInfo: { hasNextPage: mine.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: Number(mine[0]?.total ?? 0),
    };
  });
}

/** Unit.resources, Unit.services, Service.signups: batched over the parents of a response. */
export function nestedPage<L extends ListName>(
  ctx: Context,
  list: L,
  parentId: number,
  page: PageArgs,
): Promise<ConnectionShape<NodeOf<L>>> {
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput({ first: { key: 'pageTooLarge', params: { max: MAX_PAGE_SIZE } } });
  }
  const { entity, parent, where, order } = LISTS[list];
  if (page.after) {
    return paginate(ctx.em, entity as never, { [parent]: parentId, ...where } as never, page, {
      orderBy: { id: order } as never,
    }) as Promise<ConnectionShape<NodeOf<L>>>;
  }
  return requestLoader<number, ConnectionShape<NodeOf<L>>>(ctx, `nestedPage:${list}:${first}`, (ids) =>
    firstPages(ctx.em, list, ids, first),
  ).load(parentId);
}
