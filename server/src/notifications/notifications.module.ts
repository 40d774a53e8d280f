import type { FeatureModule } from '../platform/module.js';
import { Notification, NotificationPreference } from './notification.entity.js';
import { NotificationsResolver } from './notifications.resolver.js';

/** In-app notifications (消息) and their SMS by the outbox; features call `notify` in their transactions. */
export const notificationsModule: FeatureModule = {
  entities: [Notification, NotificationPreference],
  resolvers: [NotificationsResolver],
};
