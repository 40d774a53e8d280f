import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { AreaLevels } from '../areas/area-levels.js';
import { User } from '../people/user.entity.js';

/**
 * A registered household (户) in a building (its area is a BUILDING): one vote in a HOUSEHOLDS
 * electorate, cast by its representative; with owners and a floor area it is one exclusive
 * part (专有部分) in an OWNERS electorate, counted once by head and by its area (民法典第二百七十八条).
 */
@ObjectType({ description: 'A registered household (户) of a building, with its floor area and representative' })
@Entity()
@Unique({ properties: ['area', 'label'] })
@Check({ name: 'household_floor_area_positive', expression: 'floor_area is null or floor_area > 0' })
export class Household extends AreaLevels {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field({ description: 'The flat within the building, e.g. 2单元301' })
  @Property({ length: 50 })
  label: string;

  @Field(() => Float, { nullable: true, description: 'Exclusive floor area (专有部分面积) in m²' })
  @Property({ type: 'decimal', precision: 10, scale: 2, nullable: true, runtimeType: 'number' })
  floorArea?: number | null;

  /** Casts the household's ballot in a HOUSEHOLDS electorate (户代表). */
  @ManyToOne(() => User, { ref: true, nullable: true, index: true })
  representative?: Ref<User> | null;

  @Field()
  @Property()
  createdAt: Date = new Date();
}

/** A person living in, or owning, a household. */
@ObjectType({ description: 'A person of a household: resident and/or owner' })
@Entity()
@Unique({ properties: ['household', 'user'] })
export class HouseholdMember {
  [OptionalProps]?: 'createdAt' | 'adult';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => Household, { ref: true, deleteRule: 'cascade' })
  household: Ref<Household>;

  @ManyToOne(() => User, { ref: true, index: true })
  user: Ref<User>;

  @Field({ description: 'An owner (业主) of the household’s flat' })
  @Property()
  isOwner: boolean;

  /** False for a registered minor: not in an electorate of adult residents. */
  @Field()
  @Property({ default: true })
  adult: boolean = true;

  @Field()
  @Property()
  createdAt: Date = new Date();
}
