import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Activity } from '../activities/activity.entity.js';
import { staffOver } from '../board/board.notifications.js';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { chinaMinute } from '../platform/china-time.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { CorrectionRequest, StarAward } from './record.entity.js';

export const CORRECTION_SUBJECT = 'correction';
export const STAR_SUBJECT = 'star';
export const SIGNUP_SUBJECT = 'signup';

/** 2.5: hours as notifications show them. */
const hoursText = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

/** 谁组织谁记录: the activity's creator, its team's approved leaders and the staff over its area, in two queries. */
export async function organisersOf(tx: EntityManager, activity: Activity): Promise<number[]> {
  const leaders = activity.team
    ? await tx.execute<{ user_id: number }[]>(
        `select user_id from team_membership where team_id = ? and role = 'LEADER' and status = 'APPROVED'`,
        [activity.team.id],
      )
    : [];
  return [
    ...new Set([
      activity.createdBy.id,
      ...leaders.map((row) => row.user_id),
      ...(await staffOver(tx, activity.areaPath)),
    ]),
  ];
}

/** HOURS_VERIFIED to the volunteers, one notify per distinct number of hours (the message carries them). */
export async function notifyVerified(
  tx: EntityManager,
  activity: Activity,
  verified: readonly { signupId: number; userId: number; minutes: number }[],
  actorId: number,
  now: Date,
) {
  const byMinutes = new Map<number, typeof verified>();
  for (const row of verified) byMinutes.set(row.minutes, [...(byMinutes.get(row.minutes) ?? []), row]);
  for (const [minutes, rows] of byMinutes) {
    // The subject is one sign-up; for several at once, each links to the same activity anyway.
    await notify(tx, {
      recipients: rows.map((row) => row.userId).filter((id) => id !== actorId),
      kind: NotificationKind.HOURS_VERIFIED,
      subject: { type: SIGNUP_SUBJECT, id: rows[0]!.signupId },
      params: { activity: activity.title, hours: hoursText(minutes) },
      now,
    });
  }
}

export async function notifyCorrectionRequested(
  tx: EntityManager,
  correction: CorrectionRequest,
  activity: Activity,
  person: string,
  now: Date,
) {
  await notify(tx, {
    recipients: (await organisersOf(tx, activity)).filter((id) => id !== correction.volunteer.id),
    kind: NotificationKind.CORRECTION_REQUESTED,
    subject: { type: CORRECTION_SUBJECT, id: correction.id },
    params: { person, activity: activity.title, due: chinaMinute(correction.dueAt) },
    now,
  });
}

export async function notifyCorrectionAnswered(
  tx: EntityManager,
  correction: CorrectionRequest,
  activity: Activity,
  accepted: boolean,
  now: Date,
) {
  await notify(tx, {
    recipients: [correction.volunteer.id],
    kind: accepted ? NotificationKind.CORRECTION_ACCEPTED : NotificationKind.CORRECTION_REJECTED,
    subject: { type: CORRECTION_SUBJECT, id: correction.id },
    params: { activity: activity.title, answer: correction.answer ?? '' },
    now,
  });
}

/** CORRECTION_OVERDUE to the organisers and the staff over the area, once (the dedupe key). */
export async function notifyCorrectionOverdue(
  tx: EntityManager,
  correction: CorrectionRequest,
  activity: Activity,
  now: Date,
) {
  await notify(tx, {
    recipients: await organisersOf(tx, activity),
    kind: NotificationKind.CORRECTION_OVERDUE,
    subject: { type: CORRECTION_SUBJECT, id: correction.id },
    params: { activity: activity.title },
    dedupeKey: `correction:${correction.id}:overdue`,
    now,
  });
}

export async function notifyStarPublicized(tx: EntityManager, userId: number, star: StarAward, now: Date) {
  await notify(tx, {
    recipients: [userId],
    kind: NotificationKind.STAR_PUBLICIZED,
    subject: { type: STAR_SUBJECT, id: star.id },
    params: { stars: String(star.level), until: chinaMinute(star.publicUntil) },
    dedupeKey: `star:${star.id}:publicized`,
    now,
  });
}

export async function notifyStarAwarded(tx: EntityManager, userId: number, star: StarAward, now: Date) {
  await notify(tx, {
    recipients: [userId],
    kind: NotificationKind.STAR_AWARDED,
    subject: { type: STAR_SUBJECT, id: star.id },
    params: { stars: String(star.level) },
    dedupeKey: `star:${star.id}:awarded`,
    now,
  });
}

/**
 * Notification.correction and Notification.star: what a records notification is about, batched.
 * A notification is its recipient's own (the volunteer or an organiser), so its subject is theirs to see.
 */
@Resolver(() => Notification)
export class NotificationRecordsResolver {
  @FieldResolver(() => CorrectionRequest, {
    nullable: true,
    description: 'The correction request it is about (CORRECTION_REQUESTED, _ACCEPTED, _REJECTED, _OVERDUE)',
  })
  correction(@Root() notification: Notification, @Ctx() ctx: Context): Promise<CorrectionRequest | null> | null {
    if (notification.subjectType !== CORRECTION_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, CorrectionRequest | null>(ctx, 'notificationCorrection', async (ids) => {
      const found = await ctx.em.find(CorrectionRequest, { id: { $in: [...ids] } });
      const byId = new Map(found.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }).load(notification.subjectId);
  }

  @FieldResolver(() => StarAward, {
    nullable: true,
    description: 'The star it is about (STAR_PUBLICIZED, STAR_AWARDED)',
  })
  star(@Root() notification: Notification, @Ctx() ctx: Context): Promise<StarAward | null> | null {
    if (notification.subjectType !== STAR_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, StarAward | null>(ctx, 'notificationStar', async (ids) => {
      const found = await ctx.em.find(StarAward, { id: { $in: [...ids] } });
      const byId = new Map(found.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }).load(notification.subjectId);
  }
}
