import { IsOptional } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { OptionalText } from '../platform/validation.js';

/** The rotating codes are 6 digits; anything much longer is not a code (and not stored). */
const CODE_MAX = 20;

@ArgsType()
export class CheckInArgs {
  @Field(() => ID, { nullable: true, description: 'An organiser or checker naming the sign-up' })
  signupId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The volunteer: the shift whose code they entered' })
  shiftId?: string | null;

  @Field(() => String, { nullable: true, description: 'The volunteer: the code shown on site' })
  @IsOptional()
  @OptionalText(CODE_MAX)
  code?: string | null;
}

@ArgsType()
export class CheckOutArgs extends CheckInArgs {
  @Field(() => Date, {
    nullable: true,
    description: 'An organiser closing a forgotten check-out: when the volunteer left (within the shift ± 30 minutes)',
  })
  at?: Date | null;
}

@InputType()
export class RecordAttendanceInput {
  @Field(() => ID, { description: 'A shift of a retroactive activity, or any shift that has ended' })
  shiftId: string;

  @Field(() => ID, { description: 'A volunteer (ACTIVE profile) the viewer may reach' })
  userId: string;

  @Field()
  checkedInAt: Date;

  @Field()
  checkedOutAt: Date;

  @Field({
    nullable: true,
    description: 'Chosen by the client once per record (a UUID): sending it again returns the first result',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string;
}
