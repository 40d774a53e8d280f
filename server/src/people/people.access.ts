import type { Viewer } from '../platform/auth/viewer.js';
import { Role } from '../platform/auth/roles.js';

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
