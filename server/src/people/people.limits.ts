// Plain constants with no imports, shared with the web app (see needs/needs.limits.ts).

export const DISPLAY_NAME_MAX = 50;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

/** Registrations per client address (there is no person yet), enforced by platform/rate-limit.ts. */
export const REGISTER_RATE_LIMIT = {
  name: 'account.register',
  per: 'address',
  limit: 10,
  windowSeconds: 3600,
} as const;
