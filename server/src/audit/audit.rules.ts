import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Staff and administrators read the record of changes in their areas. */
export const mayReadAuditLog = heldOver([Role.STAFF, Role.ADMIN]);
