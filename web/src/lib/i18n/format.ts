import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Area names from the top down, e.g. "幸福街道 · 和平社区 · 第一网格". */
export function areaPath(area: { name: string; ancestors?: { name: string }[] }): string {
  return [...(area.ancestors ?? []).map((a) => a.name), area.name].join(' · ');
}

/** A rate 0..1 as a whole percentage ("87%"), or a dash when there is nothing to measure. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** A number with at most one decimal ("3.5"), or a dash. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(value);
}

const unit = (u: 'hour' | 'day', value: number) =>
  new Intl.NumberFormat(getLocale(), { style: 'unit', unit: u, unitDisplay: 'long', maximumFractionDigits: 1 }).format(
    value,
  );

/** Hours as days where that reads better: "12 小时", "7 天", "36 小时（1.5 天）". */
export function formatHours(hours: number): string {
  if (hours < 24) return unit('hour', hours);
  if (hours % 24 === 0) return unit('day', hours / 24);
  return m.deadlines_hours_days({ hours: unit('hour', hours), days: unit('day', hours / 24) });
}

/** A day or more, in days ("7 天", "1.5 天"); null below a day. */
export function hoursAsDays(hours: number): string | null {
  return hours >= 24 ? unit('day', hours / 24) : null;
}
