import { ArrayMaxSize, ArrayMinSize, IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { MobilePhone, OptionalText, RequiredText } from '../platform/validation.js';
import {
  GUARDIAN_NAME_MAX,
  GUARDIAN_RELATION_MAX,
  RECORD_NOTE_DETAIL_MAX,
  RECORD_NOTE_ISSUER_MAX,
  RECORD_NOTE_TITLE_MAX,
  VOLUNTEER_AREAS_MAX,
  VOLUNTEER_AREAS_MIN,
} from './volunteers.limits.js';
import { RecordNoteKind, VolunteerAvailability, VolunteerSkill, VolunteerStatus } from './volunteers.enums.js';

const areasCount = {
  context: { key: 'volunteerAreasCount', params: { min: VOLUNTEER_AREAS_MIN, max: VOLUNTEER_AREAS_MAX } },
};

@InputType()
export class VolunteerProfileInput {
  @Field(() => [VolunteerSkill])
  skills: VolunteerSkill[];

  @Field(() => [String], { nullable: true, description: 'Up to 10, each up to 20 characters' })
  tags?: string[] | null;

  @Field(() => [VolunteerAvailability])
  availability: VolunteerAvailability[];

  @Field(() => [ID], {
    description: "Areas the volunteer is glad to serve in (1 to 10), within the viewer's street",
  })
  @ArrayMinSize(VOLUNTEER_AREAS_MIN, areasCount)
  @ArrayMaxSize(VOLUNTEER_AREAS_MAX, areasCount)
  areaIds: string[];

  @Field(() => Boolean, { nullable: true })
  partyMember?: boolean | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, required the first time' })
  birthDate?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '18-character 居民身份证号 (checksum verified; must agree with birthDate); optional',
  })
  idNumber?: string | null;
}

@InputType()
export class GuardianConsentInput {
  @Field(() => ID)
  profileId: string;

  @Field()
  @RequiredText(GUARDIAN_NAME_MAX)
  guardianName: string;

  @Field({ description: 'e.g. 父亲, 母亲, 祖母' })
  @RequiredText(GUARDIAN_RELATION_MAX)
  relation: string;

  @Field()
  @MobilePhone()
  guardianPhone: string;
}

@InputType()
export class RecordNoteInput {
  @Field(() => ID)
  profileId: string;

  @Field(() => RecordNoteKind)
  kind: RecordNoteKind;

  @Field()
  @RequiredText(RECORD_NOTE_TITLE_MAX)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(RECORD_NOTE_DETAIL_MAX)
  detail?: string | null;

  @Field()
  occurredOn: string;

  @Field(() => Float, { nullable: true })
  hours?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(RECORD_NOTE_ISSUER_MAX)
  issuer?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string | null;
}

@InputType()
export class VolunteerFilter {
  @Field(() => [VolunteerStatus], { nullable: true })
  statuses?: VolunteerStatus[] | null;

  @Field(() => [VolunteerSkill], { nullable: true })
  skills?: VolunteerSkill[] | null;

  @Field(() => [VolunteerAvailability], { nullable: true })
  availability?: VolunteerAvailability[] | null;

  @Field(() => [ID], { nullable: true })
  teamIds?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  partyMember?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Name, number or phone (staff)' })
  @IsOptional()
  @OptionalText(50)
  search?: string | null;
}

@ArgsType()
export class VolunteersArgs extends PageArgs {
  @Field(() => ID)
  areaId: string;

  @Field(() => VolunteerFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: VolunteerFilter | null;
}
