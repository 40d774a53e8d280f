import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { RequiredText } from '../platform/validation.js';
import { ResolutionStatus } from './resolutions.enums.js';
import { RESOLUTION_NOTE_MAX, RESOLUTION_PHOTOS_MAX, RESOLUTION_TITLE_MAX } from './resolutions.limits.js';

@InputType()
export class RecordResolutionInput {
  @Field(() => ID, { description: 'A PASSED vote' })
  voteId: string;

  @Field({ description: `At most ${RESOLUTION_TITLE_MAX} characters` })
  @RequiredText(RESOLUTION_TITLE_MAX)
  title: string;

  @Field(() => ID, { nullable: true, description: 'A person reachable by the viewer, or' })
  ownerUserId?: string | null;

  @Field(() => ID, { nullable: true, description: 'a unit in the area or reported in there' })
  ownerUnitId?: string | null;

  @Field({ description: 'In the future' })
  dueAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Chosen by the client once per item it creates (a UUID): sending it again returns the first result',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string | null;
}

@ArgsType()
export class UpdateResolutionProgressArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '0–100, not below the last update; 100 makes it DONE' })
  percent: number;

  @Field({ description: `1 to ${RESOLUTION_NOTE_MAX} characters` })
  @RequiredText(RESOLUTION_NOTE_MAX)
  note: string;

  @Field(() => [ID], {
    nullable: true,
    description: `Up to ${RESOLUTION_PHOTOS_MAX}, uploaded first through POST /uploads/resolution-photos`,
  })
  @IsOptional()
  @ArrayMaxSize(RESOLUTION_PHOTOS_MAX, {
    context: { key: 'resolutionTooManyPhotos', params: { max: RESOLUTION_PHOTOS_MAX } },
  })
  photoIds?: string[] | null;
}

@InputType()
export class ResolutionFilter {
  @Field(() => ID, { nullable: true, description: 'The whole subtree of this area' })
  areaId?: string | null;

  @Field(() => [ResolutionStatus], { nullable: true })
  statuses?: ResolutionStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Past due and not done' })
  late?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those the viewer (or the viewer’s units) carries out' })
  mine?: boolean | null;
}

@ArgsType()
export class ResolutionsArgs extends PageArgs {
  @Field(() => ResolutionFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ResolutionFilter | null;
}
