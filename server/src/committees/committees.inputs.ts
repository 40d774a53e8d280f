import { IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { RequiredText } from '../platform/validation.js';
import { CommitteeKind, Seat } from './committees.enums.js';
import { COMMITTEE_MEMBER_TITLE_MAX, COMMITTEE_NAME_MAX } from './committees.limits.js';

@InputType()
export class CreateCommitteeInput {
  @Field({ description: `At most ${COMMITTEE_NAME_MAX} characters` })
  @RequiredText(COMMITTEE_NAME_MAX)
  name: string;

  @Field(() => CommitteeKind, {
    description:
      'STREET_WORKING_COMMITTEE on a street, COMMUNITY_PARTY_COMMITTEE on a community or village, JOINT_MEETING on either',
  })
  kind: CommitteeKind;

  @Field(() => ID)
  areaId: string;

  @Field()
  termStart: Date;

  @Field({ description: 'After termStart' })
  termEnd: Date;

  @Field({
    nullable: true,
    description: 'Chosen by the client once per committee (a UUID): sending it again returns the first',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}

@InputType()
export class AddCommitteeMemberInput {
  @Field(() => ID)
  committeeId: string;

  @Field(() => ID)
  userId: string;

  @Field(() => Seat)
  seat: Seat;

  @Field({ description: `E.g. 书记, 委员, 兼职委员; at most ${COMMITTEE_MEMBER_TITLE_MAX} characters` })
  @RequiredText(COMMITTEE_MEMBER_TITLE_MAX)
  title: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'PART_TIME: the unit the member comes from (must lie in the committee’s area or have reported in there)',
  })
  unitId?: string | null;
}
