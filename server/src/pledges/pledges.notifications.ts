import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../platform/context.js';
import { idsOnPath } from '../platform/scope.js';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { Role } from '../platform/auth/roles.js';
import { Pledge } from './pledge.entity.js';
import { pledgeById } from './pledges.loaders.js';

export const PLEDGE_SUBJECT = 'pledge';

/** The steps of a pledge people hear of. */
export type PledgeNoticeKind =
  | NotificationKind.PLEDGE_MADE
  | NotificationKind.PLEDGE_SETTLED
  | NotificationKind.PLEDGE_WITHDRAWN
  | NotificationKind.PLEDGE_OVERDUE;

/** The people around a pledge. */
export interface PledgePeople {
  /** Null for the system (the overdue job). */
  actorId: number | null;
  /** Who made it, and the representatives of its unit. */
  pledgers: readonly number[];
  /** The need's raiser and the resident it was raised for; none for a project. */
  residents: readonly number[];
  /** Staff over the need's or project's area: those who confirm. */
  staff: readonly number[];
}

/**
 * Who hears of a pledge's step: the residents and staff of a new one, the pledgers of its
 * outcome (and the residents, whose need it is), the staff and residents of a withdrawal, the
 * pledgers and staff of one overdue. Never the person who took the step.
 */
export function pledgeRecipients(kind: PledgeNoticeKind, people: PledgePeople): number[] {
  const groups = {
    [NotificationKind.PLEDGE_MADE]: [people.residents, people.staff],
    [NotificationKind.PLEDGE_SETTLED]: [people.pledgers, people.residents],
    [NotificationKind.PLEDGE_WITHDRAWN]: [people.staff, people.residents],
    [NotificationKind.PLEDGE_OVERDUE]: [people.pledgers, people.staff],
  }[kind];
  return [...new Set(groups.flat())].filter((id) => id !== people.actorId);
}

/** The pledge's people, in three queries: the unit's representatives, the staff over its area, and its need. */
async function peopleOf(tx: EntityManager, pledge: Pledge, actorId: number | null): Promise<PledgePeople> {
  const reps = pledge.unit
    ? await tx.execute<{ user_id: number }[]>('select user_id from unit_representative where unit_id = ?', [
        pledge.unit.id,
      ])
    : [];
  const staff = await tx.execute<{ user_id: number }[]>(
    `select distinct user_id from role_assignment where role = ? and area_id = any(?::int[])`,
    [Role.STAFF, `{${idsOnPath(pledge.areaPath).join(',')}}`],
  );
  const need = pledge.need ? await pledge.need.loadOrFail() : null;
  return {
    actorId,
    pledgers: [pledge.pledgedBy.id, ...reps.map((row) => row.user_id)],
    residents: need ? [need.raisedBy.id, ...(need.onBehalfOf ? [need.onBehalfOf.id] : [])] : [],
    staff: staff.map((row) => row.user_id),
  };
}

/** The pledger in words: the unit's name, or the person's display name. */
export async function pledgerName(pledge: Pledge): Promise<string> {
  if (pledge.unit) return (await pledge.unit.loadOrFail()).name;
  return (await pledge.pledgedBy.loadOrFail()).displayName;
}

/** What was pledged to, in words: the need's or the project's title. */
export async function targetTitle(pledge: Pledge): Promise<string> {
  if (pledge.need) return (await pledge.need.loadOrFail()).title;
  return (await pledge.project!.loadOrFail()).title;
}

export interface PledgeNotice {
  kind: PledgeNoticeKind;
  actorId: number | null;
  now: Date;
  /** PLEDGE_WITHDRAWN: the pledger's reason. */
  reason?: string | null;
  dedupeKey?: string;
}

/** Tells whom a pledge's step concerns, inside the step's transaction `tx`, with the params the kind's words name. */
export async function notifyPledge(tx: EntityManager, pledge: Pledge, notice: PledgeNotice): Promise<void> {
  const recipients = pledgeRecipients(notice.kind, await peopleOf(tx, pledge, notice.actorId));
  const pledger = await pledgerName(pledge);
  const target = await targetTitle(pledge);
  const params: Record<string, string> = { pledger, target };
  if (notice.kind === NotificationKind.PLEDGE_MADE) params.description = pledge.description;
  if (notice.kind === NotificationKind.PLEDGE_WITHDRAWN) params.reason = notice.reason?.trim() ?? '';
  await notify(tx, {
    recipients,
    kind: notice.kind,
    subject: { type: PLEDGE_SUBJECT, id: pledge.id },
    params,
    dedupeKey: notice.dedupeKey,
    now: notice.now,
  });
}

/** Notification.pledge: the pledge it is about, batched per request; null when the reader may not see it. */
@Resolver(() => Notification)
export class NotificationPledgeResolver {
  @FieldResolver(() => Pledge, {
    nullable: true,
    description: 'The pledge the notification is about (PLEDGE_MADE, PLEDGE_SETTLED, PLEDGE_WITHDRAWN, PLEDGE_OVERDUE)',
  })
  pledge(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Pledge | null> | null {
    if (notification.subjectType !== PLEDGE_SUBJECT || !notification.subjectId) return null;
    return pledgeById(ctx, notification.subjectId);
  }
}
