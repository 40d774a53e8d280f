import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '../platform/pagination.js';
import { RequiredText } from '../platform/validation.js';
import { OBJECTION_ANSWER_MAX, OBJECTION_REASON_MAX, OBJECTION_REASON_MIN } from './board.limits.js';

@ArgsType()
export class ObjectToResultArgs {
  @Field(() => ID)
  voteId: string;

  @Field({ description: `Why, ${OBJECTION_REASON_MIN} to ${OBJECTION_REASON_MAX} characters` })
  @RequiredText(OBJECTION_REASON_MAX)
  reason: string;
}

@ArgsType()
export class AnswerObjectionArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: `At most ${OBJECTION_ANSWER_MAX} characters` })
  @RequiredText(OBJECTION_ANSWER_MAX)
  answer: string;
}

@ArgsType()
export class PublicBoardArgs extends PageArgs {
  @Field(() => ID, { description: 'The board of this area: notices of its whole subtree' })
  areaId: string;
}
