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
