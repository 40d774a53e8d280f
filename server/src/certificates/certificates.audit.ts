import type { AuditActionsOf } from '../audit/audit.vocabulary.js';

/** What the audit log records of certificates, as stored; CERTIFICATE_ISSUE, … in GraphQL. */
export const CertificateAuditAction = {
  ISSUE: 'certificate.issue',
  REVOKE: 'certificate.revoke',
} as const;
export type CertificateAuditAction = (typeof CertificateAuditAction)[keyof typeof CertificateAuditAction];
export const CertificateAuditTarget = {
  CERTIFICATE: 'Certificate',
} as const;

type CertificateAuditTargets = typeof CertificateAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'CERTIFICATE', typeof CertificateAuditAction> {}
  interface AuditTargets extends CertificateAuditTargets {}
}
