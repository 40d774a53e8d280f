import type { AnyVariables, DocumentInput, OperationResult, RequestPolicy } from '@urql/core';
import type { CombinedError } from '@urql/core';
import { client } from './client';

export interface QueryState<Data> {
  readonly data: Data | undefined;
  readonly error: CombinedError | undefined;
  readonly fetching: boolean;
  /** Fetch again from the network. */
  refetch(): void;
}

/**
 * A query as rune state. `variables` is read inside an effect, so the query re-runs when
 * the state it reads changes; return `null` to pause. Call from component setup.
 */
export function createQuery<Data, Variables extends AnyVariables>(
  query: DocumentInput<Data, Variables>,
  variables: () => Variables | null,
  options: { requestPolicy?: RequestPolicy } = {},
): QueryState<Data> {
  let data = $state<Data | undefined>(undefined);
  let error = $state<CombinedError | undefined>(undefined);
  let fetching = $state(false);
  let nonce = $state(0);

  $effect(() => {
    const vars = variables();
    const forceNetwork = nonce > 0;
    if (vars === null) {
      fetching = false;
      return;
    }
    fetching = true;
    const source = client.query(query, vars, {
      requestPolicy: forceNetwork ? 'network-only' : (options.requestPolicy ?? 'cache-and-network'),
    });
    const sub = source.subscribe((result: OperationResult<Data, Variables>) => {
      data = result.data ?? undefined;
      error = result.error;
      fetching = !!result.stale;
    });
    return () => sub.unsubscribe();
  });

  return {
    get data() {
      return data;
    },
    get error() {
      return error;
    },
    get fetching() {
      return fetching;
    },
    refetch() {
      nonce += 1;
    },
  };
}
