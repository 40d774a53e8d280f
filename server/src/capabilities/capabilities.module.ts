import type { FeatureModule } from '../platform/module.js';
import { AreaCapabilitiesResolver } from './capabilities.resolver.js';

/** Area.viewerCan: the features' own area rules, reported to the web so it never re-states them. */
export const capabilitiesModule: FeatureModule = {
  resolvers: [AreaCapabilitiesResolver],
};
