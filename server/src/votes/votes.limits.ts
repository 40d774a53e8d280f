// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once.

export const VOTE_TITLE_MAX = 200;
export const VOTE_DESCRIPTION_MAX = 5000;
export const VOTE_OPTION_LABEL_MAX = 200;
export const VOTE_OPTIONS_MIN = 2;
export const VOTE_OPTIONS_MAX = 20;
/** The longest a vote may stay open. */
export const VOTE_MAX_DAYS = 90;
/** How long a published result stays on the board for objections (公示期). */
export const VOTE_PUBLICITY_DAYS = 5;
/** VOTE_OPENED goes to each elector of a small electorate; a larger one finds the vote in its to-dos. */
export const VOTE_NOTIFY_MAX_ELECTORS = 2000;
/** A receipt as typed back by a person: anything longer is not one of ours. */
export const VOTE_RECEIPT_MAX = 64;

/** Receipts one person (or address) may check in an hour: plenty to check one's own, a wall for guessing. */
export const VERIFY_BALLOT_RATE_LIMIT = { name: 'vote.verify', per: 'person', limit: 60, windowSeconds: 3600 } as const;
/** Votes one staff member may open in an hour. */
export const OPEN_VOTE_RATE_LIMIT = { name: 'vote.open', per: 'person', limit: 60, windowSeconds: 3600 } as const;
