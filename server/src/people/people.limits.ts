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

/** One-time SMS codes: this many digits, valid this long, a new one at most this often per phone. */
export const SIGN_IN_CODE_LENGTH = 6;
export const SIGN_IN_CODE_MINUTES = 5;
export const SIGN_IN_CODE_RESEND_SECONDS = 60;
/** Wrong tries after which a code is dead (a new one must be asked for). */
export const SIGN_IN_CODE_MAX_WRONG_TRIES = 5;

/** Codes asked for one phone (whoever asks), enforced by platform/rate-limit.ts: one a minute, five an hour. */
export const SIGN_IN_CODE_PHONE_RESEND_LIMIT = {
  name: 'account.code.phone.minute',
  per: 'phone',
  limit: 1,
  windowSeconds: SIGN_IN_CODE_RESEND_SECONDS,
} as const;
export const SIGN_IN_CODE_PHONE_HOURLY_LIMIT = {
  name: 'account.code.phone.hour',
  per: 'phone',
  limit: 5,
  windowSeconds: 3600,
} as const;
/** Codes asked from one client address, for any phones (refused asks count too). */
export const SIGN_IN_CODE_ADDRESS_LIMIT = {
  name: 'account.code.address',
  per: 'address',
  limit: 20,
  windowSeconds: 3600,
} as const;
