import fastifyMultipart from '@fastify/multipart';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Viewer } from '../platform/auth/viewer.js';
import { badInput, notFound } from '../platform/errors.js';
import { requireViewer, restErrorHandler, sendAppError, type RouteDeps } from '../platform/rest.js';
import { photoProcessingQueue, processPhoto, storePhoto, type StoredPhoto } from './media.images.js';
import { MEDIA_NAME, photoUrls, type MediaStorage } from './media.storage.js';

/** What the media routes and jobs get beside the platform's: the one storage of the app. */
export interface MediaDeps {
  storage: MediaStorage;
}

/**
 * Whether the viewer may fetch the stored file `storageKey`: 'public' (anyone, cacheable by
 * anyone), 'private' (this viewer, cached by the browser only), or null when the feature does
 * not own the file or refuses it. Each feature that keeps media registers one.
 */
export type MediaAccessRule = (
  em: EntityManager,
  viewer: Viewer | null,
  storageKey: string,
) => Promise<'public' | 'private' | null>;

/** A feature's photo upload endpoint: the media module stores the files, the feature keeps the row. */
export interface PhotoUploadTarget {
  path: string;
  maxBytes: number;
  /** Throws RATE_LIMITED when the viewer has uploaded too much lately. */
  checkRate(em: EntityManager, viewer: Viewer): Promise<void>;
  /** Records the stored photo; returns the id the client then refers to it by. */
  save(em: EntityManager, viewer: Viewer, photo: StoredPhoto): Promise<{ id: number }>;
}

const photoTooLarge = (maxBytes: number) => {
  const params = { max: maxBytes / 1024 / 1024 };
  return badInput({ file: { key: 'photoTooLarge', params } }, { key: 'photoTooLarge', params });
};
const photoMissing = () => badInput({ file: { key: 'photoMissing' } }, { key: 'photoMissing' });

/**
 * Reading the body failed: no boundary, a part cut off, a broken header. That is the
 * client's upload; errors that carry their own status (FST_REQ_FILE_TOO_LARGE) keep it.
 */
function malformedUpload(error: unknown): never {
  if ((error as FastifyError).statusCode !== undefined) throw error;
  throw badInput({ file: { key: 'uploadMalformed' } }, { key: 'uploadMalformed' });
}

/**
 * POST <target.path> (multipart, one file in "file") answers 201 { id, url, thumbnailUrl, width, height };
 * GET /media/<key>.webp and /media/<key>-thumb.webp serve the stored files to those a rule lets in.
 */
export async function registerMediaRoutes(
  app: FastifyInstance,
  deps: RouteDeps & MediaDeps,
  options: { access: readonly MediaAccessRule[]; uploads: readonly PhotoUploadTarget[] },
): Promise<void> {
  const processing = photoProcessingQueue(deps.config.photoProcessing);
  for (const target of options.uploads) {
    await app.register(async (scope) => {
      await scope.register(fastifyMultipart, {
        limits: { fileSize: target.maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 50 },
      });
      scope.setErrorHandler<FastifyError>((error, request, reply) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE')
          return sendAppError(request, reply, photoTooLarge(target.maxBytes), 413);
        return restErrorHandler(error, request, reply);
      });
      scope.post(target.path, async (request, reply) => {
        const em = deps.orm.em.fork();
        const viewer = await requireViewer(deps, em, request);
        await target.checkRate(em, viewer);
        // Refused before the body is read when the queue is full already.
        processing.refuseIfFull();
        if (!request.isMultipart()) throw photoMissing();
        const part = await request.file().catch(malformedUpload);
        if (!part || part.fieldname !== 'file') throw photoMissing();
        // Throws FST_REQ_FILE_TOO_LARGE (413) as soon as the limit is passed; nothing is kept.
        const bytes = await part.toBuffer().catch(malformedUpload);
        const stored = await storePhoto(deps.storage, await processing.run(() => processPhoto(bytes)));
        const { id } = await target.save(em, viewer, stored);
        return reply
          .code(201)
          .send({ id: String(id), ...photoUrls(stored.storageKey), width: stored.width, height: stored.height });
      });
    });
  }

  // Errors answer in the vocabulary through the app-wide handler (platform/http-vocabulary).
  app.get<{ Params: { file: string } }>('/media/:file', async (request, reply) => {
    const { file } = request.params;
    const storageKey = MEDIA_NAME.exec(file)?.[1];
    if (!storageKey) throw notFound();
    // A file nobody lets the viewer see gets the same 404 as no file at all.
    const em = deps.orm.em.fork();
    const viewer = await deps.viewerOf(em, request);
    let access: 'public' | 'private' | null = null;
    for (const rule of options.access) {
      access = await rule(em, viewer, storageKey);
      if (access) break;
    }
    const stored = access ? await deps.storage.get(file) : null;
    if (!stored) throw notFound();
    // A key is never reused for other content, so the file may be cached for good (privately when private).
    return reply
      .header('cache-control', `${access}, max-age=31536000, immutable`)
      .header('content-length', String(stored.size))
      .type('image/webp')
      .send(stored.body);
  });
}
