// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once.

export const RESOURCE_TITLE_MAX = 100;
export const RESOURCE_DESCRIPTION_MAX = 2000;
export const RESOURCE_MEASURE_MAX = 20;
/** The columns are numeric(14, 2): anything larger is a typo, not an offer. */
export const RESOURCE_QUANTITY_MAX = 1_000_000_000;
/** Areas one resource may serve. */
export const RESOURCE_AREAS_MAX = 20;
export const SERVICE_TITLE_MAX = 100;
export const SERVICE_DESCRIPTION_MAX = 2000;
export const SERVICE_PLACE_MAX = 200;
/** Places of one service: a hall, not a stadium. */
export const SERVICE_CAPACITY_MAX = 10_000;
export const SIGNUP_NOTE_MAX = 200;
export const PLEDGE_REQUEST_NOTE_MAX = 500;
export const PLEDGE_REQUEST_REASON_MAX = 500;
/** Matches one call may ask for. */
export const MATCHES_MAX = 50;
export const MATCHES_DEFAULT = 10;

/** Write limits per person (platform/rate-limit.ts): ample for a unit's representative, a wall for a script. */
export const OFFER_RATE_LIMIT = { name: 'offer.create', per: 'person', limit: 60, windowSeconds: 3600 } as const;
export const SIGNUP_RATE_LIMIT = { name: 'service.signup', per: 'person', limit: 60, windowSeconds: 3600 } as const;
export const PLEDGE_REQUEST_RATE_LIMIT = {
  name: 'pledge.request',
  per: 'person',
  limit: 120,
  windowSeconds: 3600,
} as const;
