import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { idsOnPath } from '../platform/scope.js';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { Need } from './need.entity.js';
import { NeedAction, Urgency } from './need.enums.js';
import { canSee, NEED_WORKERS } from './needs.access.js';
import { unitIdsOf } from '../units/units.access.js';
import { representativeIds } from '../units/units.service.js';

/** A need's step as notifications see it: a person's action, a raise, the auto-close, or a deadline reached. */
export type NeedStepKind = NeedAction | 'RAISED' | 'AUTO_CLOSED' | 'DUE_SOON' | 'OVERDUE';

/** The people around a need, after the step. */
export interface NeedPeople {
  /** Null for the system (auto-close, deadline reminders). */
  actorId: number | null;
  raisedById: number;
  onBehalfOfId: number | null;
  assigneeId: number | null;
  /** The representatives of the unit assigned, who hear what the assignee hears. */
  assigneeUnitRepIds?: readonly number[];
  /** STAFF and GRID_WORKER on the area in question (the need's, or the responsible one) or above it. */
  workers: readonly number[];
}

export interface NeedNotice {
  kind: NotificationKind;
  recipients: number[];
}

/** Which workers a step concerns: over the area the need lies in (a new need), or over the one answering it. */
export function workersAreaOf(step: NeedStepKind): 'area' | 'responsible' | null {
  if (step === 'RAISED') return 'area';
  if (step === NeedAction.REOPEN || step === NeedAction.ESCALATE || step === 'DUE_SOON' || step === 'OVERDUE') {
    return 'responsible';
  }
  return null;
}

/**
 * Who hears of a step, and as what: the resident (raiser and 代办 resident) of what happens
 * to their need, the assignee of what is theirs to do, the workers over the area of a new,
 * reopened, escalated or late one. Never the person who took the step.
 */
export function noticesFor(step: NeedStepKind, people: NeedPeople): NeedNotice[] {
  const residents = [people.raisedById, people.onBehalfOfId];
  const assignee = [people.assigneeId, ...(people.assigneeUnitRepIds ?? [])];
  const to = (kind: NotificationKind, ...groups: (readonly (number | null)[])[]): NeedNotice => ({
    kind,
    recipients: [...new Set(groups.flat().filter((id): id is number => id !== null && id !== people.actorId))],
  });
  const notices: NeedNotice[] = (() => {
    switch (step) {
      case 'RAISED':
        return [to(NotificationKind.NEED_RAISED, people.workers)];
      case NeedAction.ACCEPT:
        return [to(NotificationKind.NEED_ACCEPTED, residents)];
      case NeedAction.ASSIGN:
        return [to(NotificationKind.NEED_ASSIGNED, residents), to(NotificationKind.NEED_ASSIGNED_TO_YOU, assignee)];
      case NeedAction.RESOLVE:
        return [to(NotificationKind.NEED_RESOLVED, residents)];
      case NeedAction.REOPEN:
        return [to(NotificationKind.NEED_REOPENED, assignee, people.workers)];
      case NeedAction.REJECT:
        return [to(NotificationKind.NEED_REJECTED, residents)];
      case NeedAction.ESCALATE:
        return [to(NotificationKind.NEED_ESCALATED_TO_YOU, people.workers)];
      case 'AUTO_CLOSED':
        return [to(NotificationKind.NEED_AUTO_CLOSED, residents)];
      case 'DUE_SOON':
        return [to(NotificationKind.NEED_DUE_SOON, people.workers, assignee)];
      case 'OVERDUE':
        return [to(NotificationKind.NEED_OVERDUE, people.workers, assignee)];
      default:
        // START, CONFIRM, COMMENT, SUPPORT: seen on the timeline, nobody is told.
        return [];
    }
  })();
  return notices.filter((notice) => notice.recipients.length > 0);
}

/** STAFF and GRID_WORKER holding their role on the area at `path` or an ancestor of it, in one query. */
export async function workersOver(em: EntityManager, path: string): Promise<number[]> {
  const rows = await em.execute<{ user_id: number }[]>(
    `select distinct user_id from role_assignment where role = any(?::text[]) and area_id = any(?::int[])`,
    [`{${NEED_WORKERS.join(',')}}`, `{${idsOnPath(path).join(',')}}`],
  );
  return rows.map((row) => row.user_id);
}

export interface NeedStepNotice {
  step: NeedStepKind;
  /** Null for the system. */
  actorId: number | null;
  /** The step's note: the reason of a rejection or reopening, what was done. */
  note?: string | null;
  now: Date;
  /** Deadline reminders: once per need, kind and deadline. */
  dedupeKey?: string;
}

/** The steps noticesFor tells the assignee of (for a unit's need, its representatives are looked up for them only). */
const TOLD_TO_ASSIGNEE: readonly NeedStepKind[] = [NeedAction.ASSIGN, NeedAction.REOPEN, 'DUE_SOON', 'OVERDUE'];

/** Notifies whom a step of `need` (as it is after the step) concerns, inside the step's transaction `tx`. */
export async function notifyNeedStep(tx: EntityManager, need: Need, notice: NeedStepNotice): Promise<void> {
  const area = workersAreaOf(notice.step);
  const workers = area ? await workersOver(tx, area === 'area' ? need.areaPath : need.responsiblePath) : [];
  const notices = noticesFor(notice.step, {
    actorId: notice.actorId,
    raisedById: need.raisedBy.id,
    onBehalfOfId: need.onBehalfOf?.id ?? null,
    assigneeId: need.assignee?.id ?? null,
    assigneeUnitRepIds:
      need.assigneeUnit && TOLD_TO_ASSIGNEE.includes(notice.step)
        ? await representativeIds(tx, need.assigneeUnit.id)
        : [],
    workers,
  });
  for (const { kind, recipients } of notices) {
    await notify(tx, {
      recipients,
      kind,
      subject: { type: NEED_SUBJECT, id: need.id },
      params: { title: need.title, reason: notice.note?.trim() || '' },
      urgent: need.urgency === Urgency.CRITICAL,
      dedupeKey: notice.dedupeKey,
      now: notice.now,
    });
  }
}

export const NEED_SUBJECT = 'Need';

/** Notification.need: the need it is about, batched per request; null when the reader may not see it (any more). */
@Resolver(() => Notification)
export class NotificationNeedResolver {
  @FieldResolver(() => Need, { nullable: true, description: 'Null when about no need, or one you may no longer see' })
  async need(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Need | null> {
    if (notification.subjectType !== NEED_SUBJECT || !notification.subjectId) return null;
    const need = await requestLoader<number, Need | null>(ctx, 'notificationNeed', async (ids) => {
      const needs = await ctx.em.find(Need, { id: { $in: [...ids] } });
      const byId = new Map(needs.map((found) => [found.id, found]));
      return ids.map((id) => byId.get(id) ?? null);
    }).load(notification.subjectId);
    return need && canSee(ctx.viewer, need, unitIdsOf(ctx.viewer)) ? need : null;
  }
}
