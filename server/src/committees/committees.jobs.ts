import type { PeriodicJob } from '../platform/module.js';
import { releaseEndedTermRoles } from './committees.service.js';

/** A term's end is a date, so a role lingering up to this long after it is harmless. */
export const RELEASE_TERM_ROLES_INTERVAL_MS = 10 * 60 * 1000;

export const releaseTermRolesJob: PeriodicJob = {
  name: 'releaseCommitteeTermRoles',
  intervalMs: RELEASE_TERM_ROLES_INTERVAL_MS,
  async run({ orm, logger }) {
    let settled = 0;
    for (;;) {
      const batch = await releaseEndedTermRoles(orm.em.fork());
      settled += batch;
      if (batch === 0) break;
    }
    if (settled > 0) logger.info({ settled }, 'gave back the committee roles of ended terms');
  },
};
