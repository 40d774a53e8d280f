import {
  OptimisticLockError,
  UniqueConstraintViolationException,
  type EntityManager,
  raw,
  ref,
} from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { communityPathOf, levelsOf, type LevelValues } from '../areas/area-levels.js';
import { HOME_AREA_KINDS } from '../areas/areas.rules.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { AppError, badInput, conflict, forbidden, invalidState } from '../platform/errors.js';
import { findById, toId } from '../platform/ids.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { once } from '../platform/idempotency.js';
import { idsOnPath, isWithin, requireRule } from '../platform/scope.js';
import { User } from '../people/user.entity.js';
import { Need, NeedEvent, NeedPhoto, NeedSupport } from './need.entity.js';
import {
  NeedAction,
  NeedCategory,
  NeedChannel,
  NeedEventKind,
  NeedPhotoStage,
  NeedStatus,
  Urgency,
} from './need.enums.js';
import { NEED_ACTION_AUDIT } from './needs.audit.js';
import type { RaiseNeedInput } from './needs.inputs.js';
import {
  addHours,
  AUTO_CLOSE_AFTER_DAYS,
  currentDeadline,
  nextStatus,
  assignSteps,
  publicByDefault,
  roleAllows,
  takeSteps,
  type DeadlineHours,
} from './needs.rules.js';
import {
  actorFacts,
  assignableTo,
  factsOf,
  mayHandleNeeds,
  mayRaiseOnBehalf,
  NEED_WORKERS,
  visibleNeedOrFail,
} from './needs.access.js';
import { deadlineFor } from './needs.deadlines.js';
import { notifyNeedStep } from './needs.notifications.js';
import type { Unit } from '../units/unit.entity.js';
import { unitIdsOf } from '../units/units.access.js';
import { assignableUnit } from '../units/units.service.js';

/** What a new need row is made of, once the area, people and deadlines are known. */
export interface NeedRowInput {
  title: string;
  description?: string | null;
  category: NeedCategory;
  urgency?: Urgency | null;
  channel?: NeedChannel | null;
  isPublic?: boolean | null;
  levels: LevelValues;
  /** Who answers it: its grid, or its community when it lies in none. */
  responsible: Area;
  raisedBy: User;
  onBehalfOf?: User | null;
  deadline: DeadlineHours;
}

/**
 * The row of a need raised at `now`, status SUBMITTED: the one place a need row is made (raiseNeed
 * and the seeds build theirs with it).
 */
export function buildNeedRow(input: NeedRowInput, now: Date) {
  const respondBy = addHours(now, input.deadline.respondHours);
  const resolveBy = addHours(now, input.deadline.resolveHours);
  return {
    title: input.title.trim(),
    description: (input.description ?? '').trim(),
    category: input.category,
    urgency: input.urgency ?? Urgency.NORMAL,
    channel: input.channel ?? NeedChannel.APP,
    isPublic: input.isPublic ?? publicByDefault(input.category, !!input.onBehalfOf),
    ...input.levels,
    responsibleArea: input.responsible,
    responsiblePath: input.responsible.path,
    raisedBy: input.raisedBy,
    onBehalfOf: input.onBehalfOf ?? null,
    status: NeedStatus.SUBMITTED,
    respondBy,
    resolveBy,
    dueAt: currentDeadline(NeedStatus.SUBMITTED, respondBy, resolveBy),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Raises a need in one transaction. With an idempotency key, a retry (a double tap, a phone
 * that lost signal, an offline queue sending again) returns the need the first call raised.
 */
export async function raiseNeed(
  em: EntityManager,
  viewer: Viewer,
  input: RaiseNeedInput,
  clock: Clock = systemClock,
): Promise<Need> {
  const { idempotencyKey, ...rest } = input;
  return em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'need.raise', key: idempotencyKey, input: rest },
      () => createNeed(tx, viewer, input, clock),
      (id) => tx.findOneOrFail(Need, id),
    ),
  );
}

/** The viewer's photos among `ids` that no need has taken yet; BAD_USER_INPUT on `field` unless that is all of them. */
async function claimablePhotos(
  em: EntityManager,
  viewer: Viewer,
  ids: readonly string[] | null | undefined,
  field: string,
): Promise<NeedPhoto[]> {
  const photoIds = (ids ?? []).map((id) => toId(id));
  const photos = photoIds.length
    ? await em.find(NeedPhoto, {
        id: { $in: photoIds.filter((id): id is number => id !== null) },
        uploadedBy: viewer.id,
        need: null,
      })
    : [];
  if (photos.length !== photoIds.length) throw badInput({ [field]: { key: 'photoNotUsable' } });
  return photos;
}

/**
 * Attaches the photos to the need at this stage, only while still free: of two needs (or two
 * resolutions) given the same photo at once, one gets it, the other CONFLICT.
 */
async function claimPhotos(
  em: EntityManager,
  viewer: Viewer,
  need: Need,
  photos: readonly NeedPhoto[],
  stage: NeedPhotoStage,
  field: string,
): Promise<void> {
  if (photos.length === 0) return;
  const claimed = await em.nativeUpdate(
    NeedPhoto,
    { id: { $in: photos.map((photo) => photo.id) }, uploadedBy: viewer.id, need: null },
    { need: need.id, stage },
  );
  if (claimed !== photos.length) throw conflict({ key: 'photoNotUsable' }, { [field]: { key: 'photoNotUsable' } });
  for (const photo of photos) {
    photo.need = ref(need);
    photo.stage = stage;
  }
}

/** The checks and rows of raising a need, inside the caller's transaction `em`. */
async function createNeed(em: EntityManager, viewer: Viewer, input: RaiseNeedInput, clock: Clock): Promise<Need> {
  const area = await findById(em, Area, input.areaId);
  if (!area) throw badInput({ areaId: { key: 'NOT_FOUND' } });
  if (!HOME_AREA_KINDS.includes(area.kind)) throw badInput({ areaId: { key: 'needAreaKind' } });
  const levels = await levelsOf(em, area);

  let onBehalfOf: User | null = null;
  if (input.onBehalfOfUserId !== undefined && input.onBehalfOfUserId !== null) {
    requireRule(viewer, mayRaiseOnBehalf, area);
    onBehalfOf = await findById(em, User, input.onBehalfOfUserId);
    // Only for a resident living where the worker works: anyone else is as unknown as a wrong id.
    const home = onBehalfOf?.homeArea ? await onBehalfOf.homeArea.load() : null;
    if (!onBehalfOf || !home || !mayRaiseOnBehalf(viewer, home))
      throw badInput({ onBehalfOfUserId: { key: 'NOT_FOUND' } });
  } else {
    const home = viewer.user.homeArea ? await viewer.user.homeArea.load() : null;
    const homeCommunity = home ? communityPathOf(await levelsOf(em, home)) : null;
    const allowed = (homeCommunity && isWithin(area.path, homeCommunity)) || mayHandleNeeds(viewer, area);
    if (!allowed) throw forbidden({ key: 'needAreaOutsideHome' });
  }

  const photos = await claimablePhotos(em, viewer, input.photoIds, 'photoIds');

  const deadline = await deadlineFor(em, levels.streetId, input.category, input.urgency ?? Urgency.NORMAL);
  const responsibleId = levels.gridId ?? levels.communityId!;
  const responsible = responsibleId === area.id ? area : await em.findOneOrFail(Area, responsibleId);
  const now = clock();

  const need = em.create(
    Need,
    buildNeedRow({ ...input, levels, responsible, raisedBy: viewer.user, onBehalfOf, deadline }, now),
  );
  em.create(NeedEvent, {
    need,
    actor: viewer.user,
    kind: NeedEventKind.RAISED,
    toStatus: NeedStatus.SUBMITTED,
    at: now,
  });
  await em.flush();
  await notifyNeedStep(em, need, { step: 'RAISED', actorId: viewer.id, now });
  await claimPhotos(em, viewer, need, photos, NeedPhotoStage.RAISED, 'photoIds');
  return need;
}

interface Step {
  action: NeedAction;
  note?: string | null;
  /** Changes beyond the status, made inside the transaction at `now`; may name an area or a unit for the event. */
  apply?: (need: Need, tx: EntityManager, now: Date) => void | Promise<void | { eventArea?: Area; eventUnit?: Unit }>;
  kind?: NeedEventKind;
}

/** The steps to take: one, several in turn, or chosen once the need is read in the transaction. */
type Steps = Step | readonly Step[] | ((need: Need) => readonly Step[]);

/**
 * Steps of a need's life, in one transaction: each checked, as the steps before it left the need,
 * against who may act and whether the state allows it; each changes the need and writes its
 * timeline event and, for staff, its audit entry. One refused step undoes them all.
 * A concurrent change makes the version check fail: the loser gets CONFLICT.
 */
export async function act(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  steps: Steps,
  clock: Clock = systemClock,
): Promise<Need> {
  const now = clock();
  try {
    return await em.transactional(async (tx) => {
      const need = await visibleNeedOrFail(tx, viewer, id, true);
      const unitIds = unitIdsOf(viewer);
      const planned = typeof steps === 'function' ? steps(need) : 'action' in steps ? [steps] : steps;
      for (const step of planned) await takeStep(tx, viewer, need, step, now, unitIds);
      return need;
    });
  } catch (error) {
    if (error instanceof OptimisticLockError) throw conflict({ key: 'needChangedMeanwhile' });
    throw error;
  }
}

/** One step on a need read in the transaction `tx`. */
async function takeStep(
  tx: EntityManager,
  viewer: Viewer,
  need: Need,
  step: Step,
  now: Date,
  unitIds: ReadonlySet<number>,
): Promise<void> {
  const to = checkAllowed(viewer, need, step.action, false, unitIds);
  const from = need.status;
  const before = {
    status: from,
    assigneeId: need.assignee?.id ?? null,
    assigneeUnitId: need.assigneeUnit?.id ?? null,
    responsibleAreaId: need.responsibleArea.id,
  };
  need.status = to;
  const extra = await step.apply?.(need, tx, now);
  need.dueAt = currentDeadline(to, need.respondBy, need.resolveBy);
  tx.create(NeedEvent, {
    need,
    actor: viewer.user,
    kind: step.kind ?? (from === to ? NeedEventKind.COMMENT : NeedEventKind.TRANSITION),
    fromStatus: from === to ? null : from,
    toStatus: from === to ? null : to,
    note: step.note?.trim() || null,
    area: extra?.eventArea ?? null,
    unit: extra?.eventUnit ?? null,
    at: now,
  });
  await notifyNeedStep(tx, need, { step: step.action, actorId: viewer.id, note: step.note, now });
  const auditAction = NEED_ACTION_AUDIT[step.action];
  if (viewer.hasRoleOver(NEED_WORKERS, need.areaPath) && auditAction) {
    recordAudit(tx, viewer, {
      action: auditAction,
      targetType: 'Need',
      targetId: need.id,
      area: await need.area.loadOrFail(),
      before,
      after: {
        status: to,
        assigneeId: need.assignee?.id ?? null,
        assigneeUnitId: need.assigneeUnit?.id ?? null,
        responsibleAreaId: need.responsibleArea.id,
      },
      at: now,
    });
  }
}

/** FORBIDDEN when the person may never take the action, INVALID_STATE when the state does not allow it now. */
function checkAllowed(
  viewer: Viewer,
  need: Need,
  action: NeedAction,
  hasSupported: boolean,
  unitIds?: ReadonlySet<number>,
): NeedStatus {
  const facts = factsOf(need);
  if (!roleAllows(action, facts, actorFacts(viewer, need, hasSupported, unitIds))) {
    if (hasSupported) throw conflict({ key: 'alreadySupported' });
    throw forbidden();
  }
  const to = nextStatus(facts, action);
  if (to === null) throw invalidState({ status: need.status });
  return to;
}

const accepting = (note?: string | null): Step => ({ action: NeedAction.ACCEPT, note, apply: respond });

export const acceptNeed = (em: EntityManager, viewer: Viewer, id: string, note?: string, clock?: Clock) =>
  act(em, viewer, id, accepting(note), clock);

function respond(need: Need, _tx: EntityManager, now: Date) {
  need.respondedAt ??= now;
}

/** Who a need is assigned to: a person (yourself when neither is named) or a unit, whose representatives work it. */
export interface Assignee {
  userId?: string | null;
  unitId?: string | null;
}

/** ASSIGN to someone who holds an assignable role where the need is, or to a unit of its community. */
function assigning(viewer: Viewer, assignee: Assignee, note?: string | null): Step {
  return {
    action: NeedAction.ASSIGN,
    note,
    apply: async (need, tx) => {
      if (assignee.unitId !== undefined && assignee.unitId !== null) {
        if (assignee.userId !== undefined && assignee.userId !== null) {
          throw badInput({ assigneeUnitId: { key: 'assigneeOneOf' } });
        }
        const unit = await assignableUnit(tx, need, assignee.unitId);
        need.assigneeUnit = ref(unit);
        need.assignee = null;
        return { eventUnit: unit };
      }
      const person = await findById(tx, User, assignee.userId ?? viewer.id);
      if (!person) throw badInput({ assigneeUserId: { key: 'NOT_FOUND' } });
      const assignable = await tx.count(User, { $and: [{ id: person.id }, assignableTo(tx, need)] });
      if (assignable === 0) throw badInput({ assigneeUserId: { key: 'assigneeNotWorker' } });
      need.assignee = ref(person);
      need.assigneeUnit = null;
    },
  };
}

export const assignNeed = (
  em: EntityManager,
  viewer: Viewer,
  id: string,
  assignee: Assignee,
  note?: string,
  clock?: Clock,
) => act(em, viewer, id, assigning(viewer, assignee, note), clock);

const starting = (note?: string | null): Step => ({ action: NeedAction.START, note });

/** The steps 接单 and batch 派单 are made of, each as when taken alone. */
function stepOf(action: NeedAction, viewer: Viewer, assignee: Assignee, note: string | null): Step {
  if (action === NeedAction.ACCEPT) return accepting(note);
  if (action === NeedAction.ASSIGN) return assigning(viewer, assignee, note);
  if (action === NeedAction.START) return starting(note);
  throw new Error(`${action} is no step of 接单 or 派单`);
}

/**
 * 接单: accept (while SUBMITTED), assign to yourself and start, in one transaction with an event
 * each; the note goes on the last (the work begins).
 */
export const takeNeed = (em: EntityManager, viewer: Viewer, id: string, note?: string, clock?: Clock) =>
  act(
    em,
    viewer,
    id,
    (need) => {
      // The whole move first, so that someone who may not take it is told FORBIDDEN, not how far they got.
      checkAllowed(viewer, need, NeedAction.TAKE, false);
      const actions = takeSteps(need.status);
      return actions.map((action, i) => stepOf(action, viewer, {}, i === actions.length - 1 ? (note ?? null) : null));
    },
    clock,
  );

export interface NeedBatchOutcome {
  needs: Need[];
  /** The needs not changed, each with the error it would have got alone. */
  failures: { id: string; error: AppError }[];
}

/**
 * Batch 派单 (SUBMITTED needs are accepted first). Each need in its own transaction: a worker
 * picking ten needs from the inbox expects the nine still open to go out when one was taken
 * meanwhile, and to be told which one and why, as when assigning them one by one. A need named
 * twice is assigned once.
 */
export async function assignNeeds(
  em: EntityManager,
  viewer: Viewer,
  ids: readonly string[],
  assignee: Assignee,
  note?: string,
  clock?: Clock,
): Promise<NeedBatchOutcome> {
  const done: number[] = [];
  const failures: NeedBatchOutcome['failures'] = [];
  for (const id of new Set(ids)) {
    try {
      // A fork each: a refused need's half-made changes stay in its own fork, never flushed with the next one.
      const assigned = await act(
        em.fork(),
        viewer,
        id,
        (need) =>
          assignSteps(need.status).map((action) =>
            stepOf(action, viewer, assignee, action === NeedAction.ASSIGN ? (note ?? null) : null),
          ),
        clock,
      );
      done.push(assigned.id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failures.push({ id, error });
    }
  }
  // Read back together, in the request's manager, so their fields load in batches.
  const needs = done.length ? await em.find(Need, { id: { $in: done } }, { refresh: true }) : [];
  const byId = new Map(needs.map((need) => [need.id, need]));
  return { needs: done.map((needId) => byId.get(needId)!), failures };
}

export const startNeed = (em: EntityManager, viewer: Viewer, id: string, note?: string, clock?: Clock) =>
  act(em, viewer, id, starting(note), clock);

/** 办好了, with photos of the place before and after the work (uploaded as for raising). */
export const resolveNeed = (
  em: EntityManager,
  viewer: Viewer,
  id: string,
  resolution: string,
  photoIds: { before?: readonly string[] | null; after?: readonly string[] | null } = {},
  clock?: Clock,
) =>
  act(
    em,
    viewer,
    id,
    {
      action: NeedAction.RESOLVE,
      note: resolution,
      apply: async (need, tx, now) => {
        const before = await claimablePhotos(tx, viewer, photoIds.before, 'beforePhotoIds');
        const after = await claimablePhotos(tx, viewer, photoIds.after, 'afterPhotoIds');
        // One photo, one stage: a photo named twice in a list is found once and fails the count above.
        if (after.some((photo) => before.includes(photo))) throw badInput({ afterPhotoIds: { key: 'photoNotUsable' } });
        await claimPhotos(tx, viewer, need, before, NeedPhotoStage.BEFORE, 'beforePhotoIds');
        await claimPhotos(tx, viewer, need, after, NeedPhotoStage.AFTER, 'afterPhotoIds');
        need.resolution = resolution.trim();
        need.resolvedAt = now;
      },
    },
    clock,
  );

export const confirmNeed = (
  em: EntityManager,
  viewer: Viewer,
  id: string,
  rating: number,
  comment?: string,
  clock?: Clock,
) =>
  act(
    em,
    viewer,
    id,
    {
      action: NeedAction.CONFIRM,
      note: comment,
      apply: (need, _tx, now) => {
        need.rating = rating;
        need.ratingComment = comment?.trim() || null;
        need.closedAt = now;
      },
    },
    clock,
  );

export const reopenNeed = (em: EntityManager, viewer: Viewer, id: string, reason: string, clock?: Clock) =>
  act(
    em,
    viewer,
    id,
    {
      action: NeedAction.REOPEN,
      note: reason,
      apply: (need) => {
        need.reopenCount += 1;
        need.closedAt = null;
        need.resolvedAt = null;
        need.rating = null;
        need.ratingComment = null;
      },
    },
    clock,
  );

export const rejectNeed = (em: EntityManager, viewer: Viewer, id: string, reason: string, clock?: Clock) =>
  act(
    em,
    viewer,
    id,
    {
      action: NeedAction.REJECT,
      note: reason,
      apply: (need, tx, now) => {
        respond(need, tx, now);
        need.closedAt = now;
      },
    },
    clock,
  );

/** 吹哨: the parent of the responsible area answers from now on. */
export async function escalateNeed(em: EntityManager, viewer: Viewer, id: string, reason: string, clock?: Clock) {
  return act(
    em,
    viewer,
    id,
    {
      action: NeedAction.ESCALATE,
      note: reason,
      kind: NeedEventKind.ESCALATED,
      apply: async (need: Need, tx: EntityManager) => {
        const ids = idsOnPath(need.responsiblePath);
        const parent = await tx.findOneOrFail(Area, ids[ids.length - 2]!);
        need.responsibleArea = ref(parent);
        need.responsiblePath = parent.path;
        return { eventArea: parent };
      },
    },
    clock,
  );
}

export const commentOnNeed = (em: EntityManager, viewer: Viewer, id: string, note: string, clock?: Clock) =>
  act(em, viewer, id, { action: NeedAction.COMMENT, note }, clock);

/**
 * 附议: once per person (a unique index decides between double clicks). The count is
 * raised in place, without the version check, so neighbours supporting at once never conflict.
 */
export async function supportNeed(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  clock: Clock = systemClock,
): Promise<Need> {
  try {
    return await em.transactional(async (tx) => {
      const need = await visibleNeedOrFail(tx, viewer, id);
      const hasSupported = (await tx.count(NeedSupport, { need, user: viewer.id })) > 0;
      checkAllowed(viewer, need, NeedAction.SUPPORT, hasSupported);
      tx.create(NeedSupport, { need, user: viewer.user, at: clock() });
      await tx.flush();
      await tx.nativeUpdate(Need, { id: need.id }, { supporterCount: raw('supporter_count + 1') });
      await tx.refresh(need);
      return need;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict({ key: 'alreadySupported' });
    throw error;
  }
}

/**
 * Closes, unrated, the needs whose resolution the resident has not confirmed within the
 * period. Safe to run on every instance at once: each row is taken by one of them.
 * Returns what it closed, at most 500 at a time, for live updates.
 */
export async function closeUnconfirmedNeeds(
  em: EntityManager,
  now = new Date(),
): Promise<{ id: number; areaPath: string }[]> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<{ id: number }[]>(
      `select id from need where status = 'RESOLVED' and resolved_at < ? order by id limit 500 for update skip locked`,
      [new Date(now.getTime() - AUTO_CLOSE_AFTER_DAYS * 24 * 3600 * 1000)],
    );
    if (rows.length === 0) return [];
    const needs = await tx.find(Need, { id: { $in: rows.map((row) => row.id) } });
    for (const need of needs) {
      need.status = NeedStatus.CLOSED;
      need.closedAt = now;
      need.dueAt = currentDeadline(NeedStatus.CLOSED, need.respondBy, need.resolveBy);
      tx.create(NeedEvent, {
        need,
        kind: NeedEventKind.AUTO_CLOSED,
        fromStatus: NeedStatus.RESOLVED,
        toStatus: NeedStatus.CLOSED,
        at: now,
      });
      await notifyNeedStep(tx, need, { step: 'AUTO_CLOSED', actorId: null, now });
    }
    return needs.map((need) => ({ id: need.id, areaPath: need.areaPath }));
  });
}
