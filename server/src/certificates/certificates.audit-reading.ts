import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Certificate } from './certificate.entity.js';
import { CertificateAuditTarget } from './certificates.audit.js';

/** How the audit log reads entries about certificates: by the printed code. */
export const CERTIFICATE_AUDIT_READING: Record<string, AuditTargetReading> = {
  [CertificateAuditTarget.CERTIFICATE]: {
    async labels(em, entries) {
      const rows = await em.find(Certificate, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(rows.map((row) => [String(row.id), row.code])));
    },
    fields: {
      code: { label: 'certificateAudit.code' },
      reason: { label: 'certificateAudit.reason' },
    },
  },
};
