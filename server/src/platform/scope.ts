import type { Role } from './auth/roles.js';
import type { Viewer } from './auth/viewer.js';
import { forbidden } from './errors.js';

/**
 * Areas form a tree; an area's path lists the ids from its street down, `/12/34/56/`, so
 * "in this subtree" is a prefix test (and a `text_pattern_ops` index lookup in SQL).
 */

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** Ids on a path from the root down, this area last. */
export function idsOnPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** The one authorization check: one of `roles` held on `area` or an ancestor. */
export function requireRole(viewer: Viewer, roles: readonly Role[], area: { path: string }): void {
  if (!viewer.hasRoleOver(roles, area.path)) throw forbidden();
}

/** One of `roles` held on `area` or anywhere below it: for what belongs to a whole street, like its settings. */
export function requireRoleIn(viewer: Viewer, roles: readonly Role[], area: { path: string }): void {
  if (!viewer.hasRoleIn(roles, area.path)) throw forbidden();
}
