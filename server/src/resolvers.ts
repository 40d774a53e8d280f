import { AreasResolver } from './areas/areas.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { PeopleResolver, RoleAssignmentResolver } from './people/people.resolver.js';

export const resolvers = [AreasResolver, PeopleResolver, RoleAssignmentResolver, AuditResolver] as const;
