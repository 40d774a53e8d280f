import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { idsOnPath } from '../platform/scope.js';
import { CAPABILITY_RULES, topmostAreasWhere, type AreaCapability } from './capabilities.js';

/** The topmost areas where the viewer has `capability`, in tree order; one query for the areas on their grants' paths. */
export async function myAreas(em: EntityManager, viewer: Viewer | null, capability: AreaCapability): Promise<Area[]> {
  if (!viewer?.grants.length) return [];
  const ids = [...new Set(viewer.grants.flatMap((grant) => idsOnPath(grant.areaPath)))];
  const candidates = await em.find(Area, { id: { $in: ids } }, { orderBy: { path: 'asc' } });
  return topmostAreasWhere(viewer, CAPABILITY_RULES[capability], candidates);
}
