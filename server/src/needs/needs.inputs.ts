import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import {
  NEED_BATCH_MAX,
  NEED_DESCRIPTION_MAX,
  NEED_NOTE_MAX,
  NEED_PHOTOS_MAX,
  NEED_TITLE_MAX,
} from './needs.limits.js';
import { NeedCategory, NeedChannel, NeedSort, NeedStatus, Urgency } from './need.enums.js';

@InputType()
export class RaiseNeedInput {
  @Field({ description: `At most ${NEED_TITLE_MAX} characters` })
  @RequiredText(NEED_TITLE_MAX)
  title: string;

  @Field({ description: `At most ${NEED_DESCRIPTION_MAX} characters; may be empty` })
  @OptionalText(NEED_DESCRIPTION_MAX)
  description: string;

  @Field(() => NeedCategory)
  category: NeedCategory;

  @Field(() => Urgency, { nullable: true, description: 'NORMAL when omitted' })
  urgency?: Urgency;

  @Field(() => ID, { description: 'A community, village, grid or building' })
  areaId: string;

  @Field({
    nullable: true,
    description:
      'Public needs can be seen and supported by neighbours. When omitted: false for 代办 and sensitive categories (needCategoryOptions), true otherwise',
  })
  isPublic?: boolean;

  @Field(() => NeedChannel, { nullable: true, description: 'APP when omitted' })
  channel?: NeedChannel;

  @Field(() => ID, { nullable: true, description: 'The resident a grid worker or staff member raises it for (代办)' })
  onBehalfOfUserId?: string;

  @Field(() => [ID], {
    nullable: true,
    description: `Up to ${NEED_PHOTOS_MAX}, uploaded first through POST /uploads/photos`,
  })
  @IsOptional()
  @ArrayMaxSize(NEED_PHOTOS_MAX, { context: { key: 'tooManyPhotos', params: { max: NEED_PHOTOS_MAX } } })
  photoIds?: string[];

  @Field({
    nullable: true,
    description: 'Chosen by the client once per need it raises (a UUID): sending it again returns the first result',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}

@InputType({
  description:
    'Which needs a list shows. Its totalCount is exact; for staff reading every need of a street, community or grid (areaId), ' +
    'a filter only on statuses, categories, urgencies and channels (any values) is counted from rollups kept with every change, ' +
    'and overdue or dueSoon (one of them) from the open needs alone. Text, mine, assignedToMe, worksOn, assigneeUnitIds, ' +
    'createdFrom/createdTo, a building, and what residents see count the matching needs themselves.',
})
export class NeedFilter {
  @Field(() => ID, { nullable: true, description: 'The whole subtree of this area' })
  areaId?: string;

  @Field(() => [NeedStatus], { nullable: true })
  statuses?: NeedStatus[];

  @Field(() => [NeedCategory], { nullable: true })
  categories?: NeedCategory[];

  @Field(() => [Urgency], { nullable: true })
  urgencies?: Urgency[];

  @Field(() => [NeedChannel], { nullable: true })
  channels?: NeedChannel[];

  @Field({ nullable: true, description: 'Only needs past their current deadline (or only those that are not)' })
  overdue?: boolean;

  @Field({ nullable: true, description: 'Raised by me or for me' })
  mine?: boolean;

  @Field({ nullable: true, description: 'Assigned to me, or to a unit I represent' })
  assignedToMe?: boolean;

  @Field(() => [ID], {
    nullable: true,
    description: 'Needs assigned to these units (a representative sees their units’ needs)',
  })
  assigneeUnitIds?: string[];

  @Field({ nullable: true, description: 'Only open needs due within 2 hours and not yet overdue (即将超时)' })
  dueSoon?: boolean;

  @Field({ nullable: true, description: 'Only needs in the areas where I am staff or grid worker' })
  worksOn?: boolean;

  @Field({ nullable: true, description: 'Words in the title or description, or a ticket number (工单编号)' })
  @IsOptional()
  @OptionalText(50)
  text?: string;

  @Field(() => Date, { nullable: true })
  createdFrom?: Date;

  @Field(() => Date, { nullable: true })
  createdTo?: Date;

  @Field(() => NeedSort, { nullable: true, description: 'NEWEST when omitted' })
  sort?: NeedSort;
}

@ArgsType()
export class NeedsArgs extends PageArgs {
  @Field(() => NeedFilter, { nullable: true })
  filter?: NeedFilter;
}

@ArgsType()
export class NeedNoteArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(NEED_NOTE_MAX)
  note?: string;
}

@ArgsType()
export class AssignNeedArgs extends NeedNoteArgs {
  @Field(() => ID, { nullable: true, description: 'Who does the work; yourself when omitted' })
  assigneeUserId?: string;

  @Field(() => ID, { nullable: true, description: 'A unit (驻区单位) of the area: its representatives work the need' })
  assigneeUnitId?: string;
}

@ArgsType()
export class AssignNeedsArgs {
  @Field(() => [ID], { description: `1 to ${NEED_BATCH_MAX} needs; one named twice is assigned once` })
  @ArrayMinSize(1, { context: { key: 'noNeedsChosen' } })
  @ArrayMaxSize(NEED_BATCH_MAX, { context: { key: 'tooManyNeeds', params: { max: NEED_BATCH_MAX } } })
  ids: string[];

  @Field(() => ID, { nullable: true, description: 'Who does the work; yourself when omitted' })
  assigneeUserId?: string;

  @Field(() => ID, { nullable: true, description: 'A unit (驻区单位) of the area: its representatives work the needs' })
  assigneeUnitId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(NEED_NOTE_MAX)
  note?: string;
}

const photoList = (stage: string) => ({
  nullable: true,
  description: `Photos ${stage} the work, up to ${NEED_PHOTOS_MAX}, uploaded first through POST /uploads/photos`,
});

@ArgsType()
export class ResolveNeedArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: 'What was done' })
  @RequiredText(NEED_DESCRIPTION_MAX)
  resolution: string;

  @Field(() => [ID], photoList('before'))
  @IsOptional()
  @ArrayMaxSize(NEED_PHOTOS_MAX, { context: { key: 'tooManyPhotos', params: { max: NEED_PHOTOS_MAX } } })
  beforePhotoIds?: string[];

  @Field(() => [ID], photoList('after'))
  @IsOptional()
  @ArrayMaxSize(NEED_PHOTOS_MAX, { context: { key: 'tooManyPhotos', params: { max: NEED_PHOTOS_MAX } } })
  afterPhotoIds?: string[];
}

@ArgsType()
export class NeedReasonArgs {
  @Field(() => ID)
  id: string;

  @Field()
  @RequiredText(NEED_NOTE_MAX)
  reason: string;
}

@ArgsType()
export class CommentArgs {
  @Field(() => ID)
  id: string;

  @Field()
  @RequiredText(NEED_NOTE_MAX)
  note: string;
}

@ArgsType()
export class ConfirmNeedArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1 (very unhappy) to 5 (very happy)' })
  @IsInt({ context: { key: 'ratingRange' } })
  @Min(1, { context: { key: 'ratingRange' } })
  @Max(5, { context: { key: 'ratingRange' } })
  rating: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(NEED_NOTE_MAX)
  comment?: string;
}

@ArgsType()
export class NeedStatsArgs {
  @Field(() => ID)
  areaId: string;

  @Field(() => Date, { nullable: true, description: 'Needs created from this time on' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Needs created before this time' })
  to?: Date;
}

@ArgsType()
export class SetNeedDeadlineArgs {
  @Field(() => ID)
  streetId: string;

  @Field(() => NeedCategory)
  category: NeedCategory;

  @Field(() => Urgency)
  urgency: Urgency;

  @Field(() => Int)
  @IsInt({ context: { key: 'hoursRange' } })
  @Min(1, { context: { key: 'hoursRange' } })
  @Max(24 * 90, { context: { key: 'hoursRange' } })
  respondHours: number;

  @Field(() => Int)
  @IsInt({ context: { key: 'hoursRange' } })
  @Min(1, { context: { key: 'hoursRange' } })
  @Max(24 * 365, { context: { key: 'hoursRange' } })
  resolveHours: number;
}
