import type { FieldErrors } from '../platform/errors.js';
import { ResolutionAction, ResolutionStatus } from './resolutions.enums.js';
import { RESOLUTION_DUE_MAX_DAYS } from './resolutions.limits.js';

/** Past due and not done. */
export function isLate(resolution: { status: ResolutionStatus; dueAt: Date }, now: Date): boolean {
  return resolution.status !== ResolutionStatus.DONE && resolution.dueAt.getTime() < now.getTime();
}

/** A due date in the future and not absurdly far. */
export function dueAtErrors(dueAt: Date, now: Date): FieldErrors {
  if (dueAt.getTime() <= now.getTime()) return { dueAt: { key: 'resolutionDueInPast' } };
  if (dueAt.getTime() > now.getTime() + RESOLUTION_DUE_MAX_DAYS * 86_400_000) {
    return { dueAt: { key: 'resolutionDueTooLate', params: { days: RESOLUTION_DUE_MAX_DAYS } } };
  }
  return {};
}

/** A whole percent from 0 to 100, never below the last one: progress only goes forward. */
export function percentErrors(percent: number, last: number): FieldErrors {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) return { percent: { key: 'resolutionPercentRange' } };
  if (percent < last) return { percent: { key: 'resolutionPercentBelow', params: { last } } };
  return {};
}

/** The state after an update: 100 % is done, at that moment. */
export function progressed(percent: number, now: Date): { status: ResolutionStatus; doneAt: Date | null } {
  return percent === 100
    ? { status: ResolutionStatus.DONE, doneAt: now }
    : { status: ResolutionStatus.IN_PROGRESS, doneAt: null };
}

export interface ResolutionRoles {
  /** MANAGE_RESOLUTIONS over its area. */
  manages: boolean;
  /** The owner person, or a representative of the owner unit. */
  owns: boolean;
  /** MANAGE_PROJECTS over its area. */
  managesProjects: boolean;
}

/** Who may report progress: the owner (person or the unit's representatives) or those who manage resolutions there. */
export const mayUpdateProgress = (roles: ResolutionRoles) => roles.owns || roles.manages;

/** What the viewer may do now: progress while in progress; a project once, by those who manage projects. */
export function resolutionActions(
  resolution: { status: ResolutionStatus; hasProject: boolean },
  roles: ResolutionRoles,
): ResolutionAction[] {
  const actions: ResolutionAction[] = [];
  if (resolution.status === ResolutionStatus.IN_PROGRESS && mayUpdateProgress(roles))
    actions.push(ResolutionAction.UPDATE_PROGRESS);
  if (!resolution.hasProject && roles.managesProjects) actions.push(ResolutionAction.MAKE_PROJECT);
  return actions;
}
