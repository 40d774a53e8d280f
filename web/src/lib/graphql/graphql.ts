import { initGraphQLTada } from 'gql.tada';
import type { introspection } from '../../graphql-env.d.ts';

/** `graphql()` typed against schema/schema.graphql (see `npm run gen:web`). */
export const graphql = initGraphQLTada<{
  // Fragments keep selections in one place; the pages read their fields directly.
  disableMasking: true;
  introspection: introspection;
  scalars: {
    DateTime: string;
    JSON: unknown;
    ID: string;
  };
}>();

/** Where a page of a list ends, for "show more": every list query selects `pageInfo` with it. */
export const PageInfoFields = graphql(`
  fragment PageInfoFields on PageInfo {
    hasNextPage
    endCursor
  }
`);

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
