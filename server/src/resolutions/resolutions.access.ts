import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Record resolutions, update any one's progress, turn one into a project: staff and admins over its area. */
export const mayManageResolutions = heldOver([Role.STAFF, Role.ADMIN]);
