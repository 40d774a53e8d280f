import type { Feature } from '../media/media.module.js';
import { Activity, ActivityPhoto, Shift, ShiftSignup } from './activity.entity.js';
import { ActivityAuditAction, ActivityAuditTarget } from './activities.audit.js';
import { ACTIVITY_AUDIT_READING } from './activities.audit-reading.js';
import { noShowJob, releasePromotionsJob } from './activities.jobs.js';
import { NotificationActivityResolver } from './activities.notifications.js';
import { abandonedActivityPhotosJob, activityPhotoAccess, activityPhotoUploads } from './activities.photos.js';
import {
  ActivitiesResolver,
  ActivityPhotoResolver,
  ActivityTodosResolver,
  ShiftResolver,
  ShiftSignupResolver,
} from './activities.resolver.js';

/** Volunteer activities: shifts with places, sign-up, the waiting list and promotions, no-shows. */
export const activitiesModule: Feature = {
  entities: [Activity, Shift, ShiftSignup, ActivityPhoto],
  resolvers: [
    ActivitiesResolver,
    ShiftResolver,
    ShiftSignupResolver,
    ActivityPhotoResolver,
    ActivityTodosResolver,
    NotificationActivityResolver,
  ],
  jobs: [releasePromotionsJob, noShowJob, abandonedActivityPhotosJob],
  mediaAccess: activityPhotoAccess,
  photoUploads: activityPhotoUploads,
  auditVocabulary: {
    prefix: 'ACTIVITY',
    actions: ActivityAuditAction,
    targets: ActivityAuditTarget,
    reading: ACTIVITY_AUDIT_READING,
  },
};
