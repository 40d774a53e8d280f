import { IsOptional } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { MobilePhone, OptionalText, RequiredText } from '../platform/validation.js';
import { ReportInStatus, UnitKind } from './units.enums.js';
import {
  REPORT_IN_REASON_MAX,
  UNIT_ADDRESS_MAX,
  UNIT_CONTACT_NAME_MAX,
  UNIT_NAME_MAX,
  UNIT_PARTY_ORGANIZATION_MAX,
} from './units.limits.js';

@InputType()
export class CreateUnitInput {
  @Field({ description: `At most ${UNIT_NAME_MAX} characters` })
  @RequiredText(UNIT_NAME_MAX)
  name: string;

  @Field(() => UnitKind)
  kind: UnitKind;

  @Field(() => ID, { description: 'Where it is stationed; staff or admins over it create it' })
  areaId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(UNIT_ADDRESS_MAX)
  address?: string | null;

  @Field()
  @RequiredText(UNIT_CONTACT_NAME_MAX)
  contactName: string;

  @Field({ description: 'A mainland mobile number; shown masked to most' })
  @MobilePhone()
  contactPhone: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(UNIT_PARTY_ORGANIZATION_MAX)
  partyOrganization?: string | null;

  @Field({
    nullable: true,
    description: 'Chosen by the client once per unit (a UUID): sending it again returns the first',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}

@InputType()
export class UnitFilter {
  @Field(() => ID, { nullable: true, description: 'The units in this area’s subtree' })
  areaId?: string;

  @Field(() => [UnitKind], { nullable: true })
  kinds?: UnitKind[];

  @Field(() => String, { nullable: true, description: 'Name contains' })
  @IsOptional()
  @OptionalText(50)
  search?: string;

  @Field({ nullable: true, description: 'Only the units the viewer represents' })
  mine?: boolean;
}

@ArgsType()
export class UnitsArgs extends PageArgs {
  @Field(() => UnitFilter, { nullable: true })
  filter?: UnitFilter;
}

@InputType()
export class ReportInFilter {
  @Field(() => ID, { nullable: true })
  areaId?: string;

  @Field(() => [ReportInStatus], { nullable: true })
  statuses?: ReportInStatus[];

  @Field({ nullable: true, description: 'true: units only; false: party members only' })
  ofUnits?: boolean;
}

@ArgsType()
export class ReportInsArgs extends PageArgs {
  @Field(() => ReportInFilter, { nullable: true })
  filter?: ReportInFilter;
}

@ArgsType()
export class UnitRepresentativeArgs {
  @Field(() => ID)
  unitId: string;

  @Field(() => ID)
  userId: string;
}

@ArgsType()
export class ReportInArgs {
  @Field(() => ID, { nullable: true, description: 'The unit reporting in (by its representative); omitted: yourself' })
  unitId?: string;

  @Field(() => ID, { description: 'The community (or village)' })
  areaId: string;

  @Field(() => ID, { nullable: true, description: 'A party member’s work unit' })
  workUnitId?: string;
}

@ArgsType()
export class DeclineReportInArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: `Why; at most ${REPORT_IN_REASON_MAX} characters` })
  @RequiredText(REPORT_IN_REASON_MAX)
  reason: string;
}

@ArgsType()
export class PeriodArgs {
  @Field(() => Date, { nullable: true, description: 'From this time on' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Before this time' })
  to?: Date;
}
