// Plain constants with no imports, shared with the web app (see needs/needs.limits.ts).

export const AREA_NAME_MAX = 100;
