import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Collection, OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { RoleAssignment } from './role-assignment.entity.js';

declare module '../platform/auth/viewer.js' {
  /** The signed-in viewer's record is this entity (platform knows only its id). */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds User's members
  interface ViewerUser extends User {}
}

@ObjectType({ description: 'A person: resident, volunteer, unit contact, worker or official' })
@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  /** Exposed through a field resolver that masks it for those who may not see it. */
  @Property({ length: 11, unique: true })
  phone: string;

  @Property({ length: 200, hidden: true, lazy: true })
  passwordHash: string;

  @Field()
  @Property({ length: 50 })
  displayName: string;

  @ManyToOne(() => Area, { ref: true, nullable: true, index: true })
  homeArea?: Ref<Area>;

  /** YYYY-MM-DD, when known (a volunteer gives it: under 14 needs a guardian's consent). Not a GraphQL field: VolunteerProfile shows it to those who may see it. */
  @Property({ type: 'date', nullable: true, lazy: true })
  birthDate?: string | null;

  @OneToMany(() => RoleAssignment, (assignment) => assignment.user, { orderBy: { id: 'asc' } })
  roles = new Collection<RoleAssignment>(this);

  @Field()
  @Property()
  createdAt: Date = new Date();
}
