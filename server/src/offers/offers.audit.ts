import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of resources, services and pledge requests, as stored; OFFER_RESOURCE_OFFER… in GraphQL. */
export const OfferAuditAction = {
  RESOURCE_OFFER: 'resource.offer',
  RESOURCE_WITHDRAW: 'resource.withdraw',
  SERVICE_PUBLISH: 'service.publish',
  SERVICE_CLOSE: 'service.close',
  PLEDGE_REQUEST: 'pledgeRequest.request',
  PLEDGE_REQUEST_DECLINE: 'pledgeRequest.decline',
} as const;
export type OfferAuditAction = (typeof OfferAuditAction)[keyof typeof OfferAuditAction];
export const OfferAuditTarget = { RESOURCE: 'Resource', SERVICE: 'Service', PLEDGE_REQUEST: 'PledgeRequest' } as const;

type OfferAuditTargets = typeof OfferAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'OFFER', typeof OfferAuditAction> {}
  interface AuditTargets extends OfferAuditTargets {}
}
