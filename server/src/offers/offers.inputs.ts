import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import {
  MATCHES_MAX,
  PLEDGE_REQUEST_NOTE_MAX,
  PLEDGE_REQUEST_REASON_MAX,
  RESOURCE_AREAS_MAX,
  RESOURCE_DESCRIPTION_MAX,
  RESOURCE_MEASURE_MAX,
  RESOURCE_QUANTITY_MAX,
  RESOURCE_TITLE_MAX,
  SERVICE_CAPACITY_MAX,
  SERVICE_DESCRIPTION_MAX,
  SERVICE_PLACE_MAX,
  SERVICE_TITLE_MAX,
  SIGNUP_NOTE_MAX,
} from './offers.limits.js';
import { PledgeRequestStatus, ResourceKind } from './offers.enums.js';

const quantityRange = { context: { key: 'quantityRange', params: { max: RESOURCE_QUANTITY_MAX } } };
const capacityRange = { context: { key: 'capacityRange', params: { max: SERVICE_CAPACITY_MAX } } };
const idempotencyKeyField = {
  nullable: true,
  description: 'Chosen by the client once per submission (a UUID): sending it again returns the first result',
};

@InputType()
export class OfferResourceInput {
  @Field(() => ID, { nullable: true, description: 'Offer for this unit (its representative); omitted: as yourself' })
  unitId?: string;

  @Field(() => ResourceKind)
  kind: ResourceKind;

  @Field({ description: `At most ${RESOURCE_TITLE_MAX} characters` })
  @RequiredText(RESOURCE_TITLE_MAX)
  title: string;

  @Field({ description: `At most ${RESOURCE_DESCRIPTION_MAX} characters; may be empty` })
  @OptionalText(RESOURCE_DESCRIPTION_MAX)
  description: string;

  @Field(() => Float, {
    nullable: true,
    description: `More than 0, at most ${RESOURCE_QUANTITY_MAX}; omitted: not counted`,
  })
  @IsOptional()
  @Min(0.01, quantityRange)
  @Max(RESOURCE_QUANTITY_MAX, quantityRange)
  quantity?: number;

  @Field(() => String, { nullable: true, description: '件, 元, 小时, 平方米…' })
  @IsOptional()
  @OptionalText(RESOURCE_MEASURE_MAX)
  measure?: string;

  @Field(() => [ID], { description: `1 to ${RESOURCE_AREAS_MAX} areas of the offerer's street` })
  @ArrayMinSize(1, { context: { key: 'noAreasChosen' } })
  @ArrayMaxSize(RESOURCE_AREAS_MAX, { context: { key: 'tooManyAreas', params: { max: RESOURCE_AREAS_MAX } } })
  areaIds: string[];

  @Field(() => Date, { nullable: true })
  availableFrom?: Date;

  @Field(() => Date, { nullable: true })
  availableTo?: Date;

  @Field(idempotencyKeyField)
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}

@InputType()
export class ResourceFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Resources serving this area (offered to it, an ancestor or a descendant)',
  })
  areaId?: string;

  @Field(() => [ResourceKind], { nullable: true })
  kinds?: ResourceKind[];

  @Field(() => ID, { nullable: true })
  unitId?: string;

  @Field(() => String, { nullable: true, description: 'Words in the title or description' })
  @IsOptional()
  @OptionalText(50)
  search?: string;

  @Field({ nullable: true, description: 'Only those available now and not used up' })
  availableNow?: boolean;

  @Field({ nullable: true, description: 'Only those the viewer or the viewer’s units offer' })
  mine?: boolean;
}

@ArgsType()
export class ResourcesArgs extends PageArgs {
  @Field(() => ResourceFilter, { nullable: true })
  filter?: ResourceFilter;
}

@InputType()
export class ServiceScheduleInput {
  @Field(() => [Int], { description: 'ISO weekdays 1 (Monday) … 7 (Sunday), each once' })
  weekdays: number[];

  @Field({ description: 'Local time (Asia/Shanghai), 24-hour: 16:30' })
  startTime: string;

  @Field()
  endTime: string;
}

@InputType()
export class PublishServiceInput {
  @Field(() => ID, { nullable: true, description: 'Publish for this unit (its representative); omitted: as yourself' })
  unitId?: string;

  @Field({ description: `At most ${SERVICE_TITLE_MAX} characters` })
  @RequiredText(SERVICE_TITLE_MAX)
  title: string;

  @Field({ description: `At most ${SERVICE_DESCRIPTION_MAX} characters; may be empty` })
  @OptionalText(SERVICE_DESCRIPTION_MAX)
  description: string;

  @Field(() => ID, { description: 'The area it serves, in the provider’s street' })
  areaId: string;

  @Field(() => ServiceScheduleInput)
  schedule: ServiceScheduleInput;

  @Field({ description: `At most ${SERVICE_PLACE_MAX} characters` })
  @RequiredText(SERVICE_PLACE_MAX)
  place: string;

  @Field(() => Int, { description: `1 to ${SERVICE_CAPACITY_MAX}` })
  @IsInt(capacityRange)
  @Min(1, capacityRange)
  @Max(SERVICE_CAPACITY_MAX, capacityRange)
  capacity: number;

  @Field(idempotencyKeyField)
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}

@InputType()
export class ServiceFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Services in this area’s subtree or above it (a street’s service serves its communities)',
  })
  areaId?: string;

  @Field(() => ID, { nullable: true })
  unitId?: string;

  @Field(() => String, { nullable: true, description: 'Words in the title or description' })
  @IsOptional()
  @OptionalText(50)
  search?: string;

  @Field({ nullable: true, description: 'Services for the viewer’s home (its community and street)' })
  nearMe?: boolean;

  @Field({ nullable: true, description: 'Only those the viewer signed up for' })
  signedUp?: boolean;

  @Field({ nullable: true, description: 'Include closed services (default false)' })
  includeClosed?: boolean;
}

@ArgsType()
export class ServicesArgs extends PageArgs {
  @Field(() => ServiceFilter, { nullable: true })
  filter?: ServiceFilter;
}

@ArgsType()
export class SignUpArgs {
  @Field(() => ID)
  serviceId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(SIGNUP_NOTE_MAX)
  note?: string;
}

@ArgsType()
export class MatchesArgs {
  @Field(() => Int, { nullable: true, description: `1 to ${MATCHES_MAX}; 10 when omitted` })
  @IsOptional()
  @IsInt({ context: { key: 'matchesRange', params: { max: MATCHES_MAX } } })
  @Min(1, { context: { key: 'matchesRange', params: { max: MATCHES_MAX } } })
  @Max(MATCHES_MAX, { context: { key: 'matchesRange', params: { max: MATCHES_MAX } } })
  first?: number;
}

@InputType()
export class RequestPledgeInput {
  @Field(() => ID, { nullable: true, description: 'Exactly one of needId, projectId' })
  needId?: string;

  @Field(() => ID, { nullable: true })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'Exactly one of resourceId, serviceId (the suggestion)' })
  resourceId?: string;

  @Field(() => ID, { nullable: true })
  serviceId?: string;

  @Field(() => String, { nullable: true, description: `At most ${PLEDGE_REQUEST_NOTE_MAX} characters` })
  @IsOptional()
  @OptionalText(PLEDGE_REQUEST_NOTE_MAX)
  note?: string;

  @Field(idempotencyKeyField)
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}

@InputType()
export class PledgeRequestFilter {
  @Field(() => ID, { nullable: true })
  unitId?: string;

  @Field(() => [PledgeRequestStatus], { nullable: true })
  statuses?: PledgeRequestStatus[];

  @Field(() => ID, { nullable: true })
  needId?: string;

  @Field(() => ID, { nullable: true })
  projectId?: string;
}

@ArgsType()
export class PledgeRequestsArgs extends PageArgs {
  @Field(() => PledgeRequestFilter, { nullable: true })
  filter?: PledgeRequestFilter;
}

@ArgsType()
export class DeclinePledgeRequestArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: `At most ${PLEDGE_REQUEST_REASON_MAX} characters` })
  @RequiredText(PLEDGE_REQUEST_REASON_MAX)
  reason: string;
}
