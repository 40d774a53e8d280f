import type { EntityManager } from '@mikro-orm/postgresql';
import { deleteStoredPhoto, type StoredPhoto } from '../media/media.images.js';
import type { MediaAccessRule, MediaDeps, PhotoUploadTarget } from '../media/media.http.js';
import type { MediaStorage } from '../media/media.storage.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { PeriodicJob } from '../platform/module.js';
import { consumeRateLimit } from '../platform/rate-limit.js';
import { NeedPhoto } from './need.entity.js';
import { canSee } from './needs.access.js';
import { needUnitIdsOf } from '../units/units.access.js';
import { PHOTO_MAX_BYTES, PHOTO_UPLOAD_RATE_LIMIT } from './needs.limits.js';

/** An uploaded photo, not yet attached: raiseNeed or resolveNeed (before/after the work) attaches it. */
export async function savePhoto(em: EntityManager, viewer: Viewer, photo: StoredPhoto): Promise<NeedPhoto> {
  const row = em.create(NeedPhoto, { uploadedBy: viewer.user, ...photo });
  await em.flush();
  return row;
}

/** POST /uploads/photos: photos for a need about to be raised or resolved. */
export const needPhotoUploads: PhotoUploadTarget = {
  path: '/uploads/photos',
  maxBytes: PHOTO_MAX_BYTES,
  checkRate: (em, viewer) => consumeRateLimit(em, PHOTO_UPLOAD_RATE_LIMIT, { userId: viewer.id }),
  save: savePhoto,
};

/**
 * Who may fetch a need's photo: everyone when its need is public; otherwise the uploader (also
 * before the need is raised) and those who may see the need.
 */
export const photoAccess: MediaAccessRule = async (em, viewer, storageKey) => {
  const photo = await em.findOne(NeedPhoto, { storageKey }, { populate: ['need'] });
  if (!photo) return null;
  const need = photo.need?.getEntity() ?? null;
  if (need?.isPublic) return 'public';
  if (viewer?.id === photo.uploadedBy.id || (need && canSee(viewer, need, await needUnitIdsOf(em, viewer)))) {
    return 'private';
  }
  return null;
};

/** Uploaded photos that no need took within this time are deleted. */
export const ABANDONED_PHOTO_HOURS = 24;

/**
 * Deletes photos uploaded but never attached to a need, rows first and then their files, so
 * no row is left pointing at missing files. Safe on every instance at once: each row is
 * taken by one of them. Returns how many were deleted.
 */
export async function deleteAbandonedPhotos(
  em: EntityManager,
  storage: MediaStorage,
  now = new Date(),
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const keys = await em.fork().transactional(async (tx) => {
      const rows = await tx.execute<{ id: number; storage_key: string }[]>(
        `select id, storage_key from need_photo where need_id is null and created_at < ? order by id limit 200 for update skip locked`,
        [new Date(now.getTime() - ABANDONED_PHOTO_HOURS * 3600_000)],
      );
      if (rows.length > 0) await tx.nativeDelete(NeedPhoto, { id: { $in: rows.map((row) => row.id) } });
      return rows.map((row) => row.storage_key);
    });
    for (const key of keys) await deleteStoredPhoto(storage, key);
    deleted += keys.length;
    if (keys.length === 0) return deleted;
  }
}

/** Hourly: photos no need took within a day. */
export const abandonedPhotosJob: PeriodicJob<MediaDeps> = {
  name: 'deleteAbandonedPhotos',
  intervalMs: 60 * 60 * 1000,
  async run({ orm, storage, logger }) {
    const deleted = await deleteAbandonedPhotos(orm.em.fork(), storage);
    if (deleted > 0) logger.info({ deleted }, 'deleted photos no need took');
  },
};
