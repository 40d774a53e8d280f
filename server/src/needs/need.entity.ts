import { Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Collection, OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { AreaLevels } from '../areas/area-levels.js';
import { User } from '../people/user.entity.js';
import { Unit } from '../units/unit.entity.js';
import { NEED_DESCRIPTION_MAX, NEED_NOTE_MAX, NEED_TITLE_MAX } from './needs.limits.js';
import { needRollupTriggers } from './need-rollup.entity.js';
import { NeedCategory, NeedChannel, NeedEventKind, NeedPhotoStage, NeedStatus, Urgency } from './need.enums.js';

/**
 * Needs not yet responded to, or with a deadline (the open ones): every other need is responded to and
 * due at NO_DEADLINE, so its figures no longer change with time. Queries repeat it word for word, so
 * that PostgreSQL uses the partial indexes built on it.
 */
export const OPEN_NEEDS = `(responded_at is null or due_at < '9999-12-31T00:00:00Z')`;

const openIndex = (level: string, child: string) =>
  `create index "need_${level}_open_idx" on "need" ("${level}_id", "created_at") include ("${child}", "responded_at", "respond_by", "due_at", "status", "category", "urgency", "channel") where ${OPEN_NEEDS}`;

/**
 * A need (诉求) raised by a resident, or for them by a worker (代办).
 * Its area, path and the ids of its street, community and grid come from AreaLevels.
 */
@ObjectType({ description: 'A need raised by a resident, followed from submission to a rated close' })
@Entity({ triggers: needRollupTriggers() })
@Index({ name: 'need_street_created_idx', properties: ['streetId', 'createdAt', 'id'] })
@Index({ name: 'need_community_created_idx', properties: ['communityId', 'createdAt', 'id'] })
@Index({ name: 'need_grid_created_idx', properties: ['gridId', 'createdAt', 'id'] })
@Index({ name: 'need_street_due_idx', properties: ['streetId', 'dueAt', 'id'] })
/** Counts for a street's filters (status, category) without visiting the table. */
@Index({ name: 'need_street_status_idx', properties: ['streetId', 'status', 'category'] })
/** needStats of a street or community from the index alone (an index-only scan, in parallel). */
@Index({
  name: 'need_street_stats_idx',
  properties: ['streetId', 'createdAt'],
  include: ['communityId', 'status', 'respondBy', 'respondedAt', 'rating', 'dueAt'],
})
@Index({
  name: 'need_community_stats_idx',
  properties: ['communityId', 'createdAt'],
  include: ['gridId', 'status', 'respondBy', 'respondedAt', 'rating', 'dueAt'],
})
// The auto-close job looks only at resolved needs waiting for the resident.
@Index({
  name: 'need_resolved_waiting_idx',
  expression: `create index "need_resolved_waiting_idx" on "need" ("resolved_at") where "status" = 'RESOLVED'`,
})
// The needs whose figures change with time alone (response due, overdue): bounded by the work in hand.
@Index({ name: 'need_street_open_idx', expression: openIndex('street', 'community_id') })
@Index({ name: 'need_community_open_idx', expression: openIndex('community', 'grid_id') })
@Index({ name: 'need_grid_open_idx', expression: openIndex('grid', 'area_id') })
@Index({
  name: 'need_area_path_idx',
  expression: 'create index "need_area_path_idx" on "need" ("area_path" text_pattern_ops)',
})
export class Need extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | 'supporterCount' | 'reopenCount' | 'status';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: NEED_TITLE_MAX })
  title: string;

  @Field()
  @Property({ length: NEED_DESCRIPTION_MAX })
  description: string;

  @Field(() => NeedCategory)
  @Enum({ items: () => NeedCategory })
  category: NeedCategory;

  @Field(() => Urgency)
  @Enum({ items: () => Urgency })
  urgency: Urgency;

  @Field(() => NeedChannel)
  @Enum({ items: () => NeedChannel })
  channel: NeedChannel;

  @Field(() => NeedStatus)
  @Enum({ items: () => NeedStatus })
  status: NeedStatus = NeedStatus.SUBMITTED;

  @Field()
  @Property()
  isPublic: boolean;

  /** Who answers it: the grid or community it lies in, or an ancestor after escalation (吹哨). */
  @ManyToOne(() => Area, { ref: true })
  responsibleArea: Ref<Area>;

  @Property({ length: 400 })
  responsiblePath: string;

  @ManyToOne(() => User, { ref: true, index: true })
  raisedBy: Ref<User>;

  @ManyToOne(() => User, { ref: true, nullable: true, index: true })
  onBehalfOf?: Ref<User> | null;

  @ManyToOne(() => User, { ref: true, nullable: true, index: true })
  assignee?: Ref<User> | null;

  /** Assigned to a unit (驻区单位): its representatives work it, and it counts in the unit's rates. */
  @ManyToOne(() => Unit, { ref: true, nullable: true, index: true })
  assigneeUnit?: Ref<Unit> | null;

  @Field(() => Int)
  @Property()
  supporterCount: number = 0;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'smallint', nullable: true })
  rating?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: NEED_NOTE_MAX, nullable: true })
  ratingComment?: string | null;

  @Field(() => String, { nullable: true, description: 'What was done' })
  @Property({ type: 'string', length: NEED_DESCRIPTION_MAX, nullable: true })
  resolution?: string | null;

  @Field()
  @Property()
  respondBy: Date;

  @Field()
  @Property()
  resolveBy: Date;

  /** The deadline that applies now (far future once finished): sorts by urgency and flags overdue. */
  @Property()
  dueAt: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  respondedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Property()
  reopenCount: number = 0;

  @Field()
  @Property()
  createdAt: Date = new Date();

  @Field()
  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Two people acting on one need at once: the second write fails instead of overwriting. */
  @Property({ version: true })
  version: number;

  @OneToMany(() => NeedEvent, (event) => event.need, { orderBy: { id: 'asc' } })
  events = new Collection<NeedEvent>(this);

  @OneToMany(() => NeedPhoto, (photo) => photo.need, { orderBy: { id: 'asc' } })
  photos = new Collection<NeedPhoto>(this);
}

@ObjectType({ description: 'One step on a need’s timeline' })
@Entity()
@Index({ properties: ['need', 'id'] })
export class NeedEvent {
  [OptionalProps]?: 'at';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Need, { ref: true, deleteRule: 'cascade' })
  need: Ref<Need>;

  @Field()
  @Property()
  at: Date = new Date();

  @ManyToOne(() => User, { ref: true, nullable: true })
  actor?: Ref<User> | null;

  @Field(() => NeedEventKind)
  @Enum({ items: () => NeedEventKind })
  kind: NeedEventKind;

  @Field(() => NeedStatus, { nullable: true })
  @Enum({ items: () => NeedStatus, nullable: true })
  fromStatus?: NeedStatus | null;

  @Field(() => NeedStatus, { nullable: true })
  @Enum({ items: () => NeedStatus, nullable: true })
  toStatus?: NeedStatus | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: NEED_DESCRIPTION_MAX, nullable: true })
  note?: string | null;

  /** ESCALATED: the area now responsible. */
  @ManyToOne(() => Area, { ref: true, nullable: true })
  area?: Ref<Area> | null;

  /** The unit assigned (ASSIGN) or pledging (PLEDGED, PLEDGE_SETTLED, PLEDGE_WITHDRAWN). */
  @ManyToOne(() => Unit, { ref: true, nullable: true })
  unit?: Ref<Unit> | null;
}

/** 附议: one per person and need, enforced by the database. */
@Entity()
@Unique({ properties: ['need', 'user'] })
export class NeedSupport {
  [OptionalProps]?: 'at';

  @PrimaryKey()
  id: number;

  @ManyToOne(() => Need, { ref: true, deleteRule: 'cascade' })
  need: Ref<Need>;

  @ManyToOne(() => User, { ref: true, index: true })
  user: Ref<User>;

  @Property()
  at: Date = new Date();
}

/** A photo uploaded before the need is raised or resolved, then attached to it. */
@ObjectType()
@Entity()
export class NeedPhoto {
  [OptionalProps]?: 'createdAt' | 'stage';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Need, { ref: true, nullable: true, index: true, deleteRule: 'cascade' })
  need?: Ref<Need> | null;

  @ManyToOne(() => User, { ref: true, index: true })
  uploadedBy: Ref<User>;

  /** Set when the photo is attached: raised with the need, or before/after the work when resolved. */
  @Field(() => NeedPhotoStage)
  @Enum({ items: () => NeedPhotoStage, default: NeedPhotoStage.RAISED })
  stage: NeedPhotoStage = NeedPhotoStage.RAISED;

  /** Random name of the stored files: `<key>.webp` and `<key>-thumb.webp`. */
  @Property({ length: 64, unique: true })
  storageKey: string;

  @Property()
  width: number;

  @Property()
  height: number;

  @Property()
  bytes: number;

  @Property()
  createdAt: Date = new Date();
}

/** A street's own response and resolution deadlines for one category and urgency. */
@Entity()
@Unique({ properties: ['street', 'category', 'urgency'] })
export class NeedDeadlinePolicy {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey()
  id: number;

  @ManyToOne(() => Area, { ref: true })
  street: Ref<Area>;

  @Enum({ items: () => NeedCategory })
  category: NeedCategory;

  @Enum({ items: () => Urgency })
  urgency: Urgency;

  @Property()
  respondHours: number;

  @Property()
  resolveHours: number;

  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
