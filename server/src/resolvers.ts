import { AreasResolver } from './areas/areas.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { NeedsLiveResolver } from './needs/needs.live.js';
import { NeedEventResolver, NeedPhotoResolver, NeedsResolver } from './needs/needs.resolver.js';
import { PeopleResolver, RoleAssignmentResolver } from './people/people.resolver.js';

export const resolvers = [
  AreasResolver,
  PeopleResolver,
  RoleAssignmentResolver,
  AuditResolver,
  NeedsResolver,
  NeedEventResolver,
  NeedPhotoResolver,
  NeedsLiveResolver,
] as const;
