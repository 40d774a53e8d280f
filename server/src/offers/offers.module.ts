import type { Feature } from '../media/media.module.js';
import { PledgeRequest, Resource, ResourceArea, Service, ServiceSignup } from './offer.entity.js';
import { OFFER_AUDIT_READING, OfferAuditAction, OfferAuditTarget } from './offers.audit.js';
import {
  MatchesResolver,
  ResourcesResolver,
  ServicesResolver,
  ServiceSignupResolver,
  UnitOffersResolver,
} from './offers.resolver.js';
import {
  NotificationPledgeRequestResolver,
  OffersTodosResolver,
  PledgeRequestsResolver,
} from './offers.requests.resolver.js';

/** What units and people offer: resources (资源清单), services (服务清单) with sign-ups, matches and requests. */
export const offersModule: Feature = {
  entities: [Resource, ResourceArea, Service, ServiceSignup, PledgeRequest],
  resolvers: [
    ResourcesResolver,
    ServicesResolver,
    ServiceSignupResolver,
    UnitOffersResolver,
    MatchesResolver,
    PledgeRequestsResolver,
    OffersTodosResolver,
    NotificationPledgeRequestResolver,
  ],
  auditVocabulary: {
    prefix: 'OFFER',
    actions: OfferAuditAction,
    targets: OfferAuditTarget,
    reading: OFFER_AUDIT_READING,
  },
};
