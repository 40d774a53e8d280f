import { ArrayMaxSize, ArrayMinSize, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import { ContributionKind, ProjectStatus } from './projects.enums.js';
import {
  CONTRIBUTION_DESCRIPTION_MAX,
  PROJECT_DESCRIPTION_MAX,
  PROJECT_MONEY_MAX,
  PROJECT_NEEDS_PER_CALL_MAX,
  PROJECT_PHOTOS_PER_CALL_MAX,
  PROJECT_TASK_TITLE_MAX,
  PROJECT_TITLE_MAX,
} from './projects.limits.js';

const moneyRange = { context: { key: 'projectMoneyRange', params: { max: PROJECT_MONEY_MAX } } } as const;
/** 0 to PROJECT_MONEY_MAX yuan. */
const Money = () => (target: object, property: string | symbol) => {
  Min(0, moneyRange)(target, property);
  Max(PROJECT_MONEY_MAX, moneyRange)(target, property);
};

const idempotencyKey = {
  nullable: true,
  description: 'Chosen by the client once per item it creates (a UUID): sending it again returns the first result',
} as const;

@InputType()
export class CreateProjectInput {
  @Field({ description: `At most ${PROJECT_TITLE_MAX} characters` })
  @RequiredText(PROJECT_TITLE_MAX)
  title: string;

  @Field({ description: `At most ${PROJECT_DESCRIPTION_MAX} characters; may be empty` })
  @OptionalText(PROJECT_DESCRIPTION_MAX)
  description: string;

  @Field(() => ID, { description: 'Where the project is: the viewer must have MANAGE_PROJECTS over it' })
  areaId: string;

  @Field(() => Float, { nullable: true, description: `In yuan, 0 to ${PROJECT_MONEY_MAX}` })
  @IsOptional()
  @Money()
  budget?: number | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Needs it takes up (at most ${PROJECT_NEEDS_PER_CALL_MAX}): visible to the viewer and in the project's area`,
  })
  @IsOptional()
  @ArrayMaxSize(PROJECT_NEEDS_PER_CALL_MAX, {
    context: { key: 'projectTooManyNeeds', params: { max: PROJECT_NEEDS_PER_CALL_MAX } },
  })
  needIds?: string[] | null;

  @Field(() => String, idempotencyKey)
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateProjectInput {
  @Field(() => String, { nullable: true, description: 'Unchanged when omitted' })
  @IsOptional()
  @RequiredText(PROJECT_TITLE_MAX)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Unchanged when omitted' })
  @IsOptional()
  @OptionalText(PROJECT_DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => Float, { nullable: true, description: 'Unchanged when omitted; null clears it' })
  @IsOptional()
  @Money()
  budget?: number | null;
}

@InputType()
export class ProjectTaskInput {
  @Field({ description: `At most ${PROJECT_TASK_TITLE_MAX} characters` })
  @RequiredText(PROJECT_TASK_TITLE_MAX)
  title: string;

  @Field(() => ID, { nullable: true, description: 'A person the viewer may reach (whose personal data they may see)' })
  ownerUserId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "A unit in the project's community (or its area) or reported in to it",
  })
  ownerUnitId?: string | null;

  @Field(() => Date, { nullable: true })
  dueAt?: Date | null;

  @Field(() => String, idempotencyKey)
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string | null;
}

@InputType()
export class ContributionInput {
  @Field(() => ContributionKind)
  kind: ContributionKind;

  @Field({ description: `What was given, at most ${CONTRIBUTION_DESCRIPTION_MAX} characters` })
  @RequiredText(CONTRIBUTION_DESCRIPTION_MAX)
  description: string;

  @Field(() => Float, { description: `In yuan (goods and labour at their estimated value), 0 to ${PROJECT_MONEY_MAX}` })
  @Money()
  value: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The contributing unit; or contributorUserId for a person; neither: anonymous (热心居民)',
  })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  contributorUserId?: string | null;

  @Field(() => String, idempotencyKey)
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string | null;
}

@InputType()
export class ProjectFilter {
  @Field(() => ID, { nullable: true, description: 'The whole subtree of this area' })
  areaId?: string | null;

  @Field(() => [ProjectStatus], { nullable: true })
  statuses?: ProjectStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Words in the title or description' })
  @IsOptional()
  @OptionalText(50)
  search?: string | null;
}

@ArgsType()
export class ProjectsArgs extends PageArgs {
  @Field(() => ProjectFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ProjectFilter | null;
}

@ArgsType()
export class ProjectNeedsArgs {
  @Field(() => ID)
  id: string;

  @Field(() => [ID], { description: `1 to ${PROJECT_NEEDS_PER_CALL_MAX}; those already taken up are left as they are` })
  @ArrayMinSize(1, { context: { key: 'projectNoNeeds' } })
  @ArrayMaxSize(PROJECT_NEEDS_PER_CALL_MAX, {
    context: { key: 'projectTooManyNeeds', params: { max: PROJECT_NEEDS_PER_CALL_MAX } },
  })
  needIds: string[];
}

@ArgsType()
export class ProjectPhotosArgs {
  @Field(() => ID)
  projectId: string;

  @Field(() => [ID], {
    description: `1 to ${PROJECT_PHOTOS_PER_CALL_MAX}, uploaded first through POST /uploads/commitment-photos`,
  })
  @ArrayMinSize(1, { context: { key: 'projectNoPhotos' } })
  @ArrayMaxSize(PROJECT_PHOTOS_PER_CALL_MAX, {
    context: { key: 'projectTooManyPhotos', params: { max: PROJECT_PHOTOS_PER_CALL_MAX } },
  })
  photoIds: string[];
}
