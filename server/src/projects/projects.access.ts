import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Create and run projects (tasks, status, contributions, photos): staff and admins over the project's area. */
export const mayManageProjects = heldOver([Role.STAFF, Role.ADMIN]);
