import { isWithin } from '../scope.js';
import type { Role } from './roles.js';

/**
 * The signed-in person's own record. Platform knows only its id; people/user.entity.ts
 * merges its User entity into this interface, so features read `viewer.user` as a User.
 */
export interface ViewerUser {
  id: number;
}

export interface Grant {
  role: Role;
  areaId: number;
  areaPath: string;
}

const NO_UNITS: ReadonlySet<number> = new Set();

/**
 * The signed-in person, the roles they hold (each on an area subtree) and the ids of the
 * units (驻区单位) they act for as UNIT_REP: read together once per request, so no check
 * asks the database again who is asking.
 */
export class Viewer {
  constructor(
    readonly user: ViewerUser,
    readonly grants: readonly Grant[],
    readonly representedUnitIds: ReadonlySet<number> = NO_UNITS,
  ) {}

  get id(): number {
    return this.user.id;
  }

  /** Does any of `roles` cover the area at `areaPath` (held there or on an ancestor)? */
  hasRoleOver(roles: readonly Role[], areaPath: string): boolean {
    return this.grants.some((grant) => roles.includes(grant.role) && isWithin(areaPath, grant.areaPath));
  }

  /** Does the viewer hold one of `roles` on the area at `areaPath` or on an area below it? */
  hasRoleIn(roles: readonly Role[], areaPath: string): boolean {
    return this.grants.some((grant) => roles.includes(grant.role) && isWithin(grant.areaPath, areaPath));
  }

  /** The subtree roots where the viewer holds one of `roles`, ancestors only (nested ones are implied). */
  scopesFor(roles: readonly Role[]): string[] {
    const paths = this.grants.filter((grant) => roles.includes(grant.role)).map((grant) => grant.areaPath);
    return [...new Set(paths)].filter((path) => !paths.some((other) => other !== path && isWithin(path, other)));
  }
}
