import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { chinaDateTime, staffOver } from '../board/board.notifications.js';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { Resolution } from './resolution.entity.js';

export const RESOLUTION_SUBJECT = 'resolution';

/** Who carries a resolution out: the owner person, or the owner unit's representatives. */
export async function ownersOf(tx: EntityManager, resolution: Resolution): Promise<number[]> {
  if (resolution.ownerUser) return [resolution.ownerUser.id];
  if (!resolution.ownerUnit) return [];
  const reps = await tx.execute<{ user_id: number }[]>('select user_id from unit_representative where unit_id = ?', [
    resolution.ownerUnit.id,
  ]);
  return reps.map((row) => row.user_id);
}

/** RESOLUTION_ASSIGNED to the owner(s), never to the person who recorded it. */
export async function notifyAssigned(tx: EntityManager, resolution: Resolution, actorId: number, now: Date) {
  await notify(tx, {
    recipients: (await ownersOf(tx, resolution)).filter((id) => id !== actorId),
    kind: NotificationKind.RESOLUTION_ASSIGNED,
    subject: { type: RESOLUTION_SUBJECT, id: resolution.id },
    params: { resolution: resolution.title, due: chinaDateTime(resolution.dueAt) },
    now,
  });
}

/** RESOLUTION_OVERDUE to the owner(s) and the staff over its area, once (the dedupe key). */
export async function notifyOverdue(tx: EntityManager, resolution: Resolution, now: Date) {
  await notify(tx, {
    recipients: [...(await ownersOf(tx, resolution)), ...(await staffOver(tx, resolution.areaPath))],
    kind: NotificationKind.RESOLUTION_OVERDUE,
    subject: { type: RESOLUTION_SUBJECT, id: resolution.id },
    params: { resolution: resolution.title },
    dedupeKey: `resolution:${resolution.id}:overdue`,
    now,
  });
}

/** Notification.resolution: the resolution it is about (RESOLUTION_ASSIGNED, RESOLUTION_OVERDUE), batched; resolutions are public. */
@Resolver(() => Notification)
export class NotificationResolutionResolver {
  @FieldResolver(() => Resolution, {
    nullable: true,
    description: 'The resolution the notification is about (RESOLUTION_ASSIGNED, RESOLUTION_OVERDUE)',
  })
  async resolution(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Resolution | null> {
    if (notification.subjectType !== RESOLUTION_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, Resolution | null>(ctx, 'notificationResolution', async (ids) => {
      const found = await ctx.em.find(Resolution, { id: { $in: [...ids] } });
      const byId = new Map(found.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }).load(notification.subjectId);
  }
}
