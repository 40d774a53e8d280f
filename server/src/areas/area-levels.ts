import { ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { EntityManager, FilterQuery, Ref } from '@mikro-orm/postgresql';
import type { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { idsOnPath } from '../platform/scope.js';
import { Area, AreaKind } from './area.entity.js';

/**
 * Where a row lies in the area tree, for any entity that extends it: the area, its path (for
 * permission checks) and the ids of the street, community and grid above it, kept on the row
 * so that lists and statistics of any level are index lookups (index them with `createdAt`).
 */
export abstract class AreaLevels {
  @ManyToOne(() => Area, { ref: true })
  area: Ref<Area>;

  @Property({ length: 400 })
  areaPath: string;

  @Property()
  streetId: number;

  @Property({ type: 'integer', nullable: true })
  communityId?: number | null;

  @Property({ type: 'integer', nullable: true })
  gridId?: number | null;
}

/** The columns of AreaLevels for a row in `area`, to spread into `em.create`. */
export interface LevelValues {
  area: Area;
  areaPath: string;
  streetId: number;
  communityId: number | null;
  gridId: number | null;
}

/** One query for the area's ancestors. */
export async function levelsOf(em: EntityManager, area: Area): Promise<LevelValues> {
  const ancestors = await em.find(Area, { id: { $in: idsOnPath(area.path) } });
  return levelValues(area, ancestors);
}

/** The same from ancestors already loaded (`ancestors` includes the area itself). */
export function levelValues(area: Area, ancestors: readonly Pick<Area, 'id' | 'kind'>[]): LevelValues {
  const idOf = (...kinds: AreaKind[]) => ancestors.find((a) => kinds.includes(a.kind))?.id ?? null;
  const streetId = idOf(AreaKind.STREET);
  if (streetId === null) throw new Error(`area ${area.id} lies in no street`);
  return {
    area,
    areaPath: area.path,
    streetId,
    communityId: idOf(AreaKind.COMMUNITY, AreaKind.VILLAGE),
    gridId: idOf(AreaKind.GRID),
  };
}

/** The path of the community or village a row lies in (the area itself when it is one). */
export function communityPathOf(levels: Pick<LevelValues, 'areaPath' | 'communityId'>): string | null {
  if (levels.communityId === null) return null;
  const ids = idsOnPath(levels.areaPath);
  return `/${ids.slice(0, ids.indexOf(levels.communityId) + 1).join('/')}/`;
}

/**
 * For an area of each kind: the property (and column) that puts a row in its subtree, and the
 * column of the level below it, by which statistics are broken down.
 */
export const AREA_LEVELS: Record<
  AreaKind,
  { property: 'streetId' | 'communityId' | 'gridId' | 'area'; column: string; childColumn: string | null }
> = {
  [AreaKind.STREET]: { property: 'streetId', column: 'street_id', childColumn: 'community_id' },
  [AreaKind.COMMUNITY]: { property: 'communityId', column: 'community_id', childColumn: 'grid_id' },
  [AreaKind.VILLAGE]: { property: 'communityId', column: 'community_id', childColumn: 'grid_id' },
  [AreaKind.GRID]: { property: 'gridId', column: 'grid_id', childColumn: 'area_id' },
  [AreaKind.BUILDING]: { property: 'area', column: 'area_id', childColumn: null },
};

/** Rows in `area`'s subtree, by its level's id column: with a `(level, createdAt)` index, an index range scan. */
export function inSubtree<T extends AreaLevels>(area: Pick<Area, 'id' | 'kind'>): FilterQuery<T> {
  return { [AREA_LEVELS[area.kind].property]: area.id } as FilterQuery<T>;
}

/** Who sees which rows of an entity: the same rule filters lists in SQL and checks one row in memory. */
export interface VisibilityRule<T extends AreaLevels> {
  /** A boolean property: true means anyone may see the row. */
  publicFlag: keyof T & string;
  /** Relations to people who see the row as theirs (who raised it, who it is assigned to…). */
  people: readonly (keyof T & string)[];
  /** Roles that see every row in the areas where they are held. */
  roles: readonly Role[];
}

/** The rows the viewer may see, as a filter. */
export function visibleTo<T extends AreaLevels>(viewer: Viewer | null, rule: VisibilityRule<T>): FilterQuery<T> {
  const isPublic = { [rule.publicFlag]: true } as FilterQuery<T>;
  if (!viewer) return isPublic;
  return {
    $or: [
      isPublic,
      ...rule.people.map((person) => ({ [person]: viewer.id }) as FilterQuery<T>),
      ...viewer.scopesFor(rule.roles).map((path) => ({ areaPath: { $like: `${path}%` } }) as FilterQuery<T>),
    ],
  } as FilterQuery<T>;
}

/** Whether the viewer may see this row: `visibleTo` for one loaded row. */
export function isVisibleTo<T extends AreaLevels>(viewer: Viewer | null, row: T, rule: VisibilityRule<T>): boolean {
  if (row[rule.publicFlag] === true) return true;
  if (!viewer) return false;
  const personIds = rule.people.map((person) => (row[person] as { id: number } | null | undefined)?.id);
  return personIds.includes(viewer.id) || viewer.hasRoleOver(rule.roles, row.areaPath);
}
