import type { Feature } from '../media/media.module.js';
import { Resolution, ResolutionPhoto, ResolutionUpdate } from './resolution.entity.js';
import { ResolutionAuditAction, ResolutionAuditTarget } from './resolutions.audit.js';
import { RESOLUTION_AUDIT_READING } from './resolutions.audit-reading.js';
import { resolutionOverdueJob } from './resolutions.jobs.js';
import { NotificationResolutionResolver } from './resolutions.notifications.js';
import { abandonedResolutionPhotosJob, resolutionPhotoAccess, resolutionPhotoUploads } from './resolutions.photos.js';
import {
  ResolutionPhotoResolver,
  ResolutionsResolver,
  ResolutionTodosResolver,
  ResolutionUpdateResolver,
  TopicResolutionsResolver,
} from './resolutions.resolver.js';

/** Resolutions (决议) of passed votes: owner, due date, progress with photos, late ones flagged. */
export const resolutionsModule: Feature = {
  entities: [Resolution, ResolutionUpdate, ResolutionPhoto],
  resolvers: [
    ResolutionsResolver,
    ResolutionUpdateResolver,
    ResolutionPhotoResolver,
    TopicResolutionsResolver,
    ResolutionTodosResolver,
    NotificationResolutionResolver,
  ],
  jobs: [resolutionOverdueJob, abandonedResolutionPhotosJob],
  mediaAccess: resolutionPhotoAccess,
  photoUploads: resolutionPhotoUploads,
  auditVocabulary: {
    prefix: 'RESOLUTION',
    actions: ResolutionAuditAction,
    targets: ResolutionAuditTarget,
    reading: RESOLUTION_AUDIT_READING,
  },
};
