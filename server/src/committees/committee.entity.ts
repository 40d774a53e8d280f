import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { AreaLevels } from '../areas/area-levels.js';
import { User } from '../people/user.entity.js';
import { Unit } from '../units/unit.entity.js';
import { CommitteeKind, Seat } from './committees.enums.js';

/** 大工委/大党委/联席会议 of an area, for a term. Its members hold COMMITTEE_MEMBER there while the term lasts. */
@ObjectType({ description: 'A joint committee (大工委, 大党委) or joint meeting of an area, for a term' })
@Entity()
@Index({
  name: 'committee_area_path_idx',
  expression: 'create index "committee_area_path_idx" on "committee" ("area_path" text_pattern_ops)',
})
export class Committee extends AreaLevels {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 100 })
  name: string;

  @Field(() => CommitteeKind)
  @Enum({ items: () => CommitteeKind })
  kind: CommitteeKind;

  @Field()
  @Property()
  termStart: Date;

  @Field()
  @Property()
  termEnd: Date;

  @ManyToOne(() => User, { ref: true })
  createdBy: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A member of a committee: standing, or part-time from a unit (兼职委员), with a title. */
@ObjectType({ description: 'A member of a committee' })
@Entity()
@Unique({ properties: ['committee', 'user'] })
export class CommitteeMember {
  [OptionalProps]?: 'createdAt' | 'roleGranted';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Committee, { ref: true, deleteRule: 'cascade' })
  committee: Ref<Committee>;

  @ManyToOne(() => User, { ref: true, index: true })
  user: Ref<User>;

  @Field(() => Seat)
  @Enum({ items: () => Seat })
  seat: Seat;

  @Field({ description: 'E.g. 书记, 副书记, 委员, 兼职委员' })
  @Property({ length: 50 })
  title: string;

  /**
   * Adding this member granted COMMITTEE_MEMBER on the committee's area (they did not hold it),
   * and it is still to be taken back when the term ends or they leave. A role held before (or
   * assigned by an administrator) is never taken back by a committee.
   */
  @Property({ default: false })
  roleGranted: boolean = false;

  /** For a part-time member: the unit they come from. */
  @ManyToOne(() => Unit, { ref: true, nullable: true, index: true })
  unit?: Ref<Unit> | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}
