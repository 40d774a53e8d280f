import type { Feature } from '../media/media.module.js';
import { Ballot, Vote, VoteElector, VoteOption, VoteParticipation } from './vote.entity.js';
import { VoteAuditAction, VoteAuditTarget } from './votes.audit.js';
import { closeDueVotesJob } from './votes.jobs.js';
import { VotesLiveResolver } from './votes.live.js';
import { NotificationVoteResolver } from './votes.notifications.js';
import { MeetingVotesResolver, TopicVotesResolver, VotesResolver, VoteTodosResolver } from './votes.resolver.js';

/** Votes over a fixed electorate, counted by the law's rules; secret ballots detached from who voted. */
export const votesModule: Feature = {
  entities: [Vote, VoteOption, VoteElector, VoteParticipation, Ballot],
  resolvers: [
    VotesResolver,
    MeetingVotesResolver,
    TopicVotesResolver,
    VoteTodosResolver,
    NotificationVoteResolver,
    VotesLiveResolver,
  ],
  jobs: [closeDueVotesJob],
  auditVocabulary: { prefix: 'VOTE', actions: VoteAuditAction, targets: VoteAuditTarget },
};
