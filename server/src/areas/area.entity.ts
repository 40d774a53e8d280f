import { Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Collection, OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum AreaKind {
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
  VILLAGE = 'VILLAGE',
  GRID = 'GRID',
  BUILDING = 'BUILDING',
}
registerEnumType(AreaKind, { name: 'AreaKind', description: 'Levels of the area tree: 街道 → 社区/村 → 网格 → 楼栋' });

/**
 * One node of the area tree. `path` lists the ids from the root down to this area
 * ("/1/4/9/"), so "everything in this subtree" is one indexed prefix match.
 */
@ObjectType({ description: 'A street, community, village, grid or building' })
@Entity()
@Index({
  name: 'area_path_prefix_idx',
  expression: 'create index "area_path_prefix_idx" on "area" ("path" text_pattern_ops)',
})
@Index({
  name: 'area_parent_name_uniq',
  expression: 'create unique index "area_parent_name_uniq" on "area" (coalesce("parent_id", 0), "name")',
})
export class Area {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @Field()
  @Property({ length: 100 })
  name: string;

  @Field(() => AreaKind)
  @Enum({ items: () => AreaKind })
  kind: AreaKind;

  @ManyToOne(() => Area, { ref: true, nullable: true, index: true })
  parent?: Ref<Area>;

  @OneToMany(() => Area, (child) => child.parent, { orderBy: { id: 'asc' } })
  children = new Collection<Area>(this);

  @Property({ length: 400 })
  path: string;

  @Property()
  depth: number;

  @Field()
  @Property()
  createdAt: Date = new Date();
}
