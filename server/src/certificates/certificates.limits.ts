// Plain constants with no imports: the server validates with them and the web app imports them.

/** The longest period one certificate covers. */
export const CERTIFICATE_PERIOD_MAX_YEARS = 5;
export const CERTIFICATE_REVOKE_REASON_MIN = 2;
export const CERTIFICATE_REVOKE_REASON_MAX = 500;
/** Activities listed by name on the PDF; the rest are counted. */
export const CERTIFICATE_PDF_ACTIVITIES_MAX = 15;

/** Issuing is free, but each one is a PDF and a row: a person may issue 20 an hour. */
export const CERTIFICATE_ISSUE_RATE_LIMIT = {
  name: 'certificate.issue',
  per: 'person',
  limit: 20,
  windowSeconds: 3600,
} as const;

/** The public check, per address: a person checks a few, a guesser of codes is slowed down. */
export const CERTIFICATE_VERIFY_RATE_LIMIT = {
  name: 'certificate.verify',
  per: 'address',
  limit: 60,
  windowSeconds: 600,
} as const;
