import { client } from './client';
import { NeedsQuery, type NeedListItem } from './needs';
import type { VariablesOf } from './graphql';
import { toFormErrors, type FormErrors, noErrors } from './errors';

export type NeedFilter = NonNullable<VariablesOf<typeof NeedsQuery>['filter']>;

export interface NeedList {
	readonly items: NeedListItem[];
	readonly total: number | null;
	readonly hasNext: boolean;
	readonly busy: boolean;
	readonly errors: FormErrors;
	/** Fetches the first page again with the current filter (or keeps as many rows as are shown). */
	reload(keepLength?: boolean): Promise<void>;
	loadMore(): Promise<void>;
	/** Puts a changed need in place (e.g. after supporting it). */
	replace(need: NeedListItem): void;
}

/**
 * A paged list of needs as rune state. `filter` is read inside an effect: the list loads
 * again whenever the state it reads changes; return null to wait. Call from component setup.
 */
export function createNeedList(filter: () => NeedFilter | null, pageSize = 20): NeedList {
	let items = $state<NeedListItem[]>([]);
	let total = $state<number | null>(null);
	let hasNext = $state(false);
	let endCursor: string | null = null;
	let busy = $state(false);
	let errors = $state<FormErrors>(noErrors());
	let current: NeedFilter | null = null;
	let generation = 0;

	async function fetchPage(after: string | null, first: number) {
		if (!current) return;
		const mine = ++generation;
		busy = true;
		const result = await client
			.query(NeedsQuery, { filter: current, first, after }, { requestPolicy: 'network-only' })
			.toPromise();
		if (mine !== generation) return; // a newer request is on its way
		busy = false;
		if (result.error || !result.data) {
			errors = toFormErrors(result.error);
			return;
		}
		errors = noErrors();
		const conn = result.data.needs;
		const nodes = conn.edges.map((e) => e.node);
		items = after ? [...items, ...nodes] : nodes;
		total = conn.totalCount;
		endCursor = conn.pageInfo.endCursor ?? null;
		hasNext = conn.pageInfo.hasNextPage;
	}

	$effect(() => {
		const f = filter();
		current = f ? $state.snapshot(f) as NeedFilter : null;
		if (current) fetchPage(null, pageSize);
	});

	return {
		get items() {
			return items;
		},
		get total() {
			return total;
		},
		get hasNext() {
			return hasNext;
		},
		get busy() {
			return busy;
		},
		get errors() {
			return errors;
		},
		reload(keepLength = false) {
			return fetchPage(null, keepLength ? Math.min(Math.max(items.length, pageSize), 100) : pageSize);
		},
		loadMore() {
			return fetchPage(endCursor, pageSize);
		},
		replace(need) {
			items = items.map((n) => (n.id === need.id ? need : n));
		}
	};
}
