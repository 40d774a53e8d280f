import type { AnyVariables, OperationResult } from '@urql/core';
import { m } from '#lib/paraglide/messages.js';
import { noErrors, toFormErrors, type FormErrors } from './errors';

/**
 * A form's busy flag and errors as rune state, with the submit steps in one place:
 *
 *     const form = new FormState();
 *     if (form.invalid(fields)) return;
 *     const data = await form.run(client.mutation(Doc, variables));
 *     if (!data) return; // form.errors shows why
 *
 * Every failure assigns a fresh errors object, so FormAlert moves focus each time.
 */
export class FormState {
  busy = $state(false);
  errors = $state<FormErrors>(noErrors());

  /** Shows the form's own messages per field when there are any; returns whether it did. */
  invalid(fields: Record<string, string>): boolean {
    if (Object.keys(fields).length === 0) return false;
    this.errors = { code: 'BAD_USER_INPUT', message: m.error_check_fields(), fields };
    return true;
  }

  /** Clears the errors. */
  clear(): void {
    this.errors = noErrors();
  }

  /**
   * Awaits the operation (what `client.mutation(…)` or `client.query(…)` returns) while
   * `busy`; returns its data, or null after setting the errors.
   * When `stale()` says, on its return, that a newer run has taken over, the result is
   * dropped and the state left to that run.
   */
  async run<Data, Variables extends AnyVariables>(
    operation: PromiseLike<OperationResult<Data, Variables>>,
    stale?: () => boolean,
  ): Promise<Data | null> {
    this.busy = true;
    const result = await operation;
    if (stale?.()) return null;
    this.busy = false;
    if (result.error || !result.data) {
      this.errors = toFormErrors(result.error);
      return null;
    }
    this.errors = noErrors();
    return result.data;
  }
}

/** A connection as the list queries select it. */
export interface Connection<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: Node }[];
}

/** A paged list's rows and where it stands, with the busy flag and errors of its loads. */
export class PagedList<Node> extends FormState {
  items = $state<Node[]>([]);
  total = $state<number | null>(null);
  hasNext = $state(false);
  endCursor = $state<string | null>(null);

  /** Shows a fetched page: the first (`after` null) in place of the rows, a later one after them. */
  take(connection: Connection<Node>, after: string | null): void {
    const nodes = connection.edges.map((e) => e.node);
    this.items = after ? [...this.items, ...nodes] : nodes;
    this.total = connection.totalCount;
    this.endCursor = connection.pageInfo.endCursor ?? null;
    this.hasNext = connection.pageInfo.hasNextPage;
  }
}
