import { ArrayMaxSize, ArrayMinSize, IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { IdempotencyKeyFormat } from '../platform/idempotency.js';
import { PageArgs } from '../platform/pagination.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import { MeetingKind, ParticipantRole } from './meetings.enums.js';
import {
  MEETING_CANCEL_REASON_MAX,
  MEETING_INVITES_PER_CALL_MAX,
  MEETING_MINUTES_MAX,
  MEETING_ONLINE_URL_MAX,
  MEETING_PLACE_MAX,
  MEETING_TITLE_MAX,
  MEETING_TOPICS_MAX,
} from './meetings.limits.js';

const tooManyInvites = {
  context: { key: 'meetingTooManyInvites', params: { max: MEETING_INVITES_PER_CALL_MAX } },
} as const;

@InputType()
export class MeetingParticipantInput {
  @Field(() => ID)
  userId: string;

  @Field(() => ParticipantRole)
  role: ParticipantRole;
}

@InputType()
export class ScheduleMeetingInput {
  @Field({ description: `At most ${MEETING_TITLE_MAX} characters` })
  @RequiredText(MEETING_TITLE_MAX)
  title: string;

  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field(() => ID, { nullable: true, description: "The area (default: the committee's)" })
  areaId?: string | null;

  @Field(() => ID, { nullable: true })
  committeeId?: string | null;

  @Field({ description: 'Not more than a day in the past' })
  startsAt: Date;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: `At most ${MEETING_PLACE_MAX} characters; a place or an online link is required`,
  })
  @IsOptional()
  @OptionalText(MEETING_PLACE_MAX)
  place?: string | null;

  @Field(() => String, { nullable: true, description: 'http(s) link of an online meeting' })
  @IsOptional()
  @OptionalText(MEETING_ONLINE_URL_MAX)
  onlineUrl?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: `ADMITTED (or already SCHEDULED) topics of the area; they become SCHEDULED (at most ${MEETING_TOPICS_MAX})`,
  })
  @IsOptional()
  @ArrayMaxSize(MEETING_TOPICS_MAX, { context: { key: 'meetingTooManyTopics', params: { max: MEETING_TOPICS_MAX } } })
  topicIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Invited participants (besides: a committee meeting invites its members)',
  })
  @IsOptional()
  @ArrayMaxSize(MEETING_INVITES_PER_CALL_MAX, tooManyInvites)
  participantIds?: string[] | null;

  @Field(() => [MeetingParticipantInput], {
    nullable: true,
    description:
      'Participants with the capacity they come in (HOUSEHOLD_REPRESENTATIVE…); participantIds come as RESIDENT',
  })
  @IsOptional()
  @ArrayMaxSize(MEETING_INVITES_PER_CALL_MAX, tooManyInvites)
  @ValidateNested({ each: true })
  participants?: MeetingParticipantInput[] | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the invited who must be checked in; default more than half',
  })
  quorum?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Chosen by the client once per meeting it creates (a UUID): sending it again returns the first result',
  })
  @IsOptional()
  @IdempotencyKeyFormat()
  idempotencyKey?: string | null;
}

@InputType()
export class MeetingFilter {
  @Field(() => ID, { nullable: true, description: "Meetings in this area's subtree" })
  areaId?: string | null;

  @Field(() => ID, { nullable: true })
  committeeId?: string | null;

  @Field(() => [MeetingKind], { nullable: true })
  kinds?: MeetingKind[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only meetings the viewer is invited to or checked in at' })
  mine?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Starting at or after (e.g. now, for upcoming)' })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@ArgsType()
export class MeetingsArgs extends PageArgs {
  @Field(() => MeetingFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: MeetingFilter | null;
}

@ArgsType()
export class InviteArgs {
  @Field(() => ID)
  meetingId: string;

  @Field(() => [MeetingParticipantInput])
  @ArrayMinSize(1, { context: { key: 'meetingNoInvites' } })
  @ArrayMaxSize(MEETING_INVITES_PER_CALL_MAX, tooManyInvites)
  @ValidateNested({ each: true })
  participants: MeetingParticipantInput[];
}

@ArgsType()
export class MinutesArgs {
  @Field(() => ID)
  meetingId: string;

  @Field({ description: `At most ${MEETING_MINUTES_MAX} characters` })
  @RequiredText(MEETING_MINUTES_MAX)
  text: string;
}

@ArgsType()
export class CancelArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: `Why, on the record; at most ${MEETING_CANCEL_REASON_MAX} characters` })
  @RequiredText(MEETING_CANCEL_REASON_MAX)
  reason: string;
}

@ArgsType()
export class CheckInArgs {
  @Field(() => ID)
  meetingId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Staff (RUN_MEETINGS) checking this person in; omit to check yourself in',
  })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: 'The code shown in the room (self check-in)' })
  @IsOptional()
  @OptionalText(20)
  code?: string | null;
}
