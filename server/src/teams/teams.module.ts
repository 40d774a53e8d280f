import type { Feature } from '../media/media.module.js';
import { Team, TeamMembership } from './team.entity.js';

/** Volunteer teams (志愿服务队): members by request, approved by leaders. */
export const teamsModule: Feature = {
  entities: [Team, TeamMembership],
};
