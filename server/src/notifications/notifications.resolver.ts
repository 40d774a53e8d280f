import { filter, pipe } from '@graphql-yoga/subscription';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { unauthenticated } from '../platform/errors.js';
import { isMessageKey, translate } from '../platform/i18n/messages.js';
import { Connection } from '../platform/pagination.js';
import { Notification } from './notification.entity.js';
import { NotificationKind } from './notification.kinds.js';
import { MarkNotificationsReadArgs, NotificationPreferencesInput, NotificationsArgs } from './notifications.inputs.js';
import {
  countUnread,
  findOwnNotification,
  getPreferences,
  listNotifications,
  markRead,
  NOTIFICATION_ADDED,
  updatePreferences,
  type NotificationAdded,
} from './notifications.service.js';

@ObjectType()
class NotificationConnection extends Connection(Notification) {}

@ObjectType()
class NotificationPreferences {
  @Field(() => [NotificationKind], { description: 'Kinds that also come by SMS' })
  smsKinds: NotificationKind[];

  @Field(() => [NotificationKind], { description: 'Kinds this person may choose for SMS' })
  smsAvailableKinds: NotificationKind[];

  @Field(() => String, { nullable: true, description: '"22:00" local (Asia/Shanghai); null = no quiet hours' })
  quietFrom: string | null;

  @Field(() => String, { nullable: true, description: '"07:00"' })
  quietTo: string | null;
}

function render(ctx: Context, notification: Notification, part: 'title' | 'body'): string {
  const key = `notification.${notification.kind}.${part}`;
  return isMessageKey(key) ? translate(ctx.locale, key, notification.params) : notification.kind;
}

@Resolver(() => Notification)
export class NotificationsResolver {
  @Authorized()
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first' })
  notifications(
    @Args() { unreadOnly, ...page }: NotificationsArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return listNotifications(em, viewer, unreadOnly ?? false, page);
  }

  @Query(() => Int, { description: '0 when signed out' })
  unreadNotificationCount(@Ctx() { em, viewer }: Context) {
    return viewer ? countUnread(em, viewer) : 0;
  }

  @Authorized()
  @Query(() => NotificationPreferences)
  notificationPreferences(@CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return getPreferences(em, viewer);
  }

  @Authorized()
  @Mutation(() => Int, {
    description: 'Marks yours read (none given: all); returns how many changed. Another person’s id is NOT_FOUND.',
  })
  markNotificationsRead(
    @Args() { ids }: MarkNotificationsReadArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return markRead(em, viewer, ids);
  }

  @Authorized()
  @Mutation(() => NotificationPreferences)
  updateNotificationPreferences(
    @Arg('input') input: NotificationPreferencesInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return updatePreferences(em, viewer, input);
  }

  @FieldResolver(() => String, { description: 'In your language' })
  title(@Root() notification: Notification, @Ctx() ctx: Context) {
    return render(ctx, notification, 'title');
  }

  @FieldResolver(() => String)
  body(@Root() notification: Notification, @Ctx() ctx: Context) {
    return render(ctx, notification, 'body');
  }

  @FieldResolver(() => Boolean)
  read(@Root() notification: Notification) {
    return notification.readAt != null;
  }

  @Subscription(() => Notification, {
    description: 'Your own notifications as they are added, from any instance',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      if (!ctx.viewer) throw unauthenticated();
      const viewer = ctx.viewer;
      return pipe(
        ctx.events.subscribe(NOTIFICATION_ADDED, viewer.id) as AsyncIterable<NotificationAdded>,
        // Published after commit, so the row is there; the check keeps the topic from being trusted alone.
        filter(async (added: NotificationAdded) => (await findOwnNotification(ctx.em, viewer, added.id)) !== null),
      );
    },
  })
  async notificationAdded(@Root() added: NotificationAdded, @Ctx() ctx: Context): Promise<Notification> {
    if (!ctx.viewer) throw unauthenticated();
    const notification = await findOwnNotification(ctx.em, ctx.viewer, added.id);
    if (!notification) throw new Error(`notification ${added.id} passed the filter but is gone`);
    return notification;
  }
}
