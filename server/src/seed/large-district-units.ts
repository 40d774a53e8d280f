import type pg from 'pg';
import { ResourceKind } from '../offers/offers.enums.js';
import { PledgeStatus } from '../pledges/pledges.enums.js';
import { UnitKind } from '../units/units.enums.js';

/**
 * Units, their resources and their pledges over the needs already in the database (the large
 * district: `npm run seed -- --needs N`), for measuring the co-building score, the ranking and
 * matching. Generated inside PostgreSQL (INSERT … SELECT over generate_series) like the
 * district itself: a million pledges take a minute or two.
 */
export interface UnitsPlan {
  units: number;
  resources: number;
  pledges: number;
  log?: (line: string) => void;
}

/** The name every generated unit starts with, so a second run knows what is there. */
export const BENCH_UNIT_PREFIX = '共建单位';

/** How the generated pledges end: mostly fulfilled, some open, a few broken or withdrawn. */
const STATUS_SPREAD = [
  ...Array<PledgeStatus>(4).fill(PledgeStatus.FULFILLED),
  PledgeStatus.PARTIAL,
  PledgeStatus.NOT_FULFILLED,
  PledgeStatus.WITHDRAWN,
  ...Array<PledgeStatus>(3).fill(PledgeStatus.PLEDGED),
];

export async function seedLargeDistrictUnits(client: pg.Client, plan: UnitsPlan): Promise<void> {
  const log = plan.log ?? (() => {});
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    const result = await client.query(sql, params);
    log(`  ${label}: ${result.rowCount ?? 0} rows, ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };
  await client.query('begin');
  try {
    // Foreign keys hold by construction; skipping their checks makes the load several times faster.
    await client.query('savepoint fk');
    try {
      await client.query(`set local session_replication_role = replica`);
      await client.query('release savepoint fk');
    } catch {
      await client.query('rollback to savepoint fk');
    }
    await client.query(`select setseed(0.2026)`);
    const { rows } = await client.query<{ creator: number; needs: string }>(
      `select (select min(id) from app_user) as creator, (select count(*) from need) as needs`,
    );
    const creator = rows[0]!.creator;
    if (Number(rows[0]!.needs) === 0)
      throw new Error('no needs: seed the large district first (npm run seed -- --needs N)');

    // Units spread over every community and village, numbered for the joins below.
    await step(
      'units',
      `insert into unit (area_id, area_path, street_id, community_id, grid_id, name, kind, address, contact_name, contact_phone, created_by_id, created_at)
       select c.id, c.path, split_part(c.path, '/', 2)::int, c.id, null, $1::text || g, ($2::text[])[1 + g % cardinality($2::text[])],
              '路 ' || g || ' 号', '联系人', '136' || lpad((g % 100000000)::text, 8, '0'), $3::int, now() - (g % 700) * interval '1 day'
         from generate_series(1, $4::int) g
         join (select id, path, row_number() over (order by id) - 1 as rn, count(*) over () as n
                 from area where kind in ('COMMUNITY', 'VILLAGE')) c on c.rn = g % c.n`,
      [BENCH_UNIT_PREFIX, Object.values(UnitKind), creator, plan.units],
    );
    await client.query(
      `create temp table bench_unit on commit drop as
      select row_number() over (order by id) - 1 as rn, id, area_id, area_path, street_id, community_id
        from unit where name like $1::text || '%'`,
      [BENCH_UNIT_PREFIX],
    );
    await client.query('create index on bench_unit (rn)');
    const units = Number((await client.query<{ n: string }>('select count(*) as n from bench_unit')).rows[0]!.n);

    const { rows: before } = await client.query<{ id: number }>('select coalesce(max(id), 0) as id from resource');
    await step(
      'resources',
      `insert into resource (area_id, area_path, street_id, community_id, grid_id, unit_id, offered_by_id, kind, title, description,
                             quantity, measure, withdrawn_at, created_at)
       select u.area_id, u.area_path, u.street_id, u.community_id, null, u.id, $1::int, ($2::text[])[1 + g % cardinality($2::text[])],
              '资源 ' || g, '可提供的资源', case when g % 3 = 0 then null else 100 end, '件',
              case when g % 20 = 0 then now() end, now() - (g % 700) * interval '1 day'
         from generate_series(1, $3::int) g join bench_unit u on u.rn = g % $4::int`,
      [creator, Object.values(ResourceKind), plan.resources, units],
    );
    // Each serves its unit's community.
    await step(
      'resource areas',
      `insert into resource_area (resource_id, area_id, area_path) select id, area_id, area_path from resource where id > $1::int`,
      [before[0]!.id],
    );

    await client.query(`create temp table bench_need on commit drop as
      select row_number() over (order by id) - 1 as rn, id, area_id, area_path, street_id, community_id, grid_id from need`);
    await client.query('create index on bench_need (rn)');
    const needs = Number(rows[0]!.needs);
    await step(
      'pledges',
      `insert into pledge (area_id, area_path, street_id, community_id, grid_id, need_id, unit_id, pledged_by_id, description,
                           due_at, status, settled_by_id, settled_at, overdue_notified_at, created_at, version)
       select n.area_id, n.area_path, n.street_id, n.community_id, n.grid_id, n.id, u.id, $1::int, '认领',
              t.created + (1 + g % 30) * interval '1 day', s.status,
              case when s.status <> 'PLEDGED' then $1::int end,
              case when s.status <> 'PLEDGED' then least(now(), t.created + ((g * 7) % 40) * interval '1 day') end,
              -- History: its overdue notices went out long ago (the job would otherwise send them all now).
              case when s.status = 'PLEDGED' then t.created + (1 + g % 30) * interval '1 day' end,
              t.created, 1
         from generate_series(1, $2::int) g
         join bench_unit u on u.rn = g % $3::int
         join bench_need n on n.rn = (g::bigint * 7919) % $4::int
         cross join lateral (select now() - ((g * 31) % 730) * interval '1 day' - (g % 86400) * interval '1 second' as created) t
         cross join lateral (select ($5::text[])[1 + (g * 13) % cardinality($5::text[])] as status) s`,
      [creator, plan.pledges, units, needs, STATUS_SPREAD],
    );
    // A fifth of the rated needs were worked by a unit: their ratings count for it.
    await step(
      'needs assigned to units',
      `update need set assignee_unit_id = u.id from bench_need n join bench_unit u on u.rn = n.rn % $1::int
        where need.id = n.id and need.rating is not null and n.rn % 5 = 0`,
      [units],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  const t = Date.now();
  for (const table of ['unit', 'resource', 'resource_area', 'pledge', 'need'])
    await client.query(`vacuum (analyze) ${table}`);
  log(`  vacuum and analyze: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
