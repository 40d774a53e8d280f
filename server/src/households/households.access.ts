import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Register households, their members, owners, floor areas and representatives: staff, admins and grid workers over the building. */
export const mayManageHouseholds = heldOver([Role.STAFF, Role.ADMIN, Role.GRID_WORKER]);
