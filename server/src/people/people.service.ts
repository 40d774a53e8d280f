import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { HOME_AREA_KINDS } from '../areas/areas.rules.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { beginSignInAttempt, markSignInSucceeded } from './login-throttle.js';
import { hashPassword, verifyPassword } from '../platform/auth/passwords.js';
import { endOtherSessions } from './sessions.js';
import { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { AppError, badInput, conflict, ErrorCode, notFound } from '../platform/errors.js';
import { containing, findById } from '../platform/ids.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { requireRule } from '../platform/scope.js';
import { isWithinAdminReach } from './people.access.js';
import { AccountAuditAction, AccountAuditTarget, RoleAuditAction, RoleAuditTarget } from './people.audit.js';
import { SignInCodePurpose } from './sign-in-code.entity.js';
import { checkSignInCode, useSignInCode, type CheckedCode } from './sign-in-codes.js';
import { mayManageRoles, maySearchPeople, PEOPLE_READERS } from './people.rules.js';
import type { RegisterInput } from './people.inputs.js';
import { Role } from '../platform/auth/roles.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { User } from './user.entity.js';

/** The genuine owner needs to hear it; the message points them to signing in. */
const phoneTaken = () => conflict({ key: 'phoneTakenSignIn' }, { phone: { key: 'phoneTaken' } });

/**
 * A new resident of the chosen home area. Whether the phone is taken is learnt last, from the
 * unique index, after all input is checked and the password hashed: any other answer (and
 * its timing) is the same for a registered phone as for a free one. `register` is limited per
 * address (platform/rate-limit), so the answer cannot be used to test many phones. With
 * REGISTRATION_REQUIRES_CODE the phone is proven by a REGISTER code, which is only ever sent
 * to a free phone: for a registered one every code is wrong, as it is for a mistyped one.
 */
export async function register(
  em: EntityManager,
  input: RegisterInput,
  options: { requireCode: boolean; ip: string; clock?: Clock },
): Promise<User> {
  const homeArea = await findById(em, Area, input.homeAreaId);
  if (!homeArea) throw badInput({ homeAreaId: { key: 'NOT_FOUND' } });
  if (!HOME_AREA_KINDS.includes(homeArea.kind)) throw badInput({ homeAreaId: { key: 'homeAreaKind' } });
  let checked: CheckedCode | null = null;
  if (options.requireCode) {
    if (!input.code) throw badInput({ code: { key: 'required' } });
    checked = await checkSignInCode(em, input.phone, SignInCodePurpose.REGISTER, input.code, options.ip, options.clock);
    if (!checked) throw wrongCodeInput();
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await em.transactional(async (tx) => {
      if (checked && !(await useSignInCode(tx, checked, options.clock))) throw wrongCodeInput();
      const user = tx.create(User, {
        phone: input.phone,
        passwordHash,
        displayName: input.displayName.trim(),
        homeArea,
      });
      tx.create(RoleAssignment, { user, role: Role.RESIDENT, area: homeArea });
      return user;
    });
    if (checked) await markSignInSucceeded(em, checked.attemptId);
    return user;
  } catch (error) {
    // A registered phone, or two registrations of one phone at once: the unique index decides.
    if (error instanceof UniqueConstraintViolationException) throw phoneTaken();
    throw error;
  }
}

/** Wrong, expired, used or superseded: one answer for all, on the code field of a form. */
const wrongCodeInput = () => badInput({ code: { key: 'codeWrong' } }, { key: 'codeWrong' });

/**
 * Signs in with an SMS code instead of the password. Unknown phones, wrong, expired, used and
 * superseded codes get the same answer; every check counts in the sign-in throttle.
 */
export async function authenticateWithCode(
  em: EntityManager,
  phone: string,
  code: string,
  ip: string,
  clock: Clock = systemClock,
): Promise<User> {
  const wrong = () => new AppError(ErrorCode.UNAUTHENTICATED, { key: 'codeWrong' });
  const checked = await checkSignInCode(em, phone, SignInCodePurpose.SIGN_IN, code, ip, clock);
  const user = checked && (await em.findOne(User, { phone }));
  if (!checked || !user) throw wrong();
  if (!(await em.transactional((tx) => useSignInCode(tx, checked, clock)))) throw wrong();
  await markSignInSucceeded(em, checked.attemptId);
  return user;
}

/**
 * 忘记密码: sets a new password with a RESET_PASSWORD code, ends every session of the person
 * (the caller then signs them in anew and tells the WebSockets), and records it in the audit
 * log of their home (or first role's) area.
 */
export async function resetPassword(
  em: EntityManager,
  phone: string,
  code: string,
  newPassword: string,
  ip: string,
  clock: Clock = systemClock,
): Promise<User> {
  const checked = await checkSignInCode(em, phone, SignInCodePurpose.RESET_PASSWORD, code, ip, clock);
  const user = checked && (await em.findOne(User, { phone }, { populate: ['homeArea', 'roles.area'] }));
  if (!checked || !user) throw wrongCodeInput();
  const passwordHash = await hashPassword(newPassword);
  await em.transactional(async (tx) => {
    if (!(await useSignInCode(tx, checked, clock))) throw wrongCodeInput();
    tx.merge(user).passwordHash = passwordHash;
    await endOtherSessions(tx, user, null);
    const area = user.homeArea?.getEntity() ?? user.roles.getItems()[0]?.area.getEntity();
    // Everyone registers with a home or is given a role on an area, so there is always one.
    if (area) {
      recordAudit(tx, new Viewer(user, []), {
        action: AccountAuditAction.PASSWORD_RESET,
        targetType: AccountAuditTarget.USER,
        targetId: user.id,
        area,
        at: clock(),
      });
    }
  });
  await markSignInSucceeded(em, checked.attemptId);
  return user;
}

/** Checks the password, slowing down guessing per phone and per address (login-throttle.ts). */
export async function authenticate(em: EntityManager, phone: string, password: string, ip: string): Promise<User> {
  const attempt = await beginSignInAttempt(em, phone, ip);
  const user = await em.findOne(User, { phone }, { populate: ['passwordHash'] });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) throw new AppError(ErrorCode.UNAUTHENTICATED, { key: 'loginFailed' });
  await markSignInSucceeded(em, attempt);
  return user;
}

/** Sets a new password after checking the current one; every other session of the person ends. */
export async function changePassword(
  em: EntityManager,
  viewer: Viewer,
  currentSessionToken: string | null,
  currentPassword: string,
  newPassword: string,
  ip: string,
): Promise<void> {
  const user = await em.findOneOrFail(User, viewer.id, { populate: ['passwordHash'] });
  // A stolen session must not make guessing the password cheaper than signing in does.
  const attempt = await beginSignInAttempt(em, user.phone, ip);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw badInput({ currentPassword: { key: 'wrongPassword' } });
  }
  await markSignInSucceeded(em, attempt);
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
  // Roles first, then every area at once: one batch of areas for a whole page, whatever its size.
  const assignments = await user.roles.load({ dataloader: true });
  const areas = await Promise.all([
    user.homeArea?.load({ dataloader: true }),
    ...assignments.getItems().map((a) => a.area.load({ dataloader: true })),
  ]);
  return areas.filter((area): area is Area => !!area).map((area) => area.path);
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
  // Someone outside the administrator's subtrees is answered exactly as an unknown id.
  if (!user || !isWithinAdminReach(viewer, await areaPathsOf(user))) throw notFound();
  const duplicate = () => conflict({ key: 'roleAlreadyAssigned' }, { role: { key: 'roleAlreadyAssigned' } });
  if ((await em.count(RoleAssignment, { user, role, area })) > 0) throw duplicate();
  try {
    return await em.transactional(async (tx) => {
      const assignment = tx.create(RoleAssignment, { user, role, area });
      await tx.flush();
      recordAudit(tx, viewer, {
        action: RoleAuditAction.ASSIGN,
        targetType: RoleAuditTarget.ROLE_ASSIGNMENT,
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
      action: RoleAuditAction.REVOKE,
      targetType: RoleAuditTarget.ROLE_ASSIGNMENT,
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
