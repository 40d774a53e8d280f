import type { EntityManager } from '@mikro-orm/postgresql';
import { periodsOf } from './records.rules.js';

/** Where a change of verified minutes counts: the activity's street and community, its team, the shift's start. */
export interface RollupScope {
  streetId: number;
  communityId: number | null;
  teamId: number | null;
  startsAt: Date;
}

/** One sign-up's verified minutes before (null: not verified) and after a verification or correction. */
export interface VerifiedChange {
  userId: number;
  before: number | null;
  after: number;
}

/** A volunteer's verified total after the change, and before it. */
export interface ProfileTotal {
  profileId: number;
  userId: number;
  communityId: number;
  before: number;
  after: number;
}

const intArray = (values: readonly number[]) => `{${values.join(',')}}`;

/** Per volunteer: the minutes added and the sign-ups newly verified. */
function deltasByUser(changes: readonly VerifiedChange[]) {
  const byUser = new Map<number, { minutes: number; count: number }>();
  for (const change of changes) {
    const delta = byUser.get(change.userId) ?? { minutes: 0, count: 0 };
    delta.minutes += change.after - (change.before ?? 0);
    delta.count += change.before === null ? 1 : 0;
    byUser.set(change.userId, delta);
  }
  return [...byUser.entries()]
    .filter(([, delta]) => delta.minutes !== 0 || delta.count !== 0)
    .sort(([a], [b]) => a - b)
    .map(([userId, delta]) => ({ userId, ...delta }));
}

/**
 * Adds verified minutes to the rollups and the volunteers' profiles, inside the transaction that
 * verifies or corrects (so rankings and totals are always current), in a fixed number of
 * statements whatever the number of sign-ups. Rows are written in key order, so two
 * transactions touching the same volunteer wait for each other rather than deadlock. A
 * negative change only ever meets an existing row: it is an update, for the insert half of an
 * upsert would break the rows' `minutes >= 0` check before the conflict is seen.
 */
export async function applyVerifiedChanges(
  tx: EntityManager,
  scope: RollupScope,
  changes: readonly VerifiedChange[],
): Promise<ProfileTotal[]> {
  const deltas = deltasByUser(changes);
  if (deltas.length === 0) return [];
  const areas = [scope.streetId, ...(scope.communityId !== null ? [scope.communityId] : [])];
  const periods = periodsOf(scope.startsAt);
  const adding = deltas.filter((delta) => delta.minutes >= 0);
  const removing = deltas.filter((delta) => delta.minutes < 0);
  if (adding.length > 0) {
    await tx.execute(
      `insert into volunteer_hours_rollup (area_id, period, user_id, minutes, activity_count)
       select a, p, d.u, d.m, d.c from unnest(?::int[]) a cross join unnest(?::int[]) p
         cross join unnest(?::int[], ?::int[], ?::int[]) d(u, m, c) order by 1, 2, 3
       on conflict (area_id, period, user_id) do update
         set minutes = volunteer_hours_rollup.minutes + excluded.minutes,
             activity_count = volunteer_hours_rollup.activity_count + excluded.activity_count`,
      [
        intArray(areas),
        intArray(periods),
        intArray(adding.map((d) => d.userId)),
        intArray(adding.map((d) => d.minutes)),
        intArray(adding.map((d) => d.count)),
      ],
      'run',
    );
  }
  if (removing.length > 0) {
    await tx.execute(
      `update volunteer_hours_rollup r set minutes = r.minutes + d.m, activity_count = r.activity_count + d.c
       from unnest(?::int[], ?::int[], ?::int[]) d(u, m, c)
       where r.user_id = d.u and r.area_id = any(?::int[]) and r.period = any(?::int[])`,
      [
        intArray(removing.map((d) => d.userId)),
        intArray(removing.map((d) => d.minutes)),
        intArray(removing.map((d) => d.count)),
        intArray(areas),
        intArray(periods),
      ],
      'run',
    );
  }
  if (scope.teamId !== null) await applyTeamChanges(tx, scope.teamId, areas, periods, adding, removing);
  const totals = await tx.execute<{ id: number; user_id: number; community_id: number; verified_minutes: number }[]>(
    `update volunteer_profile p set verified_minutes = p.verified_minutes + d.m
     from unnest(?::int[], ?::int[]) d(u, m) where p.user_id = d.u
     returning p.id, p.user_id, p.community_id, p.verified_minutes`,
    [intArray(deltas.map((d) => d.userId)), intArray(deltas.map((d) => d.minutes))],
  );
  const added = new Map(deltas.map((d) => [d.userId, d.minutes]));
  return totals.map((row) => ({
    profileId: row.id,
    userId: row.user_id,
    communityId: row.community_id,
    after: row.verified_minutes,
    before: row.verified_minutes - (added.get(row.user_id) ?? 0),
  }));
}

async function applyTeamChanges(
  tx: EntityManager,
  teamId: number,
  areas: number[],
  periods: number[],
  adding: { userId: number; minutes: number }[],
  removing: { userId: number; minutes: number }[],
) {
  if (adding.length > 0) {
    await tx.execute(
      `insert into team_hours_rollup (area_id, period, team_id, user_id, minutes)
       select a, p, ?, d.u, d.m from unnest(?::int[]) a cross join unnest(?::int[]) p
         cross join unnest(?::int[], ?::int[]) d(u, m) order by 1, 2, 4
       on conflict (area_id, period, team_id, user_id) do update
         set minutes = team_hours_rollup.minutes + excluded.minutes`,
      [
        teamId,
        intArray(areas),
        intArray(periods),
        intArray(adding.map((d) => d.userId)),
        intArray(adding.map((d) => d.minutes)),
      ],
      'run',
    );
  }
  if (removing.length > 0) {
    await tx.execute(
      `update team_hours_rollup r set minutes = r.minutes + d.m from unnest(?::int[], ?::int[]) d(u, m)
       where r.team_id = ? and r.user_id = d.u and r.area_id = any(?::int[]) and r.period = any(?::int[])`,
      [
        intArray(removing.map((d) => d.userId)),
        intArray(removing.map((d) => d.minutes)),
        teamId,
        intArray(areas),
        intArray(periods),
      ],
      'run',
    );
  }
}

/**
 * The periods of a shift start in SQL, as periodsOf computes them: China keeps UTC+8 all year,
 * so a fixed offset (no time-zone database), the same one platform/china-time uses.
 */
const CHINA_START = `(sh.starts_at at time zone 'UTC' + interval '8 hours')`;
const PERIODS_SQL = `(values (0), (to_char(${CHINA_START}, 'YYYY')::int), (to_char(${CHINA_START}, 'YYYYMM')::int))`;

/**
 * Makes the rollups and the profiles' verified totals again from the sign-ups, set-based, in
 * one transaction: for the benchmark after a bulk load, and for tests comparing the rollups
 * kept by verifications with a full scan. Not needed in normal running.
 */
export async function rebuildVolunteerRollups(em: EntityManager): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute('truncate volunteer_hours_rollup, team_hours_rollup', [], 'run');
    await tx.execute(
      `insert into volunteer_hours_rollup (area_id, period, user_id, minutes, activity_count)
       select lv.area_id, pr.period, s.volunteer_id, sum(s.verified_minutes), count(*)
       from shift_signup s join shift sh on sh.id = s.shift_id join activity a on a.id = s.activity_id
         cross join lateral (values (a.street_id), (a.community_id)) lv(area_id)
         cross join lateral ${PERIODS_SQL} pr(period)
       where s.verified_minutes is not null and lv.area_id is not null
       group by 1, 2, 3`,
      [],
      'run',
    );
    await tx.execute(
      `insert into team_hours_rollup (area_id, period, team_id, user_id, minutes)
       select lv.area_id, pr.period, a.team_id, s.volunteer_id, sum(s.verified_minutes)
       from shift_signup s join shift sh on sh.id = s.shift_id join activity a on a.id = s.activity_id
         cross join lateral (values (a.street_id), (a.community_id)) lv(area_id)
         cross join lateral ${PERIODS_SQL} pr(period)
       where s.verified_minutes is not null and lv.area_id is not null and a.team_id is not null
       group by 1, 2, 3, 4`,
      [],
      'run',
    );
    await tx.execute(
      `update volunteer_profile p set verified_minutes = coalesce(t.minutes, 0)
       from volunteer_profile q left join (
         select volunteer_id, sum(verified_minutes)::int minutes from shift_signup
         where verified_minutes is not null group by volunteer_id
       ) t on t.volunteer_id = q.user_id
       where q.id = p.id and p.verified_minutes <> coalesce(t.minutes, 0)`,
      [],
      'run',
    );
  });
}
