import { client, onLiveReconnect } from '#lib/graphql/client';
import { NotificationAddedSubscription, UnreadNotificationCountQuery } from '#lib/graphql/notifications';

/** How many of my notifications are unread, for the badges in the navigation. */
export const unread = $state({ count: 0 });

let asked = 0;
/** Asks the server again; an older answer that arrives late is dropped. */
export async function refreshUnread(): Promise<void> {
  const mine = ++asked;
  const result = await client.query(UnreadNotificationCountQuery, {}, { requestPolicy: 'network-only' }).toPromise();
  if (mine === asked && result.data) unread.count = result.data.unreadNotificationCount;
}

let listeners: (() => void)[] = [];

/** Calls `listener` when a notification may have arrived (a new one, or the connection is back); returns the unsubscribe. */
export function onNotificationsChanged(listener: () => void): () => void {
  listeners = [...listeners, listener];
  return () => {
    listeners = listeners.filter((l) => l !== listener);
  };
}

/**
 * Keeps the unread count live for the signed-in person over `notificationAdded`; after the live
 * connection comes back from a drop, it asks again, as notifications may have come meanwhile.
 * `userId` is read inside an effect (null when signed out). Call once, from the layout's setup.
 */
export function followNotifications(userId: () => string | null): void {
  $effect(() => {
    if (!userId()) {
      asked++;
      unread.count = 0;
      return;
    }
    const changed = () => {
      refreshUnread();
      listeners.forEach((listener) => listener());
    };
    refreshUnread();
    const sub = client.subscription(NotificationAddedSubscription, {}).subscribe((result) => {
      if (result.data?.notificationAdded) changed();
    });
    const stopListening = onLiveReconnect(changed);
    return () => {
      sub.unsubscribe();
      stopListening();
    };
  });
}
