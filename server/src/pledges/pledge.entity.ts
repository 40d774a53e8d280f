import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { AreaLevels } from '../areas/area-levels.js';
import { Need } from '../needs/need.entity.js';
import { PledgeRequest, Resource } from '../offers/offer.entity.js';
import { User } from '../people/user.entity.js';
import { Project } from '../projects/project.entity.js';
import { Unit } from '../units/unit.entity.js';
import { PledgeStatus } from './pledges.enums.js';

/**
 * 认领/承诺: a unit (unit set) or a person pledges to a need or a project, optionally from one
 * of its resources. Its AreaLevels are those of the need or project, so a community's pledges
 * and a unit's score per street are index lookups.
 */
@ObjectType({ description: 'A pledge (认领/承诺) by a unit or person to a need or project' })
@Entity()
@Check({ name: 'pledge_has_one_target', expression: '(need_id is null) <> (project_id is null)' })
@Index({ name: 'pledge_unit_created_idx', properties: ['unit', 'createdAt', 'id'] })
@Index({ name: 'pledge_street_created_idx', properties: ['streetId', 'createdAt', 'id'] })
@Index({ name: 'pledge_community_created_idx', properties: ['communityId', 'createdAt', 'id'] })
// The co-building score counts a unit's pledges of a period by status and dates: read from the index alone.
@Index({
  name: 'pledge_unit_score_idx',
  expression: `create index "pledge_unit_score_idx" on "pledge" ("unit_id", "created_at") include ("status", "due_at", "settled_at")`,
})
@Index({
  name: 'pledge_open_due_idx',
  expression: `create index "pledge_open_due_idx" on "pledge" ("due_at") where "status" = 'PLEDGED'`,
})
export class Pledge extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'status' | 'version';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Need, { ref: true, nullable: true, index: true })
  need?: Ref<Need> | null;

  @ManyToOne(() => Project, { ref: true, nullable: true, index: true })
  project?: Ref<Project> | null;

  /** Null: a person's own pledge. */
  @ManyToOne(() => Unit, { ref: true, nullable: true })
  unit?: Ref<Unit> | null;

  /** Who made it (for a unit: the representative). */
  @ManyToOne(() => User, { ref: true, index: true })
  pledgedBy: Ref<User>;

  @ManyToOne(() => Resource, { ref: true, nullable: true, index: true })
  resource?: Ref<Resource> | null;

  /** The request this pledge answers, if staff asked for it. */
  @ManyToOne(() => PledgeRequest, { ref: true, nullable: true })
  request?: Ref<PledgeRequest> | null;

  @Field()
  @Property({ length: 1000 })
  description: string;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true, runtimeType: 'number' })
  quantity?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 20, nullable: true })
  measure?: string | null;

  @Field(() => Date, { nullable: true, description: 'By when it is promised' })
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;

  @Field(() => PledgeStatus)
  @Enum({ items: () => PledgeStatus, default: PledgeStatus.PLEDGED })
  status: PledgeStatus = PledgeStatus.PLEDGED;

  @Field(() => Float, {
    nullable: true,
    description: 'Confirmed by staff: all for FULFILLED, part for PARTIAL, 0 for NOT_FULFILLED',
  })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true, runtimeType: 'number' })
  quantityDelivered?: number | null;

  /** Staff's note on confirming, or the pledger's reason for withdrawing. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 1000, nullable: true })
  note?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  settledBy?: Ref<User> | null;

  @Field(() => Date, { nullable: true, description: 'When it was confirmed or withdrawn' })
  @Property({ type: 'datetime', nullable: true })
  settledAt?: Date | null;

  /** When PLEDGE_OVERDUE went out: the overdue job tells of each pledge once. */
  @Property({ type: 'datetime', nullable: true })
  overdueNotifiedAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();

  @Property({ version: true })
  version: number;
}

/** Evidence for a pledge's outcome, or a project's photos: uploaded first, then attached. */
@ObjectType({ description: 'A photo of a pledge’s outcome or of a project' })
@Entity()
export class CommitmentPhoto {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Pledge, { ref: true, nullable: true, index: true })
  pledge?: Ref<Pledge> | null;

  @ManyToOne(() => Project, { ref: true, nullable: true, index: true })
  project?: Ref<Project> | null;

  @ManyToOne(() => User, { ref: true, index: true })
  uploadedBy: Ref<User>;

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
