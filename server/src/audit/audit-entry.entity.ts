import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { User } from '../people/user.entity.js';
import { AuditActionEnum, AuditTargetEnum, type AuditAction, type AuditTarget } from './audit.vocabulary.js';

/** Who changed what, when, with the record before and after; written in the change's own transaction. */
@ObjectType({ description: 'One change made by staff or an administrator' })
@Entity()
@Index({
  name: 'audit_entry_area_path_idx',
  expression: 'create index "audit_entry_area_path_idx" on "audit_entry" ("area_path" text_pattern_ops, "id" desc)',
})
export class AuditEntry {
  [OptionalProps]?: 'at';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property()
  at: Date = new Date();

  @ManyToOne(() => User, { ref: true, nullable: true })
  actor?: Ref<User>;

  @Field(() => AuditActionEnum)
  @Property({ type: 'string', length: 60 })
  action: AuditAction;

  @Field(() => AuditTargetEnum)
  @Property({ type: 'string', length: 60 })
  targetType: AuditTarget;

  @Field()
  @Property({ length: 40 })
  targetId: string;

  @ManyToOne(() => Area, { ref: true, nullable: true })
  area?: Ref<Area>;

  /** Copied from the area so the log can be listed by subtree without a join. */
  @Property({ length: 400 })
  areaPath: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;
}
