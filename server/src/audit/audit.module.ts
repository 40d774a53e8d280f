import type { FeatureModule } from '../platform/module.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditResolver } from './audit.resolver.js';

/** Who changed what, for the officials of an area. */
export const auditModule: FeatureModule = {
  entities: [AuditEntry],
  resolvers: [AuditResolver],
};
