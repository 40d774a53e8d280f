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

/** The street an area lies in (a street is its own). */
export function streetPathOf(path: string): string {
  return `/${idsOnPath(path)[0]}/`;
}

/**
 * What a viewer may do in an area, as a plain function of their grants: an operation checks
 * it with `requireRule`, and `Area.viewerCan` reports the very same function to the web.
 */
export type AreaRule = (viewer: Viewer, area: { path: string }) => boolean;

/** One of `roles` held on the area or an ancestor. */
export const heldOver =
  (roles: readonly Role[]): AreaRule =>
  (viewer, area) =>
    viewer.hasRoleOver(roles, area.path);

/** One of `roles` held on the area's street or anywhere in it: for what belongs to the whole street. */
export const heldInStreet =
  (roles: readonly Role[]): AreaRule =>
  (viewer, area) =>
    viewer.hasRoleIn(roles, streetPathOf(area.path));

/** One of `roles` held on the area or anywhere in its subtree: for what a community's own people do. */
export const heldIn =
  (roles: readonly Role[]): AreaRule =>
  (viewer, area) =>
    viewer.hasRoleIn(roles, area.path);

/** One of `roles` held on the area's street or above it. */
export const heldOverStreet =
  (roles: readonly Role[]): AreaRule =>
  (viewer, area) =>
    viewer.hasRoleOver(roles, streetPathOf(area.path));

/** Any of the rules. */
export const anyOf =
  (...rules: readonly AreaRule[]): AreaRule =>
  (viewer, area) =>
    rules.some((rule) => rule(viewer, area));

/** FORBIDDEN unless the rule lets the viewer act on the area. */
export function requireRule(viewer: Viewer, rule: AreaRule, area: { path: string }): void {
  if (!rule(viewer, area)) throw forbidden();
}
