// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once. They match the columns of unit.entity.ts.

export const UNIT_NAME_MAX = 100;
export const UNIT_ADDRESS_MAX = 200;
export const UNIT_CONTACT_NAME_MAX = 50;
export const UNIT_PARTY_ORGANIZATION_MAX = 100;
export const REPORT_IN_REASON_MAX = 500;

/**
 * Write limits per person (platform/rate-limit.ts): a representative reporting in to a few
 * communities, or staff entering a street's units in an afternoon, stay far below them.
 */
export const REPORT_IN_RATE_LIMIT = { name: 'unit.reportIn', per: 'person', limit: 30, windowSeconds: 3600 } as const;
export const UNIT_CREATE_RATE_LIMIT = { name: 'unit.create', per: 'person', limit: 200, windowSeconds: 3600 } as const;
