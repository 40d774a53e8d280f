import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Schedule meetings, check people in, show the check-in code, write and publish minutes: staff and admins over the area. */
export const mayRunMeetings = heldOver([Role.STAFF, Role.ADMIN]);
