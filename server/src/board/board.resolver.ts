import {
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Meeting } from '../meetings/meeting.entity.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { Connection } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import { Resolution } from '../resolutions/resolution.entity.js';
import { Todos } from '../todos/todos.type.js';
import { Vote } from '../votes/vote.entity.js';
import { mayAnswerObjections } from './board.access.js';
import { BoardItemKind, ObjectionAction } from './board.enums.js';
import { AnswerObjectionArgs, ObjectToResultArgs, PublicBoardArgs } from './board.inputs.js';
import { OBJECTION_RATE_LIMIT } from './board.limits.js';
import { resultPdfUrl } from './board.pdf.js';
import { countObjectionsToAnswer, objectionsOf, publicBoard } from './board.queries.js';
import { objectionActions, showsObjectionAuthor } from './board.rules.js';
import { answerObjection, objectToResult } from './board.service.js';
import { Objection } from './objection.entity.js';

@ObjectType({ description: 'One notice on the public board (公示栏)' })
export class BoardItem {
  @Field(() => ID, {
    description: 'The notice, e.g. V12 (a result), R3 (a resolution), U7 (its progress), M5 (minutes)',
  })
  id: string;

  @Field(() => BoardItemKind)
  kind: BoardItemKind;

  @Field()
  publishedAt: Date;

  @Field({ description: 'VOTE_RESULT: still within its publicity period (objections may be lodged)' })
  inPublicity: boolean;

  @Field(() => Vote, { nullable: true })
  vote: Vote | null;

  @Field(() => Resolution, { nullable: true, description: 'RESOLUTION: the resolution recorded or updated' })
  resolution: Resolution | null;

  @Field(() => Meeting, { nullable: true, description: 'MINUTES: the meeting whose minutes were published' })
  meeting: Meeting | null;
}

@ObjectType()
class BoardItemConnection extends Connection(BoardItem) {}

@Resolver()
export class BoardResolver {
  @Query(() => BoardItemConnection, {
    description:
      '公示栏: published results, resolutions and their progress, published minutes of the area’s subtree, newest first; no sign-in needed',
  })
  publicBoard(@Args() { areaId, ...page }: PublicBoardArgs, @Ctx() { em }: Context) {
    return publicBoard(em, areaId, page);
  }

  @Authorized()
  @RateLimited(OBJECTION_RATE_LIMIT)
  @Mutation(() => Objection, {
    description:
      'During the publicity period, by a person whose home lies in the vote’s area or who was in its electorate; one open objection each',
  })
  objectToResult(
    @Args() { voteId, reason }: ObjectToResultArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return objectToResult(em, viewer, voteId, reason);
  }

  @Authorized()
  @Mutation(() => Objection, { description: 'ANSWER_OBJECTIONS over the vote’s area; once' })
  answerObjection(
    @Args() { id, answer }: AnswerObjectionArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return answerObjection(em, viewer, id, answer);
  }
}

/** Whether the viewer answers objections to this vote. */
const answers = (ctx: Context, vote: Vote) => !!ctx.viewer && mayAnswerObjections(ctx.viewer, { path: vote.areaPath });

@Resolver(() => Objection)
export class ObjectionResolver {
  @FieldResolver(() => Vote)
  vote(@Root() objection: Objection) {
    return objection.vote.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Display name for staff over the area and the author; null (anonymous) for others',
  })
  async author(@Root() objection: Objection, @Ctx() ctx: Context) {
    const vote = await objection.vote.loadOrFail({ dataloader: true });
    const shown = showsObjectionAuthor({
      isAuthor: ctx.viewer?.id === objection.author.id,
      answers: answers(ctx, vote),
    });
    return shown ? objection.author.loadOrFail({ dataloader: true }) : null;
  }

  @FieldResolver(() => [ObjectionAction], { description: 'ANSWER for staff over the area while unanswered' })
  async availableActions(@Root() objection: Objection, @Ctx() ctx: Context) {
    const vote = await objection.vote.loadOrFail({ dataloader: true });
    return objectionActions({ answers: answers(ctx, vote), answered: !!objection.answeredAt });
  }
}

@Resolver(() => Vote)
export class VoteBoardResolver {
  @FieldResolver(() => [Objection], { description: 'Objections to the published result, oldest first; public' })
  objections(@Root() vote: Vote, @Ctx() ctx: Context) {
    return objectionsOf(ctx).load(vote.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The printable result (公示) as PDF: /votes/<id>/result.pdf once published; null before',
  })
  resultPdfUrl(@Root() vote: Vote) {
    return resultPdfUrl(vote);
  }
}

@Resolver(() => Todos)
export class BoardTodosResolver {
  @FieldResolver(() => Int, { description: 'Unanswered objections where the viewer may answer them' })
  objectionsToAnswer(@Ctx() { em, viewer }: Context) {
    return countObjectionsToAnswer(em, viewer);
  }
}
