import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Answer objections to published results, on the record: staff and admins over the vote's area. */
export const mayAnswerObjections = heldOver([Role.STAFF, Role.ADMIN]);
