import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { AreaLevels } from '../areas/area-levels.js';
import { Need } from '../needs/need.entity.js';
import { User } from '../people/user.entity.js';
import { Project } from '../projects/project.entity.js';
import { Unit } from '../units/unit.entity.js';
import { PledgeRequestStatus, ResourceKind } from './offers.enums.js';

/**
 * 资源清单: what a unit (unit set) or a person (unit null) offers. Its AreaLevels are the
 * offerer's home: the unit's area, or the person's home community. quantityPledged and
 * quantityDelivered are kept by the pledges, so the remainder is always known; the database
 * refuses pledging past the quantity offered.
 */
@ObjectType({ description: 'A resource offered (资源清单): funds, a venue, skills, goods, labour…' })
@Entity()
@Check({ name: 'resource_not_overpledged', expression: 'quantity is null or quantity_pledged <= quantity' })
@Index({ name: 'resource_street_idx', properties: ['streetId', 'kind', 'id'] })
@Index({ name: 'resource_unit_idx', properties: ['unit', 'id'] })
export class Resource extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'quantityPledged' | 'quantityDelivered';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Unit, { ref: true, nullable: true })
  unit?: Ref<Unit> | null;

  /** The person who offered it (for a unit: the representative who entered it). */
  @ManyToOne(() => User, { ref: true, index: true })
  offeredBy: Ref<User>;

  @Field(() => ResourceKind)
  @Enum({ items: () => ResourceKind })
  kind: ResourceKind;

  @Field()
  @Property({ length: 100 })
  title: string;

  @Field()
  @Property({ length: 2000 })
  description: string;

  /** Null: not counted (a policy, a standing skill). */
  @Field(() => Float, { nullable: true })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true, runtimeType: 'number' })
  quantity?: number | null;

  @Field(() => String, { nullable: true, description: '件, 元, 小时, 平方米…' })
  @Property({ type: 'string', length: 20, nullable: true })
  measure?: string | null;

  @Field(() => Float)
  @Property({ type: 'decimal', precision: 14, scale: 2, default: 0, runtimeType: 'number' })
  quantityPledged: number = 0;

  @Field(() => Float)
  @Property({ type: 'decimal', precision: 14, scale: 2, default: 0, runtimeType: 'number' })
  quantityDelivered: number = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  availableFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  availableTo?: Date | null;

  /** No longer offered; kept for the pledges made from it. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  withdrawnAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** An area a resource serves (the resource is offered to it and its subtree). */
@Entity()
@Unique({ properties: ['resource', 'area'] })
// Matching and the area filter look resources up by the paths they serve: equal to one of the
// need's ancestors, or under its community (a prefix test).
@Index({
  name: 'resource_area_path_idx',
  expression: 'create index "resource_area_path_idx" on "resource_area" ("area_path" text_pattern_ops)',
})
export class ResourceArea {
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Resource, { ref: true, deleteRule: 'cascade' })
  resource: Ref<Resource>;

  @ManyToOne(() => Area, { ref: true, index: true })
  area: Ref<Area>;

  /** The area's path, so "serves this need's area" is a prefix test. */
  @Property({ length: 400 })
  areaPath: string;
}

/**
 * 服务清单: a standing service on a weekly schedule (四点半课堂, weekdays 16:30–18:00) in an
 * area, with a capacity; residents sign up. signupCount is kept by sign-ups and cancellations
 * under a check that it never passes capacity.
 */
@ObjectType({ description: 'A standing service (服务清单) residents sign up for' })
@Entity()
@Check({ name: 'service_within_capacity', expression: 'signup_count >= 0 and signup_count <= capacity' })
@Index({ name: 'service_street_idx', properties: ['streetId', 'id'] })
@Index({ name: 'service_unit_idx', properties: ['unit', 'id'] })
@Index({
  name: 'service_area_path_idx',
  expression: 'create index "service_area_path_idx" on "service" ("area_path" text_pattern_ops)',
})
export class Service extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'signupCount';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Unit, { ref: true, nullable: true })
  unit?: Ref<Unit> | null;

  /** The provider: the representative who published it, or the person offering it. */
  @ManyToOne(() => User, { ref: true, index: true })
  provider: Ref<User>;

  @Field()
  @Property({ length: 100 })
  title: string;

  @Field()
  @Property({ length: 2000 })
  description: string;

  /** ISO weekdays 1 (Monday) … 7 (Sunday). */
  @Property({ type: 'smallint[]' })
  weekdays: number[];

  /** "16:30", local time (Asia/Shanghai). */
  @Property({ length: 5 })
  startTime: string;

  @Property({ length: 5 })
  endTime: string;

  @Field()
  @Property({ length: 200 })
  place: string;

  @Field(() => Int)
  @Property()
  capacity: number;

  @Field(() => Int)
  @Property({ default: 0 })
  signupCount: number = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A resident signed up for a service; cancelling sets cancelledAt (one live sign-up per person). */
@ObjectType({ description: 'A resident signed up for a service' })
@Entity()
@Index({
  name: 'service_signup_one_live',
  expression:
    'create unique index "service_signup_one_live" on "service_signup" ("service_id", "person_id") where "cancelled_at" is null',
})
export class ServiceSignup {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Service, { ref: true, index: true })
  service: Ref<Service>;

  @ManyToOne(() => User, { ref: true, index: true })
  person: Ref<User>;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  note?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/**
 * Staff turning a suggested match into a request: asks a unit (or the person offering a
 * resource) to pledge to a need or a project. Answered by a pledge (pledge.request) or declined.
 */
@ObjectType({ description: 'A request to a unit or person to pledge to a need or project' })
@Entity()
@Index({ name: 'pledge_request_unit_status_idx', properties: ['unit', 'status', 'id'] })
export class PledgeRequest {
  [OptionalProps]?: 'createdAt' | 'status';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Need, { ref: true, nullable: true, index: true })
  need?: Ref<Need> | null;

  @ManyToOne(() => Project, { ref: true, nullable: true, index: true })
  project?: Ref<Project> | null;

  @ManyToOne(() => Resource, { ref: true, nullable: true })
  resource?: Ref<Resource> | null;

  @ManyToOne(() => Service, { ref: true, nullable: true })
  service?: Ref<Service> | null;

  /** Who is asked: the unit, or (unit null) the person offering the resource or service. */
  @ManyToOne(() => Unit, { ref: true, nullable: true })
  unit?: Ref<Unit> | null;

  @ManyToOne(() => User, { ref: true, nullable: true, index: true })
  person?: Ref<User> | null;

  @ManyToOne(() => User, { ref: true })
  requestedBy: Ref<User>;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  note?: string | null;

  @Field(() => PledgeRequestStatus)
  @Enum({ items: () => PledgeRequestStatus, default: PledgeRequestStatus.OPEN })
  status: PledgeRequestStatus = PledgeRequestStatus.OPEN;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  declineReason?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}
