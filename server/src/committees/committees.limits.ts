// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once. They match the columns of committee.entity.ts.

export const COMMITTEE_NAME_MAX = 100;
export const COMMITTEE_MEMBER_TITLE_MAX = 50;
/** A term (任期) is five years by law; ten leaves room for an extended one and refuses a typo'd year. */
export const COMMITTEE_TERM_MAX_YEARS = 10;

export const COMMITTEE_CREATE_RATE_LIMIT = {
  name: 'committee.create',
  per: 'person',
  limit: 100,
  windowSeconds: 3600,
} as const;
