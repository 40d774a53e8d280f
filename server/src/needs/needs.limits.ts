// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once.

export const NEED_TITLE_MAX = 80;
export const NEED_DESCRIPTION_MAX = 2000;
export const NEED_NOTE_MAX = 1000;
/** Photos one need may carry. */
export const NEED_PHOTOS_MAX = 6;
/** Needs one batch 派单 may name. */
export const NEED_BATCH_MAX = 50;

/**
 * Write limits per person (enforced by platform/rate-limit.ts): generous for a grid worker
 * logging a patrol, a wall for a script.
 */
export const NEED_RAISE_RATE_LIMIT = { name: 'need.raise', per: 'person', limit: 60, windowSeconds: 3600 } as const;
export const NEED_COMMENT_RATE_LIMIT = { name: 'need.comment', per: 'person', limit: 60, windowSeconds: 3600 } as const;
