import { ArrayMaxSize, IsOptional } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import { TeamMembershipStatus, TeamRole } from './teams.enums.js';
import { TEAM_DECLINE_REASON_MAX, TEAM_DESCRIPTION_MAX, TEAM_LEADERS_MAX, TEAM_NAME_MAX } from './teams.limits.js';

@InputType()
export class CreateTeamInput {
  @Field(() => ID)
  areaId: string;

  @Field()
  @RequiredText(TEAM_NAME_MAX)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(TEAM_DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Volunteers who lead it (approved members at once); the creator when empty and a volunteer',
  })
  @IsOptional()
  @ArrayMaxSize(TEAM_LEADERS_MAX, { context: { key: 'teamTooManyLeaders', params: { max: TEAM_LEADERS_MAX } } })
  leaderIds?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string | null;
}

@ArgsType()
export class TeamsArgs extends PageArgs {
  @Field(() => ID)
  areaId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(TEAM_NAME_MAX)
  search?: string | null;
}

@ArgsType()
export class TeamMembersArgs extends PageArgs {
  @Field(() => [TeamMembershipStatus], { nullable: true })
  statuses?: TeamMembershipStatus[] | null;
}

@ArgsType()
export class DeclineTeamMemberArgs {
  @Field(() => ID)
  membershipId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(TEAM_DECLINE_REASON_MAX)
  reason?: string | null;
}

@ArgsType()
export class SetTeamRoleArgs {
  @Field(() => ID)
  membershipId: string;

  @Field(() => TeamRole)
  role: TeamRole;
}
