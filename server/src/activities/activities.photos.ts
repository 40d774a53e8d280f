import type { EntityManager } from '@mikro-orm/postgresql';
import type { MediaAccessRule } from '../media/media.http.js';
import type { StoredPhoto } from '../media/media.images.js';
import { abandonedUploadsJob, photoUploadTarget, type UploadTable } from '../media/media.uploads.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { ActivityPhoto } from './activity.entity.js';

/** An uploaded photo, not yet attached: createActivity takes it. */
async function saveActivityPhoto(em: EntityManager, viewer: Viewer, photo: StoredPhoto): Promise<ActivityPhoto> {
  const row = em.create(ActivityPhoto, { uploadedBy: viewer.user, ...photo });
  await em.flush();
  return row;
}

/** POST /uploads/activity-photos: photos of an activity about to be created. */
export const activityPhotoUploads = photoUploadTarget('/uploads/activity-photos', saveActivityPhoto);

/** Activities are public, so are their photos once attached; before that, only the uploader's. */
export const activityPhotoAccess: MediaAccessRule = async (em, viewer, storageKey) => {
  const photo = await em.findOne(ActivityPhoto, { storageKey });
  if (!photo) return null;
  if (photo.activity) return 'public';
  return viewer?.id === photo.uploadedBy.id ? 'private' : null;
};

const ACTIVITY_UPLOADS: UploadTable = { table: 'activity_photo', unattached: 'activity_id is null' };

/** Hourly: activity photos no activity took within a day. */
export const abandonedActivityPhotosJob = abandonedUploadsJob('deleteAbandonedActivityPhotos', ACTIVITY_UPLOADS);
