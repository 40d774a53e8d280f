import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { isVisibleTo, type VisibilityRule } from '../areas/area-levels.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { AppError, ErrorCode } from '../platform/errors.js';
import { findById } from '../platform/ids.js';
import { Role } from '../platform/auth/roles.js';
import { heldInStreet, heldOver, heldOverStreet, idsOnPath } from '../platform/scope.js';
import { RoleAssignment } from '../people/role-assignment.entity.js';
import type { User } from '../people/user.entity.js';
import { Need } from './need.entity.js';
import { NeedAction } from './need.enums.js';
import { availableActions, residentShownTo, type ActorFacts, type NeedFacts } from './needs.rules.js';
import { seenThrough } from '../people/people.access.js';
import { unitIdsOf } from '../units/units.access.js';

/**
 * Who works on the needs of an area, and so sees its private ones too. Administrators manage
 * areas and roles, not residents' needs: they see the figures (needStats), not private needs.
 */
export const NEED_WORKERS = [Role.STAFF, Role.GRID_WORKER] as const;
/**
 * What a viewer may do with the needs of an area. Each is checked by its operation and
 * reported by Area.viewerCan (capabilities/), so the two cannot disagree.
 */
export const mayRaiseOnBehalf = heldOver(NEED_WORKERS);
export const mayHandleNeeds = heldOver(NEED_WORKERS);
export const mayExportNeeds = heldOver(NEED_WORKERS);
export const mayViewNeedStats = heldOver([...NEED_WORKERS, Role.ADMIN, Role.COMMITTEE_MEMBER]);
/** A street's deadlines: read by its staff and administrators, wherever in the street they hold the role. */
export const mayViewNeedDeadlines = heldInStreet([Role.STAFF, Role.ADMIN]);
export const maySetNeedDeadlines = heldOverStreet([Role.ADMIN]);

/** Roles a need can be assigned to. */
export const ASSIGNABLE = [Role.STAFF, Role.GRID_WORKER, Role.VOLUNTEER, Role.UNIT_REP] as const;

export const needNotVisible = () => new AppError(ErrorCode.NOT_FOUND, { key: 'needNotVisible' });

function ownerIds(need: Need): number[] {
  return [need.raisedBy.id, need.onBehalfOf?.id].filter((id): id is number => typeof id === 'number');
}

/** Public needs, the viewer's own, those assigned to them, and all in the areas they work on. */
export const NEED_VISIBILITY: VisibilityRule<Need> = {
  publicFlag: 'isPublic',
  people: ['raisedBy', 'onBehalfOf', 'assignee'],
  roles: NEED_WORKERS,
};

const NO_UNITS: ReadonlySet<number> = new Set();

/**
 * The rule above, and the representatives of the unit a need is assigned to (`unitIds`: the
 * units the viewer represents, from unitIdsOf) see it as an assignee does.
 */
export const canSee = (viewer: Viewer | null, need: Need, unitIds: ReadonlySet<number> = NO_UNITS): boolean =>
  isVisibleTo(viewer, need, NEED_VISIBILITY) || worksForAssigneeUnit(need, unitIds);

const worksForAssigneeUnit = (need: Need, unitIds: ReadonlySet<number>) =>
  !!need.assigneeUnit && unitIds.has(need.assigneeUnit.id);

export function factsOf(need: Need): NeedFacts {
  return {
    status: need.status,
    reopenCount: need.reopenCount,
    isPublic: need.isPublic,
    canGoUp: idsOnPath(need.responsiblePath).length > 1,
  };
}

export function actorFacts(
  viewer: Viewer | null,
  need: Need,
  hasSupported: boolean,
  unitIds: ReadonlySet<number> = NO_UNITS,
): ActorFacts {
  return {
    signedIn: !!viewer,
    isOwner: !!viewer && ownerIds(need).includes(viewer.id),
    // A representative of the unit assigned works the need as the assignee would.
    isAssignee: !!viewer && (need.assignee?.id === viewer.id || worksForAssigneeUnit(need, unitIds)),
    isResponsibleStaff: !!viewer && viewer.hasRoleOver([Role.STAFF], need.responsiblePath),
    isResponsibleWorker: !!viewer && viewer.hasRoleOver(NEED_WORKERS, need.responsiblePath),
    worksOnArea: !!viewer && viewer.hasRoleOver(NEED_WORKERS, need.areaPath),
    hasSupported,
  };
}

export function actionsFor(
  viewer: Viewer | null,
  need: Need,
  hasSupported: boolean,
  unitIds: ReadonlySet<number> = NO_UNITS,
): NeedAction[] {
  return availableActions(factsOf(need), actorFacts(viewer, need, hasSupported, unitIds));
}

/** The need's resident (raiser or onBehalfOf) as the viewer is shown them when reading the need. */
export function residentOf(
  viewer: Viewer | null,
  need: Need,
  person: User,
  unitIds: ReadonlySet<number> = NO_UNITS,
): User {
  if (!viewer || !ownerIds(need).includes(person.id)) return person;
  return seenThrough(person, residentShownTo(actorFacts(viewer, need, false, unitIds)));
}

export async function findVisibleNeed(
  em: EntityManager,
  viewer: Viewer | null,
  id: string,
  refresh = false,
): Promise<Need | null> {
  const need = await findById(em, Need, id, { refresh });
  return need && canSee(viewer, need, unitIdsOf(viewer)) ? need : null;
}

export async function visibleNeedOrFail(em: EntityManager, viewer: Viewer, id: string, refresh = false): Promise<Need> {
  const need = await findVisibleNeed(em, viewer, id, refresh);
  if (!need) throw needNotVisible();
  return need;
}

/**
 * The people a need may be assigned to (ASSIGN accepts them, Need.assignableUsers lists them):
 * anyone holding an assignable role on the need's area or above it, or inside the area now
 * responsible for it.
 */
export function assignableTo(em: EntityManager, need: Need): FilterQuery<User> {
  const holders = em
    .createQueryBuilder(RoleAssignment, 'ra')
    .select('ra.user')
    .distinct()
    .where({
      role: { $in: [...ASSIGNABLE] },
      $or: [{ area: { $in: idsOnPath(need.areaPath) } }, { area: { path: { $like: `${need.responsiblePath}%` } } }],
    });
  return { id: { $in: holders } };
}
