import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { User } from './user.entity.js';

/** A signed-in device. Only the SHA-256 of the token is stored, so a database leak yields no usable session. */
@Entity()
export class Session {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey()
  id: number;

  @Property({ length: 64, unique: true })
  tokenHash: string;

  @ManyToOne(() => User, { ref: true, index: true, deleteRule: 'cascade' })
  user: Ref<User>;

  @Property()
  createdAt: Date = new Date();

  @Index()
  @Property()
  expiresAt: Date;

  @Property({ length: 300, nullable: true })
  userAgent?: string;
}

/** Failed and successful sign-ins, counted to slow down password guessing across all server instances. */
@Entity()
@Index({ properties: ['phone', 'at'] })
@Index({ properties: ['ip', 'at'] })
export class LoginAttempt {
  [OptionalProps]?: 'at';

  @PrimaryKey()
  id: number;

  @Property({ length: 20 })
  phone: string;

  @Property({ length: 64 })
  ip: string;

  @Property()
  succeeded: boolean;

  @Property()
  at: Date = new Date();
}
