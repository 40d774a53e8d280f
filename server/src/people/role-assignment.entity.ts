import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { Role } from '../platform/auth/roles.js';
import { User } from './user.entity.js';

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
