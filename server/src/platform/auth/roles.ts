import { registerEnumType } from 'type-graphql';

/** What a person may do; each held on an area for its whole subtree (see platform/scope). */
export enum Role {
  RESIDENT = 'RESIDENT',
  VOLUNTEER = 'VOLUNTEER',
  UNIT_REP = 'UNIT_REP',
  GRID_WORKER = 'GRID_WORKER',
  STAFF = 'STAFF',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, { name: 'Role', description: 'What a person may do; held on an area for its whole subtree' });
