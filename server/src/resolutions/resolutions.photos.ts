import type { EntityManager } from '@mikro-orm/postgresql';
import type { MediaAccessRule } from '../media/media.http.js';
import type { StoredPhoto } from '../media/media.images.js';
import { abandonedUploadsJob, photoUploadTarget, type UploadTable } from '../media/media.uploads.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { ResolutionPhoto } from './resolution.entity.js';

/** An uploaded photo, not yet attached: updateResolutionProgress takes it. */
async function saveResolutionPhoto(em: EntityManager, viewer: Viewer, photo: StoredPhoto): Promise<ResolutionPhoto> {
  const row = em.create(ResolutionPhoto, { uploadedBy: viewer.user, ...photo });
  await em.flush();
  return row;
}

/** POST /uploads/resolution-photos: photos of a resolution's progress. */
export const resolutionPhotoUploads = photoUploadTarget('/uploads/resolution-photos', saveResolutionPhoto);

/** Resolutions are public, so are their progress photos once attached; before that, only the uploader's. */
export const resolutionPhotoAccess: MediaAccessRule = async (em, viewer, storageKey) => {
  const photo = await em.findOne(ResolutionPhoto, { storageKey });
  if (!photo) return null;
  if (photo.update) return 'public';
  return viewer?.id === photo.uploadedBy.id ? 'private' : null;
};

const RESOLUTION_UPLOADS: UploadTable = { table: 'resolution_photo', unattached: 'update_id is null' };

/** Hourly: resolution photos no update took within a day. */
export const abandonedResolutionPhotosJob = abandonedUploadsJob('deleteAbandonedResolutionPhotos', RESOLUTION_UPLOADS);
