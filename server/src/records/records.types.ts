import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Team } from '../teams/team.entity.js';
import { Connection } from '../platform/pagination.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { CorrectionRequest, StarAward } from './record.entity.js';

// The sign-up connection of VolunteerSummary.signups/records is activities' one (one class per GraphQL type).
export { ShiftSignupConnection } from '../activities/activities.types.js';

@ObjectType()
export class CorrectionRequestConnection extends Connection(CorrectionRequest) {}

@ObjectType()
export class StarAwardConnection extends Connection(StarAward) {}

@ObjectType()
export class VolunteerRankingEntry {
  @Field(() => Int, { description: 'Competition ranking: equal hours share a rank (1, 2, 2, 4)' })
  rank: number;

  @Field({ description: 'Masked (王*明) unless the viewer has MANAGE_VOLUNTEERS over the area' })
  name: string;

  @Field(() => VolunteerProfile, { nullable: true, description: 'Staff (MANAGE_VOLUNTEERS) only' })
  profile: VolunteerProfile | null;

  @Field(() => Float)
  hours: number;

  @Field(() => Int, {
    description: 'Verified sign-ups in the period (each shift served counts once)',
  })
  activityCount: number;
}

@ObjectType()
export class VolunteerRankingConnection extends Connection(VolunteerRankingEntry) {}

@ObjectType()
export class TeamRankingEntry {
  @Field(() => Int, { description: 'Competition ranking: equal hours share a rank (1, 2, 2, 4)' })
  rank: number;

  @Field(() => Team)
  team: Team;

  @Field(() => Float)
  hours: number;

  @Field(() => Int, { description: 'Volunteers with verified hours at its activities in the period' })
  volunteerCount: number;
}

@ObjectType()
export class TeamRankingConnection extends Connection(TeamRankingEntry) {}
