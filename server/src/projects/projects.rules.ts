import { ProjectAction, ProjectStatus } from './projects.enums.js';

/** Where a project may go from each status: PLANNED → ACTIVE → DONE, and PLANNED or ACTIVE → CANCELLED. */
const NEXT: Record<ProjectStatus, readonly ProjectStatus[]> = {
  [ProjectStatus.PLANNED]: [ProjectStatus.ACTIVE, ProjectStatus.CANCELLED],
  [ProjectStatus.ACTIVE]: [ProjectStatus.DONE, ProjectStatus.CANCELLED],
  [ProjectStatus.DONE]: [],
  [ProjectStatus.CANCELLED]: [],
};

/** The project state machine: whether a project at `from` may be set to `to` (never to where it is). */
export function mayMoveProject(from: ProjectStatus, to: ProjectStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextProjectStatuses(from: ProjectStatus): readonly ProjectStatus[] {
  return NEXT[from];
}

/** Still being planned or carried out: tasks, needs and edits are taken. */
export function isOpen(status: ProjectStatus): boolean {
  return status === ProjectStatus.PLANNED || status === ProjectStatus.ACTIVE;
}

/**
 * Whether contributions may be recorded: while open, and after it is done (the money and work
 * are often written down once the garden is planted); never for a cancelled project.
 */
export function takesContributions(status: ProjectStatus): boolean {
  return status !== ProjectStatus.CANCELLED;
}

/** Whether pledges may be made to it (pledges/ checks the same). */
export function takesPledges(status: ProjectStatus): boolean {
  return isOpen(status);
}

/** Done tasks of all; null without tasks (nothing to measure is not 0 %). */
export function progressOf(tasks: readonly { doneAt?: Date | null }[]): number | null {
  if (tasks.length === 0) return null;
  return tasks.filter((task) => task.doneAt).length / tasks.length;
}

/** A task not done by its due date. */
export function isTaskOverdue(task: { dueAt?: Date | null; doneAt?: Date | null }, now: Date): boolean {
  return !task.doneAt && !!task.dueAt && task.dueAt.getTime() < now.getTime();
}

/** Sum of contributions in yuan, rounded to the fen (decimal values added as floats drift). */
export function totalValue(contributions: readonly { value: number }[]): number {
  return Math.round(contributions.reduce((sum, c) => sum + Number(c.value), 0) * 100) / 100;
}

export interface ProjectViewerFacts {
  signedIn: boolean;
  /** MANAGE_PROJECTS over the project's area. */
  manages: boolean;
  /** Represents at least one unit (may record that unit's contribution). */
  representsUnit: boolean;
}

/** What the viewer may do with a project now; each operation checks the same facts. */
export function projectActions(status: ProjectStatus, viewer: ProjectViewerFacts): ProjectAction[] {
  const actions: ProjectAction[] = [];
  if (viewer.manages && isOpen(status)) {
    actions.push(ProjectAction.EDIT, ProjectAction.SET_STATUS, ProjectAction.ADD_TASK, ProjectAction.ADD_NEEDS);
  }
  if ((viewer.manages || viewer.representsUnit) && takesContributions(status)) actions.push(ProjectAction.CONTRIBUTE);
  if (viewer.manages && isOpen(status)) actions.push(ProjectAction.ADD_PHOTOS);
  if (viewer.signedIn && takesPledges(status)) actions.push(ProjectAction.PLEDGE);
  return actions;
}

export interface TaskViewerFacts {
  manages: boolean;
  isOwner: boolean;
  /** Represents the task's owner unit. */
  representsOwnerUnit: boolean;
}

/** Who may tick a task off: the project's managers, its owner, or a representative of its owner unit. */
export function mayCompleteTask(viewer: TaskViewerFacts): boolean {
  return viewer.manages || viewer.isOwner || viewer.representsOwnerUnit;
}
