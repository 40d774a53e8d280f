import { Role } from '../platform/auth/roles.js';
import { heldOver } from '../platform/scope.js';
import { AreaKind } from './area.entity.js';

/** Which kinds may stand directly under which: 街道 → 社区/村 → 网格 → 楼栋. */
const ALLOWED_PARENTS: Record<AreaKind, readonly AreaKind[]> = {
  [AreaKind.STREET]: [],
  [AreaKind.COMMUNITY]: [AreaKind.STREET],
  [AreaKind.VILLAGE]: [AreaKind.STREET],
  [AreaKind.GRID]: [AreaKind.COMMUNITY, AreaKind.VILLAGE],
  [AreaKind.BUILDING]: [AreaKind.GRID],
};

/** `null` parent means a root; only streets are roots. */
export function kindFitsUnder(child: AreaKind, parent: AreaKind | null): boolean {
  return parent === null ? child === AreaKind.STREET : ALLOWED_PARENTS[child].includes(parent);
}

/** Kinds a resident may call home. */
export const HOME_AREA_KINDS: readonly AreaKind[] = [
  AreaKind.COMMUNITY,
  AreaKind.VILLAGE,
  AreaKind.GRID,
  AreaKind.BUILDING,
];

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Administrators create and rename the areas below the one they hold. */
export const mayManageAreas = heldOver([Role.ADMIN]);
