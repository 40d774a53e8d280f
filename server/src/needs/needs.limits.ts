// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once.

export const NEED_TITLE_MAX = 80;
export const NEED_DESCRIPTION_MAX = 2000;
export const NEED_NOTE_MAX = 1000;
/** Photos one need may carry. */
export const NEED_PHOTOS_MAX = 6;
/** Bytes of one uploaded photo. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
