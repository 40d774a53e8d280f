// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once.

export const PLEDGE_DESCRIPTION_MAX = 1000;
/** Staff's note on confirming, the pledger's reason for withdrawing. */
export const PLEDGE_NOTE_MAX = 1000;
export const PLEDGE_MEASURE_MAX = 20;
/** The largest quantity a pledge may name (the column holds 14 digits, 2 after the point). */
export const PLEDGE_QUANTITY_MAX = 1_000_000_000;
/** Evidence photos one confirmation may carry. */
export const PLEDGE_PHOTOS_MAX = 6;

/** Pledges one person may make in an hour (for themselves or their units): plenty for a busy representative, a wall for a script. */
export const PLEDGE_RATE_LIMIT = { name: 'pledge.make', per: 'person', limit: 60, windowSeconds: 3600 } as const;
