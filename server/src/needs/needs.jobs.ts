import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../platform/events.js';
import type { PeriodicJob } from '../platform/module.js';
import { publishNeedChange } from './needs.live.js';
import { closeUnconfirmedNeeds } from './needs.lifecycle.js';

/** How often resolved needs nobody confirmed are closed (every instance runs it; rows are never taken twice). */
export const AUTO_CLOSE_INTERVAL_MS = 10 * 60 * 1000;

/** Closes every need that is due, batch by batch, and tells the subscribers of each. */
export async function autoCloseNeeds(em: EntityManager, events: EventBus, now = new Date()): Promise<number> {
  let closed = 0;
  for (;;) {
    const batch = await closeUnconfirmedNeeds(em.fork(), now);
    for (const need of batch) publishNeedChange(events, need);
    closed += batch.length;
    if (batch.length === 0) return closed;
  }
}

export const autoCloseJob: PeriodicJob = {
  name: 'autoCloseNeeds',
  intervalMs: AUTO_CLOSE_INTERVAL_MS,
  async run({ orm, events, logger }) {
    const closed = await autoCloseNeeds(orm.em.fork(), events);
    if (closed > 0) logger.info({ closed }, 'closed resolved needs nobody confirmed');
  },
};
