import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { User } from './user.entity.js';

export enum Role {
  RESIDENT = 'RESIDENT',
  VOLUNTEER = 'VOLUNTEER',
  UNIT_REP = 'UNIT_REP',
  GRID_WORKER = 'GRID_WORKER',
  STAFF = 'STAFF',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, { name: 'Role', description: 'What a person may do; held on an area for its whole subtree' });

@ObjectType({ description: 'A role held by a person on an area and everything below it' })
@Entity()
@Unique({ properties: ['user', 'role', 'area'] })
export class RoleAssignment {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => User, { ref: true })
  user: Ref<User>;

  @Field(() => Role)
  @Enum({ items: () => Role })
  role: Role;

  @ManyToOne(() => Area, { ref: true, index: true })
  area: Ref<Area>;

  @Field()
  @Property()
  createdAt: Date = new Date();
}
