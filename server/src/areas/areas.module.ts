import type { FeatureModule } from '../platform/module.js';
import { Area } from './area.entity.js';
import { AreasResolver } from './areas.resolver.js';
import { AREA_AUDIT_READING, AreaAuditAction, AreaAuditTarget } from './areas.audit.js';

/** The area tree: 街道 → 社区/村 → 网格 → 楼栋. */
export const areasModule: FeatureModule = {
  entities: [Area],
  resolvers: [AreasResolver],
  auditVocabulary: { prefix: 'AREA', actions: AreaAuditAction, targets: AreaAuditTarget, reading: AREA_AUDIT_READING },
};
