import type { FastifyInstance } from 'fastify';
import { registerNeedExportRoutes } from './needs/needs.export.js';
import { registerPhotoRoutes } from './needs/photos.http.js';
import { createMediaStorage } from './needs/photos.storage.js';
import type { RouteDeps } from './platform/rest.js';

/** The plain-HTTP routes of the features, beside GraphQL: photo uploads and media, list exports. */
export async function registerFeatureRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await registerPhotoRoutes(app, { ...deps, storage: await createMediaStorage(deps.config) });
  await registerNeedExportRoutes(app, deps);
}
