// Plain constants with no imports: the server validates with them and the web app imports them.

export const RESOLUTION_TITLE_MAX = 200;
export const RESOLUTION_NOTE_MAX = 1000;
/** Photos one progress update may carry. */
export const RESOLUTION_PHOTOS_MAX = 6;
/** The latest due date a resolution may be given, in days from now (about ten years). */
export const RESOLUTION_DUE_MAX_DAYS = 3660;
