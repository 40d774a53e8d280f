import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Confirm a pledge's outcome: staff and admins over the need's or project's area (never the pledger). */
export const mayConfirmPledges = heldOver([Role.STAFF, Role.ADMIN]);
