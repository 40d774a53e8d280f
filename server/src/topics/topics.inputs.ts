import { IsOptional } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import { ProcedureTemplate, TopicStatus } from './topics.enums.js';
import {
  TOPIC_DECLINE_REASON_MAX,
  TOPIC_DESCRIPTION_MAX,
  TOPIC_SEARCH_MAX,
  TOPIC_STAGE_NOTE_MAX,
  TOPIC_THRESHOLD_MAX,
  TOPIC_THRESHOLD_MIN,
  TOPIC_TITLE_MAX,
} from './topics.limits.js';

@InputType()
export class ProposeTopicInput {
  @Field({ description: `At most ${TOPIC_TITLE_MAX} characters` })
  @RequiredText(TOPIC_TITLE_MAX)
  title: string;

  @Field({ description: `At most ${TOPIC_DESCRIPTION_MAX} characters` })
  @RequiredText(TOPIC_DESCRIPTION_MAX)
  description: string;

  @Field(() => ID, { description: 'The community (or village)' })
  areaId: string;

  @Field(() => ID, { nullable: true, description: 'The need it grows from (visible to the viewer, in that community)' })
  needId?: string | null;

  @Field(() => ProcedureTemplate, {
    nullable: true,
    description: 'Default RESIDENT_COUNCIL (FOUR_DELIBERATIONS_TWO_DISCLOSURES for a village)',
  })
  template?: ProcedureTemplate | null;

  @Field({
    nullable: true,
    description: 'Chosen by the client once per topic (a UUID): sending it again returns the first',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}

@InputType()
export class TopicFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Topics in this area’s subtree (default: the viewer’s home community)',
  })
  areaId?: string | null;

  @Field(() => [TopicStatus], { nullable: true })
  statuses?: TopicStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Title or description contains' })
  @IsOptional()
  @OptionalText(TOPIC_SEARCH_MAX)
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only the viewer’s own proposals' })
  mine?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only topics the viewer supports' })
  supported?: boolean | null;
}

@ArgsType()
export class TopicsArgs extends PageArgs {
  @Field(() => TopicFilter, { nullable: true })
  filter?: TopicFilter | null;
}

@ArgsType()
export class DeclineTopicArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: `Why; at most ${TOPIC_DECLINE_REASON_MAX} characters` })
  @RequiredText(TOPIC_DECLINE_REASON_MAX)
  reason: string;
}

@ArgsType()
export class AdvanceTopicStageArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: `At most ${TOPIC_STAGE_NOTE_MAX} characters` })
  @IsOptional()
  @OptionalText(TOPIC_STAGE_NOTE_MAX)
  note?: string | null;
}

@ArgsType()
export class SetTopicThresholdArgs {
  @Field(() => ID, { description: 'The community (or village)' })
  areaId: string;

  @Field(() => Int, { description: `${TOPIC_THRESHOLD_MIN}..${TOPIC_THRESHOLD_MAX}` })
  threshold: number;
}
