import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaKind, type Area } from '../areas/area.entity.js';
import { AREA_LEVELS } from '../areas/area-levels.js';
import { CHINA_OFFSET_MS } from '../platform/china-time.js';
import type { PeriodicJob } from '../platform/module.js';
import { chinaDaySql, DAY_MEASURES } from './need-rollup.entity.js';
import { OPEN_NEEDS } from './need.entity.js';
import type { NeedFilter } from './needs.inputs.js';
import { addHours, DUE_SOON_HOURS } from './needs.rules.js';

const DAY_MS = 24 * 3600_000;

/** The start of the China day `date` lies in. */
export function chinaDayStart(date: Date): Date {
  const shifted = date.getTime() + CHINA_OFFSET_MS;
  return new Date(shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - CHINA_OFFSET_MS);
}

/** `2026-12-07` for the China day starting at `start`. */
const dayOf = (start: Date) => new Date(start.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** A period of creation times, split into whole China days (from the rollups) and the edge times around them (scanned). */
export interface PeriodParts {
  /** Whole days, `from` inclusive and `to` exclusive (`2026-12-07`); null bounds are open. Null when no whole day lies in it. */
  days: { from: string | null; to: string | null } | null;
  /** At most two ranges, each shorter than a day: the needs created in them are read from `need` itself. */
  edges: { from: Date | null; to: Date }[];
}

/** [from, to) as whole China days plus the edges less than a day long before and after them. */
export function splitPeriod(from?: Date | null, to?: Date | null): PeriodParts {
  if (from && to && from.getTime() >= to.getTime()) return { days: null, edges: [] };
  const firstWhole = from ? chinaDayStart(from) : null;
  if (firstWhole && from && firstWhole.getTime() < from.getTime()) firstWhole.setTime(firstWhole.getTime() + DAY_MS);
  const wholeEnd = to ? chinaDayStart(to) : null;
  if (firstWhole && wholeEnd && firstWhole.getTime() >= wholeEnd.getTime()) {
    return { days: null, edges: [{ from: from ?? null, to: to! }] };
  }
  const edges: PeriodParts['edges'] = [];
  if (from && firstWhole && from.getTime() < firstWhole.getTime()) edges.push({ from, to: firstWhole });
  if (to && wholeEnd && wholeEnd.getTime() < to.getTime()) edges.push({ from: wholeEnd, to });
  return {
    days: { from: firstWhole ? dayOf(firstWhole) : null, to: wholeEnd ? dayOf(wholeEnd) : null },
    edges,
  };
}

/** The levels whose stats come from the day rollup (a grid's and a building's needs are few: they are scanned). */
export const hasDayRollups = (kind: AreaKind) =>
  kind === AreaKind.STREET || kind === AreaKind.COMMUNITY || kind === AreaKind.VILLAGE;

/** The levels the count rollup covers: a need counts for its street, its community and its grid. */
export const hasCountRollups = (kind: AreaKind) => kind !== AreaKind.BUILDING;

/** A need-stats row per child id (0 for none): the day rollup's measures plus the time-dependent counts. */
export interface RollupStatsRow {
  child_id: number;
  total: string;
  responded: string;
  responded_in_time: string;
  response_seconds: string;
  resolved: string;
  rated: string;
  satisfied: string;
  /** Not responded to and past respond_by: their response is due, and late. */
  late_unresponded: string;
  overdue: string;
}

/**
 * The stats of an area with rollups, per child, in one statement: the whole days from the day
 * rollup, the edges of the period from `need` (less than a day each, through (level, created_at)
 * indexes), and the counts that change with time alone from the open needs (a partial index).
 */
export async function rollupStats(
  em: EntityManager,
  area: Pick<Area, 'id' | 'kind'>,
  from?: Date | null,
  to?: Date | null,
): Promise<RollupStatsRow[]> {
  const { column, childColumn } = AREA_LEVELS[area.kind];
  const child = `coalesce(${childColumn}, 0)`;
  const { days, edges } = splitPeriod(from, to);
  const parts: string[] = [];
  const params: unknown[] = [];
  const measures = Object.keys(DAY_MEASURES);
  const zeros = (names: string[]) => names.map((name) => `0 as ${name}`).join(', ');
  if (days) {
    params.push(area.id, ...[days.from, days.to].filter((day) => day !== null));
    parts.push(
      `select child_id, ${measures.map((m) => `sum(${m}) as ${m}`).join(', ')}, ${zeros(['late_unresponded', 'overdue'])}
         from need_day_rollup where area_id = ?${days.from ? ' and day >= ?' : ''}${days.to ? ' and day < ?' : ''}
        group by child_id`,
    );
  }
  const created = (range: { from: Date | null; to: Date | null }) => {
    if (range.from) params.push(range.from);
    if (range.to) params.push(range.to);
    return `${range.from ? ' and created_at >= ?' : ''}${range.to ? ' and created_at < ?' : ''}`;
  };
  for (const edge of edges) {
    params.push(area.id);
    const period = created(edge);
    parts.push(
      `select ${child} as child_id, ${Object.entries(DAY_MEASURES)
        .map(([name, sql]) => `sum(${sql}) as ${name}`)
        .join(', ')}, ${zeros(['late_unresponded', 'overdue'])}
         from (select 1 as sign, * from need where ${column} = ?${period}) r group by 1`,
    );
  }
  if (days || edges.length > 0) {
    params.push(area.id);
    const period = created({ from: from ?? null, to: to ?? null });
    parts.push(
      `select ${child} as child_id, ${zeros(measures)},
         count(*) filter (where responded_at is null and respond_by < now()) as late_unresponded,
         count(*) filter (where due_at < now()) as overdue
         from need where ${column} = ? and ${OPEN_NEEDS}${period} group by 1`,
    );
  }
  if (parts.length === 0) return [];
  return em.execute<RollupStatsRow[]>(
    `select child_id, ${[...measures, 'late_unresponded', 'overdue'].map((m) => `sum(${m}) as ${m}`).join(', ')}
       from (${parts.join(' union all ')}) p group by child_id`,
    params,
  );
}

/** The filters the count rollup answers (with the due-time filters, from the open needs). */
const DIMENSIONS = [
  ['statuses', 'status'],
  ['categories', 'category'],
  ['urgencies', 'urgency'],
  ['channels', 'channel'],
] as const;

/** Whether the filter is on the rollups' dimensions only (and the due-time filters, one at a time). */
export function countableFromRollups(filter: NeedFilter): boolean {
  const others =
    filter.text?.trim() ||
    filter.mine ||
    filter.assignedToMe ||
    filter.worksOn ||
    filter.assigneeUnitIds?.length ||
    filter.createdFrom ||
    filter.createdTo;
  const dueFilters = [filter.overdue, filter.dueSoon].filter((flag) => flag !== undefined && flag !== null);
  return !others && dueFilters.length <= 1;
}

/**
 * Every need of the area the filter selects, exact and without scanning the area: the count rollup
 * summed over the chosen statuses, categories, urgencies and channels; `overdue`/`dueSoon` from
 * the open needs (a partial index), or the rollup's count less those for `false`. For an area with
 * rollups, a viewer who reads every need of it, and a filter that `countableFromRollups`.
 */
export async function countFromRollups(em: EntityManager, area: Pick<Area, 'id' | 'kind'>, filter: NeedFilter) {
  const chosen = DIMENSIONS.filter(([field]) => filter[field]?.length);
  const rollupParams: unknown[] = [area.id, ...chosen.map(([field]) => `{${filter[field]!.join(',')}}`)];
  const rollupCount = `select coalesce(sum(needs), 0) as n from need_count_rollup
      where area_id = ?${chosen.map(([, column]) => ` and ${column} = any(?::text[])`).join('')}`;
  const now = new Date();
  const due =
    filter.overdue !== undefined && filter.overdue !== null
      ? { selected: filter.overdue, from: null, to: now }
      : filter.dueSoon !== undefined && filter.dueSoon !== null
        ? { selected: filter.dueSoon, from: now, to: addHours(now, DUE_SOON_HOURS) }
        : null;
  if (!due) {
    const [row] = await em.execute<{ n: string }[]>(rollupCount, rollupParams);
    return Number(row!.n);
  }
  // Needs due before `to` are open ones (finished needs are due at NO_DEADLINE).
  const openParams: unknown[] = [
    area.id,
    ...(due.from ? [due.from] : []),
    due.to,
    ...chosen.map(([field]) => `{${filter[field]!.join(',')}}`),
  ];
  const openCount = `select count(*) as n from need where ${AREA_LEVELS[area.kind].column} = ? and ${OPEN_NEEDS}
      ${due.from ? 'and due_at >= ? ' : ''}and due_at < ?${chosen.map(([, column]) => ` and ${column} = any(?::text[])`).join('')}`;
  if (due.selected) {
    const [row] = await em.execute<{ n: string }[]>(openCount, openParams);
    return Number(row!.n);
  }
  const [row] = await em.execute<{ n: string }[]>(`select (${rollupCount}) - (${openCount}) as n`, [
    ...rollupParams,
    ...openParams,
  ]);
  return Number(row!.n);
}

/** Taken by whoever rewrites the rollups' rows (the fold, a rebuild), so that two never do at once. */
const ROLLUPS_LOCK = `hashtext('need_rollups_fold')`;

/** Folds the delta rows of each key into one row; one instance at a time (the others skip). Returns the keys folded. */
export async function foldNeedRollups(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    const [lock] = await tx.execute<{ taken: boolean }[]>(
      `select pg_try_advisory_xact_lock(hashtext('need_rollups_fold')) as taken`,
    );
    if (!lock!.taken) return 0;
    const measures = Object.keys(DAY_MEASURES);
    const sums = measures.map((m) => `sum(${m})`);
    const days = await tx.execute<{ affectedRows: number }>(
      `with gone as (
         delete from need_day_rollup r
          where (r.area_id, r.child_id, r.day) in (select area_id, child_id, day from need_day_rollup where not folded)
          returning r.*)
       insert into need_day_rollup (area_id, child_id, day, ${measures.join(', ')}, folded)
       select area_id, child_id, day, ${sums.join(', ')}, true from gone group by 1, 2, 3
       having (${sums.join(', ')}) is distinct from (${sums.map(() => '0').join(', ')})`,
      [],
      'run',
    );
    const counts = await tx.execute<{ affectedRows: number }>(
      `with gone as (
         delete from need_count_rollup r
          where (r.area_id, r.status, r.category, r.urgency, r.channel) in
                (select area_id, status, category, urgency, channel from need_count_rollup where not folded)
          returning r.*)
       insert into need_count_rollup (area_id, status, category, urgency, channel, needs, folded)
       select area_id, status, category, urgency, channel, sum(needs), true from gone group by 1, 2, 3, 4, 5
       having sum(needs) <> 0`,
      [],
      'run',
    );
    return days.affectedRows + counts.affectedRows;
  });
}

/** How often the rollups' delta rows are folded: readers sum what is left in between. */
export const FOLD_INTERVAL_MS = 30 * 1000;

export const foldRollupsJob: PeriodicJob = {
  name: 'foldNeedRollups',
  intervalMs: FOLD_INTERVAL_MS,
  async run({ orm }) {
    await foldNeedRollups(orm.em.fork());
  },
};

/**
 * Rebuilds both rollups from `need` as it is, folded, for a bulk load that ran with triggers off
 * (the large-district seed sets session_replication_role = replica). Each statement reads one
 * snapshot, so changes committed meanwhile are neither lost nor counted twice.
 */
export const REBUILD_ROLLUPS_SQL = [
  `select pg_advisory_xact_lock(${ROLLUPS_LOCK})`,
  `with gone as (delete from need_day_rollup)
   insert into need_day_rollup (area_id, child_id, day, ${Object.keys(DAY_MEASURES).join(', ')}, folded)
   select l.area_id, l.child_id, ${chinaDaySql('r.created_at')},
     ${Object.values(DAY_MEASURES)
       .map((sql) => `sum(${sql})`)
       .join(', ')}, true
     from (select 1 as sign, * from need) r
     cross join lateral (values (r.street_id, coalesce(r.community_id, 0)), (r.community_id, coalesce(r.grid_id, 0))) l(area_id, child_id)
    where l.area_id is not null
    group by 1, 2, 3 order by 1, 3, 2`,
  `with gone as (delete from need_count_rollup)
   insert into need_count_rollup (area_id, status, category, urgency, channel, needs, folded)
   select l.area_id, r.status, r.category, r.urgency, r.channel, count(*), true
     from need r cross join lateral (values (r.street_id), (r.community_id), (r.grid_id)) l(area_id)
    where l.area_id is not null
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
];
