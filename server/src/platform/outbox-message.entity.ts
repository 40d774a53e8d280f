import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/postgresql';

/**
 * Stand-in for s-notify's outbox (issue 12): only the columns the contract names, so that
 * sign-in codes can be written and read back before the real outbox is merged. Replaced
 * by s-notify's entity, worker and migration at merge.
 */
@Entity()
@Index({ properties: ['recipient', 'template'] })
export class OutboxMessage {
  [OptionalProps]?: 'status' | 'createdAt';

  @PrimaryKey()
  id: number;

  @Property({ length: 20 })
  channel: string;

  @Property({ length: 40 })
  recipient: string;

  @Property({ length: 60 })
  template: string;

  @Property({ type: 'json' })
  params: Record<string, string>;

  @Property({ length: 20 })
  status: string = 'PENDING';

  @Property()
  createdAt: Date = new Date();
}
