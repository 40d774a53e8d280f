import { Area } from './areas/area.entity.js';
import { AuditEntry } from './audit/audit-entry.entity.js';
import { Need, NeedDeadlinePolicy, NeedEvent, NeedPhoto, NeedSupport } from './needs/need.entity.js';
import { RoleAssignment } from './people/role-assignment.entity.js';
import { User } from './people/user.entity.js';
import { LoginAttempt, Session } from './platform/auth/session.entity.js';
import { RateLimitWindow } from './platform/rate-limit.entity.js';

/** Every entity, listed by hand so builds and tests need no folder scanning. */
export const entities = [
  Area,
  User,
  RoleAssignment,
  Session,
  LoginAttempt,
  AuditEntry,
  Need,
  NeedEvent,
  NeedSupport,
  NeedPhoto,
  NeedDeadlinePolicy,
  RateLimitWindow,
];
