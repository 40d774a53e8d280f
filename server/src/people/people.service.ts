import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { HOME_AREA_KINDS } from '../areas/areas.rules.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { countRecentFailures, isThrottled, recordLoginAttempt, THROTTLE_WINDOW_MINUTES } from './login-throttle.js';
import { hashPassword, verifyPassword } from '../platform/auth/passwords.js';
import { endOtherSessions } from './sessions.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { AppError, badInput, conflict, ErrorCode, notFound, rateLimited } from '../platform/errors.js';
import { containing, findById } from '../platform/ids.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { requireRule } from '../platform/scope.js';
import { mayManageRoles, maySearchPeople, PEOPLE_READERS } from './people.rules.js';
import type { RegisterInput } from './people.inputs.js';
import { Role } from '../platform/auth/roles.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { User } from './user.entity.js';

const phoneTaken = () => conflict({ key: 'phoneTaken' }, { phone: { key: 'phoneTaken' } });

/** A new resident of the chosen home area. */
export async function register(em: EntityManager, input: RegisterInput): Promise<User> {
  const homeArea = await findById(em, Area, input.homeAreaId);
  if (!homeArea) throw badInput({ homeAreaId: { key: 'NOT_FOUND' } });
  if (!HOME_AREA_KINDS.includes(homeArea.kind)) throw badInput({ homeAreaId: { key: 'homeAreaKind' } });
  if ((await em.count(User, { phone: input.phone })) > 0) throw phoneTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await em.transactional(async (tx) => {
      const user = tx.create(User, {
        phone: input.phone,
        passwordHash,
        displayName: input.displayName.trim(),
        homeArea,
      });
      tx.create(RoleAssignment, { user, role: Role.RESIDENT, area: homeArea });
      return user;
    });
  } catch (error) {
    // Two registrations of one phone at once: the database's unique index decides.
    if (error instanceof UniqueConstraintViolationException) throw phoneTaken();
    throw error;
  }
}

/** Checks the password, slowing down guessing per phone and per address. */
export async function authenticate(em: EntityManager, phone: string, password: string, ip: string): Promise<User> {
  if (isThrottled(await countRecentFailures(em, phone, ip))) throw rateLimited(THROTTLE_WINDOW_MINUTES);
  const user = await em.findOne(User, { phone }, { populate: ['passwordHash'] });
  const ok = await verifyPassword(user?.passwordHash, password);
  await recordLoginAttempt(em.fork(), phone, ip, ok);
  if (!user || !ok) throw new AppError(ErrorCode.UNAUTHENTICATED, { key: 'loginFailed' });
  return user;
}

/** Sets a new password after checking the current one; every other session of the person ends. */
export async function changePassword(
  em: EntityManager,
  viewer: Viewer,
  currentSessionToken: string | null,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await em.findOneOrFail(User, viewer.id, { populate: ['passwordHash'] });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw badInput({ currentPassword: { key: 'wrongPassword' } });
  }
  const passwordHash = await hashPassword(newPassword);
  await em.transactional(async (tx) => {
    tx.merge(user).passwordHash = passwordHash;
    await endOtherSessions(tx, user, currentSessionToken);
  });
}

export function canSeePersonalData(viewer: Viewer | null, user: User, areaPaths: string[]): boolean {
  if (!viewer) return false;
  if (viewer.id === user.id) return true;
  return areaPaths.some((path) => viewer.hasRoleOver(PEOPLE_READERS, path));
}

/** Paths of the areas a person belongs to: home and every role; loaded through the dataloader. */
export async function areaPathsOf(user: User): Promise<string[]> {
  const [home, assignments] = await Promise.all([
    user.homeArea?.load({ dataloader: true }),
    user.roles.load({ dataloader: true }),
  ]);
  const roleAreas = await Promise.all(assignments.getItems().map((a) => a.area.load({ dataloader: true })));
  return [home, ...roleAreas].filter((area): area is Area => !!area).map((area) => area.path);
}

export async function findVisibleUser(em: EntityManager, viewer: Viewer, id: string): Promise<User | null> {
  const user = await findById(em, User, id);
  if (!user) return null;
  return canSeePersonalData(viewer, user, await areaPathsOf(user)) ? user : null;
}

export async function listUsers(
  em: EntityManager,
  viewer: Viewer,
  args: { areaId: string; roles?: Role[]; search?: string } & PageArgs,
) {
  const area = await getArea(em, args.areaId);
  requireRule(viewer, maySearchPeople, area);
  const inSubtree = { $like: `${area.path}%` };
  const holderIds = em
    .createQueryBuilder(RoleAssignment, 'ra')
    .select('ra.user')
    .distinct()
    .where({ area: { path: inSubtree }, ...(args.roles?.length ? { role: { $in: args.roles } } : {}) });
  const where: FilterQuery<User> = args.roles?.length
    ? { id: { $in: holderIds } }
    : { $or: [{ homeArea: { path: inSubtree } }, { id: { $in: holderIds } }] };
  return pagePeople(em, where, args);
}

/**
 * A page of the people `where` selects, narrowed by the search (part of the name or phone), in
 * id order. Loaded with the page, so the phone, homeArea and roles fields need no further queries.
 */
export function pagePeople(em: EntityManager, where: FilterQuery<User>, args: { search?: string } & PageArgs) {
  const search = args.search?.trim();
  const pattern = search ? containing(search) : null;
  const searched: FilterQuery<User> = pattern
    ? { $and: [where, { $or: [{ displayName: { $ilike: pattern } }, { phone: { $like: pattern } }] }] }
    : where;
  return paginate(em, User, searched, args, { orderBy: { id: 'asc' }, populate: ['homeArea', 'roles.area'] });
}

export async function assignRole(em: EntityManager, viewer: Viewer, userId: string, role: Role, areaId: string) {
  const area = await getArea(em, areaId);
  requireRule(viewer, mayManageRoles, area);
  const user = await findById(em, User, userId);
  if (!user) throw notFound();
  const duplicate = () => conflict({ key: 'roleAlreadyAssigned' }, { role: { key: 'roleAlreadyAssigned' } });
  if ((await em.count(RoleAssignment, { user, role, area })) > 0) throw duplicate();
  try {
    return await em.transactional(async (tx) => {
      const assignment = tx.create(RoleAssignment, { user, role, area });
      await tx.flush();
      recordAudit(tx, viewer, {
        action: 'role.assign',
        targetType: 'RoleAssignment',
        targetId: assignment.id,
        area,
        after: { userId: user.id, displayName: user.displayName, role, areaId: area.id, areaName: area.name },
      });
      return assignment;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicate();
    throw error;
  }
}

export async function revokeRole(em: EntityManager, viewer: Viewer, assignmentId: string): Promise<boolean> {
  const assignment = await findById(em, RoleAssignment, assignmentId, { populate: ['area', 'user'] });
  if (!assignment) throw notFound();
  const area = assignment.area.getEntity();
  requireRule(viewer, mayManageRoles, area);
  const user = assignment.user.getEntity();
  await em.transactional(async (tx) => {
    tx.remove(tx.merge(assignment));
    recordAudit(tx, viewer, {
      action: 'role.revoke',
      targetType: 'RoleAssignment',
      targetId: assignment.id,
      area: tx.merge(area),
      before: {
        userId: user.id,
        displayName: user.displayName,
        role: assignment.role,
        areaId: area.id,
        areaName: area.name,
      },
    });
  });
  return true;
}
