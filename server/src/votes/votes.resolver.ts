import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { Committee } from '../committees/committee.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { translate } from '../platform/i18n/messages.js';
import { toId } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection, PageArgs, paginate } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import { isWithin } from '../platform/scope.js';
import { Todos } from '../todos/todos.type.js';
import { Topic } from '../topics/topic.entity.js';
import { Ballot, Vote, VoteElector, VoteOption, VoteParticipation } from './vote.entity.js';
import { mayRunVotes } from './votes.access.js';
import { BallotChannel, Electorate, VoteAction, VoteStatus } from './votes.enums.js';
import { CastBallotArgs, OpenVoteInput, PaperBallotArgs, VerifyBallotArgs, VotesArgs } from './votes.inputs.js';
import { OPEN_VOTE_RATE_LIMIT, VERIFY_BALLOT_RATE_LIMIT } from './votes.limits.js';
import { countVotes, listVotes, VOTES_TO_CAST } from './votes.queries.js';
import {
  acceptsBallots,
  decide,
  quorumCheck,
  resultsVisible,
  voteActions,
  type Figures,
  type OptionTally,
} from './votes.rules.js';
import { castBallot, closeVote, openVote, recordPaperBallot, ruleOf, verifyBallot } from './votes.service.js';

@ObjectType()
export class VoteConnection extends Connection(Vote) {}

@ObjectType({ description: 'Counts of one option' })
class VoteResult {
  @Field(() => VoteOption)
  option: VoteOption;

  @Field(() => Int)
  count: number;

  @Field(() => Float, { nullable: true, description: 'OWNERS: floor area in m² of the flats that chose it' })
  area: number | null;
}

@ObjectType({ description: 'Someone who voted (turnout): never the choice' })
class Voter {
  @Field(() => User)
  user: User;

  @Field(() => BallotChannel)
  channel: BallotChannel;

  @Field()
  castAt: Date;
}

@ObjectType()
class VoterConnection extends Connection(Voter) {}

@ObjectType({ description: 'A ballot of an open (记名) vote: who chose what' })
class OpenBallot {
  @Field(() => User)
  voter: User;

  @Field(() => String, { nullable: true, description: 'Household label for HOUSEHOLDS/OWNERS' })
  household: string | null;

  @Field(() => [VoteOption])
  options: VoteOption[];
}

@ObjectType()
class OpenBallotConnection extends Connection(OpenBallot) {}

@ObjectType({ description: 'What castBallot answers, once' })
class BallotReceipt {
  @Field({
    description: 'Keep it: verifyBallot(voteId, receipt) shows the ballot is in the count. Never stored in clear.',
  })
  receipt: string;

  @Field(() => Vote)
  vote: Vote;
}

interface Turnout {
  cast: number;
  area: number | null;
}

/** The options of the votes on a page, in one query. */
function optionsOf(ctx: Context, vote: Vote) {
  return requestLoader<number, VoteOption[]>(ctx, 'voteOptions', async (ids) => {
    const rows = await ctx.em.find(VoteOption, { vote: { $in: [...ids] } }, { orderBy: { position: 'asc' } });
    return ids.map((id) => rows.filter((row) => row.vote.id === id));
  }).load(vote.id);
}

/** Participations (and their floor area) of the votes on a page: stored for closed ones, counted live for open ones. */
async function turnoutOf(ctx: Context, vote: Vote): Promise<Turnout> {
  if (vote.closedAt) return { cast: vote.ballotsCastAtClose ?? 0, area: vote.participatingAreaAtClose ?? null };
  return requestLoader<number, Turnout>(ctx, 'voteTurnout', async (ids) => {
    const rows = await ctx.em.execute<{ vote_id: number; n: number; area: string | null }[]>(
      `select p.vote_id, count(*)::int as n, sum(e.floor_area) as area
         from vote_participation p join vote_elector e on e.id = p.elector_id
        where p.vote_id = any(?::int[]) group by p.vote_id`,
      [`{${ids.join(',')}}`],
    );
    return ids.map((id) => {
      const row = rows.find((r) => r.vote_id === id);
      return { cast: row?.n ?? 0, area: row?.area === null || row?.area === undefined ? null : Number(row.area) };
    });
  }).load(vote.id);
}

/** Counts per option: stored for a closed vote, grouped live from the ballots of an open (non-secret) one. */
async function talliesOf(ctx: Context, vote: Vote): Promise<OptionTally[]> {
  const options = await optionsOf(ctx, vote);
  const tally = (option: VoteOption, count: number, area: number) => ({
    optionId: option.id,
    label: option.label,
    systemKey: option.systemKey ?? null,
    count,
    area,
  });
  if (vote.closedAt) return options.map((o) => tally(o, o.countAtClose ?? 0, o.areaAtClose ?? 0));
  const live = await requestLoader<number, Map<number, { n: number; area: number }>>(
    ctx,
    'voteLiveTally',
    async (ids) => {
      const rows = await ctx.em.execute<{ vote_id: number; chosen: number; n: number; area: string | null }[]>(
        `select b.vote_id, chosen, count(*)::int as n, sum(b.floor_area) as area
         from ballot b cross join unnest(b.option_ids) as chosen
        where b.vote_id = any(?::int[]) group by b.vote_id, chosen`,
        [`{${ids.join(',')}}`],
      );
      return ids.map(
        (id) =>
          new Map(rows.filter((r) => r.vote_id === id).map((r) => [r.chosen, { n: r.n, area: Number(r.area ?? 0) }])),
      );
    },
  ).load(vote.id);
  return options.map((o) => tally(o, live.get(o.id)?.n ?? 0, live.get(o.id)?.area ?? 0));
}

async function figuresFor(ctx: Context, vote: Vote, withOptions: boolean): Promise<Figures> {
  const turnout = await turnoutOf(ctx, vote);
  return {
    eligible: vote.eligibleCount,
    cast: turnout.cast,
    eligibleArea: vote.eligibleArea ?? null,
    participatingArea: vote.electorate === Electorate.OWNERS ? (turnout.area ?? 0) : null,
    options: withOptions ? await talliesOf(ctx, vote) : [],
  };
}

/** Whether the viewer is in each vote's electorate and has a ballot left, for a whole page in one query. */
function viewerStateOf(ctx: Context, vote: Vote) {
  const viewer = ctx.viewer;
  if (!viewer) return Promise.resolve({ eligible: false, hasVoted: false });
  return requestLoader<number, { eligible: boolean; hasVoted: boolean }>(ctx, 'voteViewerState', async (ids) => {
    const rows = await ctx.em.execute<{ vote_id: number; open_rows: number }[]>(
      `select x.vote_id, (count(*) filter (where p.id is null))::int as open_rows
         from (select e.id, e.vote_id from vote_elector e where e.user_id = ? and e.vote_id = any(?::int[])
               union all
               select e.id, e.vote_id from household_member m
                 join vote_elector e on e.household_id = m.household_id
                 join vote v on v.id = e.vote_id and v.electorate = 'OWNERS'
                where m.user_id = ? and m.is_owner and e.vote_id = any(?::int[])) x
         left join vote_participation p on p.elector_id = x.id
        group by x.vote_id`,
      [viewer.id, `{${ids.join(',')}}`, viewer.id, `{${ids.join(',')}}`],
    );
    return ids.map((id) => {
      const row = rows.find((r) => r.vote_id === id);
      return { eligible: !!row, hasVoted: !!row && row.open_rows === 0 };
    });
  }).load(vote.id);
}

const mayRun = (ctx: Context, vote: Vote) => !!ctx.viewer && mayRunVotes(ctx.viewer, { path: vote.areaPath });

@Resolver(() => Vote)
export class VotesResolver {
  @Query(() => VoteConnection, { description: 'Votes, newest first (public)' })
  async votes(@Args() { filter, ...page }: VotesArgs, @Ctx() ctx: Context) {
    return listVotes(ctx, filter ?? undefined, page);
  }

  @Query(() => Vote, { nullable: true })
  vote(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const voteId = toId(id);
    return voteId === null ? null : ctx.em.findOne(Vote, voteId);
  }

  @RateLimited(VERIFY_BALLOT_RATE_LIMIT)
  @Query(() => Boolean, { description: 'True when a ballot with this receipt is in the vote’s count' })
  verifyBallot(@Args() { voteId, receipt }: VerifyBallotArgs, @Ctx() ctx: Context) {
    return verifyBallot(ctx.em, voteId, receipt);
  }

  @Authorized()
  @RateLimited(OPEN_VOTE_RATE_LIMIT)
  @Mutation(() => Vote)
  openVote(@Arg('input') input: OpenVoteInput, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return openVote(ctx, viewer, input);
  }

  @Authorized()
  @Mutation(() => BallotReceipt)
  async castBallot(
    @Args() { voteId, optionIds }: CastBallotArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    const cast = await castBallot(ctx, viewer, voteId, optionIds);
    // The vote is read only if the client asks for it (the receipt alone costs nothing more).
    return {
      receipt: cast.receipt,
      get vote() {
        return ctx.em.findOneOrFail(Vote, cast.voteId);
      },
    };
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Staff enter a paper ballot at the meeting: the person then counts as having voted (one ballot across channels)',
  })
  recordPaperBallot(@Args() args: PaperBallotArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return recordPaperBallot(ctx, viewer, args);
  }

  @Authorized()
  @Mutation(() => Vote)
  closeVote(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return closeVote(ctx, viewer, id);
  }

  @FieldResolver(() => Area)
  area(@Root() vote: Vote) {
    return vote.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() vote: Vote) {
    return vote.meeting?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Topic, { nullable: true })
  topic(@Root() vote: Vote) {
    return vote.topic?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Committee, { nullable: true })
  committee(@Root() vote: Vote) {
    return vote.committee?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => VoteStatus)
  status(@Root() vote: Vote) {
    return vote.closedAt ? VoteStatus.CLOSED : VoteStatus.OPEN;
  }

  @FieldResolver(() => [VoteOption])
  options(@Root() vote: Vote, @Ctx() ctx: Context) {
    return optionsOf(ctx, vote);
  }

  @FieldResolver(() => Int, { description: 'Electors who voted, online or on paper (live while open)' })
  async ballotsCast(@Root() vote: Vote, @Ctx() ctx: Context) {
    return (await turnoutOf(ctx, vote)).cast;
  }

  @FieldResolver(() => Float, { description: 'ballotsCast / eligibleCount' })
  async turnout(@Root() vote: Vote, @Ctx() ctx: Context) {
    const { cast } = await turnoutOf(ctx, vote);
    return vote.eligibleCount > 0 ? cast / vote.eligibleCount : 0;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the turnout meets the rule’s quorum (live while open)' })
  async quorumReached(@Root() vote: Vote, @Ctx() ctx: Context) {
    return quorumCheck(ruleOf(vote), await figuresFor(ctx, vote, false)).met;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'OWNERS: floor area in m² of the electorate' })
  eligibleArea(@Root() vote: Vote) {
    return vote.electorate === Electorate.OWNERS ? (vote.eligibleArea ?? 0) : null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'OWNERS: floor area in m² of the flats that voted' })
  async participatingArea(@Root() vote: Vote, @Ctx() ctx: Context) {
    return vote.electorate === Electorate.OWNERS ? ((await turnoutOf(ctx, vote)).area ?? 0) : null;
  }

  @FieldResolver(() => [VoteResult], {
    nullable: true,
    description: 'Counts per option; null while a secret vote is open',
  })
  async results(@Root() vote: Vote, @Ctx() ctx: Context): Promise<VoteResult[] | null> {
    if (!resultsVisible(vote)) return null;
    const [options, tallies] = await Promise.all([optionsOf(ctx, vote), talliesOf(ctx, vote)]);
    return options.map((option, i) => ({
      option,
      count: tallies[i]!.count,
      area: vote.electorate === Electorate.OWNERS ? tallies[i]!.area : null,
    }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why, in the viewer’s language: the rule applied to the figures (once closed)',
  })
  async outcomeExplanation(@Root() vote: Vote, @Ctx() ctx: Context) {
    if (!vote.closedAt) return null;
    const decision = decide(ruleOf(vote), await figuresFor(ctx, vote, true));
    return decision.explanation
      .map((part) => translate(ctx.locale, part.key, part.params))
      .join(ctx.locale === 'zh-CN' ? '；' : '; ');
  }

  @FieldResolver(() => Boolean, {
    description: 'The viewer is in the electorate (as a person, or representative/owner of a household in it)',
  })
  async viewerEligible(@Root() vote: Vote, @Ctx() ctx: Context) {
    return (await viewerStateOf(ctx, vote)).eligible;
  }

  @FieldResolver(() => Boolean)
  async viewerHasVoted(@Root() vote: Vote, @Ctx() ctx: Context) {
    return (await viewerStateOf(ctx, vote)).hasVoted;
  }

  @FieldResolver(() => VoterConnection, {
    nullable: true,
    description: 'Who voted (turnout: names, channel, never the choice): RUN_VOTES over the area',
  })
  async voters(@Root() vote: Vote, @Args() page: PageArgs, @Ctx() ctx: Context) {
    if (!mayRun(ctx, vote)) return null;
    const connection = await paginate(ctx.em, VoteParticipation, { vote: vote.id }, page, {
      orderBy: { castAt: 'asc', id: 'asc' },
      populate: ['castBy'],
    });
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({
        cursor,
        node: { user: node.castBy.getEntity(), channel: node.channel, castAt: node.castAt },
      })),
    };
  }

  @FieldResolver(() => OpenBallotConnection, {
    nullable: true,
    description:
      'An open (记名) vote: who chose what, for staff over the area and the meeting’s participants; null for a secret vote',
  })
  async openBallots(@Root() vote: Vote, @Args() page: PageArgs, @Ctx() ctx: Context) {
    if (vote.secret || !ctx.viewer) return null;
    if (!mayRun(ctx, vote)) {
      if (!vote.meeting) return null;
      const [participant] = await ctx.em.execute<{ n: number }[]>(
        'select count(*)::int as n from meeting_participant where meeting_id = ? and user_id = ?',
        [vote.meeting.id, ctx.viewer.id],
      );
      if (!participant?.n) return null;
    }
    const connection = await paginate(ctx.em, Ballot, { vote: vote.id, elector: { $ne: null } }, page, {
      orderBy: { elector: 'asc' },
      populate: ['elector.household'],
    });
    const electorIds = connection.edges.map(({ node }) => node.elector!.id);
    const participations = electorIds.length
      ? await ctx.em.find(VoteParticipation, { elector: { $in: electorIds } }, { populate: ['castBy'] })
      : [];
    const options = await optionsOf(ctx, vote);
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => {
        const elector: VoteElector = node.elector!.getEntity();
        const participation = participations.find((p) => p.elector.id === elector.id)!;
        return {
          cursor,
          node: {
            voter: participation.castBy.getEntity(),
            household: elector.household?.getEntity().label ?? null,
            options: options.filter((o) => node.optionIds.includes(o.id)),
          },
        };
      }),
    };
  }

  @FieldResolver(() => [VoteAction], { description: 'What the viewer may do with the vote now' })
  async availableActions(@Root() vote: Vote, @Ctx() ctx: Context) {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    const now = new Date();
    const state = await viewerStateOf(ctx, vote);
    const home = viewer.user.homeArea ? await viewer.user.homeArea.load({ dataloader: true }) : null;
    return voteActions({
      acceptsBallots: acceptsBallots(vote, now),
      closed: !!vote.closedAt,
      eligible: state.eligible,
      hasVoted: state.hasVoted,
      mayRun: mayRun(ctx, vote),
      inPublicity: !!vote.publishedAt && !!vote.publicityEndsAt && now < vote.publicityEndsAt,
      mayObject: state.eligible || (!!home && isWithin(home.path, vote.areaPath)),
    });
  }
}

/** Meeting.votes and Topic.votes: the votes opened on them, oldest first, batched per page. */
function votesBy(ctx: Context, key: 'meeting' | 'topic', id: number) {
  return requestLoader<number, Vote[]>(ctx, `votesBy-${key}`, async (ids) => {
    const votes = await ctx.em.find(Vote, { [key]: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return ids.map((each) => votes.filter((vote) => vote[key]?.id === each));
  }).load(id);
}

@Resolver(() => Meeting)
export class MeetingVotesResolver {
  @FieldResolver(() => [Vote], { description: 'Votes opened at the meeting, oldest first' })
  votes(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    return votesBy(ctx, 'meeting', meeting.id);
  }
}

@Resolver(() => Topic)
export class TopicVotesResolver {
  @FieldResolver(() => [Vote], { description: 'Votes opened on it, oldest first' })
  votes(@Root() topic: Topic, @Ctx() ctx: Context) {
    return votesBy(ctx, 'topic', topic.id);
  }
}

@Resolver(() => Todos)
export class VoteTodosResolver {
  @FieldResolver(() => Int, { description: 'Open votes where the viewer is in the electorate and has not voted' })
  votesToCast(@Ctx() ctx: Context) {
    return ctx.viewer ? countVotes(ctx, VOTES_TO_CAST) : 0;
  }
}
