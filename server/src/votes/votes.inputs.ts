import { ArrayMaxSize, IsOptional } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import { Electorate, RulePreset, Threshold, VoteMethod, VoteStatus } from './votes.enums.js';
import { VOTE_DESCRIPTION_MAX, VOTE_OPTIONS_MAX, VOTE_RECEIPT_MAX, VOTE_TITLE_MAX } from './votes.limits.js';

@InputType()
export class OpenVoteInput {
  @Field()
  @RequiredText(VOTE_TITLE_MAX)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(VOTE_DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The vote takes the meeting’s area' })
  meetingId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'An agenda topic (of the meeting, when given); its status follows the outcome',
  })
  topicId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Required without a meeting' })
  areaId?: string | null;

  @Field(() => ID, { nullable: true, description: 'COMMITTEE electorate without a committee meeting' })
  committeeId?: string | null;

  @Field(() => VoteMethod)
  method: VoteMethod;

  @Field(() => Int, { nullable: true, description: 'MULTIPLE_CHOICE: 2..options' })
  maxChoices?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'SINGLE_CHOICE/MULTIPLE_CHOICE: 2 to 20 labels; YES_NO_ABSTAIN makes its own',
  })
  @IsOptional()
  // Far more than allowed is refused before the rules look at it; the rules say how many are allowed.
  @ArrayMaxSize(VOTE_OPTIONS_MAX * 5)
  options?: string[] | null;

  @Field(() => Threshold, { nullable: true })
  threshold?: Threshold | null;

  @Field(() => Electorate)
  electorate: Electorate;

  @Field(() => RulePreset, { nullable: true })
  rulePreset?: RulePreset | null;

  @Field()
  secret: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'CUSTOM: minimum share of the electorate that must vote (0 < q ≤ 1)',
  })
  quorum?: number | null;

  @Field({ description: 'Closes by itself then' })
  closesAt: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string | null;
}

@ArgsType()
export class CastBallotArgs {
  @Field(() => ID)
  voteId: string;

  @Field(() => [ID])
  @ArrayMaxSize(VOTE_OPTIONS_MAX, { context: { key: 'voteOptionUnknown' } })
  optionIds: string[];
}

@ArgsType()
export class PaperBallotArgs extends CastBallotArgs {
  @Field(() => ID)
  userId: string;
}

@ArgsType()
export class VerifyBallotArgs {
  @Field(() => ID)
  voteId: string;

  @Field()
  @OptionalText(VOTE_RECEIPT_MAX)
  receipt: string;
}

@InputType()
export class VoteFilter {
  @Field(() => ID, { nullable: true, description: 'Votes in this area’s subtree' })
  areaId?: string | null;

  @Field(() => ID, { nullable: true })
  meetingId?: string | null;

  @Field(() => ID, { nullable: true })
  topicId?: string | null;

  @Field(() => [VoteStatus], { nullable: true })
  statuses?: VoteStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only votes where the viewer is in the electorate' })
  eligible?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only votes the viewer has not voted in yet (with eligible: my votes to cast)',
  })
  notVoted?: boolean | null;
}

@ArgsType()
export class VotesArgs extends PageArgs {
  @Field(() => VoteFilter, { nullable: true })
  filter?: VoteFilter | null;
}
