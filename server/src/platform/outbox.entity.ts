import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/postgresql';

export enum OutboxStatus {
  /** Waiting for its `not_before`. */
  PENDING = 'PENDING',
  /** Claimed by one instance until `not_before` (the lease); taken again only once the lease has run out. */
  SENDING = 'SENDING',
  SENT = 'SENT',
  /** Failed too often, or refused for good: never tried again (the dead letters, for a person to look at). */
  DEAD = 'DEAD',
}

/**
 * A message to leave the app (an SMS now, a WeChat template message later), written in the
 * same transaction as the change it tells of and sent after commit by the outbox worker
 * (platform/outbox.ts). Its id is the idempotency key the sender passes to the gateway.
 */
@Entity()
// The worker's claim: rows due now, oldest first. SENDING rows are in it too, for leases that ran out.
@Index({
  name: 'outbox_message_due_idx',
  expression: `create index "outbox_message_due_idx" on "outbox_message" ("not_before", "id") where "status" in ('PENDING', 'SENDING')`,
})
@Index({
  name: 'outbox_message_sent_idx',
  expression: `create index "outbox_message_sent_idx" on "outbox_message" ("sent_at") where "status" = 'SENT'`,
})
// A phone's latest message of a template (sign-in codes, throttling per phone).
@Index({ properties: ['recipient', 'template', 'id'] })
export class OutboxMessage {
  [OptionalProps]?: 'status' | 'attempts' | 'createdAt';

  @PrimaryKey()
  id: number;

  @Property({ length: 20 })
  channel: string;

  /** The phone number (for SMS). */
  @Property({ length: 100 })
  recipient: string;

  @Property({ length: 60 })
  template: string;

  @Property({ type: 'json' })
  params: Record<string, string>;

  @Enum({ items: () => OutboxStatus })
  status: OutboxStatus = OutboxStatus.PENDING;

  /** Sends started (a claim counts as one): DEAD after OUTBOX_MAX_ATTEMPTS failed ones. */
  @Property()
  attempts: number = 0;

  /** Not tried before this: quiet hours, the next retry, or the end of a SENDING lease. */
  @Property()
  notBefore: Date;

  /** The claim that may mark this row; a mark by an older claim (its lease lost) changes nothing. */
  @Property({ type: 'uuid', nullable: true })
  claimToken?: string | null;

  /** Which instance claimed it (host:pid), for people looking at a stuck row. */
  @Property({ length: 100, nullable: true })
  claimedBy?: string | null;

  @Property({ length: 500, nullable: true })
  lastError?: string | null;

  @Property()
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;
}
