// Plain constants with no imports: the server validates with them and the web app may import them.

/** Bytes of one uploaded photo, whichever feature takes it. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** Photo uploads per person (platform/rate-limit.ts), over every upload target: six photos a need is far below it. */
export const PHOTO_UPLOAD_RATE_LIMIT = { name: 'photo.upload', per: 'person', limit: 60, windowSeconds: 3600 } as const;

/** Uploaded photos that nothing took within this time are deleted. */
export const ABANDONED_PHOTO_HOURS = 24;
