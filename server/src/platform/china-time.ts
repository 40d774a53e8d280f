/**
 * China keeps UTC+8 all year (no daylight saving since 1991): times and days read as in Beijing,
 * whatever the server's zone, with a fixed offset and no time-zone database.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000;

const inChina = (date: Date) => new Date(date.getTime() + CHINA_OFFSET_MS).toISOString();

/** `2026-12-10 19:00`, as notices, notifications and exports show a time. */
export const chinaMinute = (date: Date): string => inChina(date).slice(0, 16).replace('T', ' ');

/** `2026-12-10`. */
export const chinaDay = (date: Date): string => inChina(date).slice(0, 10);
