import type { PeriodicJob } from '../platform/module.js';
import { markNoShows, releaseExpiredPromotions } from './signups.service.js';

/** How often unconfirmed promotions are looked for: a held place is released at most this late. */
export const RELEASE_PROMOTIONS_INTERVAL_MS = 60 * 1000;
/** How often ended shifts are looked at for no-shows. */
export const NO_SHOW_INTERVAL_MS = 5 * 60 * 1000;

export const releasePromotionsJob: PeriodicJob = {
  name: 'releaseExpiredPromotions',
  intervalMs: RELEASE_PROMOTIONS_INTERVAL_MS,
  async run({ orm, logger }) {
    const released = await releaseExpiredPromotions(orm.em.fork());
    if (released > 0) logger.info({ released }, 'released promoted places nobody confirmed');
  },
};

export const noShowJob: PeriodicJob = {
  name: 'markNoShows',
  intervalMs: NO_SHOW_INTERVAL_MS,
  async run({ orm, logger }) {
    const marked = await markNoShows(orm.em.fork());
    if (marked > 0) logger.info({ marked }, 'marked sign-ups nobody came to as no-shows');
  },
};
