/** The periods one tap away; "custom" shows two dates. */
export type PeriodKind = 'all' | 'thisYear' | 'lastYear' | 'custom';

/** A day's start in China (the app's time zone), as the server's DateTime. */
export const dayStart = (date: string): string => new Date(`${date}T00:00:00+08:00`).toISOString();
/** The day after a date, at its start: the period's end, exclusive. */
export const dayAfter = (date: string): string =>
  new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000).toISOString();

export function periodOf(kind: PeriodKind, from: string, to: string): { from: string | null; to: string | null } {
  const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Shanghai' }).format(new Date()));
  switch (kind) {
    case 'all':
      return { from: null, to: null };
    case 'thisYear':
      return { from: dayStart(`${year}-01-01`), to: null };
    case 'lastYear':
      return { from: dayStart(`${year - 1}-01-01`), to: dayStart(`${year}-01-01`) };
    case 'custom':
      return { from: from ? dayStart(from) : null, to: to ? dayAfter(to) : null };
  }
}

/** The report's address for a period, in a format, from the address the server gives (null: not mine to download). */
export function reportHref(
  reportUrl: string,
  format: 'pdf' | 'xlsx',
  period: { from: string | null; to: string | null },
): string {
  const url = new URL(reportUrl, 'http://x');
  url.pathname = /\.(pdf|xlsx)$/.test(url.pathname)
    ? url.pathname.replace(/\.(pdf|xlsx)$/, `.${format}`)
    : `${url.pathname}.${format}`;
  url.searchParams.delete('from');
  url.searchParams.delete('to');
  if (period.from) url.searchParams.set('from', period.from);
  if (period.to) url.searchParams.set('to', period.to);
  return url.pathname + url.search;
}
