import type { FeatureModule } from '../platform/module.js';
import { registerMediaRoutes, type MediaAccessRule, type MediaDeps, type PhotoUploadTarget } from './media.http.js';

/** A feature as app.ts composes it: its routes and jobs may use the media storage, and it may own media files. */
export interface Feature extends FeatureModule<MediaDeps> {
  /** Who may fetch the media files this feature owns. */
  mediaAccess?: MediaAccessRule;
  photoUploads?: PhotoUploadTarget;
}

/** Media (storage, processing, serving, uploads) for the files the features own, asking each who may see one. */
export function mediaModule(features: readonly Feature[]): FeatureModule<MediaDeps> {
  const access = features.flatMap((feature) => (feature.mediaAccess ? [feature.mediaAccess] : []));
  const uploads = features.flatMap((feature) => (feature.photoUploads ? [feature.photoUploads] : []));
  return {
    routes: (app, deps) => registerMediaRoutes(app, deps, { access, uploads }),
  };
}
