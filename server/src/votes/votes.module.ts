import type { Feature } from '../media/media.module.js';
import { Ballot, Vote, VoteElector, VoteOption, VoteParticipation } from './vote.entity.js';

/** Votes over a fixed electorate, counted by the law's rules; secret ballots detached from who voted. */
export const votesModule: Feature = {
  entities: [Vote, VoteOption, VoteElector, VoteParticipation, Ballot],
};
