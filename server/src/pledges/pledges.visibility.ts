import type { FilterQuery } from '@mikro-orm/postgresql';
import { visibleTo } from '../areas/area-levels.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { canSee, NEED_VISIBILITY } from '../needs/needs.access.js';
import type { Need } from '../needs/need.entity.js';
import { Pledge } from './pledge.entity.js';
import { PLEDGE_CONFIRMERS } from './pledges.access.js';

/**
 * Who sees a pledge: everyone, when it is to a project (projects are public) or to a need they
 * may see; its pledger and the representatives of its unit; and those who confirm pledges over
 * its area. The same rule as a filter (lists) and for one row.
 */
export function visiblePledges(viewer: Viewer | null, unitIds: ReadonlySet<number>): FilterQuery<Pledge> {
  const mine: FilterQuery<Pledge>[] = viewer
    ? [
        { pledgedBy: viewer.id },
        // Their units' pledges, and those to the needs assigned to their units.
        ...(unitIds.size ? [{ unit: { $in: [...unitIds] } }, { need: { assigneeUnit: { $in: [...unitIds] } } }] : []),
        ...viewer.scopesFor(PLEDGE_CONFIRMERS).map((path) => ({ areaPath: { $like: `${path}%` } })),
      ]
    : [];
  return { $or: [{ project: { $ne: null } }, { need: visibleTo(viewer, NEED_VISIBILITY) }, ...mine] };
}

/** `visiblePledges` for one pledge whose need (if any) is loaded. */
export function canSeePledge(
  viewer: Viewer | null,
  pledge: Pledge,
  need: Need | null,
  unitIds: ReadonlySet<number>,
): boolean {
  if (pledge.project || (need && canSee(viewer, need, unitIds))) return true;
  if (!viewer) return false;
  return isPledger(viewer, pledge, unitIds) || viewer.hasRoleOver(PLEDGE_CONFIRMERS, pledge.areaPath);
}

/** The viewer made the pledge, or represents the unit that made it. */
export function isPledger(viewer: Viewer | null, pledge: Pledge, unitIds: ReadonlySet<number>): boolean {
  if (!viewer) return false;
  return pledge.pledgedBy.id === viewer.id || (!!pledge.unit && unitIds.has(pledge.unit.id));
}
