import type { Feature } from '../media/media.module.js';
import { CorrectionRequest, ServiceRecordEntry, StarAward } from './record.entity.js';

/** Service records: verified hours, corrections on the record, star levels, rankings and export. */
export const recordsModule: Feature = {
  entities: [ServiceRecordEntry, CorrectionRequest, StarAward],
};
