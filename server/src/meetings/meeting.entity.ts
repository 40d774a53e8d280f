import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { AreaLevels } from '../areas/area-levels.js';
import { Committee } from '../committees/committee.entity.js';
import { User } from '../people/user.entity.js';
import { Topic } from '../topics/topic.entity.js';
import { CheckInMethod, MeetingKind, ParticipantRole } from './meetings.enums.js';

/** A meeting of an area or a committee, with an agenda of topics, participants, check-in and minutes. */
@ObjectType({ description: 'A meeting (议事会, 草根议会, 联席会议, 听证会…) with its agenda, attendance and minutes' })
@Entity()
@Index({ name: 'meeting_community_starts_idx', properties: ['communityId', 'startsAt', 'id'] })
@Index({ name: 'meeting_street_starts_idx', properties: ['streetId', 'startsAt', 'id'] })
export class Meeting extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 100 })
  title: string;

  @Field(() => MeetingKind)
  @Enum({ items: () => MeetingKind })
  kind: MeetingKind;

  @ManyToOne(() => Committee, { ref: true, nullable: true, index: true })
  committee?: Ref<Committee> | null;

  @Field()
  @Property()
  startsAt: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true, description: 'Link of an online meeting' })
  @Property({ type: 'string', length: 500, nullable: true })
  onlineUrl?: string | null;

  /** Share of the invited who must be checked in; null: more than half. */
  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  quorum?: number | null;

  /** Read through a field resolver: participants and staff only until published. */
  @Property({ type: 'text', nullable: true, lazy: true })
  minutes?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  minutesPublishedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  /** Key of the rotating check-in code shown in the room (never exposed). */
  @Property({ length: 64, hidden: true, lazy: true })
  checkInSecret: string;

  @ManyToOne(() => User, { ref: true })
  createdBy: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();

  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** A topic on a meeting's agenda, in order. */
@Entity()
@Unique({ properties: ['meeting', 'topic'] })
export class MeetingTopic {
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Meeting, { ref: true, deleteRule: 'cascade' })
  meeting: Ref<Meeting>;

  @ManyToOne(() => Topic, { ref: true, index: true })
  topic: Ref<Topic>;

  @Property()
  position: number;
}

/** A participant of a meeting: invited beforehand and/or checked in (by code or by staff). */
@ObjectType('Attendance', { description: 'A participant of a meeting: invited, and checked in once they are' })
@Entity()
@Unique({ properties: ['meeting', 'user'] })
export class MeetingParticipant {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Meeting, { ref: true, deleteRule: 'cascade' })
  meeting: Ref<Meeting>;

  @ManyToOne(() => User, { ref: true, index: true })
  user: Ref<User>;

  @Field(() => ParticipantRole)
  @Enum({ items: () => ParticipantRole })
  role: ParticipantRole;

  /** False for someone who came without an invitation and was checked in. */
  @Field()
  @Property()
  invited: boolean;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  checkedInAt?: Date | null;

  @Field(() => CheckInMethod, { nullable: true })
  @Enum({ items: () => CheckInMethod, nullable: true })
  checkInMethod?: CheckInMethod | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  checkedInBy?: Ref<User> | null;

  @Property()
  createdAt: Date = new Date();
}
