import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of projects, as stored; PROJECT_CREATE, … in GraphQL. */
export const ProjectAuditAction = {
  CREATE: 'project.create',
  UPDATE: 'project.update',
  SET_STATUS: 'project.setStatus',
  ADD_NEEDS: 'project.addNeeds',
  ADD_TASK: 'project.addTask',
  COMPLETE_TASK: 'project.completeTask',
  CONTRIBUTE: 'project.contribute',
  ADD_PHOTOS: 'project.addPhotos',
} as const;
export type ProjectAuditAction = (typeof ProjectAuditAction)[keyof typeof ProjectAuditAction];
export const ProjectAuditTarget = {
  PROJECT: 'Project',
  PROJECT_TASK: 'ProjectTask',
  CONTRIBUTION: 'Contribution',
} as const;

type ProjectAuditTargets = typeof ProjectAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'PROJECT', typeof ProjectAuditAction> {}
  interface AuditTargets extends ProjectAuditTargets {}
}
