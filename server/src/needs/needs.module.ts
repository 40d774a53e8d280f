import type { Feature } from '../media/media.module.js';
import { Need, NeedDeadlinePolicy, NeedEvent, NeedPhoto, NeedSupport } from './need.entity.js';
import { registerNeedExportRoutes } from './needs.export.js';
import { autoCloseJob, deadlineReminderJob } from './needs.jobs.js';
import { NeedDeadlineNotice } from './need-deadline-notice.entity.js';
import { NeedCountRollup, NeedDayRollup } from './need-rollup.entity.js';
import { foldRollupsJob } from './needs.rollups.js';
import { NotificationNeedResolver } from './needs.notifications.js';
import { NeedsLiveResolver } from './needs.live.js';
import { abandonedPhotosJob, needPhotoUploads, photoAccess } from './needs.photos.js';
import { NeedEventResolver, NeedPhotoResolver, NeedsResolver } from './needs.resolver.js';
import { NeedAuditAction, NeedAuditTarget } from './needs.audit.js';
import { NeedTodosResolver } from './needs.todos.js';
import { NEED_AUDIT_READING } from './needs.audit-reading.js';

/** Needs (诉求): raised by residents, handled by workers, with photos, exports, live updates and to-dos. */
export const needsModule: Feature = {
  entities: [
    Need,
    NeedEvent,
    NeedSupport,
    NeedPhoto,
    NeedDeadlinePolicy,
    NeedDeadlineNotice,
    NeedDayRollup,
    NeedCountRollup,
  ],
  resolvers: [
    NeedsResolver,
    NeedEventResolver,
    NeedPhotoResolver,
    NeedsLiveResolver,
    NeedTodosResolver,
    NotificationNeedResolver,
  ],
  routes: registerNeedExportRoutes,
  jobs: [autoCloseJob, abandonedPhotosJob, deadlineReminderJob, foldRollupsJob],
  mediaAccess: photoAccess,
  photoUploads: needPhotoUploads,
  auditVocabulary: { prefix: 'NEED', actions: NeedAuditAction, targets: NeedAuditTarget, reading: NEED_AUDIT_READING },
};
