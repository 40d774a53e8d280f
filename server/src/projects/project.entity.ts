import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { AreaLevels } from '../areas/area-levels.js';
import { Need } from '../needs/need.entity.js';
import { User } from '../people/user.entity.js';
import { Unit } from '../units/unit.entity.js';
import { ContributionKind, ProjectStatus } from './projects.enums.js';

/** 项目清单: staff assemble a project from needs (a pocket garden, a repaired lane); public. */
@ObjectType({ description: 'A project (项目清单) built from needs, with tasks, contributions and pledges; public' })
@Entity()
@Index({ name: 'project_street_idx', properties: ['streetId', 'createdAt', 'id'] })
@Index({ name: 'project_community_idx', properties: ['communityId', 'createdAt', 'id'] })
export class Project extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'status' | 'version';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 100 })
  title: string;

  @Field()
  @Property({ length: 4000 })
  description: string;

  @Field(() => Float, { nullable: true, description: 'In yuan' })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true, runtimeType: 'number' })
  budget?: number | null;

  @Field(() => ProjectStatus)
  @Enum({ items: () => ProjectStatus, default: ProjectStatus.PLANNED })
  status: ProjectStatus = ProjectStatus.PLANNED;

  @ManyToOne(() => User, { ref: true })
  createdBy: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();

  @Field()
  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ version: true })
  version: number;
}

/** A need the project takes up. */
@Entity()
@Unique({ properties: ['project', 'need'] })
export class ProjectNeed {
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Project, { ref: true, deleteRule: 'cascade' })
  project: Ref<Project>;

  @ManyToOne(() => Need, { ref: true, index: true })
  need: Ref<Need>;
}

/** A task of a project, owned by a person or a unit, with a due date. */
@ObjectType({ description: 'A task of a project' })
@Entity()
export class ProjectTask {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Project, { ref: true, index: true, deleteRule: 'cascade' })
  project: Ref<Project>;

  @Field()
  @Property({ length: 200 })
  title: string;

  @ManyToOne(() => User, { ref: true, nullable: true })
  owner?: Ref<User> | null;

  @ManyToOne(() => Unit, { ref: true, nullable: true })
  ownerUnit?: Ref<Unit> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  doneAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** 捐款、捐物、捐工 to a project, by a unit or a person, with its value in yuan; public. */
@ObjectType({ description: 'A contribution of money, goods or labour to a project; public' })
@Entity()
@Check({ name: 'contribution_value_positive', expression: 'value >= 0' })
@Index({ name: 'contribution_unit_idx', properties: ['unit', 'createdAt'] })
export class Contribution {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Project, { ref: true, index: true })
  project: Ref<Project>;

  @Field(() => ContributionKind)
  @Enum({ items: () => ContributionKind })
  kind: ContributionKind;

  @Field()
  @Property({ length: 500 })
  description: string;

  @Field(() => Float, { description: 'In yuan (goods and labour at their estimated value)' })
  @Property({ type: 'decimal', precision: 14, scale: 2, runtimeType: 'number' })
  value: number;

  @ManyToOne(() => Unit, { ref: true, nullable: true })
  unit?: Ref<Unit> | null;

  /** The person contributing (when no unit), shown by name as they chose. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  contributor?: Ref<User> | null;

  @ManyToOne(() => User, { ref: true })
  recordedBy: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();
}
