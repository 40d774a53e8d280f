import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../people/user.entity.js';
import { Vote } from '../votes/vote.entity.js';

/** 异议: a resident objects to a published result during its publicity period; staff answer on the record. */
@ObjectType({ description: 'An objection (异议) to a published result, and its answer' })
@Entity()
@Index({
  name: 'objection_unanswered_idx',
  expression: 'create index "objection_unanswered_idx" on "objection" ("vote_id") where "answered_at" is null',
})
// One open objection per person and vote: a second (also sent at once) is refused as a duplicate.
@Index({
  name: 'objection_open_per_author_uniq',
  expression:
    'create unique index "objection_open_per_author_uniq" on "objection" ("vote_id", "author_id") where "answered_at" is null',
})
export class Objection {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Vote, { ref: true, index: true })
  vote: Ref<Vote>;

  @ManyToOne(() => User, { ref: true, index: true })
  author: Ref<User>;

  @Field()
  @Property({ length: 1000 })
  reason: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 1000, nullable: true })
  answer?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  answeredBy?: Ref<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}
