import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PrimaryKeyProp } from '@mikro-orm/postgresql';

/**
 * Verified minutes per volunteer, per area (the activity's street and its community) and per
 * period (0 = all time, 2026 = a China calendar year, 202612 = a month), changed by the very
 * transaction that verifies or corrects a record, so that a ranking is an index-ordered read
 * of one (area, period), exact and current. Derived data: `rebuildVolunteerRollups` makes it
 * again from the sign-ups. Plain ids, no foreign keys: nothing refers to it.
 */
@Entity()
@Index({
  name: 'volunteer_hours_rollup_rank_idx',
  expression:
    'create index "volunteer_hours_rollup_rank_idx" on "volunteer_hours_rollup" ("area_id", "period", "minutes" desc, "user_id")',
})
@Check({ name: 'volunteer_hours_rollup_counts', expression: 'minutes >= 0 and activity_count >= 0' })
export class VolunteerHoursRollup {
  [PrimaryKeyProp]?: ['areaId', 'period', 'userId'];

  @PrimaryKey({ autoincrement: false })
  areaId: number;

  @PrimaryKey({ autoincrement: false })
  period: number;

  @PrimaryKey({ autoincrement: false })
  userId: number;

  @Property()
  minutes: number;

  /** Verified sign-ups (shifts served) in the area and period. */
  @Property()
  activityCount: number;
}

/**
 * The same per organising team and volunteer: a team's ranking sums its rows of one (area,
 * period) — a team's members, not the street's volunteers — and counts those with minutes.
 */
@Entity()
@Check({ name: 'team_hours_rollup_minutes', expression: 'minutes >= 0' })
export class TeamHoursRollup {
  [PrimaryKeyProp]?: ['areaId', 'period', 'teamId', 'userId'];

  @PrimaryKey({ autoincrement: false })
  areaId: number;

  @PrimaryKey({ autoincrement: false })
  period: number;

  @PrimaryKey({ autoincrement: false })
  teamId: number;

  @PrimaryKey({ autoincrement: false })
  userId: number;

  @Property()
  minutes: number;
}
