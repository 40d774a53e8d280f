import { raw, type FilterQuery } from '@mikro-orm/postgresql';
import { inSubtree } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import type { Context } from '../platform/context.js';
import { toId } from '../platform/ids.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { Vote } from './vote.entity.js';
import { VoteStatus } from './votes.enums.js';
import type { VoteFilter } from './votes.inputs.js';

/** SQL true when the person has an elector row in the vote `alias` (as themselves, representative, or owner of a flat in it). */
export function electorRowsOf(alias: string, userId: number, extra = ''): string {
  // userId is an integer from the session, never client text. Two EXISTS, each an index lookup.
  return `(exists (select 1 from vote_elector e where e.user_id = ${userId} and e.vote_id = ${alias}.id${extra})
    or (${alias}.electorate = 'OWNERS' and exists (select 1 from household_member m
      join vote_elector e on e.vote_id = ${alias}.id and e.household_id = m.household_id
      where m.user_id = ${userId} and m.is_owner${extra})))`;
}

const NOT_VOTED = ' and not exists (select 1 from vote_participation p where p.elector_id = e.id)';

/** The votes a filter selects (votes are public): the list and the to-do share it. */
export async function voteFilterQuery(ctx: Context, filter: VoteFilter = {}): Promise<FilterQuery<Vote>> {
  const conditions: FilterQuery<Vote>[] = [];
  const none = { id: 0 };
  if (filter.areaId !== undefined && filter.areaId !== null)
    conditions.push(inSubtree(await getArea(ctx.em, filter.areaId)));
  if (filter.meetingId) conditions.push({ meeting: toId(filter.meetingId) ?? 0 });
  if (filter.topicId) conditions.push({ topic: toId(filter.topicId) ?? 0 });
  if (filter.statuses?.length) {
    const open = filter.statuses.includes(VoteStatus.OPEN);
    const closed = filter.statuses.includes(VoteStatus.CLOSED);
    if (open !== closed) conditions.push({ closedAt: open ? null : { $ne: null } });
  }
  if (filter.eligible || filter.notVoted) {
    const viewer = ctx.viewer;
    // With notVoted: an elector row of theirs still without a ballot (their flat's co-owner may have voted for it).
    conditions.push(
      viewer ? { [raw((alias) => electorRowsOf(alias, viewer.id, filter.notVoted ? NOT_VOTED : ''))]: true } : none,
    );
  }
  return conditions.length ? { $and: conditions } : {};
}

/** Newest first. */
export async function listVotes(ctx: Context, filter: VoteFilter = {}, page: PageArgs) {
  return paginate(ctx.em, Vote, await voteFilterQuery(ctx, filter), page, {
    orderBy: { createdAt: 'desc', id: 'desc' },
  });
}

export async function countVotes(ctx: Context, filter: VoteFilter) {
  return ctx.em.count(Vote, await voteFilterQuery(ctx, filter));
}

/** The to-do: open votes where the viewer is an elector and has not voted. */
export const VOTES_TO_CAST: VoteFilter = { statuses: [VoteStatus.OPEN], eligible: true, notVoted: true };
