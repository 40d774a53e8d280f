import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { mayOrganiseActivities } from '../activities/activities.access.js';
import { ShiftSignup } from '../activities/activity.entity.js';
import type { SignupStatus } from '../activities/activities.enums.js';
import { hoursFromMinutes } from '../activities/activities.rules.js';
import { AREA_LEVELS } from '../areas/area-levels.js';
import { AreaKind, type Area } from '../areas/area.entity.js';
import { getArea } from '../areas/areas.service.js';
import { maskName } from '../people/people.rules.js';
import { User } from '../people/user.entity.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { badInput } from '../platform/errors.js';
import { requestLoader } from '../platform/loaders.js';
import { pageSize, paginate, type ConnectionShape, type PageArgs } from '../platform/pagination.js';
import { Team } from '../teams/team.entity.js';
import { mayManageVolunteers } from '../volunteers/volunteers.access.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { CorrectionRequest, ServiceRecordEntry, StarAward } from './record.entity.js';
import { CorrectionStatus, StarAwardStatus } from './records.enums.js';
import type { CorrectionFilter } from './records.inputs.js';
import { competitionRanks, rollupPeriodOf, type RankCarry } from './records.rules.js';
import type { TeamRankingEntry, VolunteerRankingEntry } from './records.types.js';

/** Rows grouped by the key `keyOf` gives, in the order of `ids`. */
function grouped<T>(ids: readonly number[], rows: readonly T[], keyOf: (row: T) => number): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return ids.map((id) => groups.get(id)!);
}

// ---------------------------------------------------------------- rankings

/** The ranking cursor: the last row's minutes and key, with its rank and position to carry on. */
interface RankCursor extends RankCarry {
  key: number;
}

function encodeCursor(cursor: RankCursor): string {
  return Buffer.from(JSON.stringify([cursor.minutes, cursor.key, cursor.rank, cursor.position])).toString('base64url');
}

/** A cursor this server made: four non-negative safe integers; anything else is BAD_USER_INPUT on `after`. */
function decodeCursor(after: string | undefined): RankCursor | null {
  if (!after) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 4 && values.every((v) => Number.isSafeInteger(v) && v >= 0)) {
      const [minutes, key, rank, position] = values as number[];
      return { minutes: minutes!, key: key!, rank: rank!, position: position! };
    }
  } catch {
    // fall through to the field error
  }
  throw badInput({ after: { key: 'badCursor' } });
}

interface RankedRow {
  key: number;
  minutes: number;
  extra: number;
}

/**
 * One page of `source` (a select of key, minutes, extra with minutes > 0) in ranking order —
 * hours descending, then key — and its total (`count`, else counted over `source`): two statements. Over a rollup the page is an
 * index range read whatever the page (the cursor is a keyset), and ranks carry on from the
 * cursor, so no statement counts the rows above the page.
 */
async function rankedPage(
  em: EntityManager,
  source: string,
  params: unknown[],
  page: PageArgs,
  count: { sql: string; params: unknown[] } = { sql: `select count(*)::int total from (${source}) t`, params },
): Promise<{ rows: (RankedRow & { rank: number; cursor: string })[]; hasNextPage: boolean; totalCount: number }> {
  const first = pageSize(page.first);
  const after = decodeCursor(page.after);
  const keyset = after ? 'where (t.minutes < ? or (t.minutes = ? and t.key > ?))' : '';
  const rows = await em.execute<RankedRow[]>(
    `select t.key, t.minutes, t.extra from (${source}) t ${keyset} order by t.minutes desc, t.key limit ?`,
    [...params, ...(after ? [after.minutes, after.minutes, after.key] : []), first + 1],
  );
  const [total] = await em.execute<{ total: number }[]>(count.sql, count.params);
  const shown = rows.slice(0, first);
  const ranks = competitionRanks(
    shown.map((row) => row.minutes),
    after,
  );
  let position = after?.position ?? 0;
  return {
    rows: shown.map((row, index) => {
      position++;
      const rank = ranks[index]!;
      return { ...row, rank, cursor: encodeCursor({ minutes: row.minutes, key: row.key, rank, position }) };
    }),
    hasNextPage: rows.length > first,
    totalCount: total?.total ?? 0,
  };
}

/** from before to, both sane (the input guard checks the years). */
function checkRange(from: Date | null | undefined, to: Date | null | undefined) {
  if (from && to && from >= to) throw badInput({ to: { key: 'recordRangeOrder' } });
}

/** Rollups exist for streets and communities (villages); a grid or a building sums its sign-ups. */
const ROLLUP_KINDS: readonly AreaKind[] = [AreaKind.STREET, AreaKind.COMMUNITY, AreaKind.VILLAGE];

/** Verified sign-ups of activities in the area's subtree with a shift starting in [from, to), joined for the scan. */
function scanConditions(area: Area, from: Date | null | undefined, to: Date | null | undefined) {
  const column = AREA_LEVELS[area.kind].column;
  const params: unknown[] = [area.id];
  let sql = `s.verified_minutes is not null and a.${column} = ?`;
  if (from) {
    sql += ' and sh.starts_at >= ?';
    params.push(from);
  }
  if (to) {
    sql += ' and sh.starts_at < ?';
    params.push(to);
  }
  return { sql, params };
}

const SCAN_FROM = 'shift_signup s join activity a on a.id = s.activity_id join shift sh on sh.id = s.shift_id';

export interface RankingQuery extends PageArgs {
  areaId: string;
  from?: Date | null;
  to?: Date | null;
}

/**
 * Verified hours per volunteer of the area's activities in the period: public, names masked
 * unless the viewer manages volunteers over the area (then the profile too). A street or a
 * community with no bounds, one China calendar year or one month reads its rollup in index
 * order; any other range or a grid sums the sign-ups in it (as costly as they are many).
 */
export async function volunteerRanking(
  ctx: Pick<Context, 'em' | 'viewer'>,
  args: RankingQuery,
): Promise<ConnectionShape<VolunteerRankingEntry>> {
  const { em, viewer } = ctx;
  const area = await getArea(em, args.areaId);
  checkRange(args.from, args.to);
  const period = rollupPeriodOf(args.from, args.to);
  let source: string;
  let params: unknown[];
  let count: { sql: string; params: unknown[] } | undefined;
  if (period !== null && ROLLUP_KINDS.includes(area.kind)) {
    source = `select user_id as key, minutes, activity_count as extra from volunteer_hours_rollup
              where area_id = ? and period = ? and minutes > 0`;
    params = [area.id, period];
    count = {
      sql: 'select coalesce((select volunteers from volunteer_rollup_count where area_id = ? and period = ?), 0) total',
      params,
    };
  } else {
    const where = scanConditions(area, args.from, args.to);
    source = `select s.volunteer_id as key, sum(s.verified_minutes)::int as minutes, count(*)::int as extra
              from ${SCAN_FROM} where ${where.sql} group by s.volunteer_id having sum(s.verified_minutes) > 0`;
    params = where.params;
  }
  const page = await rankedPage(em, source, params, args, count);
  const ids = page.rows.map((row) => row.key);
  const staff = !!viewer && mayManageVolunteers(viewer, area);
  const users = ids.length ? await em.find(User, { id: { $in: ids } }) : [];
  const profiles = staff && ids.length ? await em.find(VolunteerProfile, { user: { $in: ids } }) : [];
  const nameOf = new Map(users.map((user) => [user.id, user.displayName]));
  const profileOf = new Map(profiles.map((profile) => [profile.user.id, profile]));
  return {
    edges: page.rows.map((row) => {
      const name = nameOf.get(row.key) ?? '';
      return {
        cursor: row.cursor,
        node: {
          rank: row.rank,
          name: staff ? name : maskName(name),
          profile: profileOf.get(row.key) ?? null,
          hours: hoursFromMinutes(row.minutes),
          activityCount: row.extra,
        },
      };
    }),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.rows.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}

/**
 * Verified hours per organising team: public. A street or a community and a rollup period sums
 * the team rollup's rows of that (area, period) — the teams' members, a few per team; other
 * ranges sum the sign-ups in them.
 */
export async function teamRanking(
  ctx: Pick<Context, 'em' | 'viewer'>,
  args: RankingQuery,
): Promise<ConnectionShape<TeamRankingEntry>> {
  const { em } = ctx;
  const area = await getArea(em, args.areaId);
  checkRange(args.from, args.to);
  const period = rollupPeriodOf(args.from, args.to);
  let source: string;
  let params: unknown[];
  if (period !== null && ROLLUP_KINDS.includes(area.kind)) {
    source = `select team_id as key, sum(minutes)::int as minutes, (count(*) filter (where minutes > 0))::int as extra
              from team_hours_rollup where area_id = ? and period = ? group by team_id having sum(minutes) > 0`;
    params = [area.id, period];
  } else {
    const where = scanConditions(area, args.from, args.to);
    source = `select a.team_id as key, sum(s.verified_minutes)::int as minutes,
                (count(distinct s.volunteer_id) filter (where s.verified_minutes > 0))::int as extra
              from ${SCAN_FROM} where ${where.sql} and a.team_id is not null
              group by a.team_id having sum(s.verified_minutes) > 0`;
    params = where.params;
  }
  const page = await rankedPage(em, source, params, args);
  const teams = page.rows.length ? await em.find(Team, { id: { $in: page.rows.map((row) => row.key) } }) : [];
  const teamOf = new Map(teams.map((team) => [team.id, team]));
  return {
    edges: page.rows.map((row) => ({
      cursor: row.cursor,
      node: {
        rank: row.rank,
        team: teamOf.get(row.key)!,
        hours: hoursFromMinutes(row.minutes),
        volunteerCount: row.extra,
      },
    })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.rows.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}

// ---------------------------------------------------------------- what an organiser answers for

/**
 * Activities the viewer organises, as a condition on the activity alias `a`: staff and admins
 * over its area (the areas as bound patterns), its creator, the approved leaders of its team.
 */
export function organisedBySql(viewer: Viewer): { sql: string; params: unknown[] } {
  const scopes = viewer.scopesFor([Role.STAFF, Role.ADMIN]).map((path) => `${path}%`);
  return {
    sql: `(a.area_path like any(?::text[]) or a.created_by_id = ? or a.team_id in (
            select m.team_id from team_membership m where m.user_id = ? and m.role = 'LEADER' and m.status = 'APPROVED'))`,
    params: [`{${scopes.map((s) => `"${s}"`).join(',')}}`, viewer.id, viewer.id],
  };
}

/** To-do hoursToVerify: CHECKED_OUT sign-ups of activities the viewer organises, in one statement. */
export async function countHoursToVerify(em: EntityManager, viewer: Viewer | null): Promise<number> {
  if (!viewer) return 0;
  const organised = organisedBySql(viewer);
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int n from shift_signup s join activity a on a.id = s.activity_id
     where s.status = 'CHECKED_OUT' and ${organised.sql}`,
    organised.params,
  );
  return row?.n ?? 0;
}

/** To-do correctionsToAnswer: OPEN corrections of activities the viewer organises, in one statement. */
export async function countCorrectionsToAnswer(em: EntityManager, viewer: Viewer | null): Promise<number> {
  if (!viewer) return 0;
  const organised = organisedBySql(viewer);
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int n from correction_request c join shift_signup s on s.id = c.signup_id
       join activity a on a.id = s.activity_id
     where c.status = 'OPEN' and ${organised.sql}`,
    organised.params,
  );
  return row?.n ?? 0;
}

/**
 * The organisers' inbox: corrections of activities in the area's subtree — all of them for
 * staff over the area, else those of activities the viewer created or whose team they lead.
 * Soonest due first.
 */
export async function listCorrectionRequests(
  em: EntityManager,
  viewer: Viewer,
  filter: CorrectionFilter,
  page: PageArgs,
  now = new Date(),
): Promise<ConnectionShape<CorrectionRequest>> {
  const area = await getArea(em, filter.areaId);
  const conditions: FilterQuery<CorrectionRequest>[] = [
    { signup: { activity: { areaPath: { $like: `${area.path}%` } } } },
  ];
  if (!mayOrganiseActivities(viewer, area)) {
    const led = await em.execute<{ team_id: number }[]>(
      `select team_id from team_membership where user_id = ? and role = 'LEADER' and status = 'APPROVED'`,
      [viewer.id],
    );
    const teamIds = led.map((row) => row.team_id);
    conditions.push({
      $or: [
        { signup: { activity: { createdBy: viewer.id } } },
        ...(teamIds.length ? [{ signup: { activity: { team: { $in: teamIds } } } }] : []),
        // Staff over a part of the area see that part.
        ...viewer
          .scopesFor([Role.STAFF, Role.ADMIN])
          .map((path) => ({ signup: { activity: { areaPath: { $like: `${path}%` } } } })),
      ],
    } as FilterQuery<CorrectionRequest>);
  }
  if (filter.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  if (filter.overdue === true) conditions.push({ status: CorrectionStatus.OPEN, dueAt: { $lt: now } });
  if (filter.overdue === false) {
    conditions.push({ $or: [{ status: { $ne: CorrectionStatus.OPEN } }, { dueAt: { $gte: now } }] });
  }
  return paginate(em, CorrectionRequest, { $and: conditions }, page, { orderBy: { dueAt: 'asc', id: 'asc' } });
}

/** Stars on the boards of the area's subtree: PUBLICIZING (and AWARDED with includeAwarded), newest first. */
export async function listStarNotices(
  em: EntityManager,
  areaId: string,
  includeAwarded: boolean,
  page: PageArgs,
): Promise<ConnectionShape<StarAward>> {
  const area = await getArea(em, areaId);
  const statuses = includeAwarded
    ? [StarAwardStatus.PUBLICIZING, StarAwardStatus.AWARDED]
    : [StarAwardStatus.PUBLICIZING];
  return paginate(em, StarAward, { community: { path: { $like: `${area.path}%` } }, status: { $in: statuses } }, page, {
    orderBy: { reachedAt: 'desc', id: 'desc' },
  });
}

// ---------------------------------------------------------------- the volunteer's own

/** The viewer's profile, read once per request however many summary fields ask. */
export const profileOfUser = (ctx: Context) =>
  requestLoader<number, VolunteerProfile | null>(ctx, 'recordsProfileOfUser', async (userIds) => {
    const profiles = await ctx.em.find(VolunteerProfile, { user: { $in: [...userIds] } });
    const byUser = new Map(profiles.map((profile) => [profile.user.id, profile]));
    return userIds.map((id) => byUser.get(id) ?? null);
  });

/** A profile's stars, lowest level first: one statement for `stars` and `pendingStar` together. */
export const starsOfProfile = (ctx: Context) =>
  requestLoader<number, StarAward[]>(ctx, 'recordsStarsOfProfile', async (ids) =>
    grouped(
      ids,
      await ctx.em.find(StarAward, { profile: { $in: [...ids] } }, { orderBy: { level: 'asc' } }),
      (star) => star.profile.id,
    ),
  );

export function summarySignups(
  em: EntityManager,
  userId: number,
  statuses: SignupStatus[] | null | undefined,
  page: PageArgs,
) {
  return paginate(
    em,
    ShiftSignup,
    { volunteer: userId, ...(statuses?.length ? { status: { $in: statuses } } : {}) },
    page,
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
}

/** Sign-ups with recorded or verified hours, newest first; from/to on the shift's start. */
export function summaryRecords(
  em: EntityManager,
  userId: number,
  args: { from?: Date | null; to?: Date | null } & PageArgs,
) {
  checkRange(args.from, args.to);
  const conditions: FilterQuery<ShiftSignup>[] = [
    { volunteer: userId },
    { $or: [{ recordedMinutes: { $ne: null } }, { verifiedMinutes: { $ne: null } }] },
  ];
  if (args.from) conditions.push({ shift: { startsAt: { $gte: args.from } } });
  if (args.to) conditions.push({ shift: { startsAt: { $lt: args.to } } });
  return paginate(em, ShiftSignup, { $and: conditions }, args, { orderBy: { createdAt: 'desc', id: 'desc' } });
}

export function summaryCorrections(em: EntityManager, userId: number, page: PageArgs) {
  return paginate(em, CorrectionRequest, { volunteer: userId }, page, { orderBy: { createdAt: 'desc', id: 'desc' } });
}

/** Each sign-up's entries, oldest first: one statement for a page of sign-ups. */
export const entriesOfSignup = (ctx: Context) =>
  requestLoader<number, ServiceRecordEntry[]>(ctx, 'recordsEntriesOfSignup', async (ids) =>
    grouped(
      ids,
      await ctx.em.find(ServiceRecordEntry, { signup: { $in: [...ids] } }, { orderBy: { id: 'asc' } }),
      (entry) => entry.signup.id,
    ),
  );

/** Each sign-up's correction requests, oldest first: one statement for a page of sign-ups. */
export const correctionsOfSignup = (ctx: Context) =>
  requestLoader<number, CorrectionRequest[]>(ctx, 'recordsCorrectionsOfSignup', async (ids) =>
    grouped(
      ids,
      await ctx.em.find(CorrectionRequest, { signup: { $in: [...ids] } }, { orderBy: { id: 'asc' } }),
      (correction) => correction.signup.id,
    ),
  );

/** StarAward.volunteerName: the profiles' people, two statements for a page of stars. */
export const nameOfProfile = (ctx: Context) =>
  requestLoader<number, string>(ctx, 'recordsNameOfProfile', async (ids) => {
    const profiles = await ctx.em.find(VolunteerProfile, { id: { $in: [...ids] } }, { populate: ['user'] });
    const byId = new Map(profiles.map((profile) => [profile.id, profile.user.getEntity().displayName]));
    return ids.map((id) => byId.get(id) ?? '');
  });
