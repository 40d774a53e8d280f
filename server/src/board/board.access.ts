import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Who answers objections: also whose to-do an unanswered one is. */
export const OBJECTION_ANSWERER_ROLES = [Role.STAFF, Role.ADMIN] as const;

/** Answer objections to published results, on the record: staff and admins over the vote's area. */
export const mayAnswerObjections = heldOver(OBJECTION_ANSWERER_ROLES);
