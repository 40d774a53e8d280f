import { registerEnumType } from 'type-graphql';
import { mayAnswerObjections } from '../board/board.access.js';
import { mayManageCommittees } from '../committees/committees.access.js';
import { mayManageHouseholds } from '../households/households.access.js';
import { mayRunMeetings } from '../meetings/meetings.access.js';
import { mayManageResolutions } from '../resolutions/resolutions.access.js';
import { mayProposeTopics, mayReviewTopics } from '../topics/topics.access.js';
import { mayRunVotes } from '../votes/votes.access.js';
import { mayCheckInVolunteers, mayOrganiseActivities } from '../activities/activities.access.js';
import { mayManageVolunteers } from '../volunteers/volunteers.access.js';
import { mayManageAreas } from '../areas/areas.rules.js';
import { mayReadAuditLog } from '../audit/audit.rules.js';
import {
  mayExportNeeds,
  mayHandleNeeds,
  mayRaiseOnBehalf,
  maySetNeedDeadlines,
  mayViewNeedDeadlines,
  mayViewNeedStats,
} from '../needs/needs.access.js';
import { mayRequestPledges, mayViewServiceSignups } from '../offers/offers.access.js';
import { mayManageRoles, maySearchPeople } from '../people/people.rules.js';
import { mayConfirmPledges } from '../pledges/pledges.access.js';
import { mayManageProjects } from '../projects/projects.access.js';
import { mayAnswerReportIns, mayManageUnits, mayViewUnitRanking } from '../units/units.access.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { AreaRule } from '../platform/scope.js';

export enum AreaCapability {
  RAISE_NEED_ON_BEHALF = 'RAISE_NEED_ON_BEHALF',
  HANDLE_NEEDS = 'HANDLE_NEEDS',
  EXPORT_NEEDS = 'EXPORT_NEEDS',
  VIEW_NEED_STATS = 'VIEW_NEED_STATS',
  VIEW_NEED_DEADLINES = 'VIEW_NEED_DEADLINES',
  SET_NEED_DEADLINES = 'SET_NEED_DEADLINES',
  VIEW_AUDIT_LOG = 'VIEW_AUDIT_LOG',
  MANAGE_AREAS = 'MANAGE_AREAS',
  MANAGE_ROLES = 'MANAGE_ROLES',
  SEARCH_PEOPLE = 'SEARCH_PEOPLE',
  MANAGE_UNITS = 'MANAGE_UNITS',
  ANSWER_REPORT_INS = 'ANSWER_REPORT_INS',
  VIEW_UNIT_RANKING = 'VIEW_UNIT_RANKING',
  REQUEST_PLEDGES = 'REQUEST_PLEDGES',
  VIEW_SERVICE_SIGNUPS = 'VIEW_SERVICE_SIGNUPS',
  CONFIRM_PLEDGES = 'CONFIRM_PLEDGES',
  MANAGE_PROJECTS = 'MANAGE_PROJECTS',
  MANAGE_COMMITTEES = 'MANAGE_COMMITTEES',
  MANAGE_HOUSEHOLDS = 'MANAGE_HOUSEHOLDS',
  PROPOSE_TOPICS = 'PROPOSE_TOPICS',
  REVIEW_TOPICS = 'REVIEW_TOPICS',
  RUN_MEETINGS = 'RUN_MEETINGS',
  RUN_VOTES = 'RUN_VOTES',
  ANSWER_OBJECTIONS = 'ANSWER_OBJECTIONS',
  MANAGE_RESOLUTIONS = 'MANAGE_RESOLUTIONS',
  ORGANISE_ACTIVITIES = 'ORGANISE_ACTIVITIES',
  CHECK_IN_VOLUNTEERS = 'CHECK_IN_VOLUNTEERS',
  MANAGE_VOLUNTEERS = 'MANAGE_VOLUNTEERS',
}
registerEnumType(AreaCapability, {
  name: 'AreaCapability',
  description: 'What the viewer may do in an area (and its subtree), decided by the server.',
  valuesConfig: {
    RAISE_NEED_ON_BEHALF: { description: '代办: raise a need for a resident of the area' },
    HANDLE_NEEDS: { description: 'Work the needs inbox of the area (accept, assign, …)' },
    EXPORT_NEEDS: { description: 'CSV/XLSX export of the area’s needs' },
    VIEW_NEED_STATS: { description: 'The dashboard figures of the area' },
    VIEW_NEED_DEADLINES: {
      description: 'Read the street’s deadline settings: STAFF or ADMIN holding a role in the area’s street',
    },
    SET_NEED_DEADLINES: { description: 'Change the street’s deadline settings: ADMIN of the street' },
    VIEW_AUDIT_LOG: { description: 'The record of changes in the area' },
    MANAGE_AREAS: { description: 'Create and rename child areas' },
    MANAGE_ROLES: { description: 'Assign and revoke roles' },
    SEARCH_PEOPLE: { description: 'The people search (users query) over the area' },
    MANAGE_UNITS: { description: 'Create resident units (驻区单位) and add or remove their representatives' },
    ANSWER_REPORT_INS: { description: 'Accept or decline report-ins (报到) of units and party members' },
    VIEW_UNIT_RANKING: { description: 'The co-building ranking (共建评价) and unit reports, with export' },
    REQUEST_PLEDGES: { description: 'Ask a unit or person to pledge to a need or project, from a suggested match' },
    VIEW_SERVICE_SIGNUPS: { description: 'See who signed up for the services in the area' },
    CONFIRM_PLEDGES: { description: 'Confirm the outcome of pledges to needs and projects in the area' },
    MANAGE_PROJECTS: { description: 'Create and run projects (项目清单): tasks, status, contributions, photos' },
    MANAGE_COMMITTEES: { description: 'Create committees (大工委, 大党委, 联席会议) and add or remove their members' },
    MANAGE_HOUSEHOLDS: { description: 'Register households (户): members, owners, floor areas and representatives' },
    PROPOSE_TOPICS: { description: 'Propose and support topics (议题) of the community' },
    REVIEW_TOPICS: {
      description: 'Admit or decline topics, move them through their stages, set the support threshold',
    },
    RUN_MEETINGS: {
      description: 'Schedule meetings, check people in, show the check-in code, write and publish minutes',
    },
    RUN_VOTES: { description: 'Open and close votes, enter paper ballots, see who voted (never how)' },
    ANSWER_OBJECTIONS: { description: 'Answer objections (异议) to published results' },
    MANAGE_RESOLUTIONS: { description: 'Record resolutions (决议), update their progress, turn them into projects' },
    ORGANISE_ACTIVITIES: {
      description:
        'Create and run volunteer activities: shifts, check-in code, attendance, verifying hours, corrections',
    },
    CHECK_IN_VOLUNTEERS: { description: 'Check volunteers in and out at the activities of the area' },
    MANAGE_VOLUNTEERS: {
      description:
        'Volunteers of the area: guardians’ consent, training and awards, teams, certificates, stars, rankings with export',
    },
  },
});

/** Each capability is the very rule its operations check with `requireRule`. */
export const CAPABILITY_RULES: Record<AreaCapability, AreaRule> = {
  [AreaCapability.RAISE_NEED_ON_BEHALF]: mayRaiseOnBehalf,
  [AreaCapability.HANDLE_NEEDS]: mayHandleNeeds,
  [AreaCapability.EXPORT_NEEDS]: mayExportNeeds,
  [AreaCapability.VIEW_NEED_STATS]: mayViewNeedStats,
  [AreaCapability.VIEW_NEED_DEADLINES]: mayViewNeedDeadlines,
  [AreaCapability.SET_NEED_DEADLINES]: maySetNeedDeadlines,
  [AreaCapability.VIEW_AUDIT_LOG]: mayReadAuditLog,
  [AreaCapability.MANAGE_AREAS]: mayManageAreas,
  [AreaCapability.MANAGE_ROLES]: mayManageRoles,
  [AreaCapability.SEARCH_PEOPLE]: maySearchPeople,
  [AreaCapability.MANAGE_UNITS]: mayManageUnits,
  [AreaCapability.ANSWER_REPORT_INS]: mayAnswerReportIns,
  [AreaCapability.VIEW_UNIT_RANKING]: mayViewUnitRanking,
  [AreaCapability.REQUEST_PLEDGES]: mayRequestPledges,
  [AreaCapability.VIEW_SERVICE_SIGNUPS]: mayViewServiceSignups,
  [AreaCapability.CONFIRM_PLEDGES]: mayConfirmPledges,
  [AreaCapability.MANAGE_PROJECTS]: mayManageProjects,
  [AreaCapability.MANAGE_COMMITTEES]: mayManageCommittees,
  [AreaCapability.MANAGE_HOUSEHOLDS]: mayManageHouseholds,
  [AreaCapability.PROPOSE_TOPICS]: mayProposeTopics,
  [AreaCapability.REVIEW_TOPICS]: mayReviewTopics,
  [AreaCapability.RUN_MEETINGS]: mayRunMeetings,
  [AreaCapability.RUN_VOTES]: mayRunVotes,
  [AreaCapability.ANSWER_OBJECTIONS]: mayAnswerObjections,
  [AreaCapability.MANAGE_RESOLUTIONS]: mayManageResolutions,
  [AreaCapability.ORGANISE_ACTIVITIES]: mayOrganiseActivities,
  [AreaCapability.CHECK_IN_VOLUNTEERS]: mayCheckInVolunteers,
  [AreaCapability.MANAGE_VOLUNTEERS]: mayManageVolunteers,
};

/** What the viewer may do in the area, from their grants alone (no query). */
export function capabilitiesOf(viewer: Viewer | null, area: { path: string }): AreaCapability[] {
  if (!viewer) return [];
  return Object.values(AreaCapability).filter((capability) => CAPABILITY_RULES[capability](viewer, area));
}

/**
 * The areas where an area picker starts: of `candidates`, those where `rule` holds and holds
 * on no other candidate above them. Rules are built from grants (held over, in or over a
 * street), so the topmost area where one holds is always on the path of some grant: the
 * candidates are the areas on those paths.
 */
export function topmostAreasWhere<A extends { path: string }>(viewer: Viewer, rule: AreaRule, candidates: A[]): A[] {
  const allowed = candidates.filter((area) => rule(viewer, area));
  return allowed.filter((area) => !allowed.some((other) => other !== area && area.path.startsWith(other.path)));
}
