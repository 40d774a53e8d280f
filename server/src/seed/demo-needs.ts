import type { EntityManager } from '@mikro-orm/postgresql';
import { Area, AreaKind } from '../areas/area.entity.js';
import { Need } from '../needs/need.entity.js';
import { NeedChannel as Ch, NeedStatus as S, Urgency as U } from '../needs/need.enums.js';
import {
  acceptNeed,
  assignNeed,
  closeUnconfirmedNeeds,
  commentOnNeed,
  confirmNeed,
  escalateNeed,
  raiseNeed,
  rejectNeed,
  resolveNeed,
  startNeed,
  supportNeed,
} from '../needs/needs.lifecycle.js';
import { remindDeadlines } from '../needs/needs.jobs.js';
import { defaultDeadline, FINISHED_STATUSES } from '../needs/needs.rules.js';
import { viewerOf } from '../people/sessions.js';
import type { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { clockAt } from '../platform/clock.js';
import { idsOnPath } from '../platform/scope.js';
import { DEMO_NEEDS, GRID_WORKER, HEPING_STAFF, STAFF } from './demo-needs.data.js';

/** Whose grid or community it is: who accepts and, unless named, gets the need assigned. */
function workerFor(responsiblePath: string, areaIdsByName: Map<string, number>): string {
  const ids = idsOnPath(responsiblePath);
  if (ids.includes(areaIdsByName.get('和平社区')!)) return HEPING_STAFF;
  if (ids.includes(areaIdsByName.get('幸福里第一网格')!)) return GRID_WORKER;
  return STAFF;
}

const HOUR = 3600 * 1000;

/** One step of a demo need's life, played at `at` by the real lifecycle. */
interface Step {
  at: Date;
  play(id: string, at: Date): Promise<unknown>;
}

/**
 * Plays the demo needs (demo-needs.data.ts) through the lifecycle the app uses, each step at
 * its time in the past: rows, timelines, audit entries and supports are what real use writes.
 */
export async function seedDemoNeeds(
  tx: EntityManager,
  /** The area at these names, from the street down. */
  area: (names: string[]) => Area,
  areas: Area[],
  users: Map<string, User>,
  homes: Map<string, string[]>,
): Promise<void> {
  const now = new Date();
  const user = (phone: string) => {
    const found = users.get(phone);
    if (!found) throw new Error(`demo user missing: ${phone}`);
    return found;
  };
  const viewers = new Map<string, Viewer>();
  const as = async (phone: string) => {
    let viewer = viewers.get(phone);
    if (!viewer) viewers.set(phone, (viewer = await viewerOf(tx, user(phone))));
    return viewer;
  };
  const byId = new Map(areas.map((a) => [a.id, a]));
  const areasByName = new Map(areas.filter((a) => a.kind !== AreaKind.BUILDING).map((a) => [a.name, a.id]));
  const parentOf = (a: Area) => byId.get(idsOnPath(a.path).at(-2)!)!;

  // Oldest first, so ids follow creation time as they do in real use.
  const plans = [...DEMO_NEEDS].sort((a, b) => b.ago - a.ago);
  for (const plan of plans) {
    const names = plan.area ? ['幸福街道', ...plan.area] : homes.get(plan.for ?? plan.by);
    if (!names) throw new Error(`demo need ${plan.title}: no area`);
    const at = area(names);
    const path = idsOnPath(at.path).map((id) => byId.get(id)!);
    const of = (kinds: AreaKind[]) => path.find((a) => kinds.includes(a.kind)) ?? null;
    let responsible = of([AreaKind.GRID]) ?? of([AreaKind.COMMUNITY, AreaKind.VILLAGE])!;
    const urgency = plan.urgency ?? U.NORMAL;
    const deadline = defaultDeadline(plan.category, urgency);
    const created = new Date(now.getTime() - plan.ago * HOUR);
    const owner = plan.for ?? plan.by;

    const steps: Step[] = [];
    let t = created;
    const later = (hours: number, play: Step['play']) => {
      t = new Date(t.getTime() + hours * HOUR);
      steps.push({ at: t, play });
    };
    const order = [S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED];
    const reaches = (s: S) => plan.status !== S.REJECTED && order.indexOf(plan.status) >= order.indexOf(s);
    const escalate = () => {
      const escalation = plan.escalate;
      if (!escalation) return;
      responsible = parentOf(responsible);
      later(0.5, async (id, when) => escalateNeed(tx, await as(escalation.by), id, escalation.note, clockAt(when)));
    };

    if (plan.status === S.REJECTED) {
      // Only staff may reject: the grid worker's grid is 幸福里社区's, whose staff decides.
      const staff = workerFor(responsible.path, areasByName) === HEPING_STAFF ? HEPING_STAFF : STAFF;
      later(deadline.respondHours * 0.4, async (id, when) =>
        rejectNeed(tx, await as(staff), id, plan.rejectReason ?? '', clockAt(when)),
      );
    } else if (reaches(S.ACCEPTED)) {
      const worker = workerFor(responsible.path, areasByName);
      later(deadline.respondHours * (plan.late ? 1.6 : 0.3), async (id, when) =>
        acceptNeed(tx, await as(worker), id, undefined, clockAt(when)),
      );
      escalate();
    } else {
      escalate();
    }
    let assignee: string | null = null;
    if (reaches(S.ASSIGNED)) {
      const to = plan.assignee ?? workerFor(responsible.path, areasByName);
      const assigner = workerFor(responsible.path, areasByName);
      const note = assigner === to ? undefined : `请${user(to).displayName}跟进处理`;
      later(1, async (id, when) =>
        assignNeed(tx, await as(assigner), id, { userId: String(user(to).id) }, note, clockAt(when)),
      );
      assignee = to;
    }
    const worker = assignee;
    if (worker && reaches(S.IN_PROGRESS))
      later(2, async (id, when) => startNeed(tx, await as(worker), id, undefined, clockAt(when)));
    let resolvedAt: Date | null = null;
    if (worker && reaches(S.RESOLVED)) {
      const target = created.getTime() + deadline.resolveHours * (plan.late ? 0.9 : 0.45) * HOUR;
      later(Math.max(2, (target - t.getTime()) / HOUR), async (id, when) =>
        resolveNeed(tx, await as(worker), id, plan.resolution ?? '', {}, clockAt(when)),
      );
      resolvedAt = t;
    }
    if (reaches(S.CLOSED)) {
      if (plan.autoClosed) later(7 * 24 + 1, (_id, when) => closeUnconfirmedNeeds(tx, when));
      else
        later(20, async (id, when) =>
          confirmNeed(tx, await as(owner), id, plan.rating ?? 5, plan.ratingComment, clockAt(when)),
        );
    }
    for (const comment of plan.comments ?? []) {
      const when = new Date(created.getTime() + comment.after * HOUR);
      steps.push({
        at: when,
        play: async (id) => commentOnNeed(tx, await as(comment.by), id, comment.text, clockAt(when)),
      });
    }
    const supporters = plan.isPublic === false || plan.status === S.REJECTED ? [] : (plan.supporters ?? []);
    if (supporters.includes(owner) || supporters.includes(plan.by))
      throw new Error(`demo need ${plan.title}: owner supports`);
    supporters.forEach((phone, i) => {
      const when = new Date(
        created.getTime() + ((i + 1) / (supporters.length + 1)) * (now.getTime() - created.getTime()) * 0.5,
      );
      steps.push({ at: when, play: async (id) => supportNeed(tx, await as(phone), id, clockAt(when)) });
    });

    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    if ((steps.at(-1)?.at.getTime() ?? 0) > now.getTime() - 5 * 60 * 1000)
      throw new Error(`demo need ${plan.title}: timeline runs past now`);
    if (plan.status === S.RESOLVED && now.getTime() - resolvedAt!.getTime() > 6 * 24 * HOUR)
      throw new Error(`demo need ${plan.title}: would be closed automatically`);

    const raised = await raiseNeed(
      tx,
      await as(plan.by),
      {
        title: plan.title,
        description: plan.description,
        category: plan.category,
        urgency,
        channel: plan.channel ?? Ch.APP,
        isPublic: plan.isPublic ?? true,
        areaId: String(at.id),
        onBehalfOfUserId: plan.for ? String(user(plan.for).id) : undefined,
      },
      clockAt(created),
    );
    const id = String(raised.id);
    for (const step of steps) await step.play(id, step.at);

    const need = await tx.findOneOrFail(Need, raised.id, { refresh: true });
    if (need.status !== plan.status) throw new Error(`demo need ${plan.title}: ended ${need.status}`);
    const finished = FINISHED_STATUSES.includes(need.status);
    const overdue = need.dueAt.getTime() < now.getTime();
    if (!finished && overdue !== !!plan.overdue) throw new Error(`demo need ${plan.title}: overdue is ${overdue}`);
    if (!finished && !overdue && need.dueAt.getTime() < now.getTime() + HOUR)
      throw new Error(`demo need ${plan.title}: due within the hour`);
  }
  // The reminders the job would have sent by now (the overdue need's workers have theirs).
  await remindDeadlines(tx, now);
  // The past as people would have lived it: what is older than two days has been read (赵桂兰's
  // latest 办好了 is still unread), and the SMS of the past went out at their time.
  await tx.execute(`update notification set read_at = created_at + interval '1 hour' where created_at < ?`, [
    new Date(now.getTime() - 48 * HOUR),
  ]);
  await tx.execute(
    `update outbox_message set status = 'SENT', attempts = 1, sent_at = not_before where not_before <= ?`,
    [now],
  );
}
