import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { Vote } from './vote.entity.js';
import { Electorate } from './votes.enums.js';
import { VOTE_NOTIFY_MAX_ELECTORS } from './votes.limits.js';

export const VOTE_SUBJECT = 'vote';

/** Beijing time, as the notification's words show it: 2026-12-10 19:00. */
export function shanghaiMinute(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Electorates told one by one when a vote opens; the others (a whole community) find it in their to-dos. */
const TOLD_ONE_BY_ONE: readonly Electorate[] = [Electorate.PARTICIPANTS, Electorate.COMMITTEE, Electorate.HOUSEHOLDS];

export function tellsElectors(electorate: Electorate, eligible: number): boolean {
  return TOLD_ONE_BY_ONE.includes(electorate) && eligible <= VOTE_NOTIFY_MAX_ELECTORS;
}

/** VOTE_OPENED to each elector of a small electorate, inside the opening transaction. */
export async function notifyVoteOpened(tx: EntityManager, vote: Vote, now: Date): Promise<void> {
  if (!tellsElectors(vote.electorate, vote.eligibleCount)) return;
  const electors = await tx.execute<{ user_id: number }[]>(
    'select user_id from vote_elector where vote_id = ? and user_id is not null',
    [vote.id],
  );
  await notify(tx, {
    recipients: electors.map((row) => row.user_id).filter((id) => id !== vote.openedBy.id),
    kind: NotificationKind.VOTE_OPENED,
    subject: { type: VOTE_SUBJECT, id: vote.id },
    params: { vote: vote.title, closes: shanghaiMinute(vote.closesAt) },
    now,
  });
}

/** RESULT_PUBLISHED to the topic's proposer and supporters, inside the closing transaction. */
export async function notifyResultPublished(tx: EntityManager, vote: Vote, now: Date): Promise<void> {
  if (!vote.topic || !vote.publicityEndsAt) return;
  const people = await tx.execute<{ user_id: number }[]>(
    `select proposer_id as user_id from topic where id = ?
     union select user_id from topic_support where topic_id = ?`,
    [vote.topic.id, vote.topic.id],
  );
  await notify(tx, {
    recipients: people.map((row) => row.user_id),
    kind: NotificationKind.RESULT_PUBLISHED,
    subject: { type: VOTE_SUBJECT, id: vote.id },
    params: { vote: vote.title, until: shanghaiMinute(vote.publicityEndsAt) },
    now,
  });
}

/** Notification.vote: the vote it is about, batched per request (votes are public). */
@Resolver(() => Notification)
export class NotificationVoteResolver {
  @FieldResolver(() => Vote, {
    nullable: true,
    description: 'The vote the notification is about (VOTE_OPENED, RESULT_PUBLISHED, objections)',
  })
  vote(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Vote | null> | null {
    if (notification.subjectType !== VOTE_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, Vote | null>(ctx, 'notificationVote', async (ids) => {
      const votes = await ctx.em.find(Vote, { id: { $in: [...ids] } });
      return ids.map((id) => votes.find((vote) => vote.id === id) ?? null);
    }).load(notification.subjectId);
  }
}
