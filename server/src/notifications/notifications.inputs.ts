import { ArrayMaxSize, IsOptional } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../platform/pagination.js';
import { NotificationKind } from './notification.kinds.js';

/** Ids a client may mark read at once (a page, at most). */
export const MARK_READ_MAX = 100;

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only those not yet read' })
  unreadOnly?: boolean;
}

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], { nullable: true, description: `None given: all of yours. At most ${MARK_READ_MAX}.` })
  @IsOptional()
  @ArrayMaxSize(MARK_READ_MAX, { context: { key: 'pageTooLarge', params: { max: MARK_READ_MAX } } })
  ids?: string[] | null;
}

@InputType()
export class NotificationPreferencesInput {
  @Field(() => [NotificationKind], { description: 'Kinds that also come by SMS (of smsAvailableKinds)' })
  @ArrayMaxSize(Object.keys(NotificationKind).length)
  smsKinds: NotificationKind[];

  @Field(() => String, { nullable: true, description: '"22:00", local time (Asia/Shanghai); null: no quiet hours' })
  quietFrom?: string | null;

  @Field(() => String, { nullable: true, description: '"07:00"' })
  quietTo?: string | null;
}
