import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { chinaMinute } from '../platform/china-time.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { Activity } from './activity.entity.js';

/** Notifications about a whole activity (ACTIVITY_CANCELLED). */
export const ACTIVITY_SUBJECT = 'activity';
/** Notifications about one sign-up (SHIFT_PROMOTED, PROMOTION_EXPIRED; records' HOURS_VERIFIED): they link to its activity. */
export const SIGNUP_SUBJECT = 'signup';

interface PromotedPlace {
  signupId: number;
  volunteerId: number;
  confirmBy: Date | null;
}

/** SHIFT_PROMOTED (SMS by default): a place is held; without a hold (the shift is close) it is simply theirs. */
export async function notifyPromoted(
  tx: EntityManager,
  activity: Pick<Activity, 'title'>,
  shift: { startsAt: Date },
  place: PromotedPlace,
  now: Date,
) {
  const when = chinaMinute(shift.startsAt);
  await notify(tx, {
    recipients: [place.volunteerId],
    kind: NotificationKind.SHIFT_PROMOTED,
    subject: { type: SIGNUP_SUBJECT, id: place.signupId },
    // Without a hold the place is confirmed already; the words still read right with the shift's start.
    params: { activity: activity.title, when, confirmBy: place.confirmBy ? chinaMinute(place.confirmBy) : when },
    dedupeKey: `signup:${place.signupId}:promoted`,
    now,
  });
}

/** PROMOTION_EXPIRED: the held place went to the next in line. */
export async function notifyPromotionExpired(
  tx: EntityManager,
  activity: Pick<Activity, 'title'>,
  shift: { startsAt: Date },
  place: { signupId: number; volunteerId: number },
  now: Date,
) {
  await notify(tx, {
    recipients: [place.volunteerId],
    kind: NotificationKind.PROMOTION_EXPIRED,
    subject: { type: SIGNUP_SUBJECT, id: place.signupId },
    params: { activity: activity.title, when: chinaMinute(shift.startsAt) },
    dedupeKey: `signup:${place.signupId}:expired`,
    now,
  });
}

/** ACTIVITY_CANCELLED to everyone whose sign-up it cancelled. */
export async function notifyActivityCancelled(
  tx: EntityManager,
  activity: Pick<Activity, 'id' | 'title'>,
  volunteerIds: readonly number[],
  reason: string,
  now: Date,
) {
  await notify(tx, {
    recipients: volunteerIds,
    kind: NotificationKind.ACTIVITY_CANCELLED,
    subject: { type: ACTIVITY_SUBJECT, id: activity.id },
    params: { activity: activity.title, reason },
    dedupeKey: `activity:${activity.id}:cancelled`,
    now,
  });
}

/** Notification.activity: the activity a notification is about (directly, or through one of its sign-ups), batched; activities are public. */
@Resolver(() => Notification)
export class NotificationActivityResolver {
  @FieldResolver(() => Activity, {
    nullable: true,
    description:
      'The activity the notification is about (ACTIVITY_CANCELLED; SHIFT_PROMOTED, PROMOTION_EXPIRED and others about a sign-up: its activity)',
  })
  async activity(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Activity | null> {
    const type = notification.subjectType;
    if ((type !== ACTIVITY_SUBJECT && type !== SIGNUP_SUBJECT) || !notification.subjectId) return null;
    return requestLoader<string, Activity | null>(ctx, 'notificationActivity', async (keys) => {
      const parsed = keys.map((key) => key.split(':') as [string, string]);
      const ids = (kind: string) => parsed.filter(([t]) => t === kind).map(([, id]) => Number(id));
      const bySignup = new Map(
        (
          await ctx.em
            .getConnection()
            .execute<{ id: number; activity_id: number }[]>(
              'select id, activity_id from shift_signup where id = any(?::int[])',
              [`{${ids(SIGNUP_SUBJECT).join(',')}}`],
            )
        ).map((row) => [row.id, row.activity_id]),
      );
      const activityIds = [...ids(ACTIVITY_SUBJECT), ...bySignup.values()];
      const found = new Map((await ctx.em.find(Activity, { id: { $in: activityIds } })).map((row) => [row.id, row]));
      return parsed.map(
        ([t, id]) => found.get(t === ACTIVITY_SUBJECT ? Number(id) : (bySignup.get(Number(id)) ?? 0)) ?? null,
      );
    }).load(`${type}:${notification.subjectId}`);
  }
}
