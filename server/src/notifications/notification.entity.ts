import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../people/user.entity.js';
import { NotificationKind } from './notification.kinds.js';

/**
 * Something a person should know: one row per recipient. Its words are not stored: the kind
 * and params are rendered in the reader's language when read (title, body in the resolver).
 * The subject (a type and an id, e.g. 'Need' 41) lets the subject's feature resolve a link
 * (Notification.need is defined in needs/), so this feature knows no other.
 */
@ObjectType({ description: 'Something that happened that concerns you' })
@Entity()
@Index({ properties: ['recipient', 'id'] })
@Index({
  name: 'notification_unread_idx',
  expression: 'create index "notification_unread_idx" on "notification" ("recipient_id", "id") where "read_at" is null',
})
// Once per recipient and dedupe key (e.g. one overdue reminder per need and deadline).
@Unique({ properties: ['recipient', 'dedupeKey'] })
export class Notification {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey()
  id: number;

  @ManyToOne(() => User, { ref: true })
  recipient: Ref<User>;

  @Field(() => NotificationKind)
  @Enum({ items: () => NotificationKind })
  kind: NotificationKind;

  @Property({ length: 40, nullable: true })
  subjectType?: string | null;

  @Property({ type: 'integer', nullable: true })
  subjectId?: number | null;

  /** Values for the kind's message (a need's title, a reason), rendered when read. */
  @Property({ type: 'json' })
  params: Record<string, string>;

  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;

  @Field()
  @Property()
  createdAt: Date = new Date();

  @Property({ length: 200, nullable: true })
  dedupeKey?: string | null;
}

/** A person's choices; without a row, the defaults (DEFAULT_SMS_KINDS, no quiet hours). */
@Entity()
export class NotificationPreference {
  @ManyToOne(() => User, { ref: true, primary: true })
  user: Ref<User>;

  @Property({ columnType: 'varchar(40)[]' })
  smsKinds: NotificationKind[];

  /** "HH:MM" in Asia/Shanghai. */
  @Property({ length: 5, nullable: true })
  quietFrom?: string | null;

  @Property({ length: 5, nullable: true })
  quietTo?: string | null;

  @Property()
  updatedAt: Date = new Date();
}
