import { type EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { AREA_LEVELS } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { requireRule } from '../platform/scope.js';
import { rates, type RateCounts } from './needs.rules.js';
import { mayViewNeedStats } from './needs.access.js';
import { hasDayRollups, rollupStats, type RollupStatsRow } from './needs.rollups.js';

export interface AreaNeedStats {
  area: Area;
  total: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  averageResponseHours: number | null;
  overdueCount: number;
  children: AreaNeedStats[];
  /** Needs on the area itself, in none of its children (社区本级); null when it has no children. */
  atThisLevel: AreaNeedStats | null;
}

/** The counts behind the rates, as SQL columns over `need` rows: needStats groups them by area, units by unit. */
export const RATE_COLUMNS = `count(*) as total,
       count(*) filter (where responded_at is not null or respond_by < now()) as response_due,
       count(*) filter (where responded_at <= respond_by) as responded_in_time,
       count(*) filter (where status in ('RESOLVED', 'CLOSED')) as resolved,
       count(*) filter (where rating is not null) as rated,
       count(*) filter (where rating >= 4) as satisfied`;

/** A row of RATE_COLUMNS as PostgreSQL returns the counts (bigint as text). */
export interface RateRow {
  total: string;
  response_due: string;
  responded_in_time: string;
  resolved: string;
  rated: string;
  satisfied: string;
}

/** The RateCounts of rows of RATE_COLUMNS, summed. */
export function rateCountsOf(rows: readonly RateRow[]): RateCounts {
  const sum = (field: keyof RateRow) => rows.reduce((total, row) => total + Number(row[field] ?? 0), 0);
  return {
    total: sum('total'),
    responseDue: sum('response_due'),
    respondedInTime: sum('responded_in_time'),
    resolved: sum('resolved'),
    rated: sum('rated'),
    satisfied: sum('satisfied'),
  };
}

interface StatsRow extends RateRow {
  child_id: number | null;
  responded: string;
  response_seconds: number | string | null;
  overdue: string;
}

/** rollupStats' rows as StatsRow: a response is due once given, or once its deadline has passed unanswered. */
const fromRollups = (rows: RollupStatsRow[]): StatsRow[] =>
  rows.map((row) => ({
    ...row,
    response_due: String(Number(row.responded) + Number(row.late_unresponded)),
  }));

/**
 * Exact and current. A street or community from the rollups (needs.rollups.ts: whole days summed,
 * the period's edges and the open needs read from `need`), a grid or building in one pass over its
 * needs; grouped by child area, the area's totals summed from the groups.
 */
export async function needStats(
  em: EntityManager,
  viewer: Viewer,
  areaId: string,
  from?: Date,
  to?: Date,
): Promise<AreaNeedStats> {
  const area = await getArea(em, areaId);
  requireRule(viewer, mayViewNeedStats, area);
  const { column, childColumn: child } = AREA_LEVELS[area.kind];
  const rows = hasDayRollups(area.kind)
    ? fromRollups(await rollupStats(em, area, from, to))
    : await scanStats(em, column, child, area.id, from, to);
  const children = child ? await em.find(Area, { parent: area }, { orderBy: { id: 'asc' } }) : [];
  const toStats = (target: Area, group: StatsRow[]): AreaNeedStats => {
    const sum = (field: Exclude<keyof StatsRow, 'child_id'>) =>
      group.reduce((total, row) => total + Number(row[field] ?? 0), 0);
    const counts = rateCountsOf(group);
    const responded = sum('responded');
    return {
      area: target,
      total: counts.total,
      ...rates(counts),
      averageResponseHours: responded === 0 ? null : sum('response_seconds') / responded / 3600,
      overdueCount: sum('overdue'),
      children: [],
      atThisLevel: null,
    };
  };
  const stats = toStats(area, rows);
  stats.children = children.map((c) =>
    toStats(
      c,
      rows.filter((row) => row.child_id === c.id),
    ),
  );
  if (children.length > 0) {
    // Whatever no child takes: a community's needs in no grid, a grid's raised on the grid itself.
    const childIds = new Set(children.map((c) => c.id));
    stats.atThisLevel = toStats(
      area,
      rows.filter((row) => row.child_id === null || !childIds.has(row.child_id)),
    );
  }
  return stats;
}

/** ` and created_at …` for a period's ends that are given, their values pushed onto `params`. */
export function createdWithin(params: unknown[], from?: Date | null, to?: Date | null): string {
  let period = '';
  if (from) {
    params.push(from);
    period += ' and created_at >= ?';
  }
  if (to) {
    params.push(to);
    period += ' and created_at < ?';
  }
  return period;
}

/** A grid’s or building’s stats: one pass over its needs (few). */
function scanStats(em: EntityManager, column: string, child: string | null, areaId: number, from?: Date, to?: Date) {
  const params: unknown[] = [areaId];
  const period = createdWithin(params, from, to);
  return em.execute<StatsRow[]>(
    `select ${child ?? 'null::int'} as child_id,
       ${RATE_COLUMNS},
       count(responded_at) as responded,
       sum(date_part('epoch', responded_at - created_at)) as response_seconds,
       count(*) filter (where due_at < now()) as overdue
     from need where ${column} = ?${period}${child ? ` group by ${child}` : ''}`,
    params,
  );
}
