import type { EntityManager } from '@mikro-orm/postgresql';
import { NotificationKind } from '../notifications/notification.kinds.js';
import type { PeriodicJob } from '../platform/module.js';
import { Pledge } from './pledge.entity.js';
import { notifyPledge } from './pledges.notifications.js';

/** How often overdue pledges are looked for; PLEDGE_OVERDUE comes at most this late. */
export const PLEDGE_OVERDUE_INTERVAL_MS = 10 * 60 * 1000;
/** Pledges told of per run (the rest wait for the next run). */
const OVERDUE_PER_RUN = 200;

/**
 * Tells the pledgers and the staff over the area of each open pledge past its date: once per
 * pledge, whatever the number of instances (rows taken with SKIP LOCKED and marked in the same
 * transaction). Returns how many pledges.
 */
export async function notifyOverduePledges(em: EntityManager, now = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const due = await tx.execute<{ id: number }[]>(
      `select id from pledge
        where status = 'PLEDGED' and due_at < ? and overdue_notified_at is null
        order by due_at, id limit ? for update skip locked`,
      [now, OVERDUE_PER_RUN],
    );
    if (due.length === 0) return 0;
    const ids = due.map((row) => row.id);
    await tx.execute('update pledge set overdue_notified_at = ? where id = any(?::int[])', [now, `{${ids.join(',')}}`]);
    const pledges = await tx.find(Pledge, { id: { $in: ids } }, { populate: ['unit', 'pledgedBy', 'need', 'project'] });
    for (const pledge of pledges) {
      await notifyPledge(tx, pledge, {
        kind: NotificationKind.PLEDGE_OVERDUE,
        actorId: null,
        now,
        dedupeKey: `pledge:${pledge.id}:overdue`,
      });
    }
    return pledges.length;
  });
}

export const pledgeOverdueJob: PeriodicJob = {
  name: 'notifyOverduePledges',
  intervalMs: PLEDGE_OVERDUE_INTERVAL_MS,
  async run({ orm, logger }) {
    const told = await notifyOverduePledges(orm.em.fork());
    if (told > 0) logger.info({ told }, 'told of overdue pledges');
  },
};
