import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { levelsOf, type LevelValues } from '../areas/area-levels.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { AppError, ErrorCode, forbidden } from '../platform/errors.js';
import { toId } from '../platform/ids.js';
import { heldOver, isWithin, streetPathOf } from '../platform/scope.js';
import type { Unit } from '../units/unit.entity.js';
import { unitIdsOf, requireActingFor } from '../units/units.access.js';

/** Ask a unit or person to pledge to a need or project (from a suggested match): the needs workers over the area. */
export const mayRequestPledges = heldOver([Role.STAFF, Role.ADMIN, Role.GRID_WORKER]);
/** See the sign-ups of any service in the area (the provider always sees its own). */
export const mayViewServiceSignups = heldOver([Role.STAFF, Role.ADMIN]);

/** Who offers a resource or service: a unit (through a representative), or a person (unit null). */
export interface Offerer {
  unit: Unit | null;
  /** Where the offer sits: the unit's area, or the person's home community. */
  levels: LevelValues;
  /** The street its served areas must lie in. */
  streetPath: string;
}

/**
 * The offerer of a new resource or service: the unit the viewer represents (NOT_FOUND /
 * FORBIDDEN from requireActingFor), or the viewer as a person, who needs a home community.
 */
export async function offererOf(ctx: Context, unitId: string | null | undefined): Promise<Offerer> {
  if (unitId !== undefined && unitId !== null) {
    const unit = await requireActingFor(ctx, unitId);
    const area = await unit.area.loadOrFail();
    return { unit, levels: { ...(await levelsOf(ctx.em, area)) }, streetPath: streetPathOf(unit.areaPath) };
  }
  const viewer = ctx.viewer!;
  const home = viewer.user.homeArea ? await viewer.user.homeArea.load() : null;
  const homeLevels = home ? await levelsOf(ctx.em, home) : null;
  if (!homeLevels || homeLevels.communityId === null) throw forbidden({ key: 'offerNeedsHome' });
  const community = await ctx.em.findOneOrFail(Area, homeLevels.communityId);
  return {
    unit: null,
    levels: { ...homeLevels, area: community, areaPath: community.path, gridId: null },
    streetPath: streetPathOf(community.path),
  };
}

/** NOT_FOUND on `field`: an id that names nothing, or an area outside the offerer's street. */
const areaNotFound = (field: string) =>
  new AppError(ErrorCode.NOT_FOUND, { key: 'NOT_FOUND' }, { [field]: { key: 'NOT_FOUND' } });

/** The areas named by `ids` (repeats once), each in the street at `streetPath`. */
export async function areasInStreet(
  em: EntityManager,
  ids: readonly string[],
  streetPath: string,
  field: string,
): Promise<Area[]> {
  const rowIds = [...new Set(ids.map((id) => toId(id)))];
  if (rowIds.some((id) => id === null)) throw areaNotFound(field);
  const areas = await em.find(Area, { id: { $in: rowIds as number[] } });
  if (areas.length !== rowIds.length || areas.some((area) => !isWithin(area.path, streetPath))) {
    throw areaNotFound(field);
  }
  return areas;
}

/** The viewer offers it: as the person (no unit), or as a representative of its unit. */
export async function isOfferer(
  ctx: Pick<Context, 'em' | 'viewer' | 'loaders'>,
  offer: { unit?: { id: number } | null },
  personId: number,
): Promise<boolean> {
  if (!ctx.viewer) return false;
  if (offer.unit) return unitIdsOf(ctx.viewer).has(offer.unit.id);
  return personId === ctx.viewer.id;
}

/** REQUEST_PLEDGES over one of these served areas, or inside one of them. */
export const mayRequestFromAny = (viewer: Viewer | null, servedPaths: readonly string[]): boolean =>
  !!viewer &&
  servedPaths.some(
    (path) => mayRequestPledges(viewer, { path }) || viewer.hasRoleIn([Role.STAFF, Role.ADMIN, Role.GRID_WORKER], path),
  );
