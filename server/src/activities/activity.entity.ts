import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AreaLevels } from '../areas/area-levels.js';
import { Need } from '../needs/need.entity.js';
import { User } from '../people/user.entity.js';
import { Project } from '../projects/project.entity.js';
import { Resolution } from '../resolutions/resolution.entity.js';
import { Team } from '../teams/team.entity.js';
import { VolunteerSkill } from '../volunteers/volunteers.enums.js';
import { ActivityStatus, SignupCancelReason, SignupStatus } from './activities.enums.js';

/** A volunteer activity (志愿服务活动) on an area with one or more shifts; organised by staff or a team. */
@ObjectType({ description: 'A volunteer activity with its shifts' })
@Entity()
@Index({ name: 'activity_community_starts_idx', properties: ['communityId', 'startsAt', 'id'] })
@Index({ name: 'activity_street_starts_idx', properties: ['streetId', 'startsAt', 'id'] })
@Index({
  name: 'activity_area_path_idx',
  expression: 'create index "activity_area_path_idx" on "activity" ("area_path" text_pattern_ops)',
})
export class Activity extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'status' | 'retroactive' | 'skills';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 100 })
  title: string;

  @Field()
  @Property({ length: 2000 })
  description: string;

  @Field()
  @Property({ length: 200 })
  place: string;

  @Property({ columnType: 'varchar(40)[]' })
  skills: VolunteerSkill[] = [];

  /** The organising team: its leaders organise the activity with the staff over the area. */
  @ManyToOne(() => Team, { ref: true, nullable: true, index: true })
  team?: Ref<Team> | null;

  @ManyToOne(() => Need, { ref: true, nullable: true, index: true })
  need?: Ref<Need> | null;

  @ManyToOne(() => Project, { ref: true, nullable: true, index: true })
  project?: Ref<Project> | null;

  @ManyToOne(() => Resolution, { ref: true, nullable: true, index: true })
  resolution?: Ref<Resolution> | null;

  @Field(() => ActivityStatus)
  @Enum({ items: () => ActivityStatus })
  status: ActivityStatus = ActivityStatus.PUBLISHED;

  /** 补录: recorded after the fact from a paper sign-in sheet; every shift had ended, within 30 days. */
  @Field()
  @Property()
  retroactive: boolean = false;

  /** The first shift's start and the last one's end, kept as shifts are added (lists sort and filter by them). */
  @Field()
  @Property()
  startsAt: Date;

  @Field()
  @Property()
  endsAt: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  cancelReason?: string | null;

  @ManyToOne(() => User, { ref: true, index: true })
  createdBy: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();

  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * One time slot of an activity with its places. `signedUpCount` counts the sign-ups holding a
 * place (PLACE_HOLDING_STATUSES) and is changed only by a conditional update in the same
 * transaction as the sign-up; the check keeps it within capacity whatever the code does.
 */
@ObjectType()
@Entity()
@Check({ name: 'shift_times', expression: 'ends_at > starts_at' })
@Check({ name: 'shift_capacity_range', expression: 'capacity >= 1 and capacity <= 500' })
@Check({ name: 'shift_within_capacity', expression: 'signed_up_count >= 0 and signed_up_count <= capacity' })
@Check({ name: 'shift_waitlist_count', expression: 'waitlist_count >= 0' })
@Index({ name: 'shift_activity_starts_idx', properties: ['activity', 'startsAt'] })
@Index({ name: 'shift_starts_idx', properties: ['startsAt'] })
export class Shift {
  [OptionalProps]?: 'signedUpCount' | 'waitlistCount';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Activity, { ref: true })
  activity: Ref<Activity>;

  @Field()
  @Property()
  startsAt: Date;

  @Field()
  @Property()
  endsAt: Date;

  @Field(() => Int)
  @Property()
  capacity: number;

  @Field(() => Int)
  @Property()
  signedUpCount: number = 0;

  @Field(() => Int)
  @Property()
  waitlistCount: number = 0;

  /** Key of the rotating check-in code shown on site (never exposed). */
  @Property({ length: 64, hidden: true, lazy: true })
  checkInSecret: string;
}

/**
 * A volunteer's sign-up to a shift: the service record's line. Its hours are kept as whole
 * minutes: `recordedMinutes` from check-ins (attendance/), `verifiedMinutes` by the organiser
 * (records/); every change of either is also an append-only ServiceRecordEntry.
 */
@ObjectType()
@Entity()
@Index({
  name: 'shift_signup_one_per_volunteer',
  expression:
    'create unique index "shift_signup_one_per_volunteer" on "shift_signup" ("shift_id", "volunteer_id") where "status" <> \'CANCELLED\'',
})
@Index({ name: 'shift_signup_queue_idx', properties: ['shift', 'status', 'queuedAt', 'id'] })
// The jobs' look-ups (held places past confirmBy; places nobody came to) read only the few live rows, not the history.
@Index({
  name: 'shift_signup_promotion_hold_idx',
  expression:
    'create index "shift_signup_promotion_hold_idx" on "shift_signup" ("confirm_by") where "status" = \'SIGNED_UP\' and "confirmed_at" is null and "confirm_by" is not null',
})
@Index({
  name: 'shift_signup_signed_up_idx',
  expression: 'create index "shift_signup_signed_up_idx" on "shift_signup" ("shift_id") where "status" = \'SIGNED_UP\'',
})
@Index({ name: 'shift_signup_volunteer_idx', properties: ['volunteer', 'createdAt', 'id'] })
@Index({ name: 'shift_signup_activity_idx', properties: ['activity', 'status'] })
@Check({
  name: 'shift_signup_minutes',
  expression:
    '(recorded_minutes is null or recorded_minutes >= 0) and (verified_minutes is null or verified_minutes >= 0)',
})
export class ShiftSignup {
  [OptionalProps]?: 'createdAt' | 'queuedAt' | 'retroactive';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Shift, { ref: true })
  shift: Ref<Shift>;

  /** The shift's activity, kept on the row (per-activity limits and lists without a join). */
  @ManyToOne(() => Activity, { ref: true })
  activity: Ref<Activity>;

  @ManyToOne(() => User, { ref: true })
  volunteer: Ref<User>;

  @Field(() => SignupStatus)
  @Enum({ items: () => SignupStatus })
  status: SignupStatus;

  /** The waiting list's order: first queued, first promoted (id breaks ties). */
  @Property()
  queuedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  promotedAt?: Date | null;

  /** A promoted place is held until then; unconfirmed, it is released to the next in line. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  confirmBy?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  confirmedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @Field(() => SignupCancelReason, { nullable: true })
  @Enum({ items: () => SignupCancelReason, nullable: true })
  cancelReason?: SignupCancelReason | null;

  @Property({ type: 'integer', nullable: true })
  recordedMinutes?: number | null;

  @Property({ type: 'integer', nullable: true })
  verifiedMinutes?: number | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  verifiedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  verifiedBy?: Ref<User> | null;

  /** 补录 from a paper sign-in sheet. */
  @Field()
  @Property()
  retroactive: boolean = false;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A photo of an activity, uploaded first (activity null) and attached by createActivity. */
@ObjectType()
@Entity()
export class ActivityPhoto {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Activity, { ref: true, nullable: true, index: true })
  activity?: Ref<Activity> | null;

  @ManyToOne(() => User, { ref: true, index: true })
  uploadedBy: Ref<User>;

  /** Random name of the stored files: `<key>.webp` and `<key>-thumb.webp`. */
  @Property({ length: 64, unique: true })
  storageKey: string;

  @Field(() => Int)
  @Property()
  width: number;

  @Field(() => Int)
  @Property()
  height: number;

  @Property()
  bytes: number;

  @Property()
  createdAt: Date = new Date();
}
