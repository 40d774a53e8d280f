import type { TriggerDef } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/postgresql';

/*
 * Rollups of `need`, kept by triggers on it in the transaction that changes a need, so no path
 * (a service, a job, raw SQL, the bulk seed) can leave them behind. A change adds delta rows
 * (+1 for the row as it is now, −1 for the row as it was) and never updates a rollup row: writers
 * take no lock on a shared row, so they neither queue behind each other nor deadlock, whatever
 * the order in which a transaction changes its needs. The fold job (needs.rollups.ts) sums the
 * deltas of each key into one folded row now and then; readers sum every row of a key, so a
 * figure is exact whether folded or not.
 */

/**
 * Per area a need counts for (its street and its community), child of that area it lies in (community,
 * grid), and China day it was raised. A grid's needs are few enough to scan, and a grid broken down
 * by building and day would hold about a row per need.
 */
@Entity()
/** needStats reads its rows from the index alone. */
@Index({
  properties: ['areaId', 'day'],
  include: ['childId', 'total', 'responded', 'respondedInTime', 'responseSeconds', 'resolved', 'rated', 'satisfied'],
})
@Index({
  name: 'need_day_rollup_unfolded_idx',
  expression: 'create index "need_day_rollup_unfolded_idx" on "need_day_rollup" ("area_id") where not "folded"',
})
export class NeedDayRollup {
  [OptionalProps]?: 'folded';

  @PrimaryKey()
  id: number;

  @Property()
  areaId: number;

  /** The community (of a street), grid (of a community) or area (of a grid) the needs lie in; 0 for none (本级). */
  @Property()
  childId: number;

  @Property({ type: 'date' })
  day: string;

  @Property()
  total: number;

  @Property()
  responded: number;

  @Property()
  respondedInTime: number;

  /** Sum of responded_at − created_at over the responded needs. */
  @Property({ type: 'decimal', precision: 20, scale: 6 })
  responseSeconds: string;

  @Property()
  resolved: number;

  @Property()
  rated: number;

  @Property()
  satisfied: number;

  @Property()
  folded: boolean = false;
}

/** Per area a need counts for (street, community, grid) and the inbox's filter dimensions: how many needs. */
@Entity()
@Index({ properties: ['areaId', 'status'] })
@Index({
  name: 'need_count_rollup_unfolded_idx',
  expression: 'create index "need_count_rollup_unfolded_idx" on "need_count_rollup" ("area_id") where not "folded"',
})
export class NeedCountRollup {
  [OptionalProps]?: 'folded';

  @PrimaryKey()
  id: number;

  @Property()
  areaId: number;

  @Property({ columnType: 'text' })
  status: string;

  @Property({ columnType: 'text' })
  category: string;

  @Property({ columnType: 'text' })
  urgency: string;

  @Property({ columnType: 'text' })
  channel: string;

  @Property()
  needs: number;

  @Property()
  folded: boolean = false;
}

/** The China day of a timestamp, in SQL (UTC+8, no daylight saving; independent of the session's time zone). */
export const chinaDaySql = (column: string) => `((${column} at time zone 'UTC') + interval '8 hours')::date`;

/** The columns of `need` the rollups are made of: a change to no other column leaves them as they are. */
const ROLLED_UP = [
  'created_at',
  'street_id',
  'community_id',
  'grid_id',
  'area_id',
  'status',
  'category',
  'urgency',
  'channel',
  'responded_at',
  'respond_by',
  'rating',
] as const;

/** The day rollup's measures of one signed need row `r`, as SQL expressions to sum. */
export const DAY_MEASURES = {
  total: 'r.sign',
  responded: 'r.sign * (r.responded_at is not null)::int',
  responded_in_time: 'r.sign * coalesce((r.responded_at <= r.respond_by)::int, 0)',
  response_seconds: 'r.sign * coalesce(extract(epoch from r.responded_at - r.created_at), 0)',
  resolved: "r.sign * (r.status in ('RESOLVED', 'CLOSED'))::int",
  rated: 'r.sign * (r.rating is not null)::int',
  satisfied: 'r.sign * coalesce((r.rating >= 4)::int, 0)',
} as const;
const MEASURES = Object.keys(DAY_MEASURES);
const nonZero = (columns: readonly string[]) =>
  `(${columns.join(', ')}) is distinct from (${columns.map(() => '0').join(', ')})`;

/** The delta rows of `source` (signed need rows: `sign`, then the ROLLED_UP columns), for both rollups. */
function insertDeltas(source: string): string {
  return `insert into need_day_rollup (area_id, child_id, day, ${MEASURES.join(', ')})
    select * from (
      select l.area_id, l.child_id, ${chinaDaySql('r.created_at')} as day,
        ${Object.entries(DAY_MEASURES)
          .map(([name, sql]) => `sum(${sql}) as ${name}`)
          .join(', ')}
      from (${source}) r
      cross join lateral (values (r.street_id, coalesce(r.community_id, 0)), (r.community_id, coalesce(r.grid_id, 0))) l(area_id, child_id)
      where l.area_id is not null
      group by 1, 2, 3) d
    where ${nonZero(MEASURES)};
  insert into need_count_rollup (area_id, status, category, urgency, channel, needs)
    select l.area_id, r.status, r.category, r.urgency, r.channel, sum(r.sign)
      from (${source}) r
      cross join lateral (values (r.street_id), (r.community_id), (r.grid_id)) l(area_id)
     where l.area_id is not null
     group by 1, 2, 3, 4, 5
    having sum(r.sign) <> 0;`;
}

const signed = (sign: 1 | -1, row: string, from = '') =>
  `select ${sign} as sign, ${ROLLED_UP.map((column) => `${row}.${column}`).join(', ')}${from}`;

/**
 * A trigger and its function as one DDL text (MikroORM compares such a trigger by name only, so
 * it never re-diffs); the function is named `need_<trigger>_fn` as MikroORM drops it.
 */
function rollupTrigger(name: string, timing: string, body: string): TriggerDef {
  return {
    name,
    timing: 'after',
    events: [],
    expression: `create or replace function "need_${name}_fn"() returns trigger as $$ begin ${body} return null; end; $$ language plpgsql;
create trigger "${name}" ${timing} execute function "need_${name}_fn"()`,
  };
}

/**
 * Inserts and deletes once per statement over its transition table (the bulk seed's 200,000-row
 * statements make one delta row per key); updates once per row, and only when a rolled-up column
 * changed (附议's supporter_count, an assignee, a title cost nothing).
 */
export function needRollupTriggers(): TriggerDef[] {
  const changed = `(${ROLLED_UP.map((c) => `old.${c}`).join(', ')}) is distinct from (${ROLLED_UP.map((c) => `new.${c}`).join(', ')})`;
  return [
    rollupTrigger(
      'rollups_insert',
      'after insert on "need" referencing new table as added for each statement',
      insertDeltas(signed(1, 'added', ' from added')),
    ),
    rollupTrigger(
      'rollups_delete',
      'after delete on "need" referencing old table as removed for each statement',
      insertDeltas(signed(-1, 'removed', ' from removed')),
    ),
    rollupTrigger(
      'rollups_update',
      `after update on "need" for each row when (${changed})`,
      insertDeltas(`${signed(-1, 'old')} union all ${signed(1, 'new')}`),
    ),
  ];
}
