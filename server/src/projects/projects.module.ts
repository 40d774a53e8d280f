import type { Feature } from '../media/media.module.js';
import { Contribution, Project, ProjectNeed, ProjectTask } from './project.entity.js';
import { ProjectAuditAction, ProjectAuditTarget } from './projects.audit.js';
import { PROJECT_AUDIT_READING } from './projects.audit-reading.js';
import {
  ContributionResolver,
  NeedProjectsResolver,
  ProjectsResolver,
  ProjectTaskResolver,
} from './projects.resolver.js';

/** Projects (项目清单) built from needs: tasks, contributions (捐款、捐物、捐工), public progress. */
export const projectsModule: Feature = {
  entities: [Project, ProjectNeed, ProjectTask, Contribution],
  resolvers: [ProjectsResolver, ProjectTaskResolver, ContributionResolver, NeedProjectsResolver],
  auditVocabulary: {
    prefix: 'PROJECT',
    actions: ProjectAuditAction,
    targets: ProjectAuditTarget,
    reading: PROJECT_AUDIT_READING,
  },
};
