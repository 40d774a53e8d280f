import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { User } from '../people/user.entity.js';

/**
 * 志愿服务证明: what the volunteer's verified record said for a period when it was issued,
 * kept as issued (a later correction does not change an issued certificate; revoke and issue
 * anew). Free of charge. Anyone holding the code can check it (masked name, hours, period,
 * issuer, revoked or not).
 */
@ObjectType({ description: '志愿服务证明: a volunteer service certificate' })
@Entity()
@Index({ name: 'certificate_holder_idx', properties: ['holder', 'issuedAt'] })
@Index({ name: 'certificate_community_idx', properties: ['community', 'issuedAt', 'id'] })
export class Certificate {
  [OptionalProps]?: 'issuedAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  /** Printed and checked: `ZM-<year>-` + 8 random Crockford base32 characters (not guessable, no 0/O 1/I). */
  @Field()
  @Property({ length: 20, unique: true })
  code: string;

  @ManyToOne(() => User, { ref: true })
  holder: Ref<User>;

  /** The holder's community when issued (the issuer, and whose staff may revoke it). */
  @ManyToOne(() => Area, { ref: true })
  community: Ref<Area>;

  /** As printed: the full name (on the PDF), the masked one (on the public check). */
  @Property({ length: 50 })
  holderName: string;

  @Property({ length: 50 })
  maskedHolderName: string;

  @Property({ type: 'string', length: 18, nullable: true })
  maskedIdNumber?: string | null;

  @Property({ length: 20 })
  volunteerNumber: string;

  @Field({ name: 'from' })
  @Property()
  periodFrom: Date;

  @Field({ name: 'to' })
  @Property()
  periodTo: Date;

  @Property()
  minutes: number;

  @Field(() => Int)
  @Property()
  activityCount: number;

  @Field(() => [String])
  @Property({ columnType: 'varchar(100)[]' })
  organisations: string[];

  @Field()
  @Property({ length: 100 })
  issuer: string;

  @Field()
  @Property()
  issuedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  revokeReason?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  revokedBy?: Ref<User> | null;
}
