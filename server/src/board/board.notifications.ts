import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Notification } from '../notifications/notification.entity.js';
import { Role } from '../platform/auth/roles.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { idsOnPath } from '../platform/scope.js';
import { Objection } from './objection.entity.js';

export const OBJECTION_SUBJECT = 'objection';

/** Times in notices read as in Beijing (UTC+8 all year), whatever the server's zone: "2026-12-07 19:00". */
export function chinaDateTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The staff over an area (held on it or an ancestor), in one query. */
export async function staffOver(tx: EntityManager, areaPath: string): Promise<number[]> {
  const rows = await tx.execute<{ user_id: number }[]>(
    'select distinct user_id from role_assignment where role = ? and area_id = any(?::int[])',
    [Role.STAFF, `{${idsOnPath(areaPath).join(',')}}`],
  );
  return rows.map((row) => row.user_id);
}

/** Notification.objection: the objection it is about (OBJECTION_LODGED, OBJECTION_ANSWERED), batched; objections are public. */
@Resolver(() => Notification)
export class NotificationObjectionResolver {
  @FieldResolver(() => Objection, {
    nullable: true,
    description:
      'The objection the notification is about (OBJECTION_LODGED, OBJECTION_ANSWERED); its vote links the page',
  })
  async objection(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Objection | null> {
    if (notification.subjectType !== OBJECTION_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, Objection | null>(ctx, 'notificationObjection', async (ids) => {
      const found = await ctx.em.find(Objection, { id: { $in: [...ids] } });
      const byId = new Map(found.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }).load(notification.subjectId);
  }
}
