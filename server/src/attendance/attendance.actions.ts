import type { EntityManager } from '@mikro-orm/postgresql';
import { ActivityStatus, ShiftAction, SignupAction, SignupStatus } from '../activities/activities.enums.js';
import { mayCheckInVolunteers } from '../activities/activities.access.js';
import type { Shift, ShiftSignup } from '../activities/activity.entity.js';
import { Activity } from '../activities/activity.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { TeamMembership } from '../teams/team.entity.js';
import { TeamMembershipStatus, TeamRole } from '../teams/teams.enums.js';
import { checkerActions, selfActions } from './attendance.rules.js';

/*
 * Attendance's part of the sign-ups' and shifts' availableActions (the resolvers are
 * activities/'; they call these and add what they return). Each is batched per request: a page
 * of sign-ups or shifts costs one or two statements, whatever its size.
 */

/**
 * The activities (of `activityIds`) where the viewer may check volunteers in and out: organisers
 * (staff over the area, the creator, approved team leaders) and CHECK_IN_VOLUNTEERS over the
 * area — isOrganiser and mayCheckInVolunteers, for many activities in two statements.
 */
export async function checkableActivityIds(
  em: EntityManager,
  viewer: Viewer,
  activityIds: readonly number[],
): Promise<Set<number>> {
  if (activityIds.length === 0) return new Set();
  const activities = await em.find(
    Activity,
    { id: { $in: [...new Set(activityIds)] } },
    { fields: ['id', 'areaPath', 'createdBy', 'team'] },
  );
  const allowed = new Set<number>();
  const byTeam: typeof activities = [];
  for (const activity of activities) {
    if (mayCheckInVolunteers(viewer, { path: activity.areaPath }) || activity.createdBy.id === viewer.id) {
      allowed.add(activity.id);
    } else if (activity.team) byTeam.push(activity);
  }
  if (byTeam.length) {
    const leads = await em.find(
      TeamMembership,
      {
        team: { $in: byTeam.map((activity) => activity.team!.id) },
        user: viewer.id,
        role: TeamRole.LEADER,
        status: TeamMembershipStatus.APPROVED,
      },
      { fields: ['team'] },
    );
    const led = new Set(leads.map((membership) => membership.team.id));
    for (const activity of byTeam) if (led.has(activity.team!.id)) allowed.add(activity.id);
  }
  return allowed;
}

interface ActivityFacts {
  status: ActivityStatus;
  checkable: boolean;
}

/** Per request: for each activity, whether it is live and the viewer may check people in at it. */
function activityFacts(ctx: Context, viewer: Viewer) {
  return requestLoader<number, ActivityFacts>(ctx, 'attendance.activityFacts', async (ids) => {
    const [checkable, rows] = await Promise.all([
      checkableActivityIds(ctx.em, viewer, ids),
      ctx.em.find(Activity, { id: { $in: [...ids] } }, { fields: ['id', 'status'] }),
    ]);
    const status = new Map(rows.map((activity) => [activity.id, activity.status]));
    return ids.map((id) => ({ status: status.get(id) ?? ActivityStatus.CANCELLED, checkable: checkable.has(id) }));
  });
}

/**
 * SignupAction CHECK_IN / CHECK_OUT: for organisers and checkers, on a sign-up whose status
 * allows it (check-in only while it is open; a check-out also afterwards, to close a forgotten one).
 * `signup.shift` must be loaded or loadable (the ORM batches it).
 */
export async function signupAttendanceActions(
  ctx: Context,
  signup: ShiftSignup,
  now: Date = new Date(),
): Promise<SignupAction[]> {
  const viewer = ctx.viewer;
  if (!viewer) return [];
  const facts = await activityFacts(ctx, viewer).load(signup.activity.id);
  if (!facts.checkable) return [];
  const shift = await signup.shift.load({ dataloader: true });
  if (!shift) return [];
  return checkerActions(signup, shift, facts.status === ActivityStatus.PUBLISHED, now).map(
    (action) => SignupAction[action],
  );
}

interface OwnSignupFacts {
  status: SignupStatus | null;
  activityStatus: ActivityStatus;
}

/**
 * ShiftAction CHECK_IN_WITH_CODE / CHECK_OUT_WITH_CODE: for the volunteer with a live sign-up
 * to the shift, while their check-in (or check-out) by code is open.
 */
export async function shiftAttendanceActions(
  ctx: Context,
  shift: Shift,
  now: Date = new Date(),
): Promise<ShiftAction[]> {
  const viewer = ctx.viewer;
  if (!viewer) return [];
  const own = await requestLoader<number, OwnSignupFacts>(ctx, 'attendance.ownSignups', async (shiftIds) => {
    const rows = await ctx.em.execute<
      { shift_id: number; status: SignupStatus | null; activity_status: ActivityStatus }[]
    >(
      `select s.id as shift_id, su.status, a.status as activity_status
         from shift s join activity a on a.id = s.activity_id
         left join shift_signup su on su.shift_id = s.id and su.volunteer_id = ? and su.status <> ?
        where s.id in (${shiftIds.map(() => '?').join(', ')})`,
      [viewer.id, SignupStatus.CANCELLED, ...shiftIds],
    );
    const byShift = new Map(rows.map((row) => [row.shift_id, row]));
    return shiftIds.map((id) => ({
      status: byShift.get(id)?.status ?? null,
      activityStatus: byShift.get(id)?.activity_status ?? ActivityStatus.CANCELLED,
    }));
  }).load(shift.id);
  return selfActions(
    own.status ? { status: own.status } : null,
    shift,
    own.activityStatus === ActivityStatus.PUBLISHED,
    now,
  ).map((action) => ShiftAction[action]);
}
