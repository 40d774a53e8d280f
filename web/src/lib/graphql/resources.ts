import { graphql, PageInfoFields, type ResultOf } from './graphql';
import { AreaFields } from './areas';

/** What a row in a list of resources (资源清单) shows. */
export const ResourceListFields = graphql(
  `
    fragment ResourceListFields on Resource {
      id
      kind
      title
      description
      quantity
      measure
      quantityPledged
      quantityDelivered
      quantityRemaining
      availableFrom
      availableTo
      withdrawnAt
      createdAt
      availableActions
      unit {
        id
        name
      }
      offeredBy {
        id
        displayName
      }
      areas {
        ...AreaFields
      }
    }
  `,
  [AreaFields],
);

export type ResourceListItem = ResultOf<typeof ResourceListFields>;

export const ResourcesQuery = graphql(
  `
    query Resources($filter: ResourceFilter, $first: Int, $after: String) {
      resources(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...ResourceListFields
          }
        }
      }
    }
  `,
  [ResourceListFields, PageInfoFields],
);

export const OfferResourceMutation = graphql(
  `
    mutation OfferResource($input: OfferResourceInput!) {
      offerResource(input: $input) {
        ...ResourceListFields
      }
    }
  `,
  [ResourceListFields],
);

export const WithdrawResourceMutation = graphql(
  `
    mutation WithdrawResource($id: ID!) {
      withdrawResource(id: $id) {
        ...ResourceListFields
      }
    }
  `,
  [ResourceListFields],
);
