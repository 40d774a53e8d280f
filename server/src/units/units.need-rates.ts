import type { EntityManager } from '@mikro-orm/postgresql';
import { createdWithin, RATE_COLUMNS, rateCountsOf, type RateRow } from '../needs/needs.stats.js';
import { rates } from '../needs/needs.rules.js';

export interface UnitNeedRatesValue {
  total: number;
  resolved: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  averageRating: number | null;
}

/**
 * 响应率/解决率/满意率 of the needs assigned to each unit and created in the period, by the
 * needs' own definitions (needs.stats.ts): one grouped statement for a whole page of units.
 */
export async function needRatesOfUnits(
  em: EntityManager,
  unitIds: readonly number[],
  from?: Date | null,
  to?: Date | null,
): Promise<UnitNeedRatesValue[]> {
  const params: unknown[] = [`{${unitIds.join(',')}}`];
  const period = createdWithin(params, from, to);
  const rows = await em.execute<(RateRow & { unit_id: number; average_rating: string | null })[]>(
    `select assignee_unit_id as unit_id, ${RATE_COLUMNS}, avg(rating) as average_rating
       from need where assignee_unit_id = any(?::int[])${period} group by assignee_unit_id`,
    params,
  );
  const byUnit = new Map(rows.map((row) => [row.unit_id, row]));
  return unitIds.map((id) => {
    const row = byUnit.get(id);
    const counts = rateCountsOf(row ? [row] : []);
    return {
      total: counts.total,
      resolved: counts.resolved,
      ...rates(counts),
      averageRating: row?.average_rating === null || row === undefined ? null : Number(row.average_rating),
    };
  });
}
