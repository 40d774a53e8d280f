import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditActionsOf } from '../audit/audit.vocabulary.js';
import type { AuditTargetReading } from '../platform/module.js';
import { PledgeRequest, Resource, Service } from './offer.entity.js';

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

/** How the audit log reads offers' entries: by the resource's or service's title (both public). */
export const OFFER_AUDIT_READING: Record<string, AuditTargetReading> = {
  [OfferAuditTarget.RESOURCE]: {
    async labels(em, entries) {
      const rows = await em.find(Resource, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(rows.map((row) => [String(row.id), row.title])));
    },
    fields: {
      kind: { label: 'offerAudit.kind', value: { words: 'resourceKind.' } },
      title: { label: 'offerAudit.title' },
      quantity: { label: 'offerAudit.quantity' },
      measure: { label: 'offerAudit.measure' },
    },
  },
  [OfferAuditTarget.SERVICE]: {
    async labels(em, entries) {
      const rows = await em.find(Service, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(rows.map((row) => [String(row.id), row.title])));
    },
    fields: { title: { label: 'offerAudit.title' }, capacity: { label: 'offerAudit.capacity' } },
  },
  [OfferAuditTarget.PLEDGE_REQUEST]: {
    // A request reads as what it asks for; the need it is about may be private.
    async labels(em, entries) {
      const rows = await em.find(
        PledgeRequest,
        { id: { $in: targetRowIds(entries) } },
        { populate: ['resource', 'service'] },
      );
      const titles = rows.map(
        (row) => [String(row.id), row.resource?.getEntity().title ?? row.service?.getEntity().title ?? ''] as const,
      );
      return labelsByTargetId(entries, new Map(titles));
    },
    fields: { status: { label: 'offerAudit.status', value: { words: 'pledgeRequestStatus.' } } },
  },
};

type OfferAuditTargets = typeof OfferAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'OFFER', typeof OfferAuditAction> {}
  interface AuditTargets extends OfferAuditTargets {}
}
