import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ShiftSignup } from '../activities/activity.entity.js';
import { Area } from '../areas/area.entity.js';
import { User } from '../people/user.entity.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { CorrectionStatus, RecordEntryKind, StarAwardStatus } from './records.enums.js';

/**
 * One entry of a service record, never changed or deleted (a trigger in the migration refuses
 * UPDATE and DELETE): every recording, verification and correction of a sign-up's hours, with
 * who, when and why. The sign-up's `recordedMinutes`/`verifiedMinutes` are the latest entries.
 */
@ObjectType({ description: 'An append-only entry of a service record' })
@Entity()
@Index({ name: 'service_record_entry_signup_idx', properties: ['signup', 'id'] })
@Check({ name: 'service_record_entry_minutes', expression: 'minutes >= 0' })
export class ServiceRecordEntry {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => ShiftSignup, { ref: true })
  signup: Ref<ShiftSignup>;

  @ManyToOne(() => User, { ref: true, index: true })
  volunteer: Ref<User>;

  @Field(() => RecordEntryKind)
  @Enum({ items: () => RecordEntryKind })
  kind: RecordEntryKind;

  /** The minutes after this entry. */
  @Property()
  minutes: number;

  @Property({ type: 'integer', nullable: true })
  previousMinutes?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string | null;

  @ManyToOne(() => User, { ref: true })
  actor: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A volunteer's request to correct a record (wrong or missing hours), answered by the organiser by `dueAt`. */
@ObjectType()
@Entity()
@Index({
  name: 'correction_request_one_open',
  expression:
    'create unique index "correction_request_one_open" on "correction_request" ("signup_id") where "status" = \'OPEN\'',
})
@Index({
  name: 'correction_request_open_due_idx',
  expression:
    'create index "correction_request_open_due_idx" on "correction_request" ("due_at") where "status" = \'OPEN\'',
})
@Check({ name: 'correction_request_minutes', expression: 'requested_minutes >= 0 and minutes_before >= 0' })
export class CorrectionRequest {
  [OptionalProps]?: 'createdAt' | 'status';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => ShiftSignup, { ref: true, index: true })
  signup: Ref<ShiftSignup>;

  @ManyToOne(() => User, { ref: true, index: true })
  volunteer: Ref<User>;

  @Property()
  requestedMinutes: number;

  /** The record's minutes when asked (verified, else recorded, else 0). */
  @Property()
  minutesBefore: number;

  @Field()
  @Property({ length: 500 })
  reason: string;

  @Field(() => CorrectionStatus)
  @Enum({ items: () => CorrectionStatus })
  status: CorrectionStatus = CorrectionStatus.OPEN;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  answer?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  answeredBy?: Ref<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  @Field()
  @Property()
  dueAt: Date;

  /** When the organisers were told it is overdue (once). */
  @Property({ type: 'datetime', nullable: true })
  overdueNotifiedAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A star level reached by verified hours: on the community's board until `publicUntil`, then awarded. */
@ObjectType({ description: "A star reached: published on the community's board for 5 working days, then awarded" })
@Entity()
@Unique({ properties: ['profile', 'level'] })
@Index({ name: 'star_award_community_idx', properties: ['community', 'status', 'publicUntil'] })
@Check({ name: 'star_award_level', expression: 'level between 1 and 5' })
export class StarAward {
  [OptionalProps]?: 'status';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => VolunteerProfile, { ref: true })
  profile: Ref<VolunteerProfile>;

  @Field(() => Int)
  @Property()
  level: number;

  /** The volunteer's community when the star was reached: whose board publishes it. */
  @ManyToOne(() => Area, { ref: true })
  community: Ref<Area>;

  @Field(() => StarAwardStatus)
  @Enum({ items: () => StarAwardStatus })
  status: StarAwardStatus = StarAwardStatus.PUBLICIZING;

  @Field()
  @Property()
  reachedAt: Date;

  @Field()
  @Property()
  publicUntil: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  awardedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  withheldReason?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  withheldBy?: Ref<User> | null;
}
