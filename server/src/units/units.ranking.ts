import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { getArea } from '../areas/areas.service.js';
import type { Area } from '../areas/area.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { badInput } from '../platform/errors.js';
import { requestLoader } from '../platform/loaders.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageArgs, PageInfo } from '../platform/pagination.js';
import { requireRule } from '../platform/scope.js';
import { Unit } from './unit.entity.js';
import { mayViewUnitRanking } from './units.access.js';
import { checkPeriod, type Period } from './units.period.js';
import { NO_COUNTS, POINTS_SQL, unitScore, UnitScore, type UnitScoreCounts } from './units.score.js';

/** One row of counts per unit, named as UnitScoreCounts in snake_case. */
interface CountsRow {
  id: number;
  pledges: number;
  fulfilled: number;
  partial: number;
  not_fulfilled: number;
  withdrawn: number;
  open: number;
  overdue: number;
  settled_with_due: number;
  on_time: number;
  rated_needs: number;
  rating_sum: number;
  contribution_value: string | number;
}

const countsOf = (row: CountsRow): UnitScoreCounts => ({
  pledges: Number(row.pledges),
  fulfilled: Number(row.fulfilled),
  partial: Number(row.partial),
  notFulfilled: Number(row.not_fulfilled),
  withdrawn: Number(row.withdrawn),
  open: Number(row.open),
  overdue: Number(row.overdue),
  settledWithDue: Number(row.settled_with_due),
  onTime: Number(row.on_time),
  ratedNeeds: Number(row.rated_needs),
  ratingSum: Number(row.rating_sum),
  contributionValue: Number(row.contribution_value),
});

/**
 * The counts of the units `units` selects (a query yielding `id`), in one statement: the pledges
 * they made, the ratings of the needs assigned to them and their contributions, each grouped by
 * unit over the period, joined to the units. Parameters: the units' own, then now, from, to.
 */
function countsSql(units: string): string {
  const inPeriod = (column: string) =>
    `${column} >= coalesce(?::timestamptz, '-infinity') and ${column} < coalesce(?::timestamptz, 'infinity')`;
  return `with units as (${units}),
  p as (
    select unit_id,
      count(*) as pledges,
      count(*) filter (where status = 'FULFILLED') as fulfilled,
      count(*) filter (where status = 'PARTIAL') as partial,
      count(*) filter (where status = 'NOT_FULFILLED') as not_fulfilled,
      count(*) filter (where status = 'WITHDRAWN') as withdrawn,
      count(*) filter (where status = 'PLEDGED') as open,
      count(*) filter (where status = 'PLEDGED' and due_at < now.at) as overdue,
      count(*) filter (where status in ('FULFILLED', 'PARTIAL', 'NOT_FULFILLED') and due_at is not null) as settled_with_due,
      count(*) filter (where status in ('FULFILLED', 'PARTIAL') and due_at is not null and settled_at <= due_at) as on_time
    from pledge, (select ?::timestamptz as at) now
    where unit_id in (select id from units) and ${inPeriod('created_at')}
    group by unit_id),
  r as (
    select assignee_unit_id as unit_id, count(*) as rated_needs, sum(rating) as rating_sum
    from need
    where assignee_unit_id in (select id from units) and rating is not null and ${inPeriod('created_at')}
    group by assignee_unit_id),
  c as (
    select unit_id, sum(value) as contribution_value
    from contribution
    where unit_id in (select id from units) and ${inPeriod('created_at')}
    group by unit_id),
  counted as (
    select units.id,
      coalesce(p.pledges, 0) as pledges, coalesce(p.fulfilled, 0) as fulfilled, coalesce(p.partial, 0) as partial,
      coalesce(p.not_fulfilled, 0) as not_fulfilled, coalesce(p.withdrawn, 0) as withdrawn, coalesce(p.open, 0) as open,
      coalesce(p.overdue, 0) as overdue, coalesce(p.settled_with_due, 0) as settled_with_due,
      coalesce(p.on_time, 0) as on_time, coalesce(r.rated_needs, 0) as rated_needs,
      coalesce(r.rating_sum, 0) as rating_sum, coalesce(c.contribution_value, 0) as contribution_value
    from units
    left join p on p.unit_id = units.id
    left join r on r.unit_id = units.id
    left join c on c.unit_id = units.id)`;
}

const periodParams = (now: Date, { from, to }: Period) => [
  now,
  from ?? null,
  to ?? null,
  from ?? null,
  to ?? null,
  from ?? null,
  to ?? null,
];

/** The score of each unit over the period, in one statement whatever the number of units. */
export async function scoresOf(
  em: EntityManager,
  unitIds: readonly number[],
  period: Period,
  now = new Date(),
): Promise<UnitScore[]> {
  const rows = await em.execute<CountsRow[]>(`${countsSql('select unnest(?::int[]) as id')} select * from counted`, [
    `{${unitIds.join(',')}}`,
    ...periodParams(now, period),
  ]);
  const byId = new Map(rows.map((row) => [row.id, countsOf(row)]));
  return unitIds.map((id) => unitScore(byId.get(id) ?? NO_COUNTS));
}

@ArgsType()
class ScoreArgs {
  @Field(() => Date, { nullable: true })
  from?: Date;

  @Field(() => Date, { nullable: true })
  to?: Date;
}

@Resolver(() => Unit)
export class UnitScoreResolver {
  @FieldResolver(() => UnitScore, { description: '共建评价 over a period; all time when both omitted' })
  score(@Root() unit: Unit, @Args() period: ScoreArgs, @Ctx() ctx: Context) {
    checkPeriod(period);
    // One loader per period asked for: a page of units with the same period is one statement.
    const key = `unitScore:${period.from?.toISOString() ?? ''}:${period.to?.toISOString() ?? ''}`;
    return requestLoader<number, UnitScore>(ctx, key, (ids) => scoresOf(ctx.em, ids, period)).load(unit.id);
  }
}

@ObjectType()
export class UnitRankingEntry {
  @Field(() => Int, { description: '1 for the best; continues across pages' })
  rank: number;

  @Field(() => Unit)
  unit: Unit;

  @Field(() => UnitScore)
  score: UnitScore;
}

@ObjectType()
class UnitRankingEdge {
  @Field()
  cursor: string;

  @Field(() => UnitRankingEntry)
  node: UnitRankingEntry;
}

@ObjectType()
export class UnitRankingConnection {
  @Field(() => [UnitRankingEdge])
  edges: UnitRankingEdge[];

  @Field()
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}

@ArgsType()
class UnitRankingArgs extends PageArgs {
  @Field(() => ID)
  areaId: string;

  @Field(() => Date, { nullable: true })
  from?: Date;

  @Field(() => Date, { nullable: true })
  to?: Date;
}

/** The ranking's cursor: the rank of the last entry of the page. */
const encodeCursor = (rank: number) => Buffer.from(`rank:${rank}`).toString('base64url');
function decodeCursor(after: string | undefined): number {
  if (!after) return 0;
  const match = /^rank:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw badInput({ after: { key: 'badCursor' } });
  return Number(match[1]);
}

function pageSize(first: number | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw badInput({ first: { key: 'pageTooLarge', params: { max: MAX_PAGE_SIZE } } });
  return first;
}

export interface RankedRow {
  rank: number;
  unit: Unit;
  score: UnitScore;
}

/**
 * The units of the area's subtree by points, best first (units with nothing to score last, then
 * by id), `limit` from rank `offset + 1`, with the total: one statement for the counts, ranks and
 * total, one for the page's units.
 */
export async function rankUnits(
  em: EntityManager,
  area: Pick<Area, 'path'>,
  period: Period,
  offset: number,
  limit: number | null,
  now = new Date(),
): Promise<{ rows: RankedRow[]; total: number }> {
  const rows = await em.execute<(CountsRow & { rank: string; total: string })[]>(
    `${countsSql(`select id from unit where area_path like ?`)},
     ranked as (
       select counted.*, count(*) over () as total,
         row_number() over (order by ${POINTS_SQL} desc nulls last, id) as rank
       from counted)
     select * from ranked where rank > ? order by rank ${limit === null ? '' : 'limit ?'}`,
    [`${area.path}%`, ...periodParams(now, period), offset, ...(limit === null ? [] : [limit])],
  );
  const units = new Map(
    (await em.find(Unit, { id: { $in: rows.map((row) => row.id) } })).map((unit) => [unit.id, unit]),
  );
  const total = rows[0] ? Number(rows[0].total) : await countUnits(em, area);
  return {
    rows: rows.map((row) => ({ rank: Number(row.rank), unit: units.get(row.id)!, score: unitScore(countsOf(row)) })),
    total,
  };
}

/** The total when the page is past the end (no row to read it from). */
async function countUnits(em: EntityManager, area: Pick<Area, 'path'>): Promise<number> {
  const [row] = await em.execute<{ total: string }[]>('select count(*) as total from unit where area_path like ?', [
    `${area.path}%`,
  ]);
  return Number(row?.total ?? 0);
}

/** The area, once the viewer may view its ranking (VIEW_UNIT_RANKING); NOT_FOUND for no such area. */
export async function rankingArea(em: EntityManager, viewer: Viewer, areaId: string, period: Period): Promise<Area> {
  checkPeriod(period);
  const area = await getArea(em, areaId);
  requireRule(viewer, mayViewUnitRanking, area);
  return area;
}

@Resolver()
export class UnitRankingResolver {
  @Authorized()
  @Query(() => UnitRankingConnection, {
    description:
      'Units of the area’s subtree by co-building score (points), best first; VIEW_UNIT_RANKING. Export: /units/ranking.xlsx?areaId=&from=&to=',
  })
  async unitRanking(
    @Args() { areaId, from, to, first, after }: UnitRankingArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ): Promise<UnitRankingConnection> {
    const limit = pageSize(first);
    const offset = decodeCursor(after);
    const area = await rankingArea(em, viewer, areaId, { from, to });
    const { rows, total } = await rankUnits(em, area, { from, to }, offset, limit);
    const last = rows.at(-1);
    return {
      edges: rows.map((row) => ({ cursor: encodeCursor(row.rank), node: row })),
      pageInfo: { hasNextPage: !!last && last.rank < total, endCursor: last ? encodeCursor(last.rank) : null },
      totalCount: total,
    };
  }
}
