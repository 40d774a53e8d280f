import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../platform/events.js';
import type { PeriodicJob } from '../platform/module.js';
import { Need } from './need.entity.js';
import { publishNeedChange } from './needs.live.js';
import { closeUnconfirmedNeeds } from './needs.lifecycle.js';
import { notifyNeedStep } from './needs.notifications.js';
import { DUE_SOON_HOURS } from './needs.rules.js';

/** How often resolved needs nobody confirmed are closed (every instance runs it; rows are never taken twice). */
export const AUTO_CLOSE_INTERVAL_MS = 10 * 60 * 1000;

/** Closes every need that is due, batch by batch, and tells the subscribers of each. */
export async function autoCloseNeeds(em: EntityManager, events: EventBus, now = new Date()): Promise<number> {
  let closed = 0;
  for (;;) {
    const batch = await closeUnconfirmedNeeds(em.fork(), now);
    for (const need of batch) publishNeedChange(events, need);
    closed += batch.length;
    if (batch.length === 0) return closed;
  }
}

export const autoCloseJob: PeriodicJob = {
  name: 'autoCloseNeeds',
  intervalMs: AUTO_CLOSE_INTERVAL_MS,
  async run({ orm, events, logger }) {
    const closed = await autoCloseNeeds(orm.em.fork(), events);
    if (closed > 0) logger.info({ closed }, 'closed resolved needs nobody confirmed');
  },
};

/** How often deadlines are looked at; a reminder comes at most this late. */
export const DEADLINE_REMINDER_INTERVAL_MS = 60 * 1000;
/** Needs reminded of per run (the rest wait for the next run). */
const REMINDERS_PER_RUN = 200;
/** Deadlines passed longer ago than this are not reminded of (a first start on old data does not flood anyone). */
const OVERDUE_REMINDED_FOR_DAYS = 7;

/**
 * Tells the workers over a need's responsible area and its assignee that it is due within
 * DUE_SOON_HOURS, or overdue: once per need, step and deadline, whatever the number of
 * instances (rows taken with SKIP LOCKED, a notice row per reminder). Returns how many needs.
 */
export async function remindDeadlines(em: EntityManager, now = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const due = await tx.execute<{ id: number; step: 'DUE_SOON' | 'OVERDUE'; due_at: Date }[]>(
      `select n.id, n.due_at, d.step
         from need n
         cross join lateral (select case when n.due_at <= ? then 'OVERDUE' else 'DUE_SOON' end as step) d
        where n.due_at <= ? and n.due_at > ?
          and not exists (select 1 from need_deadline_notice x
                           where x.need_id = n.id and x.step = d.step and x.due_at = n.due_at)
        order by n.due_at, n.id
        limit ? for update of n skip locked`,
      [
        now,
        new Date(now.getTime() + DUE_SOON_HOURS * 3600 * 1000),
        new Date(now.getTime() - OVERDUE_REMINDED_FOR_DAYS * 24 * 3600 * 1000),
        REMINDERS_PER_RUN,
      ],
    );
    if (due.length === 0) return 0;
    // The deadline is taken from the row itself: its microseconds would not survive a trip through JavaScript.
    await tx.execute(
      `insert into need_deadline_notice (need_id, step, due_at)
       select n.id, s.step, n.due_at from unnest(?::int[], ?::text[]) as s(id, step) join need n on n.id = s.id
       on conflict do nothing`,
      [`{${due.map((row) => row.id).join(',')}}`, `{${due.map((row) => row.step).join(',')}}`],
    );
    const needs = new Map(
      (await tx.find(Need, { id: { $in: due.map((row) => row.id) } })).map((need) => [need.id, need]),
    );
    for (const row of due) {
      const need = needs.get(row.id)!;
      const dueAt = new Date(row.due_at).toISOString();
      await notifyNeedStep(tx, need, {
        step: row.step,
        actorId: null,
        now,
        dedupeKey: `need:${need.id}:${row.step}:${dueAt}`,
      });
    }
    return due.length;
  });
}

export const deadlineReminderJob: PeriodicJob = {
  name: 'remindNeedDeadlines',
  intervalMs: DEADLINE_REMINDER_INTERVAL_MS,
  async run({ orm, logger }) {
    const reminded = await remindDeadlines(orm.em.fork());
    if (reminded > 0) logger.info({ reminded }, 'reminded workers of deadlines');
  },
};
