import os from 'node:os';
import sharp from 'sharp';
import type { PhotoProcessingLimits } from '../platform/config.js';
import { AppError, badInput } from '../platform/errors.js';
import { WorkQueue } from '../platform/work-queue.js';
import { newStorageKey, type MediaStorage } from './media.storage.js';

export const PHOTO_MAX_SIDE = 2048;
export const THUMBNAIL_MAX_SIDE = 320;
/** A decompression bomb (a small file of a huge image) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;
const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'];
/** What an upload refused by a full queue is told: a photo takes a second or two. */
const PROCESSING_RETRY_AFTER_SECONDS = 5;

/**
 * The queue every photo is decoded in: a burst of large images waits its turn or is refused,
 * instead of taking every core, a lot of memory and the thread pool that password hashing needs.
 * libvips gets the cores shared out between the photos running at once (sharp's setting is
 * for the whole process).
 */
export function photoProcessingQueue(limits: PhotoProcessingLimits): WorkQueue {
  sharp.concurrency(Math.max(1, Math.floor(os.availableParallelism() / limits.concurrency)));
  return new WorkQueue({
    concurrency: limits.concurrency,
    maxWaiting: limits.queue,
    retryAfterSeconds: PROCESSING_RETRY_AFTER_SECONDS,
  });
}

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
    // One after the other: a photo uses one thread of libuv's pool at a time, as the queue counts on.
    const full = await encode(PHOTO_MAX_SIDE, 82);
    const thumbnail = await encode(THUMBNAIL_MAX_SIDE, 70);
    return { full: full.data, thumbnail: thumbnail.data, width: full.info.width, height: full.info.height };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // libvips could not decode it (truncated, corrupt, too many pixels): not a usable photo.
    throw notAnImage();
  }
}

/** A photo's files in the storage, described for the row a feature keeps of it. */
export interface StoredPhoto {
  storageKey: string;
  width: number;
  height: number;
  bytes: number;
}

/** Both files under a new key; a feature writes its row only after this, so no row points at missing files. */
export async function storePhoto(storage: MediaStorage, photo: ProcessedPhoto): Promise<StoredPhoto> {
  const storageKey = newStorageKey();
  await storage.put(`${storageKey}.webp`, photo.full);
  await storage.put(`${storageKey}-thumb.webp`, photo.thumbnail);
  return { storageKey, width: photo.width, height: photo.height, bytes: photo.full.length };
}

/** Removes both files of a photo (a feature deletes its row first). */
export async function deleteStoredPhoto(storage: MediaStorage, storageKey: string): Promise<void> {
  await storage.delete(`${storageKey}.webp`);
  await storage.delete(`${storageKey}-thumb.webp`);
}
