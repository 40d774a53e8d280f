// Plain constants with no imports, shared with the web app (see needs/needs.limits.ts).

export const DISPLAY_NAME_MAX = 50;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
