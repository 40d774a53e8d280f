import type { AuditActionsOf } from '../audit/audit.vocabulary.js';
import type { AuditedTarget, AuditTargetReading } from '../platform/module.js';

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

/**
 * The title each entry carries as `label` (a resource's or service's, a request's offer), so
 * the log reads them without a query; resources and services are public, their titles fixed.
 */
async function labelsOf(_em: unknown, entries: readonly AuditedTarget[]): Promise<(string | null)[]> {
  return entries.map((entry) => {
    const label = (entry.after ?? entry.before)?.label;
    return typeof label === 'string' ? label : null;
  });
}

/** How the audit log reads offers' entries: by title, with their fields in words. */
export const OFFER_AUDIT_READING: Record<string, AuditTargetReading> = {
  [OfferAuditTarget.RESOURCE]: {
    labels: labelsOf,
    fields: {
      kind: { label: 'offerAudit.kind', value: { words: 'resourceKind.' } },
      title: { label: 'offerAudit.title' },
      quantity: { label: 'offerAudit.quantity' },
      measure: { label: 'offerAudit.measure' },
    },
  },
  [OfferAuditTarget.SERVICE]: {
    labels: labelsOf,
    fields: { title: { label: 'offerAudit.title' }, capacity: { label: 'offerAudit.capacity' } },
  },
  [OfferAuditTarget.PLEDGE_REQUEST]: {
    labels: labelsOf,
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
