import type { PeriodicJob } from '../platform/module.js';
import { grantStartedTermRoles, releaseEndedTermRoles } from './committees.service.js';

/** A term begins and ends on a date, so a role coming or lingering up to this late is harmless. */
export const TERM_ROLES_INTERVAL_MS = 10 * 60 * 1000;

/** COMMITTEE_MEMBER while a term lasts: granted when it begins, given back when it ends. */
export const termRolesJob: PeriodicJob = {
  name: 'committeeTermRoles',
  intervalMs: TERM_ROLES_INTERVAL_MS,
  async run({ orm, logger, stopping }) {
    let granted = 0;
    let released = 0;
    for (let batch = 1; batch > 0 && !stopping.aborted;) {
      batch = await grantStartedTermRoles(orm.em.fork());
      granted += batch;
    }
    for (let batch = 1; batch > 0 && !stopping.aborted;) {
      batch = await releaseEndedTermRoles(orm.em.fork());
      released += batch;
    }
    if (granted + released > 0) logger.info({ granted, released }, 'committee roles follow their terms');
  },
};
