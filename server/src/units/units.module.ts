import type { Feature } from '../media/media.module.js';
import { ReportIn, Unit, UnitRepresentative } from './unit.entity.js';
import { UNIT_AUDIT_READING, UnitAuditAction, UnitAuditTarget } from './units.audit.js';
import { registerUnitReportRoutes } from './units.report.js';
import {
  NeedAssigneeUnitResolver,
  NeedEventUnitResolver,
  NotificationUnitsResolver,
  ReportInsResolver,
  UnitsResolver,
  UnitTodosResolver,
  UserReportInsResolver,
} from './units.resolver.js';

/** Resident units (驻区单位): representatives, report-ins (双报到), scores and reports. */
export const unitsModule: Feature = {
  entities: [Unit, UnitRepresentative, ReportIn],
  resolvers: [
    UnitsResolver,
    ReportInsResolver,
    UserReportInsResolver,
    NeedAssigneeUnitResolver,
    NeedEventUnitResolver,
    NotificationUnitsResolver,
    UnitTodosResolver,
  ],
  routes: registerUnitReportRoutes,
  auditVocabulary: { prefix: 'UNIT', actions: UnitAuditAction, targets: UnitAuditTarget, reading: UNIT_AUDIT_READING },
};
