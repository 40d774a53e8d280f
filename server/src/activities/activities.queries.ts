import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { communityPathOf, inSubtree, levelsOf } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { containing, toId } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { paginate, type ConnectionShape, type PageArgs } from '../platform/pagination.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { VolunteerStatus } from '../volunteers/volunteers.enums.js';
import { Activity, ActivityPhoto, Shift, ShiftSignup } from './activity.entity.js';
import { ledTeamIds, mayCheckInVolunteers, organisesWith } from './activities.access.js';
import { ActivityStatus, SignupStatus } from './activities.enums.js';
import type { ActivityFilter, ActivitySignupsArgs } from './activities.inputs.js';
import { waitlistPositions } from './activities.rules.js';

const nothing = (): FilterQuery<Activity> => ({ id: { $in: [] } });

/** Activities with a shift matching `condition` (SQL on the shift's alias `s`, values inlined by the caller as numbers/dates only). */
const withShift = (condition: string): FilterQuery<Activity> =>
  ({
    [raw((alias) => `exists (select 1 from shift s where s.activity_id = ${alias}.id and ${condition})`)]: true,
  }) as FilterQuery<Activity>;

/** The area paths a volunteer is "near": the areas served (profile) and the home community. */
async function nearPathsOf(em: EntityManager, viewer: Viewer): Promise<string[]> {
  const served = await em.getConnection().execute<{ path: string }[]>(
    `select a.path from volunteer_served_area v join volunteer_profile p on p.id = v.profile_id
       join area a on a.id = v.area_id where p.user_id = ?`,
    [viewer.id],
  );
  const home = viewer.user.homeArea ? await viewer.user.homeArea.load({ dataloader: true }) : null;
  const community = home ? communityPathOf(await levelsOf(em, home)) : null;
  return [...served.map((row) => row.path), ...(community ? [community] : [])];
}

/** The activities the viewer organises: staff scopes, created by them, or of a team they lead. */
async function organisedBy(em: EntityManager, viewer: Viewer): Promise<FilterQuery<Activity>> {
  const teams = [...(await ledTeamIds(em, viewer))];
  return {
    $or: [
      { createdBy: viewer.id },
      ...(teams.length ? [{ team: { $in: teams } }] : []),
      ...viewer.scopesFor([Role.STAFF, Role.ADMIN]).map((path) => ({ areaPath: { $like: `${path}%` } })),
    ],
  };
}

/** Activities are public: the filter narrows, it never hides. mine/organising/nearMe signed out match nothing. */
export async function activityFilterQuery(
  em: EntityManager,
  viewer: Viewer | null,
  filter: ActivityFilter | null | undefined,
  now: Date,
): Promise<FilterQuery<Activity>> {
  const conditions: FilterQuery<Activity>[] = [];
  if (filter?.areaId !== undefined && filter.areaId !== null) {
    conditions.push(inSubtree(await getArea(em, filter.areaId)) as FilterQuery<Activity>);
  }
  if (filter?.nearMe) {
    const paths = viewer ? await nearPathsOf(em, viewer) : [];
    conditions.push(paths.length ? { $or: paths.map((path) => ({ areaPath: { $like: `${path}%` } })) } : nothing());
  }
  if (filter?.skills?.length) conditions.push({ skills: { $overlap: filter.skills } });
  const from = filter?.from ? `s.starts_at >= '${filter.from.toISOString()}'` : null;
  const to = filter?.to ? `s.starts_at < '${filter.to.toISOString()}'` : null;
  if (from || to) conditions.push(withShift([from, to].filter(Boolean).join(' and ')));
  if (filter?.teamIds?.length) {
    conditions.push({ team: { $in: filter.teamIds.map(toId).filter((id): id is number => id !== null) } });
  }
  if (filter?.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  if (filter?.hasPlaces) {
    conditions.push(
      { status: ActivityStatus.PUBLISHED, retroactive: false },
      withShift(`s.starts_at > '${now.toISOString()}' and s.signed_up_count < s.capacity`),
    );
  }
  if (filter?.mine) {
    conditions.push(
      viewer
        ? {
            id: {
              $in: em
                .createQueryBuilder(ShiftSignup, 'x')
                .select('x.activity')
                .where({ volunteer: viewer.id, status: { $ne: SignupStatus.CANCELLED } }),
            },
          }
        : nothing(),
    );
  }
  if (filter?.organising) conditions.push(viewer ? await organisedBy(em, viewer) : nothing());
  const text = filter?.search?.trim();
  if (text) {
    const like = containing(text);
    conditions.push({
      $or: [{ title: { $ilike: like } }, { description: { $ilike: like } }, { place: { $ilike: like } }],
    });
  }
  return { $and: conditions };
}

/** Newest first; with `from` (upcoming), soonest first. */
export async function listActivities(
  ctx: Pick<Context, 'em' | 'viewer'>,
  filter: ActivityFilter | null | undefined,
  page: PageArgs,
  now = new Date(),
): Promise<ConnectionShape<Activity>> {
  const direction = filter?.from ? 'asc' : 'desc';
  return paginate(ctx.em, Activity, await activityFilterQuery(ctx.em, ctx.viewer, filter, now), page, {
    orderBy: { startsAt: direction, id: direction },
  });
}

/** Rows grouped by the key `keyOf` gives, in the order of `ids`. */
function grouped<T>(ids: readonly number[], rows: readonly T[], keyOf: (row: T) => number | undefined): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== undefined) groups.get(key)?.push(row);
  }
  return ids.map((id) => groups.get(id)!);
}

/** Each activity's shifts in order of start: one statement for a page. */
export const shiftsOf = (ctx: Context) =>
  requestLoader<number, Shift[]>(ctx, 'activityShifts', async (ids) =>
    grouped(
      ids,
      await ctx.em.find(Shift, { activity: { $in: [...ids] } }, { orderBy: { startsAt: 'asc', id: 'asc' } }),
      (shift) => shift.activity.id,
    ),
  );

/**
 * A sign-up's shift through its activity's shifts (already read when the page asks for them): a page's
 * sign-ups and its `activity { shifts }` then read shifts once, whichever field runs first.
 */
export async function shiftOf(ctx: Context, signup: ShiftSignup): Promise<Shift> {
  if (signup.shift.isInitialized()) return signup.shift.getEntity();
  const shifts = await shiftsOf(ctx).load(signup.activity.id);
  return shifts.find((shift) => shift.id === signup.shift.id) ?? signup.shift.loadOrFail();
}

export const photosOf = (ctx: Context) =>
  requestLoader<number, ActivityPhoto[]>(ctx, 'activityPhotos', async (ids) =>
    grouped(
      ids,
      await ctx.em.find(ActivityPhoto, { activity: { $in: [...ids] } }, { orderBy: { id: 'asc' } }),
      (photo) => photo.activity?.id,
    ),
  );

/** The viewer's own sign-ups to each activity (cancelled ones too: the history), oldest first. */
export const viewerSignupsOf = (ctx: Context) =>
  requestLoader<number, ShiftSignup[]>(ctx, 'activityViewerSignups', async (ids) =>
    ctx.viewer
      ? grouped(
          ids,
          await ctx.em.find(
            ShiftSignup,
            { activity: { $in: [...ids] }, volunteer: ctx.viewer.id },
            { orderBy: { createdAt: 'asc', id: 'asc' } },
          ),
          (signup) => signup.activity.id,
        )
      : ids.map(() => []),
  );

/** The viewer's live (not cancelled) sign-up of each shift. */
export const viewerSignupOf = (ctx: Context) =>
  requestLoader<number, ShiftSignup | null>(ctx, 'shiftViewerSignup', async (ids) => {
    if (!ctx.viewer) return ids.map(() => null);
    const rows = await ctx.em.find(ShiftSignup, {
      shift: { $in: [...ids] },
      volunteer: ctx.viewer.id,
      status: { $ne: SignupStatus.CANCELLED },
    });
    return ids.map((id) => rows.find((row) => row.shift.id === id) ?? null);
  });

/** Whether the viewer organises each activity (谁组织谁记录): the led teams once per request. */
export const organiserOf = (ctx: Context) =>
  requestLoader<Activity, boolean>(ctx, 'activityOrganiser', async (activities) => {
    const teams = await ledTeamIds(ctx.em, ctx.viewer);
    return activities.map((activity) => organisesWith(ctx.viewer, activity, teams));
  });

/** Whether the viewer has an ACTIVE volunteer profile: one query per request. */
export const viewerIsActiveVolunteer = (ctx: Context) =>
  requestLoader<number, boolean>(ctx, 'viewerActiveVolunteer', async (userIds) => {
    const rows = await ctx.em.find(VolunteerProfile, { user: { $in: [...userIds] }, status: VolunteerStatus.ACTIVE });
    return userIds.map((id) => rows.some((row) => row.user.id === id));
  });

/** Volunteers at each shift now (CHECKED_IN). */
export const checkedInCountOf = (ctx: Context) =>
  requestLoader<number, number>(ctx, 'shiftCheckedInCount', async (ids) => {
    const rows = await ctx.em
      .getConnection()
      .execute<{ shift_id: number; n: number }[]>(
        `select shift_id, count(*)::int as n from shift_signup where shift_id = any(?::int[]) and status = ? group by shift_id`,
        [`{${ids.join(',')}}`, SignupStatus.CHECKED_IN],
      );
    return ids.map((id) => rows.find((row) => row.shift_id === id)?.n ?? 0);
  });

/** Each WAITLISTED sign-up's place in line: the waiting lists of their shifts in one statement. */
export const waitlistPositionOf = (ctx: Context) =>
  requestLoader<ShiftSignup, number | null>(ctx, 'signupWaitlistPosition', async (signups) => {
    const shiftIds = [...new Set(signups.filter((s) => s.status === SignupStatus.WAITLISTED).map((s) => s.shift.id))];
    if (shiftIds.length === 0) return signups.map(() => null);
    const waiting = await ctx.em
      .getConnection()
      .execute<{ id: number; shift_id: number; queued_at: Date }[]>(
        'select id, shift_id, queued_at from shift_signup where shift_id = any(?::int[]) and status = ?',
        [`{${shiftIds.join(',')}}`, SignupStatus.WAITLISTED],
      );
    const byShift = new Map<number, { id: number; queuedAt: Date }[]>();
    for (const row of waiting) {
      byShift.set(row.shift_id, [
        ...(byShift.get(row.shift_id) ?? []),
        { id: row.id, queuedAt: new Date(row.queued_at) },
      ]);
    }
    const positions = new Map([...byShift.values()].flatMap((rows) => [...waitlistPositions(rows)]));
    return signups.map((s) => (s.status === SignupStatus.WAITLISTED ? (positions.get(s.id) ?? null) : null));
  });

/** The volunteer profile of each person (null when none). */
export const profileOfUser = (ctx: Context) =>
  requestLoader<number, VolunteerProfile | null>(ctx, 'volunteerProfileOfUser', async (userIds) => {
    const rows = await ctx.em.find(VolunteerProfile, { user: { $in: [...userIds] } });
    return userIds.map((id) => rows.find((row) => row.user.id === id) ?? null);
  });

/**
 * An activity's sign-ups, for its organisers and CHECK_IN_VOLUNTEERS over its area (others
 * get an empty list): by shift and status, in order of shift then queue.
 */
export async function activitySignups(
  ctx: Context,
  activity: Activity,
  { shiftIds, statuses, ...page }: ActivitySignupsArgs,
): Promise<ConnectionShape<ShiftSignup>> {
  const viewer = ctx.viewer;
  const allowed =
    !!viewer && (mayCheckInVolunteers(viewer, { path: activity.areaPath }) || (await organiserOf(ctx).load(activity)));
  const where: FilterQuery<ShiftSignup> = { activity: activity.id };
  if (!allowed) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
  const conditions: FilterQuery<ShiftSignup>[] = [where];
  if (shiftIds?.length)
    conditions.push({ shift: { $in: shiftIds.map(toId).filter((id): id is number => id !== null) } });
  if (statuses?.length) conditions.push({ status: { $in: statuses } });
  return paginate(ctx.em, ShiftSignup, { $and: conditions }, page, { orderBy: { queuedAt: 'asc', id: 'asc' } });
}
