import { graphql } from './graphql';

export const AreaFields = graphql(`
  fragment AreaFields on Area {
    id
    name
    kind
  }
`);

/** Children of an area, or the roots when parentId is null. */
export const AreasQuery = graphql(
  `
    query Areas($parentId: ID) {
      areas(parentId: $parentId) {
        ...AreaFields
      }
    }
  `,
  [AreaFields],
);

export const AreaQuery = graphql(
  `
    query Area($id: ID!) {
      area(id: $id) {
        ...AreaFields
        viewerCan
        ancestors {
          ...AreaFields
        }
        children {
          ...AreaFields
        }
      }
    }
  `,
  [AreaFields],
);

export const CreateAreaMutation = graphql(
  `
    mutation CreateArea($input: CreateAreaInput!) {
      createArea(input: $input) {
        ...AreaFields
        parent {
          id
        }
      }
    }
  `,
  [AreaFields],
);

export const UpdateAreaMutation = graphql(
  `
    mutation UpdateArea($input: UpdateAreaInput!) {
      updateArea(input: $input) {
        ...AreaFields
      }
    }
  `,
  [AreaFields],
);

/** What the server lets me do in one area (and its subtree). */
export const AreaCapabilitiesQuery = graphql(`
  query AreaCapabilities($id: ID!) {
    area(id: $id) {
      id
      viewerCan
    }
  }
`);

/** The topmost areas where I may do `capability`: where an area picker for it starts. */
export const MyAreasQuery = graphql(
  `
    query MyAreas($capability: AreaCapability!) {
      myAreas(capability: $capability) {
        ...AreaFields
      }
    }
  `,
  [AreaFields],
);
