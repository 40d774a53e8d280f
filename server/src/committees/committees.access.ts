import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Create committees and add or remove their members: staff and admins over the committee's area. */
export const mayManageCommittees = heldOver([Role.STAFF, Role.ADMIN]);
