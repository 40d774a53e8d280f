import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../platform/config.js';

/** Where the web app finds a stored photo and its thumbnail. */
export function photoUrls(storageKey: string) {
  return { url: `/media/${storageKey}.webp`, thumbnailUrl: `/media/${storageKey}-thumb.webp` };
}

/** 128 random bits, hex: unguessable, so a file's URL is only known to those shown it. */
export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

/** The only names ever stored or served; anything else (`../`, other extensions) is refused. */
export const MEDIA_NAME = /^([0-9a-f]{32})(-thumb)?\.webp$/;

export interface StoredObject {
  body: Readable;
  size: number;
}

/** Where media files live: local disk by default, or an S3-compatible bucket (media.s3.ts). */
export interface MediaStorage {
  put(name: string, body: Buffer): Promise<void>;
  /** null when there is no such object. */
  get(name: string): Promise<StoredObject | null>;
  exists(name: string): Promise<boolean>;
  /** Removes an object; no error when it is already gone. */
  delete(name: string): Promise<void>;
  /** Lets go of connections when the server stops. */
  destroy?(): void;
}

/** S3-compatible storage when S3_BUCKET is set (its SDK loaded only then), else the local folder. */
export async function createMediaStorage(config: Pick<Config, 'mediaDir' | 's3'>): Promise<MediaStorage> {
  if (!config.s3) return new LocalMediaStorage(config.mediaDir);
  const { S3MediaStorage } = await import('./media.s3.js');
  return new S3MediaStorage(config.s3);
}

function checkName(name: string): void {
  if (!MEDIA_NAME.test(name)) throw new Error(`not a media name: ${name}`);
}

/** Files under one folder, spread over 256 sub-folders by the key's first two characters. */
export class LocalMediaStorage implements MediaStorage {
  constructor(readonly dir: string) {}

  private pathOf(name: string): string {
    checkName(name);
    return path.join(this.dir, name.slice(0, 2), name);
  }

  async put(name: string, body: Buffer): Promise<void> {
    const target = this.pathOf(name);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    // Written aside, then renamed: a reader never sees half a file.
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fsp.writeFile(temporary, body, { flag: 'wx' });
      await fsp.rename(temporary, target);
    } catch (error) {
      await fsp.rm(temporary, { force: true });
      throw error;
    }
  }

  async get(name: string): Promise<StoredObject | null> {
    if (!MEDIA_NAME.test(name)) return null;
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.pathOf(name), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const { size } = await handle.stat();
    return { body: handle.createReadStream(), size };
  }

  async exists(name: string): Promise<boolean> {
    if (!MEDIA_NAME.test(name)) return false;
    try {
      await fsp.access(this.pathOf(name));
      return true;
    } catch {
      return false;
    }
  }

  async delete(name: string): Promise<void> {
    await fsp.rm(this.pathOf(name), { force: true });
  }
}
