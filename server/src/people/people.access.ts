import type { Viewer } from '../platform/auth/viewer.js';
import { Role } from './role-assignment.entity.js';

/**
 * May an administrator give this person a role? Only someone already in one of the
 * administrator's subtrees (living there, or holding a role there): handing a role to anyone
 * else would make them "over" that person and open their phone and home to them.
 */
export function isWithinAdminReach(viewer: Viewer, personAreaPaths: readonly string[]): boolean {
  return personAreaPaths.some((path) => viewer.hasRoleOver([Role.ADMIN], path));
}
