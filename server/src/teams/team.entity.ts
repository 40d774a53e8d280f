import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AreaLevels } from '../areas/area-levels.js';
import { User } from '../people/user.entity.js';
import { TeamMembershipStatus, TeamRole } from './teams.enums.js';

/** A volunteer team (志愿服务队: 四点半课堂, 居家养老, 助残…) on an area; its leaders approve members and run its activities. */
@ObjectType({ description: 'A volunteer team (志愿服务队) on an area' })
@Entity()
@Unique({ name: 'team_area_name_unique', properties: ['area', 'name'] })
@Index({ name: 'team_community_idx', properties: ['communityId', 'id'] })
@Index({ name: 'team_street_idx', properties: ['streetId', 'id'] })
export class Team extends AreaLevels {
  [OptionalProps]?: 'createdAt' | 'memberCount';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 50 })
  name: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 1000, nullable: true })
  description?: string | null;

  /** APPROVED members (leaders included), kept in the transaction that approves or lets one leave. */
  @Field(() => Int)
  @Property()
  memberCount: number = 0;

  @ManyToOne(() => User, { ref: true })
  createdBy: Ref<User>;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A person's place in a team: a request until a leader approves it. One row per team and person. */
@ObjectType()
@Entity()
@Unique({ properties: ['team', 'user'] })
@Index({ name: 'team_membership_user_idx', properties: ['user', 'status'] })
export class TeamMembership {
  [OptionalProps]?: 'requestedAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Team, { ref: true })
  team: Ref<Team>;

  @ManyToOne(() => User, { ref: true })
  user: Ref<User>;

  @Field(() => TeamRole)
  @Enum({ items: () => TeamRole })
  role: TeamRole;

  @Field(() => TeamMembershipStatus)
  @Enum({ items: () => TeamMembershipStatus })
  status: TeamMembershipStatus;

  @Field()
  @Property()
  requestedAt: Date = new Date();

  @ManyToOne(() => User, { ref: true, nullable: true })
  decidedBy?: Ref<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;
}
