import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AreaLevels } from '../areas/area-levels.js';
import { Committee } from '../committees/committee.entity.js';
import { Household } from '../households/household.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { User } from '../people/user.entity.js';
import { Topic } from '../topics/topic.entity.js';
import { BallotChannel, Electorate, RulePreset, Threshold, VoteMethod, VoteOutcome } from './votes.enums.js';

/**
 * A vote: a question with options over an electorate fixed when it opens (VoteElector rows),
 * closing by itself at `closesAt`. The count is stored on close (options' counts, outcome) and
 * then published (公示) on the area's board until `publicityEndsAt`.
 */
@ObjectType({ description: 'A vote (表决) on a question, over an electorate fixed when it opened' })
@Entity()
@Index({ name: 'vote_community_created_idx', properties: ['communityId', 'createdAt', 'id'] })
@Index({ name: 'vote_street_created_idx', properties: ['streetId', 'createdAt', 'id'] })
@Index({
  name: 'vote_open_closes_idx',
  expression: 'create index "vote_open_closes_idx" on "vote" ("closes_at") where "closed_at" is null',
})
@Index({
  name: 'vote_published_idx',
  expression:
    'create index "vote_published_idx" on "vote" ("area_path" text_pattern_ops, "published_at") where "published_at" is not null',
})
@Check({ name: 'vote_quorum_share', expression: 'quorum is null or (quorum > 0 and quorum <= 1)' })
@Check({ name: 'vote_window', expression: 'closes_at > opens_at' })
export class Vote extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'opensAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 200 })
  title: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @ManyToOne(() => Meeting, { ref: true, nullable: true, index: true })
  meeting?: Ref<Meeting> | null;

  @ManyToOne(() => Topic, { ref: true, nullable: true, index: true })
  topic?: Ref<Topic> | null;

  /** For a COMMITTEE electorate. */
  @ManyToOne(() => Committee, { ref: true, nullable: true })
  committee?: Ref<Committee> | null;

  @Field(() => VoteMethod)
  @Enum({ items: () => VoteMethod })
  method: VoteMethod;

  @Field(() => Int, { description: 'How many options a ballot may choose (1 unless MULTIPLE_CHOICE)' })
  @Property()
  maxChoices: number;

  @Field(() => Threshold)
  @Enum({ items: () => Threshold })
  threshold: Threshold;

  @Field(() => Electorate)
  @Enum({ items: () => Electorate })
  electorate: Electorate;

  @Field(() => RulePreset)
  @Enum({ items: () => RulePreset })
  rulePreset: RulePreset;

  @Field()
  @Property()
  secret: boolean;

  @Field(() => Float, { nullable: true, description: 'Minimum share of the electorate that must vote (CUSTOM)' })
  // numeric, not double: MikroORM 7 reads a check's `::double precision` cast back wrongly and would diff forever.
  @Property({ type: 'decimal', precision: 4, scale: 3, nullable: true, runtimeType: 'number' })
  quorum?: number | null;

  @Field()
  @Property()
  opensAt: Date = new Date();

  @Field()
  @Property()
  closesAt: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  /** Size of the snapshot, stored when it is taken. */
  @Field(() => Int)
  @Property()
  eligibleCount: number;

  /** OWNERS: total floor area of the snapshot's flats. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true, runtimeType: 'number' })
  eligibleArea?: number | null;

  /** Stored on close (live while open: counted from the participation rows). */
  @Property({ type: 'integer', nullable: true })
  ballotsCastAtClose?: number | null;

  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true, runtimeType: 'number' })
  participatingAreaAtClose?: number | null;

  @Field(() => VoteOutcome, { nullable: true })
  @Enum({ items: () => VoteOutcome, nullable: true })
  outcome?: VoteOutcome | null;

  /** Set on close: the result is on the area's public board (公示) until publicityEndsAt. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  publicityEndsAt?: Date | null;

  @ManyToOne(() => User, { ref: true })
  openedBy: Ref<User>;

  @ManyToOne(() => User, { ref: true, nullable: true })
  closedBy?: Ref<User> | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** An option of a vote; its counts are stored when the vote closes. */
@ObjectType({ description: 'An option of a vote' })
@Entity()
@Unique({ properties: ['vote', 'position'] })
export class VoteOption {
  [OptionalProps]?: never;

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Vote, { ref: true, deleteRule: 'cascade' })
  vote: Ref<Vote>;

  @Field()
  @Property({ length: 200 })
  label: string;

  @Field(() => Int)
  @Property()
  position: number;

  /** YES_NO_ABSTAIN: which of 赞成/反对/弃权 this is (the label is its word). */
  @Property({ type: 'string', length: 10, nullable: true })
  systemKey?: 'YES' | 'NO' | 'ABSTAIN' | null;

  @Property({ type: 'integer', nullable: true })
  countAtClose?: number | null;

  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true, runtimeType: 'number' })
  areaAtClose?: number | null;
}

/**
 * The electorate's snapshot: one row per person (PARTICIPANTS, COMMITTEE, RESIDENTS) or per
 * household (HOUSEHOLDS, OWNERS; `user` then is the representative at the snapshot, or null for
 * OWNERS, where any owner may cast the flat's one ballot).
 */
@Entity()
@Index({
  name: 'vote_elector_user_uniq',
  expression:
    'create unique index "vote_elector_user_uniq" on "vote_elector" ("vote_id", "user_id") where "household_id" is null',
})
@Index({
  name: 'vote_elector_household_uniq',
  expression:
    'create unique index "vote_elector_household_uniq" on "vote_elector" ("vote_id", "household_id") where "household_id" is not null',
})
@Index({ name: 'vote_elector_user_idx', properties: ['user', 'vote'] })
export class VoteElector {
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Vote, { ref: true, deleteRule: 'cascade' })
  vote: Ref<Vote>;

  @ManyToOne(() => User, { ref: true, nullable: true })
  user?: Ref<User> | null;

  @ManyToOne(() => Household, { ref: true, nullable: true })
  household?: Ref<Household> | null;

  /** OWNERS: the flat's floor area at the snapshot. */
  @Property({ type: 'decimal', precision: 10, scale: 2, nullable: true, runtimeType: 'number' })
  floorArea?: number | null;
}

/**
 * The record that an elector voted (turnout): who cast it, how and when, but never what. One
 * per elector, by the unique constraint, across channels.
 */
@Entity()
@Unique({ name: 'vote_participation_one_per_elector', properties: ['elector'] })
@Index({ name: 'vote_participation_vote_idx', properties: ['vote', 'castAt'] })
export class VoteParticipation {
  [OptionalProps]?: 'castAt';

  @PrimaryKey()
  id: number;

  @ManyToOne(() => Vote, { ref: true, deleteRule: 'cascade' })
  vote: Ref<Vote>;

  @ManyToOne(() => VoteElector, { ref: true, deleteRule: 'cascade' })
  elector: Ref<VoteElector>;

  @ManyToOne(() => User, { ref: true, index: true })
  castBy: Ref<User>;

  @Enum({ items: () => BallotChannel })
  channel: BallotChannel;

  /** PAPER: the staff member who entered it. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  recordedBy?: Ref<User> | null;

  @Property()
  castAt: Date = new Date();
}

/**
 * A ballot (Loomio's "detached ballot"): a random id, the chosen options and, for a secret vote,
 * nothing else that leads back to the voter or orders it against the participation rows: no
 * voter, no time, no sequence. `elector` is set only for an open (记名) vote. The voter's
 * receipt is kept as its SHA-256.
 */
@Entity()
@Index({ name: 'ballot_vote_idx', properties: ['vote'] })
@Unique({ name: 'ballot_receipt_uniq', properties: ['vote', 'receiptHash'] })
export class Ballot {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @ManyToOne(() => Vote, { ref: true, deleteRule: 'cascade' })
  vote: Ref<Vote>;

  @Property({ type: 'integer[]', columnType: 'int[]' })
  optionIds: number[];

  /** OWNERS: the flat's floor area, counted with the heads. */
  @Property({ type: 'decimal', precision: 10, scale: 2, nullable: true, runtimeType: 'number' })
  floorArea?: number | null;

  @ManyToOne(() => VoteElector, { ref: true, nullable: true })
  elector?: Ref<VoteElector> | null;

  @Property({ type: 'string', length: 64, nullable: true })
  receiptHash?: string | null;
}
