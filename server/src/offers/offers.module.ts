import type { Feature } from '../media/media.module.js';
import { PledgeRequest, Resource, ResourceArea, Service, ServiceSignup } from './offer.entity.js';

/** What units and people offer: resources (资源清单), services (服务清单) with sign-ups, matches and requests. */
export const offersModule: Feature = {
  entities: [Resource, ResourceArea, Service, ServiceSignup, PledgeRequest],
};
