import type { Area } from '../areas/area.entity.js';
import type { Role } from '../people/role-assignment.entity.js';
import type { Viewer } from './auth/viewer.js';
import { forbidden } from './errors.js';

/** The one authorization check: one of `roles` held on `area` or an ancestor. */
export function requireRole(viewer: Viewer, roles: readonly Role[], area: Pick<Area, 'path'>): void {
  if (!viewer.hasRoleOver(roles, area.path)) throw forbidden();
}
