import { Cursor, type EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  paginate,
  type ConnectionShape,
  type PageArgs,
} from '../platform/pagination.js';
import { badInput } from '../platform/errors.js';
import { Resource, Service } from './offer.entity.js';

/** A unit's resources still offered, or services still open: the newest first. */
const LISTS = {
  resource: { entity: Resource, table: 'resource', live: 'withdrawn_at is null', where: { withdrawnAt: null } },
  service: { entity: Service, table: 'service', live: 'closed_at is null', where: { closedAt: null } },
} as const;

type ListName = keyof typeof LISTS;
type NodeOf<L extends ListName> = L extends 'resource' ? Resource : Service;

/**
 * First pages of several units at once, in two statements whatever their number (the ids of
 * each unit's first `first + 1` rows with its total by a window, then the rows): so
 * `units(first: 50) { resources { … } }` costs what `units(first: 5)` does. A later page
 * (`after`) is one unit's own, paged as usual with cursors of the same shape.
 */
async function firstPages<L extends ListName>(
  em: EntityManager,
  list: L,
  unitIds: readonly number[],
  first: number,
): Promise<ConnectionShape<NodeOf<L>>[]> {
  const { entity, table, live } = LISTS[list];
  const rows = await em.execute<{ id: number; unit_id: number; total: string }[]>(
    `select id, unit_id, total from (
       select id, unit_id, count(*) over (partition by unit_id) as total,
              row_number() over (partition by unit_id order by id desc) as position
       from ${table} where unit_id = any(?::int[]) and ${live}) ranked
     where position <= ?`,
    [`{${unitIds.join(',')}}`, first + 1],
  );
  const nodes = rows.length ? await em.find(entity as never, { id: { $in: rows.map((row) => row.id) } } as never) : [];
  const byId = new Map((nodes as NodeOf<L>[]).map((node) => [node.id, node]));
  return unitIds.map((unitId) => {
    const mine = rows.filter((row) => row.unit_id === unitId).sort((a, b) => b.id - a.id);
    const page = mine.slice(0, first).map((row) => byId.get(row.id)!);
    const edges = page.map((node) => ({ cursor: Cursor.encode([node.id]), node }));
    return {
      edges,
      pageInfo: { hasNextPage: mine.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: Number(mine[0]?.total ?? 0),
    };
  });
}

/** Unit.resources / Unit.services. */
export function unitPage<L extends ListName>(
  ctx: Context,
  list: L,
  unitId: number,
  page: PageArgs,
): Promise<ConnectionShape<NodeOf<L>>> {
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput({ first: { key: 'pageTooLarge', params: { max: MAX_PAGE_SIZE } } });
  }
  if (page.after) {
    const { entity, where } = LISTS[list];
    return paginate(ctx.em, entity as never, { unit: unitId, ...where } as never, page, {
      orderBy: { id: 'desc' } as never,
    }) as Promise<ConnectionShape<NodeOf<L>>>;
  }
  return requestLoader<number, ConnectionShape<NodeOf<L>>>(ctx, `unitOffers:${list}:${first}`, (ids) =>
    firstPages(ctx.em, list, ids, first),
  ).load(unitId);
}
