import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3Config } from '../platform/config.js';
import { MEDIA_NAME, type MediaStorage, type StoredObject } from './media.storage.js';

const isNotFound = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * Media files in an S3-compatible bucket (AWS S3, MinIO, Aliyun OSS, Tencent COS…), served
 * through the app so the CSP stays `img-src 'self'` and the bucket can stay private.
 * Credentials come from the usual AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
 */
export class S3MediaStorage implements MediaStorage {
  private readonly client: S3Client;

  constructor(private readonly s3: S3Config) {
    this.client = new S3Client({
      region: s3.region,
      ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
      forcePathStyle: s3.forcePathStyle,
    });
  }

  private keyOf(name: string): string {
    if (!MEDIA_NAME.test(name)) throw new Error(`not a media name: ${name}`);
    return `${this.s3.prefix}${name}`;
  }

  async put(name: string, body: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.s3.bucket,
        Key: this.keyOf(name),
        Body: body,
        ContentType: 'image/webp',
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  async get(name: string): Promise<StoredObject | null> {
    if (!MEDIA_NAME.test(name)) return null;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.s3.bucket, Key: this.keyOf(name) }));
      return { body: object.Body as Readable, size: object.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof NoSuchKey || isNotFound(error)) return null;
      throw error;
    }
  }

  async exists(name: string): Promise<boolean> {
    if (!MEDIA_NAME.test(name)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.s3.bucket, Key: this.keyOf(name) }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || isNotFound(error)) return false;
      throw error;
    }
  }

  /** S3 answers a delete of a missing key with success too. */
  async delete(name: string): Promise<void> {
    if (!MEDIA_NAME.test(name)) throw new Error(`not a media name: ${name}`);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: this.keyOf(name) }));
  }

  destroy(): void {
    this.client.destroy();
  }
}
