import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { AreaLevels } from '../areas/area-levels.js';
import { User } from '../people/user.entity.js';
import { ReportInStatus, UnitKind } from './units.enums.js';

/**
 * A resident unit (驻区单位): a school, a hospital, a company stationed in an area. Its area,
 * path and the ids of its street, community and grid come from AreaLevels.
 */
@ObjectType({ description: 'A resident unit (驻区单位) stationed in an area, pledging and serving as a partner' })
@Entity()
@Index({ name: 'unit_street_idx', properties: ['streetId', 'id'] })
@Index({ name: 'unit_community_idx', properties: ['communityId', 'id'] })
@Index({
  name: 'unit_area_path_idx',
  expression: 'create index "unit_area_path_idx" on "unit" ("area_path" text_pattern_ops)',
})
export class Unit extends AreaLevels {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 100 })
  name: string;

  @Field(() => UnitKind)
  @Enum({ items: () => UnitKind })
  kind: UnitKind;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  address?: string | null;

  @Field()
  @Property({ length: 50 })
  contactName: string;

  /** Exposed through a field resolver that masks it like every phone. */
  @Property({ length: 11 })
  contactPhone: string;

  @Field(() => String, { nullable: true, description: 'Its own party organisation (党组织), if any' })
  @Property({ type: 'string', length: 100, nullable: true })
  partyOrganization?: string | null;

  @ManyToOne(() => User, { ref: true })
  createdBy: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A person who acts for a unit (UNIT_REP of that unit). */
@Entity()
@Unique({ properties: ['unit', 'user'] })
export class UnitRepresentative {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey()
  id: number;

  @ManyToOne(() => Unit, { ref: true, deleteRule: 'cascade' })
  unit: Ref<Unit>;

  @ManyToOne(() => User, { ref: true, index: true })
  user: Ref<User>;

  @Property()
  createdAt: Date = new Date();
}

/**
 * 报到: a unit (unit set) or an in-service party member (person set, workUnit optionally the
 * unit they work for) reports in to a community, whose staff accept or decline it.
 */
@ObjectType({ description: '报到: a unit, or an in-service party member, reporting in to a community' })
@Entity()
@Index({ name: 'report_in_area_status_idx', properties: ['area', 'status', 'id'] })
@Index({
  name: 'report_in_one_open_per_unit',
  expression:
    'create unique index "report_in_one_open_per_unit" on "report_in" ("unit_id", "area_id") where "status" <> \'DECLINED\' and "unit_id" is not null',
})
@Index({
  name: 'report_in_one_open_per_person',
  expression:
    'create unique index "report_in_one_open_per_person" on "report_in" ("person_id", "area_id") where "status" <> \'DECLINED\' and "person_id" is not null',
})
export class ReportIn {
  [OptionalProps]?: 'createdAt' | 'status';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Unit, { ref: true, nullable: true, index: true })
  unit?: Ref<Unit> | null;

  @ManyToOne(() => User, { ref: true, nullable: true, index: true })
  person?: Ref<User> | null;

  /** For a party member: the unit they work for, which the community reports back to (回单位报告). */
  @ManyToOne(() => Unit, { ref: true, nullable: true, index: true })
  workUnit?: Ref<Unit> | null;

  /** The community reported in to. */
  @ManyToOne(() => Area, { ref: true })
  area: Ref<Area>;

  @Field(() => ReportInStatus)
  @Enum({ items: () => ReportInStatus, default: ReportInStatus.PENDING })
  status: ReportInStatus = ReportInStatus.PENDING;

  @Field(() => String, { nullable: true, description: 'Why it was declined' })
  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string | null;

  @ManyToOne(() => User, { ref: true })
  reportedBy: Ref<User>;

  @ManyToOne(() => User, { ref: true, nullable: true })
  answeredBy?: Ref<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}
