import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Open and close votes, enter paper ballots, see who voted (never how): staff and admins over the area. */
export const mayRunVotes = heldOver([Role.STAFF, Role.ADMIN]);
