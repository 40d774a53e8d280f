import { filter, pipe } from '@graphql-yoga/subscription';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../platform/context.js';
import type { EventBus } from '../platform/events.js';
import { toId } from '../platform/ids.js';
import { Vote } from './vote.entity.js';

const VOTE_CHANGED = 'VOTE_CHANGED';

/** What travels between instances: which vote, nothing else (never who voted, never a choice). */
export interface VoteChange {
  voteId: number;
}

/**
 * Ballots come in by the thousand a second: each instance tells of a vote's new turnout at most
 * once per window, after the first ballot of the window (a trailing publish, so the last ballot
 * is never left untold). Opening and closing are told at once.
 */
export const VOTE_CHANGE_WINDOW_MS = 1000;
const pending = new Map<number, NodeJS.Timeout>();

export function publishVoteChange(events: EventBus, voteId: number): void {
  events.publish(VOTE_CHANGED, voteId, { voteId } satisfies VoteChange);
}

/** After a ballot: one message per vote and window on this instance, however many ballots. */
export function publishBallotSoon(events: EventBus, voteId: number): void {
  if (pending.has(voteId)) return;
  const timer = setTimeout(() => {
    pending.delete(voteId);
    publishVoteChange(events, voteId);
  }, VOTE_CHANGE_WINDOW_MS);
  // A pending publish never keeps a stopping process alive.
  timer.unref();
  pending.set(voteId, timer);
}

@Resolver()
export class VotesLiveResolver {
  @Subscription(() => Vote, {
    description:
      'Turnout, quorum and (open votes, or once closed) results as they change, from any instance; at most about once a second while ballots come in',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const id = toId((args as { id: string }).id) ?? 0;
      return pipe(
        ctx.events.subscribe(VOTE_CHANGED, id) as AsyncIterable<VoteChange>,
        filter((change: VoteChange) => change.voteId === id),
      );
    },
  })
  async voteChanged(@Arg('id', () => ID) _id: string, @Root() change: VoteChange, @Ctx() { em }: Context) {
    // Read after the event arrived, in a fork of its own: never a copy cached from an earlier event.
    return em.fork().findOneOrFail(Vote, change.voteId);
  }
}
