import type { EntityManager } from '@mikro-orm/postgresql';
import type { StoredPhoto } from '../media/media.images.js';
import type { MediaAccessRule } from '../media/media.http.js';
import type { MediaStorage } from '../media/media.storage.js';
import {
  abandonedUploadsJob,
  deleteAbandonedUploads,
  photoUploadTarget,
  type UploadTable,
} from '../media/media.uploads.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { NeedPhoto } from './need.entity.js';
import { canSee } from './needs.access.js';
import { unitIdsOf } from '../units/units.access.js';

/** An uploaded photo, not yet attached: raiseNeed or resolveNeed (before/after the work) attaches it. */
export async function savePhoto(em: EntityManager, viewer: Viewer, photo: StoredPhoto): Promise<NeedPhoto> {
  const row = em.create(NeedPhoto, { uploadedBy: viewer.user, ...photo });
  await em.flush();
  return row;
}

/** POST /uploads/photos: photos for a need about to be raised or resolved. */
export const needPhotoUploads = photoUploadTarget('/uploads/photos', savePhoto);

/**
 * Who may fetch a need's photo: everyone when its need is public; otherwise the uploader (also
 * before the need is raised) and those who may see the need.
 */
export const photoAccess: MediaAccessRule = async (em, viewer, storageKey) => {
  const photo = await em.findOne(NeedPhoto, { storageKey }, { populate: ['need'] });
  if (!photo) return null;
  const need = photo.need?.getEntity() ?? null;
  if (need?.isPublic) return 'public';
  if (viewer?.id === photo.uploadedBy.id || (need && canSee(viewer, need, unitIdsOf(viewer)))) {
    return 'private';
  }
  return null;
};

const NEED_UPLOADS: UploadTable = { table: 'need_photo', unattached: 'need_id is null' };

/** Deletes the photos no need took within a day; returns how many. */
export const deleteAbandonedPhotos = (em: EntityManager, storage: MediaStorage, now = new Date()) =>
  deleteAbandonedUploads(em, storage, NEED_UPLOADS, now);

/** Hourly: photos no need took within a day. */
export const abandonedPhotosJob = abandonedUploadsJob('deleteAbandonedPhotos', NEED_UPLOADS);
