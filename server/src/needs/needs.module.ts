import type { FeatureModule } from '../platform/module.js';
import { Need, NeedDeadlinePolicy, NeedEvent, NeedPhoto, NeedSupport } from './need.entity.js';
import { registerNeedExportRoutes } from './needs.export.js';
import { autoCloseJob } from './needs.jobs.js';
import { NeedsLiveResolver } from './needs.live.js';
import { NeedEventResolver, NeedPhotoResolver, NeedsResolver } from './needs.resolver.js';
import { registerPhotoRoutes } from './photos.http.js';
import { createMediaStorage } from './photos.storage.js';

/** Needs (诉求): raised by residents, handled by workers, with photos, exports and live updates. */
export const needsModule: FeatureModule = {
  entities: [Need, NeedEvent, NeedSupport, NeedPhoto, NeedDeadlinePolicy],
  resolvers: [NeedsResolver, NeedEventResolver, NeedPhotoResolver, NeedsLiveResolver],
  async routes(app, deps) {
    await registerPhotoRoutes(app, { ...deps, storage: await createMediaStorage(deps.config) });
    await registerNeedExportRoutes(app, deps);
  },
  jobs: [autoCloseJob],
};
