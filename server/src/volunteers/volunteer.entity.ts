import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToOne,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { User } from '../people/user.entity.js';
import { appendOnly } from '../platform/append-only.js';
import { RecordNoteKind, VolunteerAvailability, VolunteerSkill, VolunteerStatus } from './volunteers.enums.js';

/**
 * A volunteer (志愿者): the personal part of the record (志愿服务记录与证明出具办法 Art. 4).
 * One per person. The birth date is on the User (a person's, not only a volunteer's).
 */
@ObjectType({ description: "A volunteer's profile (志愿者): what the record's personal part holds" })
@Entity()
@Index({ name: 'volunteer_profile_community_idx', properties: ['community', 'id'] })
export class VolunteerProfile {
  [OptionalProps]?: 'createdAt' | 'verifiedMinutes' | 'noShowCount' | 'starLevel' | 'partyMember' | 'tags';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @OneToOne(() => User, { ref: true, owner: true, unique: true })
  user: Ref<User>;

  /** 志愿者编号: `ZY` + year joined + a 6-digit sequence (volunteer_number_seq), e.g. ZY2026000123. */
  @Field({ description: '志愿者编号, e.g. ZY2026000123' })
  @Property({ length: 20, unique: true })
  number: string;

  @Field(() => VolunteerStatus)
  @Enum({ items: () => VolunteerStatus })
  status: VolunteerStatus;

  @Property({ columnType: 'varchar(40)[]' })
  skills: VolunteerSkill[];

  @Property({ columnType: 'varchar(20)[]' })
  tags: string[] = [];

  @Property({ columnType: 'varchar(40)[]' })
  availability: VolunteerAvailability[];

  @Field()
  @Property()
  partyMember: boolean = false;

  /** The home community, where VOLUNTEER is granted (and staff over it manage the profile). */
  @ManyToOne(() => Area, { ref: true })
  community: Ref<Area>;

  /** 18-character 居民身份证号; shown masked, to the volunteer and staff only. */
  @Property({ type: 'string', length: 18, nullable: true, hidden: true, lazy: true })
  idNumber?: string | null;

  /** Sum of verified minutes, kept in the transaction that verifies or corrects (records/). */
  @Property()
  verifiedMinutes: number = 0;

  /** Shifts signed up for and not attended, kept by the job that marks NO_SHOW. */
  @Property()
  noShowCount: number = 0;

  /** The highest star AWARDED (0–5), set when a star's notice period ends (records/). */
  @Property()
  starLevel: number = 0;

  /** A guardian's consent for a volunteer under 14, recorded by staff. */
  @Property({ type: 'string', length: 50, nullable: true })
  guardianName?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  guardianRelation?: string | null;

  @Property({ type: 'string', length: 11, nullable: true })
  guardianPhone?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  consentRecordedBy?: Ref<User> | null;

  @Property({ type: 'datetime', nullable: true })
  consentRecordedAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** An area a volunteer is glad to serve in ("near me" in the activity search). */
@Entity()
@Unique({ properties: ['profile', 'area'] })
export class VolunteerServedArea {
  @PrimaryKey()
  id: number;

  @ManyToOne(() => VolunteerProfile, { ref: true, deleteRule: 'cascade' })
  profile: Ref<VolunteerProfile>;

  @ManyToOne(() => Area, { ref: true, index: true })
  area: Ref<Area>;
}

/** Training, an award or an evaluation on a volunteer's record: append-only, like the service entries. */
@ObjectType()
@Entity({ triggers: [appendOnly()] })
@Check({ name: 'volunteer_record_note_hours', expression: 'hours is null or (hours > 0 and hours <= 1000)' })
export class VolunteerRecordNote {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => VolunteerProfile, { ref: true, index: true })
  profile: Ref<VolunteerProfile>;

  @Field(() => RecordNoteKind)
  @Enum({ items: () => RecordNoteKind })
  kind: RecordNoteKind;

  @Field()
  @Property({ length: 100 })
  title: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 1000, nullable: true })
  detail?: string | null;

  /** YYYY-MM-DD. */
  @Field({ description: 'YYYY-MM-DD' })
  @Property({ type: 'date' })
  occurredOn: string;

  /** Training hours (numeric: a check on double precision diffs forever in MikroORM 7). */
  @Property({ type: 'decimal', columnType: 'numeric(6,2)', nullable: true })
  hours?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  issuer?: string | null;

  @ManyToOne(() => User, { ref: true })
  recordedBy: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();
}
