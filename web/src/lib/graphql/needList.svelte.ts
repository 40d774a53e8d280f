import { client } from './client';
import { NeedsQuery, type NeedListItem } from './needs';
import type { VariablesOf } from './graphql';
import type { FormErrors } from './errors';
import { PagedList } from './form.svelte';

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
  const list = new PagedList<NeedListItem>();
  let current: NeedFilter | null = null;
  let generation = 0;

  async function fetchPage(after: string | null, first: number) {
    if (!current) return;
    const mine = ++generation;
    const data = await list.run(
      client.query(NeedsQuery, { filter: current, first, after }, { requestPolicy: 'network-only' }),
      () => mine !== generation, // a newer request is on its way
    );
    if (data) list.take(data.needs, after);
  }

  $effect(() => {
    const f = filter();
    current = f ? ($state.snapshot(f) as NeedFilter) : null;
    if (current) fetchPage(null, pageSize);
  });

  return {
    get items() {
      return list.items;
    },
    get total() {
      return list.total;
    },
    get hasNext() {
      return list.hasNext;
    },
    get busy() {
      return list.busy;
    },
    get errors() {
      return list.errors;
    },
    reload(keepLength = false) {
      return fetchPage(null, keepLength ? Math.min(Math.max(list.items.length, pageSize), 100) : pageSize);
    },
    loadMore() {
      return fetchPage(list.endCursor, pageSize);
    },
    replace(need) {
      list.items = list.items.map((n) => (n.id === need.id ? need : n));
    },
  };
}
