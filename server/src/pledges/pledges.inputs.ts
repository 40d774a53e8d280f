import { ArrayMaxSize, IsOptional } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import { PledgeStatus } from './pledges.enums.js';
import {
  PLEDGE_DESCRIPTION_MAX,
  PLEDGE_MEASURE_MAX,
  PLEDGE_NOTE_MAX,
  PLEDGE_PHOTOS_MAX,
  PLEDGE_QUANTITY_MAX,
} from './pledges.limits.js';

@InputType()
export class PledgeInput {
  @Field(() => ID, { nullable: true, description: 'Exactly one of needId, projectId' })
  needId?: string;

  @Field(() => ID, { nullable: true })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'Pledge for this unit (its representative); omitted: as yourself' })
  unitId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'From one of the unit’s (or your) resources: quantity counts against it',
  })
  resourceId?: string;

  @Field(() => ID, { nullable: true, description: 'The request this answers' })
  requestId?: string;

  @Field({ description: `At most ${PLEDGE_DESCRIPTION_MAX} characters` })
  @RequiredText(PLEDGE_DESCRIPTION_MAX)
  description: string;

  @Field(() => Float, { nullable: true, description: `Above 0, at most ${PLEDGE_QUANTITY_MAX}` })
  quantity?: number;

  @Field(() => String, { nullable: true, description: 'The resource’s measure when omitted' })
  @IsOptional()
  @OptionalText(PLEDGE_MEASURE_MAX)
  measure?: string;

  @Field(() => Date, { nullable: true })
  dueAt?: Date;

  @Field({
    nullable: true,
    description: 'Chosen by the client once per pledge (a UUID): sending it again returns the first result',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}

@ArgsType()
export class ConfirmPledgeArgs {
  @Field(() => ID)
  id: string;

  @Field(() => PledgeStatus, { description: 'FULFILLED, PARTIAL or NOT_FULFILLED' })
  outcome: PledgeStatus;

  @Field(() => Float, { nullable: true, description: 'PARTIAL: more than 0, less than the quantity pledged' })
  quantityDelivered?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(PLEDGE_NOTE_MAX)
  note?: string;

  @Field(() => [ID], {
    nullable: true,
    description: `Up to ${PLEDGE_PHOTOS_MAX}, uploaded first through POST /uploads/commitment-photos`,
  })
  @IsOptional()
  @ArrayMaxSize(PLEDGE_PHOTOS_MAX, { context: { key: 'tooManyPhotos', params: { max: PLEDGE_PHOTOS_MAX } } })
  photoIds?: string[];
}

@ArgsType()
export class WithdrawPledgeArgs {
  @Field(() => ID)
  id: string;

  @Field()
  @RequiredText(PLEDGE_NOTE_MAX)
  reason: string;
}

@InputType()
export class PledgeFilter {
  @Field(() => ID, { nullable: true, description: 'The whole subtree of this area' })
  areaId?: string;

  @Field(() => ID, { nullable: true })
  unitId?: string;

  @Field(() => ID, { nullable: true })
  needId?: string;

  @Field(() => ID, { nullable: true })
  projectId?: string;

  @Field(() => [PledgeStatus], { nullable: true })
  statuses?: PledgeStatus[];

  @Field({ nullable: true, description: 'Only PLEDGED ones past their date (or only those that are not)' })
  overdue?: boolean;

  @Field({ nullable: true, description: 'Only the viewer’s and the viewer’s units’ pledges' })
  mine?: boolean;

  @Field({
    nullable: true,
    description: 'Only those the viewer may confirm (PLEDGED, CONFIRM_PLEDGES over the area, not theirs)',
  })
  toConfirm?: boolean;
}

@ArgsType()
export class PledgesArgs extends PageArgs {
  @Field(() => PledgeFilter, { nullable: true })
  filter?: PledgeFilter | null;
}
