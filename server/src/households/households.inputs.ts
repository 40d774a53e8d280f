import { IsOptional } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import { HOUSEHOLD_FLOOR_AREA_MAX, HOUSEHOLD_LABEL_MAX, HOUSEHOLD_SEARCH_MAX } from './households.limits.js';

@InputType()
export class RegisterHouseholdInput {
  @Field(() => ID, { description: 'A BUILDING area' })
  buildingId: string;

  @Field({ description: `The flat, e.g. 2单元301; unique in the building, at most ${HOUSEHOLD_LABEL_MAX} characters` })
  @RequiredText(HOUSEHOLD_LABEL_MAX)
  label: string;

  @Field(() => Float, { nullable: true, description: `m², more than 0 and at most ${HOUSEHOLD_FLOOR_AREA_MAX}` })
  floorArea?: number | null;

  @Field(() => ID, { nullable: true, description: 'Becomes an (adult) member if not one' })
  representativeId?: string | null;

  @Field({
    nullable: true,
    description: 'Chosen by the client once per household (a UUID): sending it again returns the first',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}

@InputType()
export class HouseholdMemberInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => ID)
  userId: string;

  @Field()
  isOwner: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False for a minor; unchanged (or true for a new member) when omitted',
  })
  adult?: boolean | null;
}

@ArgsType()
export class HouseholdsArgs extends PageArgs {
  @Field(() => ID, { description: 'Households of the buildings in this area’s subtree' })
  areaId: string;

  @Field(() => String, { nullable: true, description: 'The flat’s label or a member’s name contains' })
  @IsOptional()
  @OptionalText(HOUSEHOLD_SEARCH_MAX)
  search?: string | null;
}

@ArgsType()
export class HouseholdPersonArgs {
  @Field(() => ID)
  householdId: string;

  @Field(() => ID)
  userId: string;
}

@ArgsType()
export class HouseholdRepresentativeArgs {
  @Field(() => ID)
  householdId: string;

  @Field(() => ID, { nullable: true, description: 'An adult member; null clears it' })
  userId?: string | null;
}

@ArgsType()
export class HouseholdFloorAreaArgs {
  @Field(() => ID)
  householdId: string;

  @Field(() => Float, { nullable: true, description: 'm²; null: not registered' })
  floorArea?: number | null;
}
