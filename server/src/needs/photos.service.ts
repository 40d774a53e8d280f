import type { EntityManager } from '@mikro-orm/postgresql';
import sharp from 'sharp';
import type { Viewer } from '../platform/auth/viewer.js';
import { AppError, badInput, rateLimited } from '../platform/errors.js';
import { NeedPhoto } from './need.entity.js';
import { canSee } from './needs.access.js';
import { newStorageKey, type MediaStorage } from './photos.storage.js';

export const PHOTO_MAX_SIDE = 2048;
export const THUMBNAIL_MAX_SIDE = 320;
/** Uploads per person and hour: generous for six photos a need, a wall for a script. */
export const UPLOADS_PER_HOUR = 60;
/** A decompression bomb (a small file of a huge image) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;
const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'];

const notAnImage = () => badInput({ file: { key: 'photoNotImage' } }, { key: 'photoNotImage' });

/** The file's first bytes, whatever its name or declared type says. */
function looksLikeAcceptedImage(bytes: Buffer): boolean {
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const webp = bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP';
  return jpeg || png || webp;
}

export interface ProcessedPhoto {
  full: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

/**
 * Turned upright by its EXIF orientation, then re-encoded as WebP with no metadata at all
 * (sharp writes none unless asked), so no GPS position or camera serial leaves the server.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (!looksLikeAcceptedImage(input)) throw notAnImage();
  try {
    const image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const { format } = await image.metadata();
    if (!ACCEPTED_FORMATS.includes(format)) throw notAnImage();
    const upright = image.rotate();
    const encode = (side: number, quality: number) =>
      upright
        .clone()
        .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
        .webp({ quality })
        .toBuffer({ resolveWithObject: true });
    const [full, thumbnail] = await Promise.all([encode(PHOTO_MAX_SIDE, 82), encode(THUMBNAIL_MAX_SIDE, 70)]);
    return { full: full.data, thumbnail: thumbnail.data, width: full.info.width, height: full.info.height };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // libvips could not decode it (truncated, corrupt, too many pixels): not a usable photo.
    throw notAnImage();
  }
}

/** Counted in the database, so every instance behind the load balancer sees the same number. */
export async function checkUploadRate(em: EntityManager, viewer: Viewer, now = new Date()): Promise<void> {
  const hourAgo = new Date(now.getTime() - 3600_000);
  const recent = await em.find(
    NeedPhoto,
    { uploadedBy: viewer.id, createdAt: { $gt: hourAgo } },
    { orderBy: { createdAt: 'desc' }, limit: 1, offset: UPLOADS_PER_HOUR - 1, fields: ['createdAt'] },
  );
  const oldest = recent[0];
  if (oldest)
    throw rateLimited(Math.max(1, Math.ceil((oldest.createdAt.getTime() + 3600_000 - now.getTime()) / 60_000)));
}

/**
 * Who may fetch a stored photo: everyone when its need is public; otherwise the uploader and
 * those who may see the need. 'public' may be cached by anyone, 'private' by the browser only.
 */
export async function photoAccess(
  em: EntityManager,
  viewer: Viewer | null,
  storageKey: string,
): Promise<'public' | 'private' | null> {
  const photo = await em.findOne(NeedPhoto, { storageKey }, { populate: ['need'] });
  if (!photo) return null;
  const need = photo.need?.getEntity() ?? null;
  if (need?.isPublic) return 'public';
  if (viewer?.id === photo.uploadedBy.id || (need && canSee(viewer, need))) return 'private';
  return null;
}

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
    for (const key of keys) {
      await storage.delete(`${key}.webp`);
      await storage.delete(`${key}-thumb.webp`);
    }
    deleted += keys.length;
    if (keys.length === 0) return deleted;
  }
}

/** Stores the files first, then the row: a row never points at files that are missing. */
export async function savePhoto(
  em: EntityManager,
  storage: MediaStorage,
  viewer: Viewer,
  photo: ProcessedPhoto,
): Promise<NeedPhoto> {
  const storageKey = newStorageKey();
  await storage.put(`${storageKey}.webp`, photo.full);
  await storage.put(`${storageKey}-thumb.webp`, photo.thumbnail);
  const row = em.create(NeedPhoto, {
    uploadedBy: viewer.user,
    storageKey,
    width: photo.width,
    height: photo.height,
    bytes: photo.full.length,
  });
  await em.flush();
  return row;
}
