import type { EntityManager } from '@mikro-orm/postgresql';
import type { PeriodicJob } from '../platform/module.js';
import { CorrectionRequest, StarAward } from './record.entity.js';
import { notifyCorrectionOverdue, notifyStarAwarded } from './records.notifications.js';

/** How often the jobs look; a notice or an award comes at most this late. */
export const RECORDS_JOB_INTERVAL_MS = 10 * 60 * 1000;
/** Rows taken per run (the rest wait for the next run). */
const PER_RUN = 200;

const intArray = (ids: readonly number[]) => `{${ids.join(',')}}`;

/**
 * Tells the organisers and the staff over the area of each OPEN correction past its due time:
 * once per request, whatever the number of instances (rows taken with SKIP LOCKED and marked
 * in the same transaction). Returns how many requests.
 */
export async function notifyOverdueCorrections(em: EntityManager, now = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const due = await tx.execute<{ id: number }[]>(
      `select id from correction_request
        where status = 'OPEN' and due_at < ? and overdue_notified_at is null
        order by due_at, id limit ? for update skip locked`,
      [now, PER_RUN],
    );
    if (due.length === 0) return 0;
    const ids = due.map((row) => row.id);
    await tx.execute('update correction_request set overdue_notified_at = ? where id = any(?::int[])', [
      now,
      intArray(ids),
    ]);
    const corrections = await tx.find(
      CorrectionRequest,
      { id: { $in: ids } },
      { populate: ['signup', 'signup.activity'] },
    );
    for (const correction of corrections) {
      await notifyCorrectionOverdue(tx, correction, correction.signup.getEntity().activity.getEntity(), now);
    }
    return corrections.length;
  });
}

/**
 * Awards each star whose notice period has ended (PUBLICIZING, not withheld): AWARDED, the
 * profile's starLevel raised to it (never lowered), STAR_AWARDED told; once, with SKIP LOCKED.
 */
export async function awardPublicizedStars(em: EntityManager, now = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const due = await tx.execute<{ id: number }[]>(
      `select id from star_award where status = 'PUBLICIZING' and public_until <= ?
        order by public_until, id limit ? for update skip locked`,
      [now, PER_RUN],
    );
    if (due.length === 0) return 0;
    const ids = due.map((row) => row.id);
    await tx.execute(`update star_award set status = 'AWARDED', awarded_at = ? where id = any(?::int[])`, [
      now,
      intArray(ids),
    ]);
    await tx.execute(
      `update volunteer_profile p set star_level = greatest(p.star_level, s.level)
       from (select profile_id, max(level) as level from star_award where id = any(?::int[]) group by profile_id) s
       where p.id = s.profile_id`,
      [intArray(ids)],
    );
    const stars = await tx.find(StarAward, { id: { $in: ids } }, { populate: ['profile'], refresh: true });
    for (const star of stars) await notifyStarAwarded(tx, star.profile.getEntity().user.id, star, now);
    return stars.length;
  });
}

export const correctionOverdueJob: PeriodicJob = {
  name: 'notifyOverdueCorrections',
  intervalMs: RECORDS_JOB_INTERVAL_MS,
  async run({ orm, logger }) {
    const told = await notifyOverdueCorrections(orm.em.fork());
    if (told > 0) logger.info({ told }, 'told of overdue record corrections');
  },
};

export const starAwardJob: PeriodicJob = {
  name: 'awardPublicizedStars',
  intervalMs: RECORDS_JOB_INTERVAL_MS,
  async run({ orm, logger }) {
    const awarded = await awardPublicizedStars(orm.em.fork());
    if (awarded > 0) logger.info({ awarded }, 'stars awarded after their notice period');
  },
};
