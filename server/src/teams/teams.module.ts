import type { Feature } from '../media/media.module.js';
import { TEAM_AUDIT_READING } from './teams.audit-reading.js';
import { Team, TeamMembership } from './team.entity.js';
import { TeamAuditAction, TeamAuditTarget } from './teams.audit.js';
import {
  NotificationTeamResolver,
  TeamMembershipResolver,
  TeamsResolver,
  TeamTodosResolver,
} from './teams.resolver.js';

/** Volunteer teams (志愿服务队): members by request, approved by leaders. */
export const teamsModule: Feature = {
  entities: [Team, TeamMembership],
  resolvers: [TeamsResolver, TeamMembershipResolver, TeamTodosResolver, NotificationTeamResolver],
  auditVocabulary: { prefix: 'TEAM', actions: TeamAuditAction, targets: TeamAuditTarget, reading: TEAM_AUDIT_READING },
};
