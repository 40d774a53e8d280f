import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { levelsOf } from '../areas/area-levels.js';
import type { Area } from '../areas/area.entity.js';
import { findArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { Committee } from '../committees/committee.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { afterCommit } from '../platform/after-commit.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Context } from '../platform/context.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { findById, toId } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { isWithin, requireRule } from '../platform/scope.js';
import { Topic } from '../topics/topic.entity.js';
import { nextTopicStatus } from '../topics/topics.rules.js';
import { Vote, VoteOption } from './vote.entity.js';
import { mayRunVotes } from './votes.access.js';
import { VoteAuditAction, VoteAuditTarget } from './votes.audit.js';
import { BallotChannel, Electorate, RulePreset, Threshold, VoteMethod, VoteOutcome } from './votes.enums.js';
import type { OpenVoteInput } from './votes.inputs.js';
import { publishBallotSoon, publishVoteChange } from './votes.live.js';
import { notifyResultPublished, notifyVoteOpened } from './votes.notifications.js';
import {
  acceptsBallots,
  choiceError,
  decide,
  openVoteErrors,
  optionsFor,
  publicityEnd,
  type Figures,
  type SystemKey,
  type VoteRule,
} from './votes.rules.js';

export const hashReceipt = (receipt: string) => createHash('sha256').update(receipt).digest('hex');

export const ruleOf = (vote: Vote): VoteRule => ({
  method: vote.method,
  threshold: vote.threshold,
  electorate: vote.electorate,
  rulePreset: vote.rulePreset,
  quorum: vote.quorum ?? null,
});

// ---------------------------------------------------------------- opening

/** Where the vote lies and what it hangs on: the meeting's area, or the area (or committee's) given. */
async function placeOf(tx: EntityManager, viewer: Viewer, input: OpenVoteInput) {
  let meeting: Meeting | null = null;
  let area: Area | null = null;
  if (input.meetingId) {
    meeting = await findById(tx, Meeting, input.meetingId);
    if (!meeting) throw notFound();
    area = await meeting.area.loadOrFail();
  }
  let committee: Committee | null = null;
  const committeeId = input.committeeId ?? (input.electorate === Electorate.COMMITTEE ? meeting?.committee?.id : null);
  if (committeeId) {
    committee = await findById(tx, Committee, committeeId);
    if (!committee) throw notFound();
  }
  if (!area && input.areaId) {
    area = await findArea(tx, input.areaId);
    if (!area) throw notFound();
  }
  area ??= committee ? await committee.area.loadOrFail() : null;
  if (!area) throw badInput({ areaId: { key: 'required' } });
  requireRule(viewer, mayRunVotes, area);
  if (committee) requireRule(viewer, mayRunVotes, { path: committee.areaPath });
  if (meeting?.cancelledAt) throw invalidState({ meeting: 'CANCELLED' });
  if (input.electorate === Electorate.COMMITTEE && !committee)
    throw badInput({ committeeId: { key: 'voteNeedsCommittee' } });

  let topic: Topic | null = null;
  if (input.topicId) {
    topic = await findById(tx, Topic, input.topicId);
    if (!topic) throw notFound();
    // The topic's community holds the vote's area (a building's owners decide a community topic), or the other way round.
    if (!isWithin(area.path, topic.areaPath) && !isWithin(topic.areaPath, area.path))
      throw badInput({ topicId: { key: 'voteTopicElsewhere' } });
    if (meeting) {
      const [onAgenda] = await tx.execute<{ n: number }[]>(
        'select count(*)::int as n from meeting_topic where meeting_id = ? and topic_id = ?',
        [meeting.id, topic.id],
      );
      if (!onAgenda?.n) throw badInput({ topicId: { key: 'voteTopicNotOnAgenda' } });
    }
    if (nextTopicStatus(topic.status, 'VOTE_PASSED') === null) throw invalidState({ topicStatus: topic.status });
  }
  return { meeting, committee, topic, area };
}

/**
 * The electorate's snapshot in one `insert … select` (100,000 residents well under 2 s), with its
 * size and, for OWNERS, its floor area.
 */
async function takeSnapshot(
  tx: EntityManager,
  vote: Vote,
  area: Area,
  meeting: Meeting | null,
  committee: Committee | null,
) {
  const subtree = `${area.path}%`;
  const select: Record<Electorate, [string, unknown[]]> = {
    [Electorate.PARTICIPANTS]: [
      `select ?::int, user_id, null::int, null::numeric from meeting_participant
        where meeting_id = ? and checked_in_at is not null`,
      [vote.id, meeting?.id ?? 0],
    ],
    [Electorate.COMMITTEE]: [
      'select ?::int, user_id, null::int, null::numeric from committee_member where committee_id = ?',
      [vote.id, committee?.id ?? 0],
    ],
    // Adults whose home lies in the subtree: a registered minor (a household member not adult) is left out.
    [Electorate.RESIDENTS]: [
      `select ?::int, u.id, null::int, null::numeric from app_user u join area a on a.id = u.home_area_id
        where a.path like ? and not exists (select 1 from household_member m where m.user_id = u.id and not m.adult)`,
      [vote.id, subtree],
    ],
    [Electorate.HOUSEHOLDS]: [
      `select ?::int, representative_id, id, null::numeric from household
        where area_path like ? and representative_id is not null`,
      [vote.id, subtree],
    ],
    // Any current owner casts the flat's one ballot: no person is fixed in the snapshot.
    [Electorate.OWNERS]: [
      `select ?::int, null::int, h.id, h.floor_area from household h
        where h.area_path like ? and exists (select 1 from household_member m where m.household_id = h.id and m.is_owner)`,
      [vote.id, subtree],
    ],
  };
  const [sql, params] = select[vote.electorate];
  const [taken] = await tx.execute<{ n: number; area: string | null }[]>(
    `with taken as (insert into vote_elector (vote_id, user_id, household_id, floor_area) ${sql} returning floor_area)
     select count(*)::int as n, sum(floor_area) as area from taken`,
    params,
  );
  return {
    eligible: taken?.n ?? 0,
    area: taken?.area === null || taken?.area === undefined ? null : Number(taken.area),
  };
}

/**
 * openVote: RUN_VOTES over the area; the options, the rule and the electorate's snapshot in one
 * transaction; VOTE_OPENED to a small electorate. A retry with the same idempotency key returns the
 * first vote.
 */
export async function openVote(ctx: Context, viewer: Viewer, input: OpenVoteInput, clock: Clock = systemClock) {
  const now = clock();
  const rulePreset = input.rulePreset ?? RulePreset.CUSTOM;
  const errors = openVoteErrors({ ...input, rulePreset }, now);
  if (Object.keys(errors).length > 0) throw badInput(errors);
  const { idempotencyKey, ...rest } = input;
  const vote = await ctx.em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'vote.open', key: idempotencyKey, input: rest },
      () => createVote(tx, viewer, input, rulePreset, now),
      (id) => tx.findOneOrFail(Vote, id),
    ),
  );
  return vote;
}

async function createVote(tx: EntityManager, viewer: Viewer, input: OpenVoteInput, rulePreset: RulePreset, now: Date) {
  const { meeting, committee, topic, area } = await placeOf(tx, viewer, input);
  if (input.electorate === Electorate.OWNERS) {
    const [missing] = await tx.execute<{ n: number }[]>(
      `select count(*)::int as n from household h
        where h.area_path like ? and h.floor_area is null
          and exists (select 1 from household_member m where m.household_id = h.id and m.is_owner)`,
      [`${area.path}%`],
    );
    if (missing?.n) throw badInput({ electorate: { key: 'voteFloorAreaMissing', params: { count: missing.n } } });
  }
  const options = optionsFor(input);
  const vote = tx.create(Vote, {
    ...(await levelsOf(tx, area)),
    title: input.title.trim(),
    description: input.description?.trim() || null,
    meeting,
    topic,
    committee,
    method: input.method,
    maxChoices: input.method === VoteMethod.MULTIPLE_CHOICE ? input.maxChoices! : 1,
    threshold: input.threshold ?? Threshold.SIMPLE_MAJORITY,
    electorate: input.electorate,
    rulePreset,
    secret: input.secret,
    quorum: input.quorum ?? null,
    opensAt: now,
    closesAt: input.closesAt,
    eligibleCount: 0,
    openedBy: viewer.user,
    createdAt: now,
  });
  options.forEach((option, position) =>
    tx.create(VoteOption, { vote, label: option.label, position, systemKey: option.systemKey }),
  );
  await tx.flush();
  const snapshot = await takeSnapshot(tx, vote, area, meeting, committee);
  if (snapshot.eligible === 0) throw badInput({ electorate: { key: 'voteElectorateEmpty' } });
  vote.eligibleCount = snapshot.eligible;
  vote.eligibleArea = snapshot.area;
  recordAudit(tx, viewer, {
    action: VoteAuditAction.OPEN,
    targetType: VoteAuditTarget.VOTE,
    targetId: vote.id,
    area,
    after: {
      title: vote.title,
      electorate: vote.electorate,
      rulePreset: vote.rulePreset,
      secret: vote.secret,
      eligible: vote.eligibleCount,
      closesAt: vote.closesAt.toISOString(),
    },
  });
  await tx.flush();
  await notifyVoteOpened(tx, vote, now);
  afterCommit(tx, (events) => publishVoteChange(events, vote.id));
  return vote;
}

// ---------------------------------------------------------------- casting

interface BallotTarget {
  id: number;
  area_path: string;
  closed_at: Date | string | null;
  opens_at: Date | string;
  closes_at: Date | string;
  method: VoteMethod;
  max_choices: number;
  secret: boolean;
  option_ids: number[];
  elector_id: number | null;
  floor_area: string | null;
  voted: boolean | null;
}

/**
 * The vote with the person's elector row in it, in one statement: theirs as a person (or as the
 * household's representative, HOUSEHOLDS), or the row of a flat they own (OWNERS), one not yet
 * voted first.
 */
const BALLOT_TARGET = `
  select v.id, v.area_path, v.closed_at, v.opens_at, v.closes_at, v.method, v.max_choices, v.secret,
    array(select o.id from vote_option o where o.vote_id = v.id) as option_ids,
    e.id as elector_id, e.floor_area, e.voted
  from vote v left join lateral (
    select x.id, x.floor_area, exists (select 1 from vote_participation p where p.elector_id = x.id) as voted
    from (
      -- Each branch an index lookup: (user_id, vote_id), and (vote_id, household_id) of the flats they own.
      select e.id, e.floor_area from vote_elector e where e.user_id = ? and e.vote_id = v.id
      union all
      select e.id, e.floor_area from household_member m
        join vote_elector e on e.vote_id = v.id and e.household_id = m.household_id
       where v.electorate = 'OWNERS' and m.user_id = ? and m.is_owner
    ) x
    order by 3, x.id limit 1
  ) e on true
  where v.id = ?`;

/**
 * The participation and the ballot in one statement (so one implicit transaction), written only
 * while the vote is open: the vote row is share-locked, so closing waits for ballots in flight and
 * a ballot arriving after the close finds it closed. The unique elector of the participation is
 * the one-ballot rule: a second ballot (either channel, any moment) writes nothing.
 */
const WRITE_BALLOT = `
  with open_vote as (select id from vote where id = ? and closed_at is null and closes_at > ? for share),
  took_part as (
    insert into vote_participation (vote_id, elector_id, cast_by_id, channel, recorded_by_id, cast_at)
    select id, ?, ?, ?, ?, ? from open_vote
    on conflict (elector_id) do nothing returning vote_id),
  written as (
    insert into ballot (id, vote_id, option_ids, floor_area, elector_id, receipt_hash)
    select ?, vote_id, ?::int[], ?, ?, ? from took_part returning vote_id)
  select (select count(*) from open_vote)::int as open, (select count(*) from written)::int as written`;

/** The driver hands timestamps of raw statements over as text. */
const at = (value: Date | string | null) => (value === null ? null : new Date(value));

/** The two statements of a ballot, for the bench to explain. */
export const BALLOT_SQL = { target: BALLOT_TARGET, write: WRITE_BALLOT };

function choiceOf(target: BallotTarget, optionIds: readonly string[]) {
  const chosen = optionIds.map((id) => toId(id) ?? -1);
  const error = choiceError(target.method, target.max_choices, chosen, target.option_ids);
  if (error) throw badInput({ optionIds: error });
  return chosen;
}

async function writeBallot(
  em: EntityManager,
  target: BallotTarget,
  ballot: {
    castBy: number;
    channel: BallotChannel;
    recordedBy: number | null;
    chosen: number[];
    receiptHash: string | null;
    now: Date;
  },
) {
  const [result] = await em.execute<{ open: number; written: number }[]>(WRITE_BALLOT, [
    target.id,
    ballot.now,
    target.elector_id,
    ballot.castBy,
    ballot.channel,
    ballot.recordedBy,
    ballot.now,
    // A random (v4) id: nothing orders a ballot against the participation rows.
    randomUUID(),
    `{${ballot.chosen.join(',')}}`,
    target.floor_area,
    // A secret ballot names no elector.
    target.secret ? null : target.elector_id,
    ballot.receiptHash,
  ]);
  if (result?.written) return;
  // Nothing written: the vote closed meanwhile, or this elector's ballot is in already.
  if (!result?.open) throw invalidState({ status: 'CLOSED' });
  throw conflict({ key: 'voteAlreadyCast' });
}

function requireOpen(target: BallotTarget, now: Date) {
  if (
    !acceptsBallots(
      { closedAt: at(target.closed_at), opensAt: at(target.opens_at)!, closesAt: at(target.closes_at)! },
      now,
    )
  )
    throw invalidState({ status: target.closed_at ? 'CLOSED' : 'NOT_ACCEPTING' });
}

/**
 * An online ballot by the person `userId`, in two statements (the lookup, then participation and
 * ballot together): what castBallot costs beyond HTTP and GraphQL, and what the bench times alone.
 * The receipt is random, shown once, kept only as its SHA-256 on the ballot.
 */
export async function castOnlineBallot(
  em: EntityManager,
  userId: number,
  voteId: string,
  optionIds: readonly string[],
  now: Date,
): Promise<{ receipt: string; voteId: number }> {
  const id = toId(voteId);
  if (id === null) throw notFound();
  const [target] = await em.execute<BallotTarget[]>(BALLOT_TARGET, [userId, userId, id]);
  if (!target) throw notFound();
  if (target.elector_id === null) throw forbidden({ key: 'voteNotElector' });
  requireOpen(target, now);
  const chosen = choiceOf(target, optionIds);
  if (target.voted) throw conflict({ key: 'voteAlreadyCast' });
  const receipt = randomBytes(18).toString('base64url');
  await writeBallot(em, target, {
    castBy: userId,
    channel: BallotChannel.ONLINE,
    recordedBy: null,
    chosen,
    receiptHash: hashReceipt(receipt),
    now,
  });
  return { receipt, voteId: target.id };
}

/** castBallot: the viewer's ballot; subscribers hear of the new turnout within a second. */
export async function castBallot(
  ctx: Context,
  viewer: Viewer,
  voteId: string,
  optionIds: readonly string[],
  clock: Clock = systemClock,
): Promise<{ receipt: string; voteId: number }> {
  const cast = await castOnlineBallot(ctx.em, viewer.id, voteId, optionIds, clock());
  publishBallotSoon(ctx.events, cast.voteId);
  return cast;
}

/**
 * recordPaperBallot: staff enter a person's paper ballot at the meeting. The person then counts as
 * having voted (one ballot across channels); an open vote's ballot names the elector, a secret
 * one's names nobody and has no receipt. The audit entry says who was entered, never the choice.
 */
export async function recordPaperBallot(
  ctx: Context,
  viewer: Viewer,
  args: { voteId: string; userId: string; optionIds: readonly string[] },
  clock: Clock = systemClock,
): Promise<boolean> {
  const id = toId(args.voteId);
  const userId = toId(args.userId);
  if (id === null) throw notFound();
  const now = clock();
  return ctx.em.transactional(async (tx) => {
    const vote = await tx.findOne(Vote, id);
    if (!vote) throw notFound();
    const area = await vote.area.loadOrFail();
    requireRule(viewer, mayRunVotes, area);
    const [target] = await tx.execute<BallotTarget[]>(BALLOT_TARGET, [userId ?? 0, userId ?? 0, id]);
    if (!target) throw notFound();
    if (userId === null || target.elector_id === null) throw badInput({ userId: { key: 'voteUserNotElector' } });
    requireOpen(target, now);
    const chosen = choiceOf(target, args.optionIds);
    if (target.voted) throw conflict({ key: 'voteAlreadyCast' });
    await writeBallot(tx, target, {
      castBy: userId,
      channel: BallotChannel.PAPER,
      recordedBy: viewer.id,
      chosen,
      receiptHash: null,
      now,
    });
    recordAudit(tx, viewer, {
      action: VoteAuditAction.PAPER_BALLOT,
      targetType: VoteAuditTarget.VOTE,
      targetId: vote.id,
      area,
      after: { voter: userId },
    });
    await tx.flush();
    afterCommit(tx, (events) => publishBallotSoon(events, vote.id));
    return true;
  });
}

/** True iff a ballot with this receipt is in the vote's count. */
export async function verifyBallot(em: EntityManager, voteId: string, receipt: string): Promise<boolean> {
  const id = toId(voteId);
  if (id === null || receipt.trim() === '') return false;
  const [found] = await em.execute<{ n: number }[]>(
    'select count(*)::int as n from ballot where vote_id = ? and receipt_hash = ?',
    [id, hashReceipt(receipt.trim())],
  );
  return (found?.n ?? 0) > 0;
}

// ---------------------------------------------------------------- closing

/** The live figures of a vote: participations (and their floor area), and the counts per option from the ballots. */
export async function figuresOf(em: EntityManager, vote: Vote): Promise<Figures> {
  const [turnout] = await em.execute<{ n: number; area: string | null }[]>(
    `select count(*)::int as n, sum(e.floor_area) as area
       from vote_participation p join vote_elector e on e.id = p.elector_id where p.vote_id = ?`,
    [vote.id],
  );
  // Grouped in SQL: one pass over the vote's ballots, whatever their number.
  const counts = await em.execute<
    { id: number; label: string; system_key: SystemKey | null; n: number; area: string | null }[]
  >(
    `select o.id, o.label, o.system_key, coalesce(t.n, 0)::int as n, t.area
       from vote_option o left join (
         select chosen, count(*) as n, sum(b.floor_area) as area
           from ballot b cross join unnest(b.option_ids) as chosen where b.vote_id = ? group by chosen
       ) t on t.chosen = o.id
      where o.vote_id = ? order by o.position`,
    [vote.id, vote.id],
  );
  return {
    eligible: vote.eligibleCount,
    cast: turnout?.n ?? 0,
    eligibleArea: vote.eligibleArea ?? null,
    participatingArea: vote.electorate === Electorate.OWNERS ? Number(turnout?.area ?? 0) : null,
    options: counts.map((row) => ({
      optionId: row.id,
      label: row.label,
      systemKey: row.system_key,
      count: row.n,
      area: Number(row.area ?? 0),
    })),
  };
}

/**
 * Counts and closes a vote locked by the caller: stores the counts and the outcome, publishes the
 * result (公示) for its publicity period, moves its topic (PASSED → VOTE_PASSED, FAILED →
 * VOTE_REJECTED; NO_QUORUM leaves it to be voted again), tells the topic's people.
 */
export async function closeLockedVote(tx: EntityManager, vote: Vote, actor: Viewer | null, now: Date) {
  const figures = await figuresOf(tx, vote);
  const decision = decide(ruleOf(vote), figures);
  await tx.execute(
    `update vote_option o set count_at_close = c.n, area_at_close = c.area
       from unnest(?::int[], ?::int[], ?::numeric[]) as c(id, n, area) where o.id = c.id`,
    [
      `{${figures.options.map((o) => o.optionId).join(',')}}`,
      `{${figures.options.map((o) => o.count).join(',')}}`,
      `{${figures.options.map((o) => o.area.toFixed(2)).join(',')}}`,
    ],
  );
  vote.closedAt = now;
  vote.closedBy = actor ? ref(actor.user) : null;
  vote.ballotsCastAtClose = figures.cast;
  vote.participatingAreaAtClose = figures.participatingArea;
  vote.outcome = decision.outcome;
  vote.publishedAt = now;
  vote.publicityEndsAt = publicityEnd(now);
  if (vote.topic && decision.outcome !== VoteOutcome.NO_QUORUM) {
    const topic = await vote.topic.loadOrFail({ lockMode: LockMode.PESSIMISTIC_WRITE });
    const next = nextTopicStatus(
      topic.status,
      decision.outcome === VoteOutcome.PASSED ? 'VOTE_PASSED' : 'VOTE_REJECTED',
    );
    // A topic declined or decided meanwhile keeps its status: the vote's result stands on its own.
    // Locked above, so the versioned update of the flush below cannot lose to a concurrent change.
    if (next !== null) topic.status = next;
  }
  recordAudit(tx, actor, {
    action: VoteAuditAction.CLOSE,
    targetType: VoteAuditTarget.VOTE,
    targetId: vote.id,
    area: await vote.area.loadOrFail(),
    after: { outcome: decision.outcome, ballotsCast: figures.cast, eligible: vote.eligibleCount },
  });
  await tx.flush();
  await notifyResultPublished(tx, vote, now);
  afterCommit(tx, (events) => publishVoteChange(events, vote.id));
}

/** closeVote: RUN_VOTES over the area, while open. */
export async function closeVote(ctx: Context, viewer: Viewer, id: string, clock: Clock = systemClock) {
  return ctx.em.transactional(async (tx) => {
    const vote = await findById(tx, Vote, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!vote) throw notFound();
    requireRule(viewer, mayRunVotes, { path: vote.areaPath });
    if (vote.closedAt) throw invalidState({ status: 'CLOSED' });
    await closeLockedVote(tx, vote, viewer, clock());
    return vote;
  });
}

/** Closes the votes past their closing time, each in its own transaction, rows taken with SKIP LOCKED. */
export async function closeDueVotes(em: EntityManager, now = new Date(), max = 20): Promise<number[]> {
  const closed: number[] = [];
  for (let i = 0; i < max; i++) {
    const id = await em.fork().transactional(async (tx) => {
      const [due] = await tx.execute<{ id: number }[]>(
        `select id from vote where closed_at is null and closes_at <= ?
          order by closes_at, id limit 1 for update skip locked`,
        [now],
      );
      if (!due) return null;
      const vote = await tx.findOneOrFail(Vote, due.id);
      await closeLockedVote(tx, vote, null, now);
      return vote.id;
    });
    if (id === null) break;
    closed.push(id);
  }
  return closed;
}
