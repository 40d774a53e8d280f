import { getLocale } from '$lib/paraglide/runtime.js';

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
