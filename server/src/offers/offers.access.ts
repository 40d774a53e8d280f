import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';

/** Ask a unit or person to pledge to a need or project (from a suggested match): the needs workers over the area. */
export const mayRequestPledges = heldOver([Role.STAFF, Role.ADMIN, Role.GRID_WORKER]);
/** See the sign-ups of any service in the area (the provider always sees its own). */
export const mayViewServiceSignups = heldOver([Role.STAFF, Role.ADMIN]);
