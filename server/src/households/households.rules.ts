import type { FieldErrors } from '../platform/errors.js';
import { HOUSEHOLD_FLOOR_AREA_MAX } from './households.limits.js';

/** A floor area is positive, finite and at most HOUSEHOLD_FLOOR_AREA_MAX m² (null: not registered). */
export function floorAreaErrors(floorArea: number | null | undefined, field = 'floorArea'): FieldErrors {
  if (floorArea === null || floorArea === undefined) return {};
  if (!Number.isFinite(floorArea) || floorArea <= 0 || floorArea > HOUSEHOLD_FLOOR_AREA_MAX) {
    return { [field]: { key: 'householdFloorAreaRange', params: { max: HOUSEHOLD_FLOOR_AREA_MAX } } };
  }
  return {};
}

/** Stored with two decimals (the column's scale): 85.456 is kept as 85.46. */
export function roundFloorArea(floorArea: number | null | undefined): number | null {
  return floorArea === null || floorArea === undefined ? null : Math.round(floorArea * 100) / 100;
}
