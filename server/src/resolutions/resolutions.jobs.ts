import type { EntityManager } from '@mikro-orm/postgresql';
import type { PeriodicJob } from '../platform/module.js';
import { Resolution } from './resolution.entity.js';
import { notifyOverdue } from './resolutions.notifications.js';

/** How often late resolutions are looked for; RESOLUTION_OVERDUE comes at most this late. */
export const RESOLUTION_OVERDUE_INTERVAL_MS = 10 * 60 * 1000;
/** Resolutions told of per run (the rest wait for the next run). */
const OVERDUE_PER_RUN = 200;

/**
 * Tells the owner(s) and the staff over the area of each resolution past due and not done: once
 * per resolution, whatever the number of instances (rows taken with SKIP LOCKED and marked in
 * the same transaction). Returns how many resolutions.
 */
export async function notifyOverdueResolutions(em: EntityManager, now = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const due = await tx.execute<{ id: number }[]>(
      `select id from resolution
        where status = 'IN_PROGRESS' and due_at < ? and overdue_notice_at is null
        order by due_at, id limit ? for update skip locked`,
      [now, OVERDUE_PER_RUN],
    );
    if (due.length === 0) return 0;
    const ids = due.map((row) => row.id);
    await tx.execute('update resolution set overdue_notice_at = ? where id = any(?::int[])', [
      now,
      `{${ids.join(',')}}`,
    ]);
    const resolutions = await tx.find(Resolution, { id: { $in: ids } });
    for (const resolution of resolutions) await notifyOverdue(tx, resolution, now);
    return resolutions.length;
  });
}

export const resolutionOverdueJob: PeriodicJob = {
  name: 'notifyOverdueResolutions',
  intervalMs: RESOLUTION_OVERDUE_INTERVAL_MS,
  async run({ orm, logger }) {
    const told = await notifyOverdueResolutions(orm.em.fork());
    if (told > 0) logger.info({ told }, 'told of overdue resolutions');
  },
};
