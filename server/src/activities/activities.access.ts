import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { forbidden } from '../platform/errors.js';
import { heldOver } from '../platform/scope.js';
import { TeamMembership } from '../teams/team.entity.js';
import { TeamMembershipStatus, TeamRole } from '../teams/teams.enums.js';
import type { Activity } from './activity.entity.js';

/** Create and run activities of an area (a team's leaders also may, for their team): staff and admins over it. */
export const mayOrganiseActivities = heldOver([Role.STAFF, Role.ADMIN]);

/** Check volunteers in and out at any activity of the area: staff, admins and grid workers over it. */
export const mayCheckInVolunteers = heldOver([Role.STAFF, Role.ADMIN, Role.GRID_WORKER]);

/**
 * 谁组织谁记录: an activity's organisers record and verify its hours and answer corrections —
 * staff over its area, whoever created it, and the approved leaders of its team.
 * At most one query (the leadership), none when the grants or the creator decide.
 */
export async function isOrganiser(
  em: EntityManager,
  viewer: Viewer,
  activity: Pick<Activity, 'areaPath' | 'createdBy' | 'team'>,
): Promise<boolean> {
  if (mayOrganiseActivities(viewer, { path: activity.areaPath })) return true;
  if (activity.createdBy.id === viewer.id) return true;
  if (!activity.team) return false;
  const leads = await em.count(TeamMembership, {
    team: activity.team.id,
    user: viewer.id,
    role: TeamRole.LEADER,
    status: TeamMembershipStatus.APPROVED,
  });
  return leads > 0;
}

/** The teams the viewer leads (approved LEADER): one query, for a whole page of activities. */
export async function ledTeamIds(em: EntityManager, viewer: Viewer | null): Promise<Set<number>> {
  if (!viewer) return new Set();
  const rows = await em.find(
    TeamMembership,
    { user: viewer.id, role: TeamRole.LEADER, status: TeamMembershipStatus.APPROVED },
    { fields: ['team'] },
  );
  return new Set(rows.map((row) => row.team.id));
}

/** isOrganiser for one activity when the viewer's led teams are known already (lists). */
export function organisesWith(
  viewer: Viewer | null,
  activity: Pick<Activity, 'areaPath' | 'createdBy' | 'team'>,
  ledTeams: ReadonlySet<number>,
): boolean {
  if (!viewer) return false;
  if (mayOrganiseActivities(viewer, { path: activity.areaPath })) return true;
  if (activity.createdBy.id === viewer.id) return true;
  return !!activity.team && ledTeams.has(activity.team.id);
}

/** FORBIDDEN unless the viewer organises the activity. */
export async function requireOrganiser(
  em: EntityManager,
  viewer: Viewer,
  activity: Pick<Activity, 'areaPath' | 'createdBy' | 'team'>,
): Promise<void> {
  if (!(await isOrganiser(em, viewer, activity))) throw forbidden();
}
