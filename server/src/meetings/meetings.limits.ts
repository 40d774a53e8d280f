// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once.

export const MEETING_TITLE_MAX = 100;
export const MEETING_PLACE_MAX = 200;
export const MEETING_ONLINE_URL_MAX = 500;
export const MEETING_MINUTES_MAX = 20_000;
export const MEETING_CANCEL_REASON_MAX = 500;
/** Topics on one agenda: an evening's meeting, not a backlog. */
export const MEETING_TOPICS_MAX = 20;
/** People one call may invite (a street's joint meeting or a residents' council of a community). */
export const MEETING_INVITES_PER_CALL_MAX = 500;
/** How early people may check in before the start (they arrive early, the code is shown early). */
export const CHECK_IN_OPENS_HOURS_BEFORE = 2;
/** Without an end time, check-in closes this long after the start. */
export const CHECK_IN_DEFAULT_HOURS = 6;
/** A meeting may be entered afterwards (a paper record), but not one that started more than a day ago. */
export const MEETING_BACKDATE_HOURS_MAX = 24;
/** Nor one planned absurdly far ahead or lasting absurdly long. */
export const MEETING_AHEAD_DAYS_MAX = 366;
export const MEETING_DURATION_HOURS_MAX = 24;

/**
 * Self check-in: a wrong code counts as well, so six digits (a million codes, two valid at a
 * time) cannot be guessed before they change. Staff checking people in are not limited.
 */
export const CHECK_IN_RATE_LIMIT = { name: 'meeting.checkIn', per: 'person', limit: 10, windowSeconds: 300 } as const;
