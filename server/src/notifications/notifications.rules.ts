/**
 * Quiet hours are local times in Asia/Shanghai. China keeps UTC+8 all year (no daylight
 * saving since 1991), so the arithmetic is a fixed offset, not a time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const msOfDay = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60 * 1000;

/**
 * When quiet hours `from`–`to` (they may span midnight: 22:00–07:00) hold at `now`, the moment
 * they end; otherwise null (send now). No quiet hours when either is missing or both are equal.
 */
export function quietHoursEnd(now: Date, from: string | null | undefined, to: string | null | undefined): Date | null {
  if (!from || !to || from === to || !TIME_OF_DAY.test(from) || !TIME_OF_DAY.test(to)) return null;
  const local = (((now.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  const start = msOfDay(from);
  const end = msOfDay(to);
  const quiet = start < end ? local >= start && local < end : local >= start || local < end;
  if (!quiet) return null;
  return new Date(now.getTime() + ((end - local + DAY_MS) % DAY_MS));
}

export type QuietHoursProblem = 'quietTimeFormat' | 'quietHoursPair';

/** What is wrong with quiet hours as a person set them, field by field; empty when they are fine. */
export function checkQuietHours(
  from: string | null | undefined,
  to: string | null | undefined,
): Partial<Record<'quietFrom' | 'quietTo', QuietHoursProblem>> {
  const problems: Partial<Record<'quietFrom' | 'quietTo', QuietHoursProblem>> = {};
  if (from != null && !TIME_OF_DAY.test(from)) problems.quietFrom = 'quietTimeFormat';
  if (to != null && !TIME_OF_DAY.test(to)) problems.quietTo = 'quietTimeFormat';
  if (Object.keys(problems).length > 0) return problems;
  // Both or neither, and a span of some length.
  if ((from == null) !== (to == null) || (from != null && from === to)) {
    problems[from == null ? 'quietFrom' : 'quietTo'] = 'quietHoursPair';
  }
  return problems;
}
