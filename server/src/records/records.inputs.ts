import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { SignupStatus } from '../activities/activities.enums.js';
import { PageArgs } from '../platform/pagination.js';
import { CorrectionStatus } from './records.enums.js';
import {
  CORRECTION_ANSWER_MAX,
  CORRECTION_ANSWER_MIN,
  CORRECTION_REASON_MAX,
  CORRECTION_REASON_MIN,
  VERIFY_REASON_MAX,
  VERIFY_REASON_MIN,
  WITHHOLD_REASON_MAX,
  WITHHOLD_REASON_MIN,
} from './records.limits.js';

// Lengths are checked by the service (records.rules.ts), which names the field and its bounds.

@ArgsType()
export class VerifyHoursArgs {
  @Field(() => ID)
  signupId: string;

  @Field(() => Float, { nullable: true, description: 'Null verifies the recorded hours; else corrects them' })
  hours?: number | null;

  @Field(() => String, {
    nullable: true,
    description: `Required with hours: ${VERIFY_REASON_MIN} to ${VERIFY_REASON_MAX} characters`,
  })
  reason?: string | null;
}

@ArgsType()
export class RequestCorrectionArgs {
  @Field(() => ID)
  signupId: string;

  @Field(() => Float, { description: 'The hours the record should hold (within the shift, not the current ones)' })
  hours: number;

  @Field({ description: `${CORRECTION_REASON_MIN} to ${CORRECTION_REASON_MAX} characters` })
  reason: string;
}

@ArgsType()
export class AnswerCorrectionArgs {
  @Field(() => ID)
  id: string;

  @Field()
  accept: boolean;

  @Field({ description: `${CORRECTION_ANSWER_MIN} to ${CORRECTION_ANSWER_MAX} characters` })
  answer: string;
}

@ArgsType()
export class WithholdStarArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: `${WITHHOLD_REASON_MIN} to ${WITHHOLD_REASON_MAX} characters` })
  reason: string;
}

@ArgsType()
export class RankingArgs extends PageArgs {
  @Field(() => ID)
  areaId: string;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@InputType()
export class CorrectionFilter {
  @Field(() => ID, { description: "Corrections of activities in this area's subtree" })
  areaId: string;

  @Field(() => [CorrectionStatus], { nullable: true })
  statuses?: CorrectionStatus[] | null;

  @Field(() => Boolean, { nullable: true })
  overdue?: boolean | null;
}

@ArgsType()
export class CorrectionRequestsArgs extends PageArgs {
  @Field(() => CorrectionFilter)
  @ValidateNested()
  filter: CorrectionFilter;
}

@ArgsType()
export class StarNoticesArgs extends PageArgs {
  @Field(() => ID)
  areaId: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  includeAwarded?: boolean | null;
}

@ArgsType()
export class SummarySignupsArgs extends PageArgs {
  @Field(() => [SignupStatus], { nullable: true })
  statuses?: SignupStatus[] | null;
}

@ArgsType()
export class SummaryRecordsArgs extends PageArgs {
  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}
