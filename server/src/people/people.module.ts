import type { FeatureModule } from '../platform/module.js';
import { PeopleResolver, RoleAssignmentResolver } from './people.resolver.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { LoginAttempt, Session } from './session.entity.js';
import { User } from './user.entity.js';
import { RoleAuditAction, RoleAuditTarget } from './people.audit.js';

/** People, the roles they hold on areas, and their sign-in sessions. */
export const peopleModule: FeatureModule = {
  entities: [User, RoleAssignment, Session, LoginAttempt],
  resolvers: [PeopleResolver, RoleAssignmentResolver],
  auditVocabulary: { prefix: 'ROLE', actions: RoleAuditAction, targets: RoleAuditTarget },
};
