import type { PeriodicJob } from '../platform/module.js';
import { closeDueVotes } from './votes.service.js';

/** How often votes past their closing time are looked for: a vote closes by itself at most this late. */
export const VOTE_CLOSE_INTERVAL_MS = 15_000;

/** Closes (counts and publishes) the votes past their closing time, on every instance (rows taken with SKIP LOCKED). */
export const closeDueVotesJob: PeriodicJob = {
  name: 'closeDueVotes',
  intervalMs: VOTE_CLOSE_INTERVAL_MS,
  async run({ orm, logger }) {
    const closed = await closeDueVotes(orm.em.fork());
    if (closed.length > 0) logger.info({ votes: closed }, 'closed votes past their closing time');
  },
};
