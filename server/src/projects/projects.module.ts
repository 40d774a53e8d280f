import type { Feature } from '../media/media.module.js';
import { Contribution, Project, ProjectNeed, ProjectTask } from './project.entity.js';

/** Projects (项目清单) built from needs: tasks, contributions (捐款、捐物、捐工), public progress. */
export const projectsModule: Feature = {
  entities: [Project, ProjectNeed, ProjectTask, Contribution],
};
