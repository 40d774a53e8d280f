import type { Feature } from '../media/media.module.js';
import { CorrectionRequest, ServiceRecordEntry, StarAward } from './record.entity.js';
import { RecordAuditAction, RecordAuditTarget } from './records.audit.js';
import { registerHoursExportRoutes } from './records.export.js';
import { correctionOverdueJob, starAwardJob } from './records.jobs.js';
import { NotificationRecordsResolver } from './records.notifications.js';
import {
  CorrectionRequestResolver,
  RecordsResolver,
  RecordTodosResolver,
  ServiceRecordEntryResolver,
  ShiftSignupRecordsResolver,
  StarAwardResolver,
  VolunteerSummaryResolver,
} from './records.resolver.js';
import { TeamHoursRollup, VolunteerHoursRollup } from './rollup.entity.js';

/** Service records: verified hours, corrections on the record, star levels, rankings and export. */
export const recordsModule: Feature = {
  entities: [ServiceRecordEntry, CorrectionRequest, StarAward, VolunteerHoursRollup, TeamHoursRollup],
  resolvers: [
    RecordsResolver,
    VolunteerSummaryResolver,
    ShiftSignupRecordsResolver,
    ServiceRecordEntryResolver,
    CorrectionRequestResolver,
    StarAwardResolver,
    RecordTodosResolver,
    NotificationRecordsResolver,
  ],
  jobs: [correctionOverdueJob, starAwardJob],
  routes: registerHoursExportRoutes,
  auditVocabulary: { prefix: 'RECORD', actions: RecordAuditAction, targets: RecordAuditTarget },
};
