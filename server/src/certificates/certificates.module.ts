import type { Feature } from '../media/media.module.js';
import { CERTIFICATE_AUDIT_READING } from './certificates.audit-reading.js';
import { Certificate } from './certificate.entity.js';
import { CertificateAuditAction, CertificateAuditTarget } from './certificates.audit.js';
import { registerCertificatePdfRoute } from './certificates.pdf.js';
import {
  CertificatesResolver,
  NotificationCertificateResolver,
  VolunteerSummaryCertificatesResolver,
} from './certificates.resolver.js';

/** Certificates (志愿服务证明): issued free for a period, checked by anyone, revoked with a reason. */
export const certificatesModule: Feature = {
  entities: [Certificate],
  resolvers: [CertificatesResolver, VolunteerSummaryCertificatesResolver, NotificationCertificateResolver],
  routes: registerCertificatePdfRoute,
  auditVocabulary: {
    prefix: 'CERTIFICATE',
    actions: CertificateAuditAction,
    targets: CertificateAuditTarget,
    reading: CERTIFICATE_AUDIT_READING,
  },
};
