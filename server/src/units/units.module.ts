import type { Feature } from '../media/media.module.js';
import { ReportIn, Unit, UnitRepresentative } from './unit.entity.js';

/** Resident units (驻区单位): representatives, report-ins (双报到), scores and reports. */
export const unitsModule: Feature = {
  entities: [Unit, UnitRepresentative, ReportIn],
};
