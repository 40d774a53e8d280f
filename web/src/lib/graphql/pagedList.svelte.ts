import type { AnyVariables, DocumentInput } from '@urql/core';
import { client } from './client';
import { PagedList, type Connection } from './form.svelte';

/** A paged list as createPagedList gives it: rows, where it stands, and its loads. */
export interface PagedQuery<Node> {
  readonly list: PagedList<Node>;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
}

/**
 * Any list query with `first`/`after` as rune state (the needs have their own, createNeedList):
 * `variables` is read inside an effect and the first page loads again when it changes; return
 * null to wait. `pick` finds the connection in the answer. Call from component setup.
 */
export function createPagedList<
  Data,
  Variables extends AnyVariables & { first?: number | null; after?: string | null },
  Node,
>(
  query: DocumentInput<Data, Variables>,
  variables: () => Omit<Variables, 'first' | 'after'> | null,
  pick: (data: Data) => Connection<Node> | null | undefined,
  pageSize = 20,
): PagedQuery<Node> {
  const list = new PagedList<Node>();
  let current: Omit<Variables, 'first' | 'after'> | null = null;
  let generation = 0;

  async function fetchPage(after: string | null) {
    if (!current) return;
    const mine = ++generation;
    const vars = { ...current, first: pageSize, after } as unknown as Variables;
    const data = await list.run(
      client.query(query, vars, { requestPolicy: 'network-only' }),
      () => mine !== generation, // a newer request is on its way
    );
    const connection = data ? pick(data) : null;
    if (connection) list.take(connection, after);
  }

  $effect(() => {
    const v = variables();
    current = v ? ($state.snapshot(v) as Omit<Variables, 'first' | 'after'>) : null;
    if (current) fetchPage(null);
  });

  return {
    list,
    reload: () => fetchPage(null),
    loadMore: () => fetchPage(list.endCursor),
  };
}
