import { PHOTO_MAX_BYTES } from './needs.limits.js';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance } from 'fastify';
import { badInput, notFound } from '../platform/errors.js';
import { requireViewer, restErrorHandler, sendAppError, type RouteDeps } from '../platform/rest.js';
import type { Logger } from 'pino';
import { runPeriodically } from '../platform/periodic.js';
import { checkUploadRate, deleteAbandonedPhotos, photoAccess, processPhoto, savePhoto } from './photos.service.js';
import { MEDIA_NAME, photoUrls, type MediaStorage } from './photos.storage.js';

export const PHOTO_UPLOAD_PATH = '/uploads/photos';

export interface PhotoRouteDeps extends RouteDeps {
  storage: MediaStorage;
}

const photoTooLarge = () =>
  badInput(
    { file: { key: 'photoTooLarge', params: { max: PHOTO_MAX_BYTES / 1024 / 1024 } } },
    {
      key: 'photoTooLarge',
      params: { max: PHOTO_MAX_BYTES / 1024 / 1024 },
    },
  );

/**
 * Reading the body failed: no boundary, a part cut off, a broken header. That is the
 * client's upload; errors that carry their own status (FST_REQ_FILE_TOO_LARGE) keep it.
 */
function malformedUpload(error: unknown): never {
  if ((error as FastifyError).statusCode !== undefined) throw error;
  throw badInput({ file: { key: 'uploadMalformed' } }, { key: 'uploadMalformed' });
}

/**
 * POST /uploads/photos (multipart, one file in "file") answers 201 { id, url, thumbnailUrl };
 * GET /media/<key>.webp and /media/<key>-thumb.webp serve the stored files; photos no need
 * took within a day are deleted every hour.
 */
const ABANDONED_CHECK_MS = 60 * 60 * 1000;

export async function registerPhotoRoutes(app: FastifyInstance, deps: PhotoRouteDeps): Promise<void> {
  const cleanup = runPeriodically(
    'deleteAbandonedPhotos',
    ABANDONED_CHECK_MS,
    async () => {
      const deleted = await deleteAbandonedPhotos(deps.orm.em.fork(), deps.storage);
      if (deleted > 0) app.log.info({ deleted }, 'deleted photos no need took');
    },
    app.log as Logger,
  );
  app.addHook('onClose', async () => {
    await cleanup.stop();
    deps.storage.destroy?.();
  });
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 50 },
    });
    scope.setErrorHandler<FastifyError>((error, request, reply) => {
      if (error.code === 'FST_REQ_FILE_TOO_LARGE') return sendAppError(request, reply, photoTooLarge(), 413);
      return restErrorHandler(error, request, reply);
    });

    scope.post(PHOTO_UPLOAD_PATH, async (request, reply) => {
      const em = deps.orm.em.fork();
      const viewer = await requireViewer(deps, em, request);
      await checkUploadRate(em, viewer);
      if (!request.isMultipart()) throw badInput({ file: { key: 'photoMissing' } }, { key: 'photoMissing' });
      const part = await request.file().catch(malformedUpload);
      if (!part || part.fieldname !== 'file')
        throw badInput({ file: { key: 'photoMissing' } }, { key: 'photoMissing' });
      // Throws FST_REQ_FILE_TOO_LARGE (413) as soon as the limit is passed; nothing is kept.
      const bytes = await part.toBuffer().catch(malformedUpload);
      const photo = await savePhoto(em, deps.storage, viewer, await processPhoto(bytes));
      return reply
        .code(201)
        .send({ id: String(photo.id), ...photoUrls(photo.storageKey), width: photo.width, height: photo.height });
    });

    scope.get<{ Params: { file: string } }>('/media/:file', async (request, reply) => {
      const { file } = request.params;
      const storageKey = MEDIA_NAME.exec(file)?.[1];
      if (!storageKey) throw notFound();
      // Photos of private needs are for the people who may see the need; others get the same 404 as for nothing.
      const em = deps.orm.em.fork();
      const access = await photoAccess(em, await deps.viewerOf(em, request), storageKey);
      const stored = access ? await deps.storage.get(file) : null;
      if (!stored) throw notFound();
      // A key is never reused for other content, so the file may be cached for good (privately when private).
      return reply
        .header('cache-control', `${access}, max-age=31536000, immutable`)
        .header('content-length', String(stored.size))
        .type('image/webp')
        .send(stored.body);
    });
  });
}
