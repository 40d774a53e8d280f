import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit.service.js';
import { Need, NeedEvent } from '../needs/need.entity.js';
import { NeedEventKind, NeedStatus } from '../needs/need.enums.js';
import { findVisibleNeed } from '../needs/needs.access.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { PledgeRequest, Resource } from '../offers/offer.entity.js';
import { PledgeRequestStatus } from '../offers/offers.enums.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Context } from '../platform/context.js';
import { badInput, conflict, forbidden, invalidState, notFound, type FieldErrors } from '../platform/errors.js';
import { findById, toId } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { requireRule } from '../platform/scope.js';
import { Project } from '../projects/project.entity.js';
import { ProjectStatus } from '../projects/projects.enums.js';
import type { Unit } from '../units/unit.entity.js';
import { unitIdsOf, requireActingFor } from '../units/units.access.js';
import { CommitmentPhoto, Pledge } from './pledge.entity.js';
import { mayConfirmPledges } from './pledges.access.js';
import { PledgeAuditAction, PledgeAuditTarget } from './pledges.audit.js';
import { PledgeStatus } from './pledges.enums.js';
import type { ConfirmPledgeArgs, PledgeInput } from './pledges.inputs.js';
import { notifyPledge } from './pledges.notifications.js';
import { quantityError, settle } from './pledges.rules.js';
import { canSeePledge, isPledger } from './pledges.visibility.js';

/** Needs in these states take no pledges. */
const CLOSED_NEEDS: readonly NeedStatus[] = [NeedStatus.CLOSED, NeedStatus.REJECTED];
/** Projects in these states take no pledges. */
const CLOSED_PROJECTS: readonly ProjectStatus[] = [ProjectStatus.DONE, ProjectStatus.CANCELLED];

const fail = (errors: FieldErrors) => badInput(errors);

/**
 * 认领: a unit (by its representative) or a person pledges to a need they may see or a project,
 * optionally from one of their resources, whose remaining quantity is taken by one conditional
 * UPDATE (so many pledges at once never take more than is left), optionally answering a request.
 * With an idempotency key, a retry returns the first pledge.
 */
export async function makePledge(ctx: Context, viewer: Viewer, input: PledgeInput, clock: Clock = systemClock) {
  const { idempotencyKey, ...rest } = input;
  const errors = { ...quantityError(input.quantity, 'quantity') };
  if (!!input.needId === !!input.projectId) errors.needId = { key: 'pledgeOneTarget' };
  if (input.dueAt && input.dueAt.getTime() < clock().getTime() - 24 * 3600_000)
    errors.dueAt = { key: 'pledgeDueInPast' };
  if (Object.keys(errors).length > 0) throw fail(errors);
  // The unit is checked before the transaction: requireActingFor reads through the request's own manager.
  const unit = input.unitId !== undefined && input.unitId !== null ? await requireActingFor(ctx, input.unitId) : null;
  return ctx.em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'pledge.make', key: idempotencyKey, input: rest },
      () => createPledge(tx, viewer, unit, input, clock()),
      (id) => tx.findOneOrFail(Pledge, id),
    ),
  );
}

async function createPledge(tx: EntityManager, viewer: Viewer, unit: Unit | null, input: PledgeInput, now: Date) {
  let need: Need | null = null;
  let project: Project | null = null;
  if (input.needId) {
    need = await findVisibleNeed(tx, viewer, input.needId);
    if (!need) throw notFound();
    if (CLOSED_NEEDS.includes(need.status)) throw invalidState({ status: need.status });
  } else {
    project = await findById(tx, Project, input.projectId);
    if (!project) throw notFound();
    if (CLOSED_PROJECTS.includes(project.status)) throw invalidState({ status: project.status });
  }
  const target = (need ?? project)!;

  const resource = input.resourceId ? await pledgedResource(tx, viewer, unit, input) : null;
  const request = input.requestId ? await answeredRequest(tx, viewer, unit, input, now) : null;

  const pledge = tx.create(Pledge, {
    area: target.area,
    areaPath: target.areaPath,
    streetId: target.streetId,
    communityId: target.communityId ?? null,
    gridId: target.gridId ?? null,
    need,
    project,
    unit,
    pledgedBy: viewer.user,
    resource,
    request,
    description: input.description.trim(),
    quantity: input.quantity ?? null,
    measure: input.measure?.trim() || resource?.measure || null,
    dueAt: input.dueAt ?? null,
    createdAt: now,
  });
  if (need) {
    tx.create(NeedEvent, {
      need,
      actor: viewer.user,
      kind: NeedEventKind.PLEDGED,
      note: pledge.description,
      unit,
      at: now,
    });
  }
  await tx.flush();
  await notifyPledge(tx, pledge, { kind: NotificationKind.PLEDGE_MADE, actorId: viewer.id, now });
  return pledge;
}

/**
 * The resource pledged from: the unit's own (or, pledging as oneself, one's own), still offered;
 * its remaining quantity is taken here, under the row's lock, or the pledge is refused.
 */
async function pledgedResource(tx: EntityManager, viewer: Viewer, unit: Unit | null, input: PledgeInput) {
  const resource = await findById(tx, Resource, input.resourceId);
  const owned =
    resource && (unit ? resource.unit?.id === unit.id : !resource.unit && resource.offeredBy.id === viewer.id);
  if (!resource || !owned) throw fail({ resourceId: { key: 'pledgeResourceNotYours' } });
  if (resource.withdrawnAt) throw fail({ resourceId: { key: 'pledgeResourceWithdrawn' } });
  const quantity = input.quantity ?? null;
  if (quantity === null) {
    if (resource.quantity !== null && resource.quantity !== undefined)
      throw fail({ quantity: { key: 'pledgeQuantityRequired' } });
    return resource;
  }
  const taken = await tx.execute<{ id: number }[]>(
    `update resource set quantity_pledged = quantity_pledged + ?
      where id = ? and withdrawn_at is null and (quantity is null or quantity_pledged + ? <= quantity)
      returning id`,
    [quantity, resource.id, quantity],
  );
  if (taken.length === 0) {
    const [left] = await tx.execute<{ remaining: string | null }[]>(
      'select quantity - quantity_pledged as remaining from resource where id = ?',
      [resource.id],
    );
    const remaining = Math.max(0, Number(left?.remaining ?? 0));
    throw conflict(
      { key: 'pledgeExceedsResource', params: { remaining } },
      {
        quantity: { key: 'pledgeExceedsResource', params: { remaining } },
      },
    );
  }
  // The row as the update left it (the loaded one still has the counts from before).
  return tx.refreshOrFail(resource);
}

/** The open request addressed to the unit (or, without one, to the viewer) about the same need or project, now answered. */
async function answeredRequest(tx: EntityManager, viewer: Viewer, unit: Unit | null, input: PledgeInput, now: Date) {
  const request = await findById(tx, PledgeRequest, input.requestId);
  const addressed =
    request &&
    (unit ? request.unit?.id === unit.id : !request.unit && request.person?.id === viewer.id) &&
    String(request.need?.id ?? '') === String(toId(input.needId) ?? '') &&
    String(request.project?.id ?? '') === String(toId(input.projectId) ?? '');
  if (!request || !addressed) throw fail({ requestId: { key: 'pledgeRequestNotYours' } });
  const answered = await tx.nativeUpdate(
    PledgeRequest,
    { id: request.id, status: PledgeRequestStatus.OPEN },
    { status: PledgeRequestStatus.PLEDGED, answeredAt: now },
  );
  if (answered === 0) throw fail({ requestId: { key: 'pledgeRequestAnswered' } });
  return request;
}

/** The pledge, locked for the step; NOT_FOUND when the viewer may not see it. */
async function lockedPledge(ctx: Context, tx: EntityManager, viewer: Viewer, id: string) {
  const pledge = await findById(tx, Pledge, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!pledge) throw notFound();
  const need = pledge.need ? await pledge.need.loadOrFail() : null;
  const unitIds = unitIdsOf(ctx.viewer);
  if (!canSeePledge(viewer, pledge, need, unitIds)) throw notFound();
  return { pledge, need, unitIds };
}

/** Gives back to the resource what was pledged and not delivered, and counts what was. */
async function settleResource(tx: EntityManager, pledge: Pledge, returned: number, delivered: number) {
  if (!pledge.resource || pledge.quantity === null || pledge.quantity === undefined) return;
  await tx.execute(
    'update resource set quantity_pledged = quantity_pledged - ?, quantity_delivered = quantity_delivered + ? where id = ?',
    [returned, delivered, pledge.resource.id],
  );
}

/**
 * Staff over the area confirm the outcome (never of their own or their unit's pledge), with a
 * note and evidence photos uploaded to /uploads/commitment-photos; only once.
 */
export async function confirmPledge(ctx: Context, viewer: Viewer, args: ConfirmPledgeArgs, clock: Clock = systemClock) {
  return ctx.em.transactional(async (tx) => {
    const { pledge, unitIds } = await lockedPledge(ctx, tx, viewer, args.id);
    requireRule(viewer, mayConfirmPledges, { path: pledge.areaPath });
    if (isPledger(viewer, pledge, unitIds)) throw forbidden({ key: 'pledgeOwnConfirm' });
    if (pledge.status !== PledgeStatus.PLEDGED) throw invalidState({ status: pledge.status });
    const settlement = settle(args.outcome, pledge.quantity ?? null, args.quantityDelivered);
    if ('errors' in settlement) throw fail(settlement.errors);
    const photos = await claimablePhotos(tx, viewer, args.photoIds);
    const now = clock();
    const before = { status: pledge.status };

    await settleResource(tx, pledge, settlement.returned, settlement.delivered ?? 0);
    pledge.status = args.outcome;
    pledge.quantityDelivered = settlement.delivered;
    pledge.note = args.note?.trim() || null;
    pledge.settledBy = ref(viewer.user);
    pledge.settledAt = now;
    if (pledge.need) {
      tx.create(NeedEvent, {
        need: pledge.need,
        actor: viewer.user,
        kind: NeedEventKind.PLEDGE_SETTLED,
        note: pledge.note,
        unit: pledge.unit ?? null,
        at: now,
      });
    }
    recordAudit(tx, viewer, {
      action: PledgeAuditAction.CONFIRM,
      targetType: PledgeAuditTarget.PLEDGE,
      targetId: pledge.id,
      area: await pledge.area.loadOrFail(),
      before,
      after: { status: pledge.status, quantityDelivered: pledge.quantityDelivered },
    });
    await tx.flush();
    await claimPhotos(tx, viewer, pledge, photos);
    await notifyPledge(tx, pledge, { kind: NotificationKind.PLEDGE_SETTLED, actorId: viewer.id, now });
    return pledge;
  });
}

/** The pledger (or a representative of its unit) takes a pledge back before it is confirmed, saying why. */
export async function withdrawPledge(
  ctx: Context,
  viewer: Viewer,
  id: string,
  reason: string,
  clock: Clock = systemClock,
) {
  return ctx.em.transactional(async (tx) => {
    const { pledge, unitIds } = await lockedPledge(ctx, tx, viewer, id);
    if (!isPledger(viewer, pledge, unitIds)) throw forbidden({ key: 'pledgeNotYours' });
    if (pledge.status !== PledgeStatus.PLEDGED) throw invalidState({ status: pledge.status });
    const now = clock();
    await settleResource(tx, pledge, pledge.quantity ?? 0, 0);
    pledge.status = PledgeStatus.WITHDRAWN;
    pledge.note = reason.trim();
    pledge.settledBy = ref(viewer.user);
    pledge.settledAt = now;
    if (pledge.need) {
      tx.create(NeedEvent, {
        need: pledge.need,
        actor: viewer.user,
        kind: NeedEventKind.PLEDGE_WITHDRAWN,
        note: pledge.note,
        unit: pledge.unit ?? null,
        at: now,
      });
    }
    await tx.flush();
    await notifyPledge(tx, pledge, {
      kind: NotificationKind.PLEDGE_WITHDRAWN,
      actorId: viewer.id,
      reason: pledge.note,
      now,
    });
    return pledge;
  });
}

/** The viewer's uploaded photos among `ids` that nothing has taken yet; BAD_USER_INPUT unless that is all of them. */
async function claimablePhotos(tx: EntityManager, viewer: Viewer, ids: readonly string[] | null | undefined) {
  const photoIds = [...new Set(ids ?? [])].map((id) => toId(id));
  if (photoIds.length === 0) return [];
  const photos = await tx.find(CommitmentPhoto, {
    id: { $in: photoIds.filter((id): id is number => id !== null) },
    uploadedBy: viewer.id,
    pledge: null,
    project: null,
  });
  if (photos.length !== photoIds.length) throw fail({ photoIds: { key: 'commitmentPhotoNotUsable' } });
  return photos;
}

/** Attaches the photos to the pledge only while still free: of two claims at once, one gets them, the other CONFLICT. */
async function claimPhotos(tx: EntityManager, viewer: Viewer, pledge: Pledge, photos: readonly CommitmentPhoto[]) {
  if (photos.length === 0) return;
  const claimed = await tx.nativeUpdate(
    CommitmentPhoto,
    { id: { $in: photos.map((photo) => photo.id) }, uploadedBy: viewer.id, pledge: null, project: null },
    { pledge: pledge.id },
  );
  if (claimed !== photos.length)
    throw conflict({ key: 'commitmentPhotoNotUsable' }, { photoIds: { key: 'commitmentPhotoNotUsable' } });
  for (const photo of photos) photo.pledge = ref(pledge);
}
