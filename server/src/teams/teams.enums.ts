import { registerEnumType } from 'type-graphql';

export enum TeamRole {
  LEADER = 'LEADER',
  MEMBER = 'MEMBER',
}
registerEnumType(TeamRole, { name: 'TeamRole' });

export enum TeamMembershipStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  LEFT = 'LEFT',
}
registerEnumType(TeamMembershipStatus, { name: 'TeamMembershipStatus' });

export enum TeamAction {
  JOIN = 'JOIN',
  LEAVE = 'LEAVE',
  APPROVE_MEMBERS = 'APPROVE_MEMBERS',
  CREATE_ACTIVITY = 'CREATE_ACTIVITY',
}
registerEnumType(TeamAction, { name: 'TeamAction', description: 'What the viewer may do with a team' });
