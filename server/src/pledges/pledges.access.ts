import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Confirm a pledge's outcome: staff and admins over the need's or project's area (never the pledger). */
export const mayConfirmPledges = heldOver([Role.STAFF, Role.ADMIN]);

/** Roles that see every pledge in the areas where they hold them (the confirmers). */
export const PLEDGE_CONFIRMERS = [Role.STAFF, Role.ADMIN] as const;
