import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/**
 * Manage the volunteers of an area: record guardians' consent, add training/awards/evaluations,
 * create teams, see the volunteer list and certificates, revoke certificates, withhold a star,
 * export hours: staff and admins over it.
 */
export const mayManageVolunteers = heldOver([Role.STAFF, Role.ADMIN]);
