// Plain constants with no imports: the server validates with them and the web app imports them.

export const TEAM_NAME_MAX = 50;
export const TEAM_DESCRIPTION_MAX = 1000;
/** Leaders named when a team is created. */
export const TEAM_LEADERS_MAX = 10;
export const TEAM_DECLINE_REASON_MAX = 500;
