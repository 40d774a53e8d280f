import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { AreaLevels } from '../areas/area-levels.js';
import { Need } from '../needs/need.entity.js';
import { User } from '../people/user.entity.js';
import { ProcedureTemplate, TopicStatus } from './topics.enums.js';

/** 议题: proposed by a resident for their community, supported, admitted to the agenda, decided. */
@ObjectType({ description: 'A topic (议题) for deliberation in a community' })
@Entity()
@Index({ name: 'topic_community_status_idx', properties: ['communityId', 'status', 'id'] })
@Index({ name: 'topic_street_status_idx', properties: ['streetId', 'status', 'id'] })
export class Topic extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'status' | 'supporterCount' | 'stage' | 'version';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 100 })
  title: string;

  @Field()
  @Property({ type: 'text' })
  description: string;

  @Field(() => TopicStatus)
  @Enum({ items: () => TopicStatus, default: TopicStatus.PROPOSED })
  status: TopicStatus = TopicStatus.PROPOSED;

  @ManyToOne(() => User, { ref: true, index: true })
  proposer: Ref<User>;

  /** The need it grew from (many residents raising the same thing). */
  @ManyToOne(() => Need, { ref: true, nullable: true, index: true })
  need?: Ref<Need> | null;

  @Field(() => ProcedureTemplate)
  @Enum({ items: () => ProcedureTemplate })
  template: ProcedureTemplate;

  /** Index into the template's stages. */
  @Field(() => Int)
  @Property({ default: 0 })
  stage: number = 0;

  /** Kept with each support in the same transaction. */
  @Field(() => Int)
  @Property({ default: 0 })
  supporterCount: number = 0;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  declineReason?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  admittedAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();

  @Property({ version: true })
  version: number;
}

/** One resident's support of a topic: once each (unique). */
@Entity()
@Unique({ properties: ['topic', 'user'] })
export class TopicSupport {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey()
  id: number;

  @ManyToOne(() => Topic, { ref: true, deleteRule: 'cascade' })
  topic: Ref<Topic>;

  @ManyToOne(() => User, { ref: true, index: true })
  user: Ref<User>;

  @Property()
  createdAt: Date = new Date();
}

/** A step of a topic through its template's stages, on the record. */
@ObjectType({ description: 'A stage a topic reached, with who moved it and a note' })
@Entity()
export class TopicStageEntry {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Topic, { ref: true, deleteRule: 'cascade', index: true })
  topic: Ref<Topic>;

  @Field(() => Int)
  @Property()
  stage: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  note?: string | null;

  @ManyToOne(() => User, { ref: true })
  by: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A community's support threshold for topics (default TOPIC_SUPPORT_THRESHOLD when absent). */
@Entity()
export class TopicThreshold {
  @ManyToOne(() => Area, { ref: true, primary: true })
  area: Ref<Area>;

  @Property()
  threshold: number;

  @ManyToOne(() => User, { ref: true })
  setBy: Ref<User>;

  @Property()
  updatedAt: Date = new Date();
}
