// Plain constants with no imports: the server validates with them and the web app imports them.

export const OBJECTION_REASON_MIN = 5;
export const OBJECTION_REASON_MAX = 1000;
export const OBJECTION_ANSWER_MAX = 1000;

/** Objections one person may lodge in an hour: plenty for real concerns, a wall for a script. */
export const OBJECTION_RATE_LIMIT = { name: 'objection.lodge', per: 'person', limit: 20, windowSeconds: 3600 } as const;
