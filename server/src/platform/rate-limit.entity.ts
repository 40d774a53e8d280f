import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One sliding window per limited action and subject (`need.raise:user:12`,
 * `account.register:ip:203.0.113.7`): the times of the hits still inside the window, oldest
 * first. Written only by platform/rate-limit's single upsert, so every instance counts alike.
 */
@Entity()
export class RateLimitWindow {
  @PrimaryKey({ length: 200 })
  key: string;

  @Property({ columnType: 'timestamptz[]' })
  hits: Date[];

  /** The decision of the last upsert, read back by the same statement. */
  @Property()
  lastAllowed: boolean;
}
