import { OptimisticLockError, ref, type EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { communityPathOf, levelsOf } from '../areas/area-levels.js';
import { recordAudit } from '../audit/audit.service.js';
import { canSee } from '../needs/needs.access.js';
import { Need } from '../needs/need.entity.js';
import { findVisibleUser } from '../people/people.service.js';
import type { User } from '../people/user.entity.js';
import { CommitmentPhoto } from '../pledges/pledge.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { findById, toId } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { isWithin, requireRule, streetPathOf } from '../platform/scope.js';
import { Unit } from '../units/unit.entity.js';
import { unitIdsOf } from '../units/units.access.js';
import { ReportInStatus } from '../units/units.enums.js';
import { Contribution, Project, ProjectTask } from './project.entity.js';
import { mayManageProjects } from './projects.access.js';
import { ProjectAuditAction, ProjectAuditTarget } from './projects.audit.js';
import type { ProjectStatus } from './projects.enums.js';
import type { ContributionInput, CreateProjectInput, ProjectTaskInput, UpdateProjectInput } from './projects.inputs.js';
import { PROJECT_PHOTOS_MAX, PROJECT_TASKS_MAX } from './projects.limits.js';
import { isOpen, mayCompleteTask, mayMoveProject, takesContributions } from './projects.rules.js';

/** Projects are public: any id that names one is within reach; anything else is NOT_FOUND. */
async function projectOrFail(em: EntityManager, id: string | number): Promise<Project> {
  const project = await findById(em, Project, id, { populate: ['area'], refresh: true });
  if (!project) throw notFound();
  return project;
}

/** The project with its area, for someone who may manage it: NOT_FOUND for no such project, FORBIDDEN outside their areas. */
async function managedProject(em: EntityManager, viewer: Viewer, id: string | number): Promise<Project> {
  const project = await projectOrFail(em, id);
  requireRule(viewer, mayManageProjects, project.area.getEntity());
  return project;
}

const openOrFail = (project: Project) => {
  if (!isOpen(project.status)) throw invalidState({ status: project.status });
};

/**
 * The area a project's tasks and units belong to: its community (a project in a grid still
 * draws on the whole community's units), or the project's own area above community level.
 */
export function projectHomePath(project: Pick<Project, 'areaPath' | 'communityId'>): string {
  return communityPathOf({ areaPath: project.areaPath, communityId: project.communityId ?? null }) ?? project.areaPath;
}

/** Whether the unit sits in the subtree at `path` or has an accepted report-in (报到) to an area in it; one query. */
export async function unitServes(em: EntityManager, unitId: number, path: string): Promise<boolean> {
  const rows = await em.execute<{ ok: number }[]>(
    `select 1 as ok from unit u
      where u.id = ? and (u.area_path like ? or exists (
        select 1 from report_in r join area a on a.id = r.area_id
         where r.unit_id = u.id and r.status = ? and a.path like ?))`,
    [unitId, `${path}%`, ReportInStatus.ACCEPTED, `${path}%`],
  );
  return rows.length > 0;
}

/** A unit that serves `path`, else BAD_USER_INPUT on `field` (an unknown id reads the same). */
async function servingUnit(em: EntityManager, id: string, path: string, field: string): Promise<Unit> {
  const unit = await findById(em, Unit, id);
  if (!unit) throw badInput({ [field]: { key: 'NOT_FOUND' } });
  if (!(await unitServes(em, unit.id, path))) throw badInput({ [field]: { key: 'projectUnitNotServing' } });
  return unit;
}

/** A person whose personal data the viewer may see (the people picker's reach), else NOT_FOUND on `field`. */
async function reachablePerson(em: EntityManager, viewer: Viewer, id: string, field: string): Promise<User> {
  const person = await findVisibleUser(em, viewer, id);
  if (!person) throw badInput({ [field]: { key: 'NOT_FOUND' } });
  return person;
}

/**
 * The needs among `ids` (duplicates once), each visible to the viewer and in the project's
 * area subtree; BAD_USER_INPUT on needIds unless that is all of them.
 */
async function usableNeeds(em: EntityManager, viewer: Viewer, areaPath: string, ids: readonly string[]) {
  const wanted = [...new Set(ids)].map(toId);
  const rowIds = wanted.filter((id): id is number => id !== null);
  const needs = rowIds.length ? await em.find(Need, { id: { $in: rowIds } }) : [];
  const usable = needs.filter((need) => canSee(viewer, need) && isWithin(need.areaPath, areaPath));
  if (usable.length !== wanted.length) throw badInput({ needIds: { key: 'projectNeedNotUsable' } });
  return usable;
}

/** Links the needs to the project; those already linked (also by a concurrent call) are left as they are. */
async function linkNeeds(em: EntityManager, project: Project, needs: readonly Need[]): Promise<number[]> {
  if (needs.length === 0) return [];
  const rows = await em.execute<{ need_id: number }[]>(
    `insert into project_need (project_id, need_id) select ?, id from need where id in (?)
     on conflict (project_id, need_id) do nothing returning need_id`,
    [project.id, needs.map((need) => need.id)],
  );
  return rows.map((row) => row.need_id);
}

const snapshot = (project: Project) => ({
  title: project.title,
  description: project.description,
  budget: project.budget ?? null,
  status: project.status,
});

/** 项目清单: staff build a project from needs. With an idempotency key a retry returns the first project. */
export async function createProject(
  em: EntityManager,
  viewer: Viewer,
  input: CreateProjectInput,
  clock: Clock = systemClock,
): Promise<Project> {
  const { idempotencyKey, ...rest } = input;
  const area = await findById(em, Area, input.areaId);
  if (!area) throw badInput({ areaId: { key: 'NOT_FOUND' } });
  requireRule(viewer, mayManageProjects, area);
  return em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'project.create', key: idempotencyKey, input: rest },
      async () => {
        const needs = await usableNeeds(tx, viewer, area.path, input.needIds ?? []);
        const now = clock();
        const project = tx.create(Project, {
          ...(await levelsOf(tx, tx.merge(area))),
          title: input.title.trim(),
          description: (input.description ?? '').trim(),
          budget: input.budget ?? null,
          createdBy: viewer.user as User,
          createdAt: now,
          updatedAt: now,
        });
        await tx.flush();
        await linkNeeds(tx, project, needs);
        recordAudit(tx, viewer, {
          action: ProjectAuditAction.CREATE,
          targetType: ProjectAuditTarget.PROJECT,
          targetId: project.id,
          area: tx.merge(area),
          at: now,
          after: { ...snapshot(project), needIds: needs.map((need) => need.id) },
        });
        return project;
      },
      (id) => tx.findOneOrFail(Project, id),
    ),
  );
}

/** Runs `change` on the managed project in a transaction; a concurrent change makes the loser's version check fail: CONFLICT. */
async function changeProject<T>(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  change: (tx: EntityManager, project: Project) => Promise<T>,
): Promise<T> {
  try {
    return await em.transactional(async (tx) => change(tx, await managedProject(tx, viewer, id)));
  } catch (error) {
    if (error instanceof OptimisticLockError) throw conflict({ key: 'projectChangedMeanwhile' });
    throw error;
  }
}

export function updateProject(em: EntityManager, viewer: Viewer, id: string, input: UpdateProjectInput) {
  return changeProject(em, viewer, id, async (tx, project) => {
    openOrFail(project);
    const before = snapshot(project);
    if (input.title !== undefined && input.title !== null) project.title = input.title.trim();
    if (input.description !== undefined && input.description !== null) project.description = input.description.trim();
    if (input.budget !== undefined) project.budget = input.budget;
    await tx.flush();
    recordAudit(tx, viewer, {
      action: ProjectAuditAction.UPDATE,
      targetType: ProjectAuditTarget.PROJECT,
      targetId: project.id,
      area: project.area.getEntity(),
      before,
      after: snapshot(project),
    });
    return project;
  });
}

export function setProjectStatus(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  status: ProjectStatus,
  clock: Clock = systemClock,
) {
  return changeProject(em, viewer, id, async (tx, project) => {
    const from = project.status;
    if (!mayMoveProject(from, status)) throw invalidState({ status: from });
    project.status = status;
    await tx.flush();
    recordAudit(tx, viewer, {
      action: ProjectAuditAction.SET_STATUS,
      targetType: ProjectAuditTarget.PROJECT,
      targetId: project.id,
      area: project.area.getEntity(),
      before: { status: from },
      after: { status },
      at: clock(),
    });
    return project;
  });
}

export function addProjectNeeds(em: EntityManager, viewer: Viewer, id: string, needIds: readonly string[]) {
  return em.transactional(async (tx) => {
    const project = await managedProject(tx, viewer, id);
    openOrFail(project);
    const added = await linkNeeds(tx, project, await usableNeeds(tx, viewer, project.areaPath, needIds));
    if (added.length) {
      recordAudit(tx, viewer, {
        action: ProjectAuditAction.ADD_NEEDS,
        targetType: ProjectAuditTarget.PROJECT,
        targetId: project.id,
        area: project.area.getEntity(),
        after: { needIds: added },
      });
    }
    return project;
  });
}

export async function addProjectTask(
  em: EntityManager,
  viewer: Viewer,
  projectId: string,
  input: ProjectTaskInput,
  clock: Clock = systemClock,
): Promise<ProjectTask> {
  const { idempotencyKey, ...rest } = input;
  return em.transactional(async (tx) => {
    // Read (and locked) first, so tasks added at once are counted one after the other against the limit.
    const project = await managedProject(tx, viewer, projectId);
    await tx.execute('select id from project where id = ? for update', [project.id]);
    return once(
      tx,
      { actorId: viewer.id, operation: 'project.addTask', key: idempotencyKey, input: { projectId, ...rest } },
      async () => {
        openOrFail(project);
        const home = projectHomePath(project);
        const owner = input.ownerUserId ? await reachablePerson(tx, viewer, input.ownerUserId, 'ownerUserId') : null;
        const ownerUnit = input.ownerUnitId ? await servingUnit(tx, input.ownerUnitId, home, 'ownerUnitId') : null;
        if ((await tx.count(ProjectTask, { project: project.id })) >= PROJECT_TASKS_MAX) {
          throw badInput({ title: { key: 'projectTasksFull', params: { max: PROJECT_TASKS_MAX } } });
        }
        const task = tx.create(ProjectTask, {
          project,
          title: input.title.trim(),
          owner,
          ownerUnit,
          dueAt: input.dueAt ?? null,
          createdAt: clock(),
        });
        await tx.flush();
        recordAudit(tx, viewer, {
          action: ProjectAuditAction.ADD_TASK,
          targetType: ProjectAuditTarget.PROJECT_TASK,
          targetId: task.id,
          at: task.createdAt,
          area: project.area.getEntity(),
          after: {
            projectId: project.id,
            title: task.title,
            ownerUserId: owner?.id ?? null,
            ownerUnitId: ownerUnit?.id ?? null,
          },
        });
        return task;
      },
      (taskId) => tx.findOneOrFail(ProjectTask, taskId),
    );
  });
}

/** Ticks a task off, once: of two at once, the second finds it done (INVALID_STATE). */
export async function completeProjectTask(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  clock: Clock = systemClock,
): Promise<ProjectTask> {
  return em.transactional(async (tx) => {
    const task = await findById(tx, ProjectTask, id, { refresh: true });
    if (!task) throw notFound();
    const project = await projectOrFail(tx, task.project.id);
    const manages = mayManageProjects(viewer, project.area.getEntity());
    const represented = unitIdsOf(viewer);
    const allowed = mayCompleteTask({
      manages,
      isOwner: task.owner?.id === viewer.id,
      representsOwnerUnit: !!task.ownerUnit && represented.has(task.ownerUnit.id),
    });
    if (!allowed) throw forbidden();
    if (!isOpen(project.status)) throw invalidState({ status: project.status });
    const now = clock();
    const done = await tx.nativeUpdate(ProjectTask, { id: task.id, doneAt: null }, { doneAt: now });
    if (done === 0) throw invalidState({ done: true });
    task.doneAt = now;
    recordAudit(tx, viewer, {
      action: ProjectAuditAction.COMPLETE_TASK,
      targetType: ProjectAuditTarget.PROJECT_TASK,
      targetId: task.id,
      at: now,
      area: project.area.getEntity(),
      after: { projectId: project.id, doneAt: now.toISOString() },
    });
    return task;
  });
}

/**
 * Records 捐款、捐物、捐工. Staff over the project record anyone's (a unit of the project's street,
 * a person within their reach, or an anonymous resident); a unit's representative records their
 * own unit's. With an idempotency key a retry returns the first contribution.
 */
export async function contribute(
  em: EntityManager,
  viewer: Viewer,
  projectId: string,
  input: ContributionInput,
  clock: Clock = systemClock,
): Promise<Contribution> {
  const { idempotencyKey, ...rest } = input;
  const project = await projectOrFail(em, projectId);
  const manages = mayManageProjects(viewer, project.area.getEntity());
  if (input.unitId && input.contributorUserId) throw badInput({ contributorUserId: { key: 'projectOneContributor' } });
  let unit: Unit | null = null;
  let contributor: User | null = null;
  if (input.unitId) {
    const represented = unitIdsOf(viewer);
    const rowId = toId(input.unitId);
    if (rowId !== null && represented.has(rowId)) unit = await em.findOneOrFail(Unit, rowId);
    else if (!manages) throw forbidden();
    else unit = await servingUnit(em, input.unitId, streetPathOf(project.areaPath), 'unitId');
  } else {
    if (!manages) throw forbidden();
    if (input.contributorUserId) {
      contributor = await reachablePerson(em, viewer, input.contributorUserId, 'contributorUserId');
    }
  }
  if (!takesContributions(project.status)) throw invalidState({ status: project.status });
  return em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'project.contribute', key: idempotencyKey, input: { projectId, ...rest } },
      async () => {
        const row = tx.create(Contribution, {
          project: ref(Project, project.id),
          kind: input.kind,
          description: input.description.trim(),
          value: input.value,
          unit: unit ? ref(Unit, unit.id) : null,
          contributor: contributor ? tx.merge(contributor) : null,
          recordedBy: viewer.user as User,
          createdAt: clock(),
        });
        await tx.flush();
        recordAudit(tx, viewer, {
          action: ProjectAuditAction.CONTRIBUTE,
          targetType: ProjectAuditTarget.CONTRIBUTION,
          targetId: row.id,
          at: row.createdAt,
          area: tx.merge(project.area.getEntity()),
          after: {
            projectId: project.id,
            kind: row.kind,
            value: row.value,
            description: row.description,
            unitId: unit?.id ?? null,
            contributorUserId: contributor?.id ?? null,
          },
        });
        return row;
      },
      (id) => tx.findOneOrFail(Contribution, id),
    ),
  );
}

/**
 * Attaches photos the viewer uploaded to /uploads/commitment-photos and nothing has taken yet.
 * Checked first (BAD_USER_INPUT), then claimed with one conditional update: of two calls given
 * the same photo at once, one gets it, the other CONFLICT.
 */
export async function addProjectPhotos(
  em: EntityManager,
  viewer: Viewer,
  projectId: string,
  photoIds: readonly string[],
): Promise<Project> {
  return em.transactional(async (tx) => {
    const project = await managedProject(tx, viewer, projectId);
    openOrFail(project);
    await tx.execute('select id from project where id = ? for update', [project.id]);
    const wanted = [...new Set(photoIds)].map(toId);
    const ids = wanted.filter((id): id is number => id !== null);
    const free = { id: { $in: ids }, uploadedBy: viewer.id, pledge: null, project: null };
    if (ids.length !== wanted.length || (await tx.count(CommitmentPhoto, free)) !== wanted.length) {
      throw badInput({ photoIds: { key: 'projectPhotoNotUsable' } });
    }
    const held = await tx.count(CommitmentPhoto, { project: project.id });
    if (held + ids.length > PROJECT_PHOTOS_MAX) {
      throw badInput({ photoIds: { key: 'projectPhotosFull', params: { max: PROJECT_PHOTOS_MAX } } });
    }
    const claimed = await tx.nativeUpdate(CommitmentPhoto, free, { project: project.id });
    if (claimed !== ids.length) {
      throw conflict({ key: 'projectPhotoNotUsable' }, { photoIds: { key: 'projectPhotoNotUsable' } });
    }
    recordAudit(tx, viewer, {
      action: ProjectAuditAction.ADD_PHOTOS,
      targetType: ProjectAuditTarget.PROJECT,
      targetId: project.id,
      area: project.area.getEntity(),
      after: { photoIds: ids },
    });
    return project;
  });
}
