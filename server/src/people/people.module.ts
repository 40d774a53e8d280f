import type { FeatureModule } from '../platform/module.js';
import { PeopleResolver, RoleAssignmentResolver } from './people.resolver.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { LoginAttempt, Session } from './session.entity.js';
import { User } from './user.entity.js';
import {
  ACCOUNT_AUDIT_READING,
  AccountAuditAction,
  AccountAuditTarget,
  ROLE_AUDIT_READING,
  RoleAuditAction,
  RoleAuditTarget,
} from './people.audit.js';
import { SignInCode } from './sign-in-code.entity.js';
import { forgetExpiredSignInCodesJob } from './sign-in-codes.js';

/** People, the roles they hold on areas, their sign-in sessions and one-time SMS codes. */
export const peopleModule: FeatureModule = {
  entities: [User, RoleAssignment, Session, LoginAttempt, SignInCode],
  resolvers: [PeopleResolver, RoleAssignmentResolver],
  jobs: [forgetExpiredSignInCodesJob],
  auditVocabulary: [
    { prefix: 'ROLE', actions: RoleAuditAction, targets: RoleAuditTarget, reading: ROLE_AUDIT_READING },
    { prefix: 'ACCOUNT', actions: AccountAuditAction, targets: AccountAuditTarget, reading: ACCOUNT_AUDIT_READING },
  ],
};
