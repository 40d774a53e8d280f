// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once. They match the columns of topic.entity.ts.

export const TOPIC_TITLE_MAX = 100;
export const TOPIC_DESCRIPTION_MAX = 5000;
export const TOPIC_DECLINE_REASON_MAX = 500;
export const TOPIC_STAGE_NOTE_MAX = 500;
export const TOPIC_SEARCH_MAX = 50;
/** A community's support threshold: at least one support, at most a thousand. */
export const TOPIC_THRESHOLD_MIN = 1;
export const TOPIC_THRESHOLD_MAX = 1000;

/** A resident raises a few topics a month; more in an hour is a script. */
export const TOPIC_PROPOSE_RATE_LIMIT = {
  name: 'topic.propose',
  per: 'person',
  limit: 20,
  windowSeconds: 3600,
} as const;
/** Supporting the topics of one's community, one tap each. */
export const TOPIC_SUPPORT_RATE_LIMIT = {
  name: 'topic.support',
  per: 'person',
  limit: 120,
  windowSeconds: 3600,
} as const;
