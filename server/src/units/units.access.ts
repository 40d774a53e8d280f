import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { forbidden, notFound } from '../platform/errors.js';
import { findById } from '../platform/ids.js';
import { heldOver } from '../platform/scope.js';
import { Unit, UnitRepresentative } from './unit.entity.js';

/** Create units and add or remove their representatives: staff and admins over the unit's area. */
export const mayManageUnits = heldOver([Role.STAFF, Role.ADMIN]);
/** Accept or decline report-ins (报到) to a community: its staff and admins. */
export const mayAnswerReportIns = heldOver([Role.STAFF, Role.ADMIN]);
/** The co-building ranking and unit reports of an area: staff, admins and committee members over it. */
export const mayViewUnitRanking = heldOver([Role.STAFF, Role.ADMIN, Role.COMMITTEE_MEMBER]);

/**
 * The ids of the units the viewer represents: one query per request (kept on the request's
 * Viewer, so the needs' access checks, which get no context, share it).
 */
export function representedUnitIds(ctx: Pick<Context, 'em' | 'viewer'>): Promise<ReadonlySet<number>> {
  return unitIdsOf(ctx.em, ctx.viewer);
}

const NO_UNITS: ReadonlySet<number> = new Set();
const unitIdsByViewer = new WeakMap<Viewer, Promise<ReadonlySet<number>>>();

/** `representedUnitIds` for code that has an EntityManager and the viewer only. */
export function unitIdsOf(em: EntityManager, viewer: Viewer | null): Promise<ReadonlySet<number>> {
  if (!viewer) return Promise.resolve(NO_UNITS);
  let ids = unitIdsByViewer.get(viewer);
  if (!ids) {
    ids = unitIdsRepresentedBy(em, viewer);
    unitIdsByViewer.set(viewer, ids);
  }
  return ids;
}

/**
 * The same for the needs' checks, which every list and step runs: a representative always holds
 * UNIT_REP (addUnitRepresentative grants it), so anyone else needs no query at all.
 */
export function needUnitIdsOf(em: EntityManager, viewer: Viewer | null): Promise<ReadonlySet<number>> {
  if (!viewer?.grants.some((grant) => grant.role === Role.UNIT_REP)) return Promise.resolve(NO_UNITS);
  return unitIdsOf(em, viewer);
}

export async function unitIdsRepresentedBy(em: EntityManager, viewer: Viewer): Promise<Set<number>> {
  const rows = await em.find(UnitRepresentative, { user: viewer.id }, { fields: ['unit'] });
  return new Set(rows.map((row) => row.unit.id));
}

/**
 * The unit a viewer acts for: NOT_FOUND when no such unit, FORBIDDEN unless the viewer is one
 * of its representatives. Every operation "as a unit" starts here.
 */
export async function requireActingFor(ctx: Context, unitId: string | number): Promise<Unit> {
  if (!ctx.viewer) throw forbidden();
  const unit = await findById(ctx.em, Unit, unitId);
  if (!unit) throw notFound();
  if (!(await representedUnitIds(ctx)).has(unit.id)) throw forbidden();
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
