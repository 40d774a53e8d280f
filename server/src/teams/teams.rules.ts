import { TeamAction, TeamMembershipStatus, TeamRole } from './teams.enums.js';

/** What decides the viewer's actions on a team. */
export interface TeamFacts {
  /** The viewer has an ACTIVE volunteer profile. */
  activeVolunteer: boolean;
  membership: { status: TeamMembershipStatus; role: TeamRole } | null;
  /** MANAGE_VOLUNTEERS over the team's area. */
  manages: boolean;
  /** ORGANISE_ACTIVITIES over the team's area. */
  organises: boolean;
  /** Approved leaders of the team. */
  leaderCount: number;
}

const isLeader = (membership: TeamFacts['membership']) =>
  membership?.status === TeamMembershipStatus.APPROVED && membership.role === TeamRole.LEADER;

/** The last approved leader cannot leave or step down: a team always has someone to approve requests. */
export const isLastLeader = (facts: Pick<TeamFacts, 'membership' | 'leaderCount'>) =>
  isLeader(facts.membership) && facts.leaderCount <= 1;

/** May ask to join: an active volunteer with no request waiting and not a member (declined or left may ask again). */
export const mayJoin = (facts: Pick<TeamFacts, 'activeVolunteer' | 'membership'>) =>
  facts.activeVolunteer &&
  (!facts.membership ||
    facts.membership.status === TeamMembershipStatus.DECLINED ||
    facts.membership.status === TeamMembershipStatus.LEFT);

/** What the viewer may do with the team now. */
export function teamActions(facts: TeamFacts): TeamAction[] {
  const actions: TeamAction[] = [];
  const status = facts.membership?.status;
  if (mayJoin(facts)) actions.push(TeamAction.JOIN);
  if (status === TeamMembershipStatus.REQUESTED || (status === TeamMembershipStatus.APPROVED && !isLastLeader(facts))) {
    actions.push(TeamAction.LEAVE);
  }
  if (isLeader(facts.membership) || facts.manages) actions.push(TeamAction.APPROVE_MEMBERS);
  if (isLeader(facts.membership) || facts.organises) actions.push(TeamAction.CREATE_ACTIVITY);
  return actions;
}
