import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../platform/auth/viewer.js';
import type { PeriodicJob } from '../platform/module.js';
import { consumeRateLimit } from '../platform/rate-limit.js';
import type { MediaDeps, PhotoUploadTarget } from './media.http.js';
import { deleteStoredPhoto, type StoredPhoto } from './media.images.js';
import { ABANDONED_PHOTO_HOURS, PHOTO_MAX_BYTES, PHOTO_UPLOAD_RATE_LIMIT } from './media.limits.js';
import type { MediaStorage } from './media.storage.js';

/**
 * A feature's upload endpoint at `path`: the one size limit and the one per-person rate limit
 * of every photo upload; `save` keeps the row (not yet attached to anything).
 */
export function photoUploadTarget(
  path: string,
  save: (em: EntityManager, viewer: Viewer, photo: StoredPhoto) => Promise<{ id: number }>,
): PhotoUploadTarget {
  return {
    path,
    maxBytes: PHOTO_MAX_BYTES,
    checkRate: (em, viewer) => consumeRateLimit(em, PHOTO_UPLOAD_RATE_LIMIT, { userId: viewer.id }),
    save,
  };
}

/** A feature's table of uploaded photos, and the SQL condition of a row nothing has taken (a constant, never input). */
export interface UploadTable {
  table: string;
  unattached: string;
}

/**
 * Deletes photos uploaded but never attached within ABANDONED_PHOTO_HOURS, rows first and then
 * their files, so no row is left pointing at missing files. Safe on every instance at once: each
 * row is taken by one of them. Returns how many were deleted.
 */
export async function deleteAbandonedUploads(
  em: EntityManager,
  storage: MediaStorage,
  { table, unattached }: UploadTable,
  now = new Date(),
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const keys = await em.fork().transactional(async (tx) => {
      const rows = await tx.execute<{ id: number; storage_key: string }[]>(
        `select id, storage_key from ${table} where ${unattached} and created_at < ? order by id limit 200 for update skip locked`,
        [new Date(now.getTime() - ABANDONED_PHOTO_HOURS * 3600_000)],
      );
      if (rows.length > 0)
        await tx.execute(`delete from ${table} where id = any(?::int[])`, [`{${rows.map((row) => row.id).join(',')}}`]);
      return rows.map((row) => row.storage_key);
    });
    for (const key of keys) await deleteStoredPhoto(storage, key);
    deleted += keys.length;
    if (keys.length === 0) return deleted;
  }
}

/** Hourly: the photos of `uploads` nothing took within a day. */
export function abandonedUploadsJob(name: string, uploads: UploadTable): PeriodicJob<MediaDeps> {
  return {
    name,
    intervalMs: 60 * 60 * 1000,
    async run({ orm, storage, logger }) {
      const deleted = await deleteAbandonedUploads(orm.em.fork(), storage, uploads);
      if (deleted > 0) logger.info({ deleted, table: uploads.table }, 'deleted photos nothing took');
    },
  };
}
