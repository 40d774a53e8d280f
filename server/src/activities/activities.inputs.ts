import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import { VolunteerSkill } from '../volunteers/volunteers.enums.js';
import { ActivityStatus, SignupStatus } from './activities.enums.js';
import {
  ACTIVITY_CANCEL_REASON_MAX,
  ACTIVITY_CANCEL_REASON_MIN,
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_PHOTOS_MAX,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_SEARCH_MAX,
  ACTIVITY_SHIFTS_MAX,
  ACTIVITY_TITLE_MAX,
  ACTIVITY_TITLE_MIN,
  SHIFT_CAPACITY_MAX,
  SHIFT_CAPACITY_MIN,
} from './activities.limits.js';

const capacityRange = {
  context: { key: 'shiftCapacityRange', params: { min: SHIFT_CAPACITY_MIN, max: SHIFT_CAPACITY_MAX } },
};
const titleTooShort = { context: { key: 'activityTitleTooShort', params: { min: ACTIVITY_TITLE_MIN } } };
const shiftsCount = { context: { key: 'activityShiftsCount', params: { max: ACTIVITY_SHIFTS_MAX } } };
const skillsMax = Object.keys(VolunteerSkill).length;

@InputType()
export class ShiftInput {
  @Field()
  startsAt: Date;

  @Field({ description: 'After startsAt, at most 24 h later (an overnight shift is fine)' })
  endsAt: Date;

  @Field(() => Int, { description: `${SHIFT_CAPACITY_MIN} to ${SHIFT_CAPACITY_MAX}` })
  @IsInt(capacityRange)
  @Min(SHIFT_CAPACITY_MIN, capacityRange)
  @Max(SHIFT_CAPACITY_MAX, capacityRange)
  capacity: number;
}

@InputType()
export class CreateActivityInput {
  @Field(() => ID)
  areaId: string;

  @Field({ description: `${ACTIVITY_TITLE_MIN} to ${ACTIVITY_TITLE_MAX} characters` })
  @RequiredText(ACTIVITY_TITLE_MAX)
  @MinLength(ACTIVITY_TITLE_MIN, titleTooShort)
  title: string;

  @Field({ description: `1 to ${ACTIVITY_DESCRIPTION_MAX} characters` })
  @RequiredText(ACTIVITY_DESCRIPTION_MAX)
  description: string;

  @Field({ description: `1 to ${ACTIVITY_PLACE_MAX} characters` })
  @RequiredText(ACTIVITY_PLACE_MAX)
  place: string;

  @Field(() => [VolunteerSkill], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(skillsMax)
  skills?: VolunteerSkill[] | null;

  @Field(() => [ShiftInput], { description: `1 to ${ACTIVITY_SHIFTS_MAX}` })
  @ArrayMinSize(1, shiftsCount)
  @ArrayMaxSize(ACTIVITY_SHIFTS_MAX, shiftsCount)
  @ValidateNested({ each: true })
  shifts: ShiftInput[];

  @Field(() => ID, { nullable: true, description: 'Organised by this team (its leaders may then create and run it)' })
  teamId?: string | null;

  @Field(() => ID, { nullable: true })
  needId?: string | null;

  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => ID, { nullable: true })
  resolutionId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Up to ${ACTIVITY_PHOTOS_MAX}, uploaded first through POST /uploads/activity-photos`,
  })
  @IsOptional()
  @ArrayMaxSize(ACTIVITY_PHOTOS_MAX, {
    context: { key: 'activityTooManyPhotos', params: { max: ACTIVITY_PHOTOS_MAX } },
  })
  photoIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: '补录: every shift ended, within the last 30 days' })
  retroactive?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Chosen by the client once per activity it creates (a UUID): sending it again returns the first result',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateActivityInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @RequiredText(ACTIVITY_TITLE_MAX)
  @MinLength(ACTIVITY_TITLE_MIN, titleTooShort)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @RequiredText(ACTIVITY_DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @RequiredText(ACTIVITY_PLACE_MAX)
  place?: string | null;

  @Field(() => [VolunteerSkill], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(skillsMax)
  skills?: VolunteerSkill[] | null;
}

@ArgsType()
export class UpdateActivityArgs {
  @Field(() => ID)
  id: string;

  @Field(() => UpdateActivityInput)
  @ValidateNested()
  input: UpdateActivityInput;
}

@ArgsType()
export class CancelActivityArgs {
  @Field(() => ID)
  id: string;

  @Field({
    description: `${ACTIVITY_CANCEL_REASON_MIN} to ${ACTIVITY_CANCEL_REASON_MAX} characters; told to those signed up`,
  })
  @RequiredText(ACTIVITY_CANCEL_REASON_MAX)
  @MinLength(ACTIVITY_CANCEL_REASON_MIN, {
    context: {
      key: 'activityCancelReasonLength',
      params: { min: ACTIVITY_CANCEL_REASON_MIN, max: ACTIVITY_CANCEL_REASON_MAX },
    },
  })
  reason: string;
}

@ArgsType()
export class AddShiftArgs {
  @Field(() => ID)
  activityId: string;

  @Field(() => ShiftInput)
  @ValidateNested()
  input: ShiftInput;
}

@ArgsType()
export class SetShiftCapacityArgs {
  @Field(() => ID)
  shiftId: string;

  @Field(() => Int)
  @IsInt(capacityRange)
  @Min(SHIFT_CAPACITY_MIN, capacityRange)
  @Max(SHIFT_CAPACITY_MAX, capacityRange)
  capacity: number;
}

@InputType()
export class ActivityFilter {
  @Field(() => ID, { nullable: true, description: "Activities in this area's subtree" })
  areaId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Areas the viewer serves (profile) and their home community' })
  nearMe?: boolean | null;

  @Field(() => [VolunteerSkill], { nullable: true, description: 'Wanting any of these skills' })
  skills?: VolunteerSkill[] | null;

  @Field(() => Date, { nullable: true, description: 'With a shift starting at or after' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'With a shift starting before' })
  to?: Date | null;

  @Field(() => [ID], { nullable: true })
  teamIds?: string[] | null;

  @Field(() => [ActivityStatus], { nullable: true })
  statuses?: ActivityStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only with free places in a shift still to start' })
  hasPlaces?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those the viewer signed up for' })
  mine?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those the viewer organises' })
  organising?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Words in the title, description or place' })
  @IsOptional()
  @OptionalText(ACTIVITY_SEARCH_MAX)
  search?: string | null;
}

@ArgsType()
export class ActivitiesArgs extends PageArgs {
  @Field(() => ActivityFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ActivityFilter | null;
}

@ArgsType()
export class ActivitySignupsArgs extends PageArgs {
  @Field(() => [ID], { nullable: true })
  shiftIds?: string[] | null;

  @Field(() => [SignupStatus], { nullable: true })
  statuses?: SignupStatus[] | null;
}
