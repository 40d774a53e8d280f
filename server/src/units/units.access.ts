import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { forbidden, notFound } from '../platform/errors.js';
import { findById } from '../platform/ids.js';
import { heldOver } from '../platform/scope.js';
import { Unit } from './unit.entity.js';

/** Create units and add or remove their representatives: staff and admins over the unit's area. */
export const mayManageUnits = heldOver([Role.STAFF, Role.ADMIN]);
/** Accept or decline report-ins (报到) to a community: its staff and admins. */
export const mayAnswerReportIns = heldOver([Role.STAFF, Role.ADMIN]);
/** The co-building ranking and unit reports of an area: staff, admins and committee members over it. */
export const mayViewUnitRanking = heldOver([Role.STAFF, Role.ADMIN, Role.COMMITTEE_MEMBER]);

const NO_UNITS: ReadonlySet<number> = new Set();

/** The ids of the units the viewer represents, read with the viewer (people/sessions.ts). */
export const unitIdsOf = (viewer: Viewer | null): ReadonlySet<number> => viewer?.representedUnitIds ?? NO_UNITS;

/**
 * The unit a viewer acts for: NOT_FOUND when no such unit, FORBIDDEN unless the viewer is one
 * of its representatives. Every operation "as a unit" starts here.
 */
export async function requireActingFor(ctx: Context, unitId: string | number): Promise<Unit> {
  if (!ctx.viewer) throw forbidden();
  const unit = await findById(ctx.em, Unit, unitId);
  if (!unit) throw notFound();
  if (!unitIdsOf(ctx.viewer).has(unit.id)) throw forbidden();
  return unit;
}

const REPORT_READERS = [Role.STAFF, Role.ADMIN, Role.COMMITTEE_MEMBER];

/**
 * mayViewUnitRanking over the unit's area or over a community it reported in to (accepted): who
 * reads its report besides its own people. The communities are read only for a viewer holding
 * one of those roles somewhere.
 */
export async function readsUnitReports(
  viewer: Viewer | null,
  unit: Pick<Unit, 'areaPath'>,
  acceptedCommunities: () => Promise<readonly { path: string }[]>,
): Promise<boolean> {
  if (!viewer) return false;
  if (mayViewUnitRanking(viewer, { path: unit.areaPath })) return true;
  if (!viewer.grants.some((grant) => REPORT_READERS.includes(grant.role))) return false;
  return (await acceptedCommunities()).some((area) => mayViewUnitRanking(viewer, area));
}
