// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once.

export const PROJECT_TITLE_MAX = 100;
export const PROJECT_DESCRIPTION_MAX = 4000;
export const PROJECT_TASK_TITLE_MAX = 200;
export const CONTRIBUTION_DESCRIPTION_MAX = 500;
/**
 * The largest budget or contribution value, in yuan: a community project is far below 100 million;
 * anything above is a typo (an extra zero or two), not a gift.
 */
export const PROJECT_MONEY_MAX = 100_000_000;
/** Needs one call may add to a project. */
export const PROJECT_NEEDS_PER_CALL_MAX = 50;
/** Photos one call may attach, and one project may carry in all. */
export const PROJECT_PHOTOS_PER_CALL_MAX = 9;
export const PROJECT_PHOTOS_MAX = 60;
/** Tasks one project may carry: a checklist, not a project plan. */
export const PROJECT_TASKS_MAX = 100;
