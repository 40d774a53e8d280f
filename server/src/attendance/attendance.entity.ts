import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Activity, Shift, ShiftSignup } from '../activities/activity.entity.js';
import { User } from '../people/user.entity.js';
import { AttendanceMethod } from './attendance.enums.js';

/**
 * One stretch of presence at a shift: a check-in and (later) its check-out. A volunteer who
 * leaves and comes back has several; at most one is open at a time (the partial unique index),
 * and at most 3 check-ins per person, activity and day (`serviceDay`, Asia/Shanghai).
 */
@ObjectType({ description: 'A check-in and its check-out' })
@Entity()
@Index({
  name: 'shift_check_in_one_open',
  expression:
    'create unique index "shift_check_in_one_open" on "shift_check_in" ("signup_id") where "checked_out_at" is null',
})
@Index({ name: 'shift_check_in_per_day_idx', properties: ['volunteer', 'activity', 'serviceDay'] })
@Index({ name: 'shift_check_in_signup_idx', properties: ['signup', 'checkedInAt'] })
@Check({ name: 'shift_check_in_order', expression: 'checked_out_at is null or checked_out_at >= checked_in_at' })
export class ShiftCheckIn {
  [OptionalProps]?: 'closedByOrganiser';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => ShiftSignup, { ref: true })
  signup: Ref<ShiftSignup>;

  /** Kept on the row for the per-activity-and-day limit without a join. */
  @ManyToOne(() => Activity, { ref: true })
  activity: Ref<Activity>;

  @ManyToOne(() => User, { ref: true })
  volunteer: Ref<User>;

  /** The check-in's day in Asia/Shanghai, YYYY-MM-DD (china-time.ts). */
  @Property({ type: 'date' })
  serviceDay: string;

  @Field()
  @Property()
  checkedInAt: Date;

  @Field(() => AttendanceMethod)
  @Enum({ items: () => AttendanceMethod })
  checkInMethod: AttendanceMethod;

  @ManyToOne(() => User, { ref: true, nullable: true })
  checkedInBy?: Ref<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  checkedOutAt?: Date | null;

  @Field(() => AttendanceMethod, { nullable: true })
  @Enum({ items: () => AttendanceMethod, nullable: true })
  checkOutMethod?: AttendanceMethod | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  checkedOutBy?: Ref<User> | null;

  /** A forgotten check-out the organiser closed afterwards. */
  @Field()
  @Property()
  closedByOrganiser: boolean = false;
}

/**
 * A check-in code a volunteer has used: the same person cannot use the same code (window) of
 * a shift twice, so a code photographed and sent round cannot be replayed by them later in
 * its two minutes (rotating-codes.ts `matchCode` gives the window).
 */
@Entity()
export class CheckInCodeUse {
  @ManyToOne(() => Shift, { ref: true, primary: true })
  shift: Ref<Shift>;

  @ManyToOne(() => User, { ref: true, primary: true })
  volunteer: Ref<User>;

  @PrimaryKey({ type: 'bigint' })
  codeWindow: number;

  @Property()
  usedAt: Date = new Date();
}
