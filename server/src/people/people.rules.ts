import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** 13800000001 → 138****0001 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}

/** Roles that look people up and see their phone numbers: staff, administrators, and grid workers raising needs for residents (代办). */
export const PEOPLE_READERS = [Role.STAFF, Role.ADMIN, Role.GRID_WORKER] as const;
export const maySearchPeople = heldOver(PEOPLE_READERS);

/** Administrators assign and revoke roles in their areas. */
export const mayManageRoles = heldOver([Role.ADMIN]);

/** 赵桂兰 → 赵**: the first character, so a worker's list still reads, and no more. */
export function maskName(name: string): string {
  return `${Array.from(name.trim())[0] ?? ''}**`;
}
