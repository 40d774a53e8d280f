import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { communityPathOf } from '../areas/area-levels.js';
import { recordAudit } from '../audit/audit.service.js';
import { findVisibleUser } from '../people/people.service.js';
import type { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { DEFAULT_LOCALE } from '../platform/i18n/locale.js';
import { translate } from '../platform/i18n/messages.js';
import { findById, toId } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { requireRule } from '../platform/scope.js';
import { mayManageProjects } from '../projects/projects.access.js';
import { createProject, unitServes } from '../projects/projects.service.js';
import { Unit } from '../units/unit.entity.js';
import { unitIdsOf } from '../units/units.access.js';
import { Vote } from '../votes/vote.entity.js';
import { VoteOutcome } from '../votes/votes.enums.js';
import { Resolution, ResolutionPhoto, ResolutionUpdate } from './resolution.entity.js';
import { mayManageResolutions } from './resolutions.access.js';
import { ResolutionStatus } from './resolutions.enums.js';
import { ResolutionAuditAction, ResolutionAuditTarget } from './resolutions.audit.js';
import type { RecordResolutionInput, UpdateResolutionProgressArgs } from './resolutions.inputs.js';
import { notifyAssigned } from './resolutions.notifications.js';
import { dueAtErrors, mayUpdateProgress, percentErrors, progressed } from './resolutions.rules.js';

/** Where a resolution's owner unit must serve: the vote's community (or its own area above community level). */
const homePathOf = (row: { areaPath: string; communityId?: number | null }) =>
  communityPathOf({ areaPath: row.areaPath, communityId: row.communityId ?? null }) ?? row.areaPath;

/** The owner: a person within the viewer's reach, or a unit that serves the area; exactly one, else NOT_FOUND / BAD_USER_INPUT. */
async function ownerOf(em: EntityManager, viewer: Viewer, input: RecordResolutionInput, vote: Vote) {
  const hasUser = !!input.ownerUserId;
  const hasUnit = !!input.ownerUnitId;
  if (hasUser === hasUnit) throw badInput({ ownerUserId: { key: 'resolutionOneOwner' } });
  if (hasUser) {
    const person = await findVisibleUser(em, viewer, input.ownerUserId!);
    if (!person) throw notFound();
    return { ownerUser: person, ownerUnit: null };
  }
  const unit = await findById(em, Unit, input.ownerUnitId);
  if (!unit || !(await unitServes(em, unit.id, homePathOf(vote)))) throw notFound();
  return { ownerUser: null, ownerUnit: unit };
}

/**
 * 决议: staff over a PASSED vote's area record what it decided, who carries it out (a person or
 * a unit) and by when. With an idempotency key a retry returns the first resolution.
 */
export async function recordResolution(
  em: EntityManager,
  viewer: Viewer,
  input: RecordResolutionInput,
  clock: Clock = systemClock,
): Promise<Resolution> {
  const { idempotencyKey, ...rest } = input;
  const vote = await findById(em, Vote, input.voteId, { populate: ['area'] });
  if (!vote) throw notFound();
  requireRule(viewer, mayManageResolutions, { path: vote.areaPath });
  if (vote.outcome !== VoteOutcome.PASSED) throw invalidState({ outcome: vote.outcome ?? null });
  const now = clock();
  const errors = dueAtErrors(input.dueAt, now);
  if (Object.keys(errors).length) throw badInput(errors);
  const owner = await ownerOf(em, viewer, input, vote);
  return em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'resolution.record', key: idempotencyKey, input: rest },
      async () => {
        const resolution = tx.create(Resolution, {
          area: tx.merge(vote.area.getEntity()),
          areaPath: vote.areaPath,
          streetId: vote.streetId,
          communityId: vote.communityId ?? null,
          gridId: vote.gridId ?? null,
          title: input.title.trim(),
          vote: tx.merge(vote),
          topic: vote.topic ?? null,
          ownerUser: owner.ownerUser ? tx.merge(owner.ownerUser) : null,
          ownerUnit: owner.ownerUnit ? tx.merge(owner.ownerUnit) : null,
          dueAt: input.dueAt,
          createdBy: viewer.user as User,
          createdAt: now,
        });
        await tx.flush();
        recordAudit(tx, viewer, {
          action: ResolutionAuditAction.RECORD,
          targetType: ResolutionAuditTarget.RESOLUTION,
          targetId: resolution.id,
          area: vote.area.getEntity(),
          at: now,
          after: {
            voteId: vote.id,
            title: resolution.title,
            ownerUserId: owner.ownerUser?.id ?? null,
            ownerUnitId: owner.ownerUnit?.id ?? null,
            dueAt: input.dueAt.toISOString(),
          },
        });
        await notifyAssigned(tx, resolution, viewer.id, now);
        return resolution;
      },
      (id) => tx.findOneOrFail(Resolution, id),
    ),
  );
}

/** Whether the viewer carries the resolution out: its owner, or a representative of its owner unit. */
export async function owns(em: EntityManager, viewer: Viewer, resolution: Resolution): Promise<boolean> {
  if (resolution.ownerUser) return resolution.ownerUser.id === viewer.id;
  return !!resolution.ownerUnit && unitIdsOf(viewer).has(resolution.ownerUnit.id);
}

/**
 * A progress update by the owner or staff: the percent only goes forward, 100 makes it DONE.
 * The row is locked for the update, so two at once are taken one after the other (the second
 * is checked against the first's percent). Photos are the viewer's own uploads nothing has
 * taken, claimed by one conditional update.
 */
export async function updateResolutionProgress(
  em: EntityManager,
  viewer: Viewer,
  { id, percent, note, photoIds }: UpdateResolutionProgressArgs,
  clock: Clock = systemClock,
): Promise<Resolution> {
  return em.transactional(async (tx) => {
    const resolution = await findById(tx, Resolution, id, {
      populate: ['area'],
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    if (!resolution) throw notFound();
    const manages = mayManageResolutions(viewer, { path: resolution.areaPath });
    if (!mayUpdateProgress({ manages, owns: await owns(tx, viewer, resolution), managesProjects: false })) {
      throw forbidden();
    }
    if (resolution.status === ResolutionStatus.DONE) throw invalidState({ status: resolution.status });
    const errors = percentErrors(percent, resolution.percent);
    if (Object.keys(errors).length) throw badInput(errors);
    const wanted = [...new Set(photoIds ?? [])].map(toId);
    const ids = wanted.filter((photoId): photoId is number => photoId !== null);
    const free = { id: { $in: ids }, uploadedBy: viewer.id, update: null };
    if (ids.length !== wanted.length || (ids.length > 0 && (await tx.count(ResolutionPhoto, free)) !== ids.length)) {
      throw badInput({ photoIds: { key: 'resolutionPhotoNotUsable' } });
    }
    const now = clock();
    const before = { percent: resolution.percent, status: resolution.status };
    const update = tx.create(ResolutionUpdate, {
      resolution,
      percent,
      note: note.trim(),
      author: viewer.user as User,
      createdAt: now,
    });
    Object.assign(resolution, { percent, ...progressed(percent, now) });
    await tx.flush();
    if (ids.length > 0 && (await tx.nativeUpdate(ResolutionPhoto, free, { update: update.id })) !== ids.length) {
      throw conflict({ key: 'resolutionPhotoNotUsable' }, { photoIds: { key: 'resolutionPhotoNotUsable' } });
    }
    recordAudit(tx, viewer, {
      action: ResolutionAuditAction.UPDATE_PROGRESS,
      targetType: ResolutionAuditTarget.RESOLUTION,
      targetId: resolution.id,
      area: resolution.area.getEntity(),
      at: now,
      before,
      after: { percent, status: resolution.status, note: update.note, photoIds: ids },
    });
    return resolution;
  });
}

/**
 * MANAGE_PROJECTS: the resolution becomes a project (项目清单) of its area, created by the
 * projects' own createProject in the same transaction; once (the row is locked, a second
 * finds the project: INVALID_STATE).
 */
export async function makeProjectFromResolution(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  clock: Clock = systemClock,
): Promise<Resolution> {
  return em.transactional(async (tx) => {
    const resolution = await findById(tx, Resolution, id, {
      populate: ['area', 'vote'],
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    if (!resolution) throw notFound();
    requireRule(viewer, mayManageProjects, resolution.area.getEntity());
    if (resolution.project) throw invalidState({ project: resolution.project.id });
    const vote = resolution.vote?.getEntity();
    const project = await createProject(tx, viewer, {
      title: resolution.title,
      description: vote ? translate(DEFAULT_LOCALE, 'resolutionProjectDescription', { vote: vote.title }) : '',
      areaId: String(resolution.area.id),
    });
    resolution.project = ref(project);
    await tx.flush();
    recordAudit(tx, viewer, {
      action: ResolutionAuditAction.MAKE_PROJECT,
      targetType: ResolutionAuditTarget.RESOLUTION,
      targetId: resolution.id,
      area: resolution.area.getEntity(),
      at: clock(),
      after: { projectId: project.id },
    });
    return resolution;
  });
}
