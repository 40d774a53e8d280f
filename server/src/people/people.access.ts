import type { Viewer } from '../platform/auth/viewer.js';
import { Role } from '../platform/auth/roles.js';
import type { User } from './user.entity.js';

/**
 * May an administrator give this person a role? Only someone already in one of the
 * administrator's subtrees (living there, or holding a role there): handing a role to anyone
 * else would make them "over" that person and open their phone and home to them.
 */
export function isWithinAdminReach(viewer: Viewer, personAreaPaths: readonly string[]): boolean {
  return personAreaPaths.some((path) => viewer.hasRoleOver([Role.ADMIN], path));
}

/** Holders of these act in public (staff, officials, grid workers, unit contacts): their names are not masked. */
export const PUBLIC_NAME_ROLES: readonly Role[] = [
  Role.STAFF,
  Role.ADMIN,
  Role.GRID_WORKER,
  Role.COMMITTEE_MEMBER,
  Role.UNIT_REP,
];

/**
 * A name in full for those who may see the person's personal data, and for people acting in
 * a public role; everyone else (an anonymous visitor of a public need) gets it masked.
 */
export function showsFullName(seesPersonalData: boolean, roles: readonly Role[]): boolean {
  return seesPersonalData || roles.some((role) => PUBLIC_NAME_ROLES.includes(role));
}

/**
 * More of a person than the usual rule shows, for a viewer whom something involves with them:
 * the volunteer assigned to a resident's need calls them and must know whom to ask for.
 */
export interface PersonGrant {
  /** The name in full. */
  name: boolean;
  /** The phone in full, to call them. */
  phone: boolean;
}

const NO_GRANT: PersonGrant = { name: false, phone: false };
const GRANT = Symbol('person grant');

/**
 * The person as read through something that involves the viewer with them (Need.raisedBy, for
 * one): the same entity underneath, shown with `grant` on top of the usual rule. A view of its
 * own, so the same person elsewhere in the response is shown by the usual rule alone.
 */
export function seenThrough(user: User, grant: PersonGrant): User {
  if (!grant.name && !grant.phone) return user;
  return Object.create(user, { [GRANT]: { value: grant } }) as User;
}

/** What `seenThrough` granted on this view of a person; nothing for a person read directly. */
export function grantOn(user: User): PersonGrant {
  return (user as User & { [GRANT]?: PersonGrant })[GRANT] ?? NO_GRANT;
}
