import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AreaLevels } from '../areas/area-levels.js';
import { User } from '../people/user.entity.js';
import { Project } from '../projects/project.entity.js';
import { Topic } from '../topics/topic.entity.js';
import { Unit } from '../units/unit.entity.js';
import { Vote } from '../votes/vote.entity.js';
import { ResolutionStatus } from './resolutions.enums.js';

/** 决议: what a passed vote decided, with an owner (person or unit), a due date and its progress in public. */
@ObjectType({ description: 'A resolution (决议) of a passed vote, carried out by an owner and tracked in public' })
@Entity()
@Check({ name: 'resolution_percent_range', expression: 'percent >= 0 and percent <= 100' })
@Check({ name: 'resolution_has_owner', expression: 'owner_user_id is not null or owner_unit_id is not null' })
@Index({ name: 'resolution_community_created_idx', properties: ['communityId', 'createdAt', 'id'] })
@Index({
  name: 'resolution_open_due_idx',
  expression: `create index "resolution_open_due_idx" on "resolution" ("due_at") where "status" = 'IN_PROGRESS'`,
})
export class Resolution extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'status' | 'percent' | 'version';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 200 })
  title: string;

  @ManyToOne(() => Vote, { ref: true, nullable: true, index: true })
  vote?: Ref<Vote> | null;

  @ManyToOne(() => Topic, { ref: true, nullable: true, index: true })
  topic?: Ref<Topic> | null;

  @ManyToOne(() => User, { ref: true, nullable: true, index: true })
  ownerUser?: Ref<User> | null;

  @ManyToOne(() => Unit, { ref: true, nullable: true, index: true })
  ownerUnit?: Ref<Unit> | null;

  @Field()
  @Property()
  dueAt: Date;

  @Field(() => Int)
  @Property({ default: 0 })
  percent: number = 0;

  @Field(() => ResolutionStatus)
  @Enum({ items: () => ResolutionStatus, default: ResolutionStatus.IN_PROGRESS })
  status: ResolutionStatus = ResolutionStatus.IN_PROGRESS;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  doneAt?: Date | null;

  /** When the owner and staff were told it is late (once). */
  @Property({ type: 'datetime', nullable: true })
  overdueNoticeAt?: Date | null;

  /** The project it became, when units exist. */
  @ManyToOne(() => Project, { ref: true, nullable: true })
  project?: Ref<Project> | null;

  @ManyToOne(() => User, { ref: true })
  createdBy: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();

  @Property({ version: true })
  version: number;
}

/** One progress update of a resolution (append-only). */
@ObjectType({ description: 'A progress update of a resolution: percent and note, with photos' })
@Entity()
export class ResolutionUpdate {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Resolution, { ref: true, deleteRule: 'cascade', index: true })
  resolution: Ref<Resolution>;

  @Field(() => Int)
  @Property()
  percent: number;

  @Field()
  @Property({ length: 1000 })
  note: string;

  @ManyToOne(() => User, { ref: true })
  author: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A photo of a resolution's progress: uploaded first, then attached to an update. */
@ObjectType({ description: 'A photo of a resolution’s progress' })
@Entity()
export class ResolutionPhoto {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => ResolutionUpdate, { ref: true, nullable: true, index: true })
  update?: Ref<ResolutionUpdate> | null;

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
